"""Demo families: requesting and support families in every state, for the active municipalities.

Called at the end of ``demo.data.load()``. Everything is written through the real actions
(``families.actions``), acting as each municipality's demo coordinator, so every family passes
the same validation as one typed in by hand. Only what the actions date "today" (a decision, a
checked VOG, the timeline) is moved into the past afterwards with a queryset ``update()``, so the
lists look like months of real work: waiting times from a week to four months, a VOG that expires
next month and one that has expired.

Idempotent (a municipality that already has families is left alone) and deterministic
(``random.Random(2026)`` and Faker ``nl_NL`` seeded with 2026; dates are relative to today).
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.utils import timezone
from faker import Faker

from buurtgezinnen import policy
from buurtgezinnen.core.unchanged import UNCHANGED
from buurtgezinnen.families import actions
from buurtgezinnen.families.actions import Application, ChildData, HouseholdFacts, PersonData
from buurtgezinnen.families.models import (
    Category,
    Channel,
    CompetenceCriterion,
    DayPart,
    Family,
    FamilyEvent,
    Frequency,
    Kind,
    Person,
    Poverty,
    Rating,
    Referrer,
    ServiceOrganisation,
    Source,
    Status,
    SupportType,
    Vog,
)
from buurtgezinnen.geo import postcodes
from buurtgezinnen.org.models import Municipality, Role, RoleAssignment, User

SEED = 2026

# The municipalities where the programme runs today (not Leusden: starts 2027; not Soest).
ACTIVE = ("GM0344", "GM0307", "GM0355", "GM0310", "GM0321")

# What each municipality gets, one scenario per family (see _RequestBuilder / _SupportBuilder).
REQUEST_PLAN: dict[str, tuple[str, ...]] = {
    "GM0344": (
        "new_form",
        "new_form",
        "new_phone",
        "new_referral",
        "intake_planned",
        "intake_held",
        "waiting",
        "waiting",
        "waiting",
        "waiting",
        "referred",
        "declined",
        "withdrawn_waiting",
    ),
    "GM0307": (
        "new_form",
        "new_referral",
        "new_phone",
        "intake_planned",
        "intake_held",
        "waiting",
        "waiting",
        "waiting",
        "referred",
        "referred",
        "declined",
        "withdrawn_intake",
    ),
    "GM0355": ("new_form", "intake_held", "waiting", "waiting", "referred"),
    "GM0310": ("new_referral", "intake_planned", "waiting", "declined"),
    "GM0321": ("new_form", "intake_held", "waiting", "withdrawn_new"),
}
SUPPORT_PLAN: dict[str, tuple[str, ...]] = {
    "GM0344": (
        "new",
        "new",
        "screening_requested",
        "screening_unchecked",
        "available",
        "available",
        "available_expiring",
        "available_expired",
        "not_approved",
        "withdrawn",
    ),
    "GM0307": (
        "new",
        "screening_requested",
        "screening_unchecked",
        "available",
        "available",
        "available_expiring",
        "available_expired",
        "not_approved",
        "withdrawn",
    ),
    "GM0355": ("new", "screening_unchecked", "available", "available_expiring"),
    "GM0310": ("screening_requested", "available", "withdrawn"),
    "GM0321": ("new", "screening_requested", "available"),
}

# --- the competence profile (national office) -------------------------------------------------

CRITERIA: tuple[tuple[str, str], ...] = (
    (
        "Stabiele gezinssituatie",
        "Het eigen gezin is in balans: vaste woonplek, geen crisis, ruimte voor een ander.",
    ),
    (
        "Tijd en ruimte om te steunen",
        "Kan voor langere tijd een vast dagdeel per week of om de week vrijmaken.",
    ),
    (
        "Respect voor andere opvoedstijlen en culturen",
        "Oordeelt niet; kan omgaan met verschillen in opvoeding, geloof, taal en gewoonten.",
    ),
    (
        "Kan grenzen aangeven",
        "Zegt wat wel en niet kan, tegen het vraaggezin en tegen de coördinator.",
    ),
    (
        "Geen hulpverlenersrol",
        "Is er als gewoon gezin in de buurt: neemt de opvoeding niet over, gaat niet hulpverlenen.",
    ),
    (
        "Betrouwbaar in afspraken",
        "Komt afspraken na en laat het op tijd weten als iets niet lukt.",
    ),
    (
        "Houdt rekening met privacy",
        "Praat niet met anderen over het vraaggezin en bespreekt zorgen met de coördinator.",
    ),
    (
        "Versterkt de eigen kracht van het gezin",
        "Laat ouders zelf doen wat ze kunnen en denkt mee, zonder over te nemen.",
    ),
)
# Notes a coordinator writes with "meets it"; an empty note is common too.
CRITERION_NOTES: dict[str, tuple[str, ...]] = {
    "Stabiele gezinssituatie": (
        "Woont al jaren op dit adres, werk en thuis zijn op orde.",
        "Rustig huishouden; er staan geen grote veranderingen op stapel.",
    ),
    "Tijd en ruimte om te steunen": (
        "De afgesproken middag is ook na de zomer vrij.",
        "Heeft bewust ruimte gemaakt in de week en wil zich voor langere tijd verbinden.",
    ),
    "Respect voor andere opvoedstijlen en culturen": (
        "Vertelt zonder oordeel over gezinnen in de eigen straat.",
        "Heeft via werk en school veel contact met gezinnen met een andere achtergrond.",
    ),
    "Kan grenzen aangeven": (
        "Gaf zelf aan dat logeren doordeweeks niet lukt.",
        "Zegt duidelijk wat wel en niet past bij het eigen gezin.",
    ),
    "Geen hulpverlenersrol": (
        "Begrijpt dat het om meeleven en gewone dingen gaat, niet om hulpverlenen.",
        "Weet dat zorgen naar de coördinator gaan en niet zelf worden opgelost.",
    ),
    "Betrouwbaar in afspraken": (
        "Reageerde steeds op tijd; VOG direct aangevraagd.",
        "Was bij beide gesprekken op tijd en goed voorbereid.",
    ),
    "Houdt rekening met privacy": (
        "Privacy en het melden van zorgen bij de coördinator besproken.",
        "Weet dat verhalen over het vraaggezin niet op verjaardagen thuishoren.",
    ),
    "Versterkt de eigen kracht van het gezin": (
        "Wil ouders laten meedoen en niets overnemen wat ze zelf kunnen.",
    ),
}

# --- the service directory ----------------------------------------------------------------------

# (e-mail name, organisation, category, note)
SERVICES: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "GM0344": (
        (
            "buurtteam.noordwest",
            "Buurtteam Jeugd en Gezin Utrecht-Noordwest",
            Category.DISTRICT_TEAM,
            "Zuilen, Ondiep en Pijlsweerd. Vragen over opvoeden, geld, wonen en gezondheid; "
            "ook de eerste stap naar Veilig Thuis.",
        ),
        (
            "buurtteam.overvecht",
            "Buurtteam Jeugd en Gezin Overvecht",
            Category.DISTRICT_TEAM,
            "Inloopspreekuur op dinsdag- en donderdagochtend in het wijkcentrum.",
        ),
        (
            "jeugdhulp.utrecht",
            "Jeugdhulp Utrecht Stad",
            Category.YOUTH_CARE,
            "Specialistische jeugdhulp; toegang via het buurtteam of de huisarts.",
        ),
        (
            "geldzorgen.utrecht",
            "Schuldhulpverlening Utrecht",
            Category.DEBT_HELP,
            "Gratis hulp bij schulden en betalingsachterstanden; bellen kan zonder verwijzing.",
        ),
        (
            "jgz.utrecht",
            "GGD regio Utrecht, Jeugdgezondheidszorg Utrecht",
            Category.GGD,
            "Consultatiebureau en jeugdverpleegkundige, 0 tot 18 jaar.",
        ),
        (
            "opvoedsteunpunt.utrecht",
            "Opvoedsteunpunt Utrecht",
            Category.PARENTING_SUPPORT,
            "Opvoedspreekuur en oudercursussen, ook in het Arabisch en het Turks.",
        ),
        (
            "ggz.jeugd.utrecht",
            "GGZ Jeugd en Volwassenen Utrecht",
            Category.MENTAL_HEALTH,
            "Via de huisarts; bij crisis de huisartsenpost.",
        ),
    ),
    "GM0307": (
        (
            "wijkteam.noord",
            "Sociaal Wijkteam Amersfoort-Noord",
            Category.DISTRICT_TEAM,
            "Kruiskamp, Liendert en Rustenburg. Eén aanspreekpunt voor het hele gezin.",
        ),
        (
            "wijkteam.vathorst",
            "Sociaal Wijkteam Vathorst en Hooglanderveen",
            Category.DISTRICT_TEAM,
            "Spreekuur op woensdag in de bibliotheek Vathorst.",
        ),
        (
            "jeugdteam.amersfoort",
            "Jeugd- en Gezinsteam Amersfoort",
            Category.YOUTH_CARE,
            "Jeugdhulp voor kinderen en jongeren tot 18 jaar; ook na verwijzing door de huisarts.",
        ),
        (
            "schuldhulp.amersfoort",
            "Schuldhulp Amersfoort",
            Category.DEBT_HELP,
            "Hulp bij schulden en geldzaken, met vrijwillige thuisadministrateurs.",
        ),
        (
            "jgz.amersfoort",
            "GGD regio Utrecht, Jeugdgezondheidszorg Amersfoort",
            Category.GGD,
            "Consultatiebureau en jeugdverpleegkundige op school.",
        ),
        (
            "cjg.amersfoort",
            "Centrum voor Jeugd en Gezin Amersfoort",
            Category.PARENTING_SUPPORT,
            "Opvoedadvies, cursussen voor ouders en een inloop voor jonge ouders.",
        ),
        (
            "mw.amersfoort",
            "Maatschappelijk Werk Eemland",
            Category.SOCIAL_WORK,
            "Kortdurende hulp bij relatieproblemen, rouw en psychische klachten.",
        ),
    ),
    "GM0355": (
        (
            "sociaalteam.zeist",
            "Sociaal Team Zeist",
            Category.DISTRICT_TEAM,
            "Voor alle inwoners; aanmelden via het algemene nummer.",
        ),
        (
            "jeugdteam.zeist",
            "Jeugdteam Zeist",
            Category.YOUTH_CARE,
            "Jeugdhulp en opvoedondersteuning thuis.",
        ),
        (
            "schuldhulp.zeist",
            "Schuldhulp Zeist",
            Category.DEBT_HELP,
            "Budgetcoaching en schuldregeling.",
        ),
        (
            "jgz.zeist",
            "GGD regio Utrecht, consultatiebureau Zeist",
            Category.GGD,
            "Consultatiebureau 0-4 jaar en jeugdverpleegkundige.",
        ),
        (
            "opvoedpunt.zeist",
            "Opvoedpunt Zeist",
            Category.PARENTING_SUPPORT,
            "Opvoedspreekuur op maandag en een oudergroep 'Pubers in huis'.",
        ),
        (
            "mw.zeist",
            "Maatschappelijk Werk Zeist",
            Category.SOCIAL_WORK,
            "Inloopspreekuur in het gezondheidscentrum.",
        ),
    ),
    "GM0310": (
        (
            "sociaalteam.debilt",
            "Sociaal Team De Bilt",
            Category.DISTRICT_TEAM,
            "Voor Bilthoven, De Bilt, Maartensdijk, Groenekan en Westbroek.",
        ),
        (
            "jeugdteam.debilt",
            "Jeugdteam De Bilt",
            Category.YOUTH_CARE,
            "Jeugdhulp thuis en op school.",
        ),
        (
            "schuldhulp.debilt",
            "Schuldhulp De Bilt",
            Category.DEBT_HELP,
            "Vrijwillige schuldhulpmaatjes en budgetcursussen.",
        ),
        (
            "jgz.debilt",
            "GGD regio Utrecht, consultatiebureau Bilthoven",
            Category.GGD,
            "Consultatiebureau en jeugdverpleegkundige.",
        ),
        (
            "opvoedadvies.debilt",
            "Opvoedadvies De Bilt",
            Category.PARENTING_SUPPORT,
            "Telefonisch opvoedspreekuur en cursussen.",
        ),
    ),
    "GM0321": (
        (
            "wijkteam.houten",
            "Sociaal Wijkteam Houten",
            Category.DISTRICT_TEAM,
            "Houten, Schalkwijk, 't Goy en Tull en 't Waal.",
        ),
        (
            "jeugdteam.houten",
            "Jeugdteam Houten",
            Category.YOUTH_CARE,
            "Jeugdhulp tot 18 jaar.",
        ),
        (
            "schuldhulp.houten",
            "Schuldhulp Houten",
            Category.DEBT_HELP,
            "Hulp bij schulden en geldzorgen, ook vroegsignalering.",
        ),
        (
            "jgz.houten",
            "GGD regio Utrecht, consultatiebureau Houten",
            Category.GGD,
            "Consultatiebureau en jeugdverpleegkundige op school.",
        ),
        (
            "opvoedsteun.houten",
            "Opvoedsteun Houten",
            Category.PARENTING_SUPPORT,
            "Opvoedspreekuur en cursus 'Positief opvoeden'.",
        ),
        (
            "mw.houten",
            "Maatschappelijk Werk Houten",
            Category.SOCIAL_WORK,
            "Kortdurende hulp voor volwassenen en gezinnen.",
        ),
    ),
}
AREA_CODES = {"GM0307": "033"}  # the others: 030

# --- names --------------------------------------------------------------------------------------

# origin -> (women, men, surnames); Polish surnames as (female form, male form).
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[Any, ...]]] = {
    "ma": (
        ("Fatima", "Samira", "Nadia", "Khadija", "Hanan", "Loubna", "Naima", "Houda"),
        ("Mohamed", "Youssef", "Rachid", "Said", "Hamza", "Karim", "Mustapha"),
        ("El Idrissi", "Bouzid", "Amrani", "El Khattabi", "Benali", "Azzouz", "Ouali", "Chaouch"),
    ),
    "sy": (
        ("Rasha", "Lina", "Hiba", "Noor", "Amal", "Reem", "Rana"),
        ("Ahmad", "Khaled", "Omar", "Bassel", "Mahmoud", "Fadi"),
        ("Alhassan", "Al-Khatib", "Haddad", "Darwish", "Al-Masri", "Hamdan"),
    ),
    "tr": (
        ("Ayşe", "Elif", "Fatma", "Zeynep", "Emine", "Hatice", "Özlem", "Derya"),
        ("Mehmet", "Mustafa", "Ahmet", "Hasan", "Murat", "Emre", "Serkan"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Koç"),  # noqa: RUF001
    ),
    "pl": (
        ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Anna", "Ewa", "Monika"),
        ("Piotr", "Tomasz", "Krzysztof", "Marek", "Paweł", "Łukasz"),
        (
            ("Kowalska", "Kowalski"),
            ("Nowak", "Nowak"),
            ("Wiśniewska", "Wiśniewski"),
            ("Wójcik", "Wójcik"),
            ("Kamińska", "Kamiński"),
            ("Lewandowska", "Lewandowski"),
            ("Zielińska", "Zieliński"),
        ),
    ),
    "er": (
        ("Selam", "Senait", "Helen", "Rahel", "Yohana", "Mebrat", "Saba", "Freweini"),
        ("Yonas", "Tesfay", "Daniel", "Michael", "Kibrom", "Filmon", "Mussie"),
        ("Tesfay", "Gebremedhin", "Haile", "Kidane", "Tekle", "Berhane", "Woldu"),
    ),
    "gh": (
        ("Akosua", "Efua", "Abigail", "Patience", "Adwoa"),
        ("Kwabena", "Samuel", "Emmanuel", "Kofi"),
        ("Mensah", "Owusu", "Boateng", "Asante", "Appiah"),
    ),
}
CHILD_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ma": (
        ("Yasmine", "Sara", "Nora", "Lina", "Aya", "Imane", "Malak"),
        ("Adam", "Ilias", "Rayan", "Amir", "Zakaria", "Ayoub", "Bilal"),
    ),
    "sy": (
        ("Jana", "Lama", "Maya", "Tala", "Hala", "Rahaf"),
        ("Rami", "Karam", "Yamen", "Zaid", "Omar", "Yousef"),
    ),
    "tr": (
        ("Ecrin", "Defne", "Elif", "Miray", "Asel", "Zeynep"),
        ("Eymen", "Yusuf", "Kerem", "Ömer", "Emir", "Alp"),
    ),
    "pl": (
        ("Zuzanna", "Julia", "Maja", "Lena", "Hanna", "Zofia"),
        ("Jakub", "Antoni", "Filip", "Szymon", "Kacper", "Jan"),
    ),
    "er": (
        ("Eden", "Lidya", "Ruth", "Winta", "Selam", "Hermela"),
        ("Nahom", "Abel", "Hermon", "Samuel", "Biniam", "Yafet"),
    ),
    "gh": (("Abena", "Grace", "Olivia", "Ama"), ("Kwame", "Kofi", "Noah", "Daniel")),
}
LANGUAGES = {
    "nl": ("Nederlands", "Nederlands", "Nederlands, Engels"),
    "ma": ("Nederlands, Arabisch", "Arabisch, Nederlands"),
    "sy": ("Arabisch, Engels", "Arabisch"),
    "tr": ("Turks, Nederlands", "Turks"),
    "pl": ("Pools, Engels", "Pools"),
    "er": ("Tigrinya, Engels", "Tigrinya"),
    "gh": ("Engels",),
}
# Surnames partners do not share in these naming traditions.
OWN_SURNAMES = frozenset({"ma", "sy", "er"})
SCHOOLS = (
    "OBS De Regenboog",
    "CBS De Fontein",
    "Daltonschool Het Kompas",
    "IKC De Vlinder",
    "Jenaplanschool De Boomgaard",
    "Montessorischool De Zonnewijzer",
)
REFERRER_ROLES = {
    Referrer.SCHOOL: "intern begeleider",
    Referrer.DISTRICT_TEAM: "medewerker buurtteam",
    Referrer.GP: "praktijkondersteuner jeugd",
    Referrer.YOUTH_CARE: "jeugdhulpverlener",
}
REFERRAL_NOTES = {
    Referrer.SCHOOL: (
        "{ouder} vertelde bij het oudergesprek dat het thuis zwaar is. {kind} komt vaak moe op "
        "school en heeft na het weekend weinig te vertellen. {ouder} weet van deze aanmelding en "
        "wil graag een gesprek."
    ),
    Referrer.DISTRICT_TEAM: (
        "Wij begeleiden het gezin licht vanuit het buurtteam. Wat ontbreekt is een gewoon netwerk "
        "om het gezin heen; dat kunnen wij niet bieden. De ouders zijn gemotiveerd en op de "
        "hoogte van de aanmelding."
    ),
    Referrer.GP: (
        "{ouder} komt regelmatig op het spreekuur met klachten die passen bij overbelasting. Een "
        "steungezin kan ontlasten. Toestemming voor deze aanmelding is gegeven."
    ),
    Referrer.YOUTH_CARE: (
        "Ons traject wordt binnenkort afgesloten. Om te zorgen dat het goed blijft gaan, zoeken "
        "we een steunend gezin in de buurt. Ouders staan er positief tegenover."
    ),
}
# A phone application: who tipped the family off, and the channel that is.
PHONE_TIPS = (
    ("de juf van {kind}", Channel.SCHOOL),
    ("het consultatiebureau", Channel.HEALTH_CENTRE),
    ("een buurvrouw", Channel.OTHER),
    ("een flyer in de bibliotheek", Channel.OTHER),
)
GP_PRACTICES = (
    "Huisartsenpraktijk De Linde",
    "Gezondheidscentrum De Brug",
    "Huisartsen Het Plein",
    "Huisartsenpraktijk Oost",
)
DAY_SETS: tuple[tuple[str, ...], ...] = (
    (DayPart.WED_AFTERNOON,),
    (DayPart.WED_AFTERNOON, DayPart.SAT_MORNING),
    (DayPart.FRI_AFTERNOON, DayPart.SAT_AFTERNOON),
    (DayPart.TUE_AFTERNOON, DayPart.THU_AFTERNOON),
    (DayPart.SAT_MORNING, DayPart.SAT_AFTERNOON),
)
LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


# --- stories: what coordinators hear and write down ------------------------------------------


@dataclass(frozen=True)
class Household:
    """Who lives in a requesting family: placeholders {ouder}, {partner}, {kind}, {jongste}."""

    origins: tuple[str, ...]
    partner: bool
    children: tuple[int, int]
    ages: tuple[int, int]
    contact: str = "v"  # v(rouw) or m(an)
    child_genders: tuple[str, ...] = ()  # fixed genders, oldest first ("v"/"m")


@dataclass(frozen=True)
class Story:
    """A requesting family's situation; the conversations fill in Conversation fields."""

    household: Household
    note: str  # the application in the family's own words
    asks: str  # one line for a phone note
    c1: dict[str, Any]
    c2: dict[str, Any] = field(default_factory=dict)
    day_parts: tuple[tuple[str, ...], ...] = ()
    facts: HouseholdFacts = field(default_factory=HouseholdFacts)
    category: str = ""  # referred: where to
    reason: str = ""  # referred / declined: the decision's reason
    held: int = 1  # referred / declined: conversations held before the decision


SUITABLE: tuple[Story, ...] = (
    Story(
        Household(("nl",), partner=False, children=(2, 2), ages=(4, 11)),
        note=(
            "Ik ben alleenstaande moeder van twee kinderen en werk in de thuiszorg. Na het werk "
            "heb ik weinig energie over. Het lijkt me fijn als ze een vaste middag ergens naartoe "
            "kunnen waar ze leuke dingen doen."
        ),
        asks="Zoekt een gezin waar de kinderen een vaste middag in de week terecht kunnen.",
        c1={
            "goes_well": (
                "{ouder} is betrokken en zorgt goed voor de basis: de kinderen gaan verzorgd en op "
                "tijd naar school. {kind} doet het goed op school en tekent graag."
            ),
            "is_hard": (
                "{ouder} werkt 24 uur in de thuiszorg, met wisselende diensten. Sinds de "
                "scheiding, twee jaar geleden, is ze vaak moe en heeft ze weinig geduld. {jongste} "
                "is druk en vraagt veel aandacht; voor {kind} blijft weinig tijd over."
            ),
            "network": (
                "Ouders van {ouder} wonen in Groningen en komen een paar keer per jaar. Contact "
                "met de vader van de kinderen is minimaal. Eén vriendin in de buurt, met zelf drie "
                "kinderen."
            ),
            "poverty": Poverty.YES,
            "finances_note": (
                "Rondkomen lukt net, er zijn geen schulden. Voor sport of uitjes is geen ruimte. "
                "Gewezen op het Jeugdfonds Sport & Cultuur en de minimaregeling van de gemeente."
            ),
            "support_wanted": [SupportType.FIXED_AFTERNOON, SupportType.SPORTS_ACTIVITIES],
            "notes": (
                "{ouder} staat open voor een steungezin: 'gewoon een gezellig gezin waar de "
                "kinderen even kind kunnen zijn'. Logeren vindt ze nog te spannend."
            ),
        },
        c2={
            "goes_well": (
                "{kind} vertelde zelf enthousiast over de klas en over voetballen op het "
                "schoolplein. De sfeer thuis is warm."
            ),
            "is_hard": (
                "Op woensdagmiddag werkt {ouder}; de kinderen gaan dan naar de buurvrouw, maar dat "
                "kan na de zomer niet meer."
            ),
            "notes": (
                "Tweede gesprek met {ouder} en beide kinderen. Afgesproken dat ik een "
                "wervingsprofiel maak; {ouder} leest het mee voordat het online gaat."
            ),
        },
        day_parts=((DayPart.WED_AFTERNOON,), (DayPart.WED_AFTERNOON, DayPart.SAT_MORNING)),
    ),
    Story(
        Household(("nl",), partner=True, children=(2, 2), ages=(5, 11), child_genders=("v",)),
        note=(
            "Ik heb sinds drie jaar MS en kan steeds minder. Mijn man werkt in ploegendienst. We "
            "willen graag dat onze kinderen af en toe ergens heen kunnen waar het rustig en "
            "gezellig is, en waar ze kunnen logeren."
        ),
        asks="Zoekt een gezin waar de kinderen af en toe kunnen logeren.",
        c1={
            "goes_well": (
                "Hecht gezin; de ouders werken goed samen en zijn open over de ziekte. {kind} zit "
                "op hockey en heeft vriendinnen in de straat."
            ),
            "is_hard": (
                "{ouder} heeft MS; vermoeidheid en pijn wisselen per week. {partner} werkt in "
                "ploegendienst bij de NS. In slechte weken komt veel op {kind} neer, die daardoor "
                "weinig zorgeloos kind kan zijn."
            ),
            "network": (
                "Een zus van {partner} woont in de buurt, maar heeft zelf een jong gezin. De "
                "ouders van {ouder} zijn overleden. Goed contact met de buren, die ze niet te veel "
                "willen vragen."
            ),
            "poverty": Poverty.NO,
            "finances_note": (
                "Financieel stabiel; {partner} heeft een vast contract. Wel extra kosten door de "
                "ziekte (eigen risico, aanpassingen in huis)."
            ),
            "support_wanted": [SupportType.SLEEPOVERS, SupportType.FIXED_AFTERNOON],
            "notes": (
                "Ouders willen vooral ontlasting in het weekend en zijn er duidelijk over: 'wij "
                "redden ons wel, maar zij moeten ook gewoon kind kunnen zijn'."
            ),
        },
        c2={
            "goes_well": (
                "De kinderen waren erbij; {jongste} liet trots de konijnen in de tuin zien."
            ),
            "is_hard": (
                "{kind} vertelt dat ze zich soms zorgen maakt om mama. Daar rustig samen over "
                "gesproken."
            ),
            "notes": (
                "Eén keer per maand logeren lijkt ouders een goed begin, naast een vaste middag "
                "om de week. Graag een gezin zonder hond: {jongste} is allergisch."
            ),
        },
        day_parts=((DayPart.FRI_AFTERNOON, DayPart.SAT_MORNING), (DayPart.SAT_AFTERNOON,)),
        facts=HouseholdFacts(has_pets=True, pets_note="twee konijnen", no_pets_wanted=True),
    ),
    Story(
        Household(("er",), partner=True, children=(3, 3), ages=(2, 10)),
        note=(
            "Wij zijn twee jaar in Nederland. Wij willen graag dat onze kinderen Nederlandse "
            "mensen leren kennen en beter Nederlands leren. Wij hebben hier geen familie."
        ),
        asks="Zoekt een gezin dat de kinderen helpt met Nederlands en met huiswerk.",
        c1={
            "goes_well": (
                "Warm gezin; ouders zijn trots op hun kinderen en erg gemotiveerd. {kind} spreekt "
                "al goed Nederlands en helpt thuis met vertalen."
            ),
            "is_hard": (
                "Het gezin woont sinds twee jaar als statushouder in de gemeente. {partner} volgt "
                "het inburgeringstraject en werkt in een kas; {ouder} leert nog Nederlands. "
                "Brieven van school en gemeente zijn moeilijk. {kind} draagt veel "
                "verantwoordelijkheid als tolk."
            ),
            "network": (
                "Contacten via de Eritrese kerk, vooral landgenoten in dezelfde situatie. Een "
                "taalmaatje van VluchtelingenWerk komt eens per week. Geen familie in Nederland."
            ),
            "poverty": Poverty.YES,
            "finances_note": (
                "Inkomen uit werk, aangevuld met een uitkering. Geen schulden bekend, wel weinig "
                "ruimte. Zwemles is er niet van gekomen; gewezen op het Jeugdfonds Sport & "
                "Cultuur."
            ),
            "support_wanted": [
                SupportType.HOMEWORK,
                SupportType.SPORTS_ACTIVITIES,
                SupportType.PARENTS_EVENINGS,
            ],
            "notes": (
                "Gesprek in het Nederlands en Engels; {kind} hielp af en toe met vertalen. Voor "
                "het tweede gesprek een tolk Tigrinya geregeld."
            ),
        },
        c2={
            "attendees": "{ouder}, {partner}, tolk Tigrinya (telefonisch)",
            "goes_well": (
                "Met tolk gesproken. Ouders vertellen open over wat goed gaat: de kinderen hebben "
                "vriendjes op school en {kind} zit op voetbal."
            ),
            "is_hard": (
                "{ouder} voelt zich overdag vaak alleen met {jongste}. Ouders weten niet goed hoe "
                "het Nederlandse schoolsysteem werkt."
            ),
            "notes": (
                "Ouders zoeken een gezin dat met de kinderen naar de bibliotheek of het zwembad "
                "gaat en eens meegaat naar een ouderavond, met geduld voor hun Nederlands."
            ),
        },
        day_parts=((DayPart.WED_AFTERNOON, DayPart.SAT_AFTERNOON),),
        facts=HouseholdFacts(religion_or_culture="Eritrees-orthodox"),
    ),
    Story(
        Household(
            ("nl",), partner=False, children=(1, 1), ages=(8, 12), contact="m", child_genders=("m",)
        ),
        note=(
            "Ik ben alleenstaande vader van een zoon met ADHD en werk fulltime. Sinds mijn moeder "
            "vorig jaar overleed is er niemand meer die eens oppast of met hem naar voetbal gaat."
        ),
        asks="Zoekt een gezin dat meegaat naar voetbal en een middag per week opvangt.",
        c1={
            "goes_well": (
                "{ouder} is een betrokken vader die veel weet van ADHD en duidelijke afspraken "
                "maakt. {kind} is sportief en grappig en zit op voetbal."
            ),
            "is_hard": (
                "{ouder} werkt fulltime als monteur. Na schooltijd gaat {kind} drie middagen naar "
                "de BSO, maar daar loopt het vaak mis. Sinds oma vorig jaar overleed is de enige "
                "oppas weg. {ouder} is moe en voelt zich alleen verantwoordelijk."
            ),
            "network": (
                "De moeder van {kind} woont in Spanje; contact via videobellen. Een broer van "
                "{ouder} woont in Rotterdam. Collega's zijn aardig, maar geen netwerk voor de "
                "opvoeding."
            ),
            "poverty": Poverty.NO,
            "finances_note": "Vast inkomen, geen schulden. De BSO is wel een flinke kostenpost.",
            "support_wanted": [SupportType.SPORTS_ACTIVITIES, SupportType.FIXED_AFTERNOON],
            "notes": (
                "{kind} heeft duidelijkheid en beweging nodig. Een steungezin met een tuin of een "
                "hond zou goed passen."
            ),
        },
        c2={
            "goes_well": (
                "{kind} was erbij en vertelde over de voetbalclub; hij wil graag 'een gezin met "
                "een hond'."
            ),
            "is_hard": (
                "Zaterdagochtend speelt {kind} wedstrijden; {ouder} heeft dan vaak dienst. "
                "Meegaan naar de wedstrijden is een concrete wens."
            ),
            "notes": (
                "Wervingsprofiel met de nadruk op sport en buiten zijn. Informatie over ADHD "
                "alleen met toestemming van {ouder} delen met het steungezin."
            ),
        },
        day_parts=((DayPart.SAT_MORNING,), (DayPart.WED_AFTERNOON, DayPart.SAT_MORNING)),
    ),
    Story(
        Household(("nl",), partner=False, children=(1, 1), ages=(1, 3), child_genders=("v",)),
        note=(
            "Ik wil graag dat mijn dochter ook eens ergens anders kan spelen. Ik heb niet veel "
            "mensen om me heen."
        ),
        asks="Zoekt een vast gezin voor haar dochter en om mee te praten over opvoeden.",
        c1={
            "goes_well": (
                "{ouder} (23) is lief voor {kind} en houdt zich aan de afspraken met het "
                "consultatiebureau. {kind} is een vrolijk kind en ontwikkelt zich goed."
            ),
            "is_hard": (
                "{ouder} heeft een licht verstandelijke beperking; plannen en overzicht houden is "
                "moeilijk. Een ambulant begeleider van het buurtteam komt twee uur per week. Ze "
                "zit veel alleen thuis en twijfelt aan zichzelf als moeder."
            ),
            "network": (
                "Contact met haar moeder is wisselend. De vader van {kind} is niet in beeld. Een "
                "vriendin van de mbo-opleiding komt soms langs."
            ),
            "poverty": Poverty.YES,
            "finances_note": (
                "Bijstandsuitkering; een bewindvoerder beheert de financiën. Er is weekgeld, "
                "rondkomen lukt, uitjes niet."
            ),
            "support_wanted": [SupportType.FIXED_AFTERNOON, SupportType.OTHER],
            "support_other": "een vast gezin om mee te praten over opvoeden",
            "notes": (
                "Gesprek in eenvoudige taal gevoerd en de afspraken op papier meegegeven. {ouder} "
                "wil graag 'een gezin waar ik zelf ook eens koffie kan drinken'."
            ),
        },
        c2={
            "attendees": "{ouder} en haar begeleider van het buurtteam",
            "goes_well": "{ouder} had zelf een lijstje met vragen gemaakt.",
            "is_hard": (
                "Afspraken vergeten gebeurt nog weleens; {ouder} gebruikt nu een weekplanner op "
                "de koelkast."
            ),
            "notes": (
                "Een steungezin met ervaring met jonge kinderen en geduld. Eerst samen met {ouder} "
                "kennismaken, later een vaste ochtend voor {kind} alleen. Begeleider en "
                "bewindvoerder zijn op de hoogte en positief."
            ),
        },
        day_parts=((DayPart.TUE_MORNING, DayPart.THU_MORNING), (DayPart.THU_MORNING,)),
    ),
    Story(
        Household(("ma",), partner=True, children=(3, 3), ages=(4, 12)),
        note=(
            "Ons middelste kind heeft autisme en vraagt heel veel zorg. Onze oudste komt daardoor "
            "tekort. Wij zoeken een gezin waar onze oudste een vaste middag heen kan en echt "
            "aandacht krijgt."
        ),
        asks="Zoekt een gezin met aandacht voor het oudste kind; het middelste kind heeft autisme.",
        c1={
            "goes_well": (
                "Liefdevolle ouders die goed samenwerken. {kind}, de oudste, is zorgzaam, leest "
                "veel en doet het goed op school."
            ),
            "is_hard": (
                "Het middelste kind heeft autisme en een verstandelijke beperking; de dagen "
                "draaien om voorspelbaarheid. {kind} past zich steeds aan, vraagt niets meer en "
                "zit veel alleen op de kamer. {ouder} is gestopt met werken om te kunnen zorgen."
            ),
            "network": (
                "Familie van {partner} woont in Amsterdam en helpt soms; familie van {ouder} woont "
                "in Marokko. Goede band met de moskee in de wijk, maar daar weet men weinig van "
                "autisme."
            ),
            "poverty": Poverty.NO,
            "finances_note": (
                "{partner} werkt als buschauffeur; met één inkomen is het krap, maar er zijn geen "
                "schulden."
            ),
            "support_wanted": [SupportType.FIXED_AFTERNOON, SupportType.SPORTS_ACTIVITIES],
            "notes": (
                "Hulp voor het middelste kind loopt via de jeugdhulp (logeeropvang). De vraag aan "
                "Buurtgezinnen gaat nadrukkelijk over {kind}."
            ),
        },
        c2={
            "goes_well": (
                "Apart gesproken met {kind}: wil graag naar een gezin waar het rustig is en waar "
                "je samen kunt koken of knutselen."
            ),
            "is_hard": "{kind} vindt het lastig om iets voor zichzelf te vragen.",
            "notes": (
                "De kinderen zijn bang voor honden; ouders zoeken een gezin zonder hond. Halal "
                "eten is een wens, geen voorwaarde."
            ),
        },
        day_parts=((DayPart.WED_AFTERNOON,), (DayPart.FRI_AFTERNOON,)),
        facts=HouseholdFacts(religion_or_culture="islamitisch", no_pets_wanted=True),
    ),
    Story(
        Household(("sy",), partner=True, children=(3, 3), ages=(2, 9)),
        note=(
            "Wij komen uit Syrië en wonen sinds een jaar in deze wijk. Ik ben zwanger van ons "
            "vierde kind. Wij zoeken een Nederlands gezin voor de kinderen, voor huiswerk en om de "
            "buurt te leren kennen."
        ),
        asks="Zoekt een gezin voor huiswerk en om de buurt te leren kennen.",
        c1={
            "goes_well": (
                "Gastvrij, warm gezin. {partner} spreekt goed Engels en leert snel Nederlands. "
                "{kind} zit in groep 6 en is goed in rekenen."
            ),
            "is_hard": (
                "{ouder} is zwanger van het vierde kind en erg moe. {partner} zit midden in de "
                "inburgering. De woning is klein en heeft geen tuin; de kinderen zitten veel "
                "binnen."
            ),
            "network": (
                "Een neef woont in Nieuwegein. Contacten met andere Syrische gezinnen via de "
                "taalles, nog geen Nederlandse contacten."
            ),
            "poverty": Poverty.YES,
            "finances_note": (
                "Uitkering; de kosten voor de baby komen eraan. Geen schulden. Gewezen op de "
                "kledingbank in de wijk en de regeling voor een kinderfiets."
            ),
            "support_wanted": [
                SupportType.HOMEWORK,
                SupportType.FIXED_AFTERNOON,
                SupportType.PARENTS_EVENINGS,
            ],
            "notes": (
                "Gesprek in het Engels met {partner}; {ouder} begrijpt veel Nederlands maar "
                "spreekt het nog weinig."
            ),
        },
        c2={
            "attendees": "{ouder}, {partner}, tolk Arabisch (telefonisch)",
            "goes_well": (
                "Met tolk gesproken, zodat ook {ouder} goed mee kon doen. De kinderen hebben het "
                "naar hun zin op school."
            ),
            "is_hard": "Na de bevalling staat {ouder} er overdag alleen voor met vier kinderen.",
            "notes": (
                "Wens: een gezin dat één middag per week met de oudste twee iets buiten doet en "
                "helpt met lezen. Arabisch spreken is fijn, maar Nederlands leren is voor ouders "
                "juist belangrijk."
            ),
        },
        day_parts=((DayPart.WED_AFTERNOON, DayPart.SAT_MORNING),),
        facts=HouseholdFacts(religion_or_culture="islamitisch"),
    ),
    Story(
        Household(("nl", "tr"), partner=True, children=(2, 2), ages=(5, 10)),
        note=(
            "Ik ben sinds een jaar in behandeling voor een depressie en mijn man werkt veel. Ik "
            "merk dat de kinderen eronder lijden. Het zou fijn zijn als ze ergens heen kunnen waar "
            "het gewoon gezellig is."
        ),
        asks="Zoekt een gezin voor een vaste middag; moeder is in behandeling voor depressie.",
        c1={
            "goes_well": (
                "{ouder} is open over haar depressie en in behandeling bij de GGZ. De kinderen "
                "zitten op een fijne school; {kind} zit op zwemles."
            ),
            "is_hard": (
                "Op slechte dagen komt {ouder} moeilijk uit bed. {partner} werkt fulltime als "
                "chauffeur en is doordeweeks pas 's avonds thuis. {jongste} plast weer in bed "
                "sinds het thuis slechter gaat."
            ),
            "network": (
                "Schoonouders wonen ver weg. Een buurvrouw haalt soms de kinderen van school, maar "
                "{ouder} schaamt zich om vaker te vragen."
            ),
            "poverty": Poverty.UNKNOWN,
            "finances_note": (
                "{partner} regelt de financiën; {ouder} heeft er weinig zicht op. Komt terug in "
                "het tweede gesprek."
            ),
            "support_wanted": [SupportType.FIXED_AFTERNOON, SupportType.SLEEPOVERS],
            "notes": "De behandelaar van {ouder} is op de hoogte en steunt de aanmelding.",
        },
        c2={
            "goes_well": "{partner} was er deze keer bij; betrokken en blij met de aanmelding.",
            "is_hard": "De weekenden zijn lang als {ouder} een slechte periode heeft.",
            "poverty": Poverty.NO,
            "finances_note": "Vaste lasten zijn hoog, maar er zijn geen schulden.",
            "notes": (
                "Wens: een vaste middag voor beide kinderen, later misschien een logeerweekend per "
                "maand."
            ),
        },
        day_parts=((DayPart.TUE_AFTERNOON, DayPart.THU_AFTERNOON), (DayPart.THU_AFTERNOON,)),
    ),
    Story(
        Household(("pl",), partner=True, children=(2, 2), ages=(4, 9)),
        note=(
            "Wij werken allebei in ploegen in een distributiecentrum en hebben geen familie in "
            "Nederland. Wij willen graag een Nederlands gezin in de buurt voor onze kinderen."
        ),
        asks="Zoekt een gezin in de buurt; beide ouders werken in wisselende diensten.",
        c1={
            "goes_well": (
                "Ouders werken hard en zijn goed georganiseerd. De kinderen spreken goed "
                "Nederlands; {kind} vertaalt soms voor de ouders."
            ),
            "is_hard": (
                "Beide ouders werken in wisselende diensten. Als de roosters botsen, is er niemand "
                "voor de kinderen. Contact met school is lastig; ouderavonden lukken bijna nooit."
            ),
            "network": (
                "Familie woont in Polen. Een paar Poolse collega's, maar die werken dezelfde "
                "diensten."
            ),
            "poverty": Poverty.NO,
            "finances_note": "Twee inkomens, geen schulden. De huur is hoog.",
            "support_wanted": [SupportType.FIXED_AFTERNOON, SupportType.PARENTS_EVENINGS],
            "notes": "Gesprek deels in het Engels.",
        },
        c2={
            "goes_well": "{jongste} liet de tekeningen van school zien en praatte honderduit.",
            "is_hard": "{ouder} mist de eigen moeder, vooral als een van de kinderen ziek is.",
            "notes": (
                "Wens: een gezin dat op een vaste middag de kinderen van school haalt als het "
                "rooster dat nodig maakt, en af en toe meegaat naar school."
            ),
        },
        day_parts=((DayPart.MON_AFTERNOON, DayPart.THU_AFTERNOON),),
    ),
    Story(
        Household(("nl",), partner=False, children=(1, 1), ages=(1, 3), child_genders=("m",)),
        note=(
            "Ik ben 21 en heb een zoontje. Ik sta er alleen voor en zou graag iemand hebben bij "
            "wie ik terechtkan en waar hij kan spelen."
        ),
        asks="Jonge moeder, zoekt een gezin om op terug te vallen.",
        c1={
            "goes_well": (
                "{ouder} is een jonge, spontane moeder. Ze gaat met {kind} naar de peuteropvang en "
                "het consultatiebureau. {kind} is nieuwsgierig en praat al veel."
            ),
            "is_hard": (
                "Er zijn schulden (zorgverzekering, telefoon); sinds kort loopt een "
                "schuldhulptraject. {ouder} volgt een mbo-opleiding en loopt achter. In de avonden "
                "is er weinig structuur."
            ),
            "network": (
                "De moeder van {ouder} woont in een andere stad en heeft het zelf moeilijk. De "
                "vader van {kind} ziet hem af en toe. Vriendinnen zijn vooral leeftijdgenoten "
                "zonder kinderen."
            ),
            "poverty": Poverty.YES,
            "finances_note": "Studiefinanciering en toeslagen; schuldhulp is gestart.",
            "support_wanted": [SupportType.FIXED_AFTERNOON, SupportType.OTHER],
            "support_other": "iemand om mee te praten over opvoeden",
            "notes": "{ouder} wil vooral 'iemand die het al eens gedaan heeft'.",
        },
        c2={
            "goes_well": "{ouder} had de afspraak zelf in haar agenda gezet en was voorbereid.",
            "is_hard": "Slapen gaat moeizaam; {kind} ligt vaak pas om tien uur in bed.",
            "notes": (
                "Wens: een vaste ochtend waarop {ouder} naar school kan en {kind} bij het "
                "steungezin speelt."
            ),
        },
        day_parts=((DayPart.MON_MORNING, DayPart.WED_AFTERNOON),),
    ),
    Story(
        Household(("tr",), partner=False, children=(3, 3), ages=(6, 15), child_genders=("m",)),
        note=(
            "Mijn man is vorig jaar overleden. Ik zorg alleen voor onze drie kinderen. Mijn oudste "
            "zoon neemt veel te veel op zich."
        ),
        asks="Weduwe met drie kinderen; zoekt aandacht en sport voor de kinderen.",
        c1={
            "goes_well": (
                "{ouder} houdt het gezin draaiende en is streng maar liefdevol. {kind}, de oudste, "
                "is behulpzaam en zit op het vmbo."
            ),
            "is_hard": (
                "Na het overlijden van haar man is alles op {ouder} neergekomen. {kind} voelt zich "
                "de man in huis, past op de jongere kinderen en komt niet meer aan voetbal toe. "
                "{jongste} heeft veel verdriet en slaapt slecht."
            ),
            "network": (
                "Schoonfamilie woont in Duitsland, eigen familie in Turkije. Vrouwen uit de moskee "
                "helpen met eten, niet met de kinderen."
            ),
            "poverty": Poverty.UNKNOWN,
            "finances_note": "Nabestaandenuitkering aangevraagd; nog onduidelijk wat er komt.",
            "support_wanted": [
                SupportType.SPORTS_ACTIVITIES,
                SupportType.HOMEWORK,
                SupportType.FIXED_AFTERNOON,
            ],
            "notes": (
                "Gewezen op rouwverwerking voor kinderen via het buurtteam; {ouder} denkt erover "
                "na."
            ),
        },
        c2={
            "goes_well": "{kind} mocht zelf vertellen wat hij wil: 'gewoon weer voetballen'.",
            "is_hard": "{jongste} wil 's avonds niet alleen slapen.",
            "poverty": Poverty.YES,
            "finances_note": (
                "Nabestaandenuitkering toegekend, lager dan het oude inkomen. Geen schulden. "
                "Gewezen op kwijtschelding van de gemeentelijke belastingen."
            ),
            "notes": (
                "Wens: een gezin dat {kind} meeneemt naar sport en {jongste} een vaste middag "
                "aandacht geeft. Turks spreken is niet nodig; de kinderen spreken Nederlands."
            ),
        },
        day_parts=((DayPart.WED_AFTERNOON, DayPart.SAT_MORNING),),
        facts=HouseholdFacts(religion_or_culture="islamitisch"),
    ),
    Story(
        Household(("nl",), partner=False, children=(2, 2), ages=(6, 11)),
        note=(
            "Ik zorg sinds twee jaar voor mijn twee kleinkinderen, omdat mijn dochter dat nu niet "
            "kan. Ik ben 63 en merk dat het me zwaar valt. De kinderen verdienen meer dan ik ze "
            "nu kan geven."
        ),
        asks="Oma zorgt voor twee kleinkinderen; zoekt een jong gezin voor leuke dingen.",
        c1={
            "attendees": "oma {ouder} en de coördinator",
            "goes_well": (
                "Oma {ouder} biedt de kinderen een veilig en stabiel thuis. Ze is warm en nuchter. "
                "De kinderen hebben een goede band met elkaar."
            ),
            "is_hard": (
                "{ouder} heeft last van haar rug en weinig energie. De moeder van de kinderen is "
                "in behandeling voor verslaving; bezoek is wisselend en onrustig. {kind} is vaak "
                "boos en laat dat op school zien."
            ),
            "network": (
                "Een zoon van {ouder} woont in Almere en helpt af en toe. Jeugdzorg is betrokken "
                "vanwege het gezag; de gezinsvoogd weet van de aanmelding."
            ),
            "poverty": Poverty.YES,
            "finances_note": "AOW en een klein pensioen; krap, geen schulden.",
            "support_wanted": [SupportType.SLEEPOVERS, SupportType.SPORTS_ACTIVITIES],
            "notes": (
                "De gezinsvoogd is positief: de kinderen hebben gewone, leuke ervaringen nodig in "
                "een jong gezin."
            ),
        },
        c2={
            "goes_well": "{jongste} vertelde trots over de zwemdiploma's.",
            "is_hard": "Na bezoek van hun moeder zijn de kinderen een paar dagen onrustig.",
            "notes": "Wens: om het andere weekend een middag weg, later misschien logeren.",
        },
        day_parts=((DayPart.SAT_AFTERNOON, DayPart.SUN_AFTERNOON),),
    ),
    Story(
        Household(("gh",), partner=False, children=(2, 2), ages=(3, 8)),
        note=(
            "I am a single mother of two and work early mornings and evenings as a cleaner. I "
            "would like a family where my children can go after school and learn more Dutch."
        ),
        asks="Alleenstaande moeder (Engelstalig), zoekt een gezin voor na school.",
        c1={
            "goes_well": (
                "{ouder} is een trotse, georganiseerde moeder. De kinderen zijn vrolijk en "
                "beleefd; {kind} leest graag."
            ),
            "is_hard": (
                "{ouder} werkt vroeg in de ochtend en 's avonds als schoonmaakster. De kinderen "
                "zijn dan bij een buurvrouw. {ouder} spreekt weinig Nederlands en begrijpt de "
                "berichten van school niet altijd."
            ),
            "network": (
                "Actief in een Engelstalige kerk, daar kent ze een paar gezinnen. Familie in Ghana "
                "en Londen."
            ),
            "poverty": Poverty.YES,
            "finances_note": (
                "Laag inkomen; de toeslagen zijn net op orde gebracht met hulp van het buurtteam."
            ),
            "support_wanted": [SupportType.HOMEWORK, SupportType.FIXED_AFTERNOON],
            "notes": "Gesprek in het Engels.",
        },
        c2={
            "goes_well": "{kind} las een stukje voor uit een Nederlands boek.",
            "is_hard": "In de zomervakantie is er niemand voor de kinderen.",
            "notes": "Wens: een vaste middag na school, met hulp bij lezen en taal.",
        },
        day_parts=((DayPart.TUE_AFTERNOON, DayPart.THU_AFTERNOON),),
        facts=HouseholdFacts(religion_or_culture="christelijk"),
    ),
)

REFERRED: tuple[Story, ...] = (
    Story(
        Household(("nl",), partner=False, children=(2, 3), ages=(3, 12)),
        note="Ik heb hulp nodig, het groeit me boven het hoofd.",
        asks="Moeder met geldzorgen, zoekt ontlasting.",
        c1={
            "goes_well": "{ouder} is eerlijk over de situatie en wil hulp.",
            "is_hard": (
                "Huurachterstand van vier maanden; de verhuurder is een ontruimingsprocedure "
                "begonnen. Post wordt niet meer geopend. {ouder} slaapt slecht en is in paniek."
            ),
            "network": "Weinig netwerk; breuk met familie door geldzorgen.",
            "poverty": Poverty.YES,
            "finances_note": (
                "Forse schulden (huur, energie, zorgverzekering); deurwaarder betrokken."
            ),
            "support_wanted": [SupportType.FIXED_AFTERNOON],
            "notes": "De situatie is nu te onrustig voor een koppeling.",
        },
        category=Category.DEBT_HELP,
        reason=(
            "Eerst rust en stabiliteit nodig: dreigende huisuitzetting door huurachterstand. Met "
            "toestemming van {ouder} een warme overdracht gedaan naar de schuldhulp. Opnieuw "
            "aanmelden kan zodra het rustiger is."
        ),
    ),
    Story(
        Household(("nl", "ma"), partner=False, children=(1, 2), ages=(2, 8)),
        note="Ik kan het even niet meer aan en zoek iemand voor mijn kinderen.",
        asks="Moeder met psychische klachten, zoekt opvang voor de kinderen.",
        c1={
            "goes_well": "{ouder} houdt veel van de kinderen en heeft zelf hulp gezocht.",
            "is_hard": (
                "{ouder} vertelt over ernstige somberheid en paniekaanvallen en is niet in "
                "behandeling. De afgelopen maand kon ze meerdere dagen niet opstaan; {kind} ging "
                "toen niet naar school."
            ),
            "network": "Een zus in Utrecht, die de kinderen opving in de slechtste week.",
            "poverty": Poverty.UNKNOWN,
            "finances_note": "Niet besproken; het gesprek ging over de klachten.",
            "support_wanted": [SupportType.FIXED_AFTERNOON, SupportType.SLEEPOVERS],
        },
        category=Category.MENTAL_HEALTH,
        reason=(
            "Op dit moment te zwaar voor een steungezin; eerst behandeling voor {ouder}. Samen met "
            "haar de huisarts gebeld en doorverwezen. Na de behandeling is een nieuwe aanmelding "
            "welkom."
        ),
    ),
    Story(
        Household(("nl", "tr"), partner=True, children=(2, 2), ages=(9, 14), child_genders=("m",)),
        note="Onze zoon wil niet meer naar school en thuis is het vaak ruzie.",
        asks="Ouders met een zoon die niet naar school gaat.",
        c1={
            "goes_well": "Ouders zijn betrokken en staan samen achter de aanmelding.",
            "is_hard": (
                "{kind} gaat al weken niet naar school en is thuis agressief naar {jongste} en "
                "naar zijn ouders. Ouders voelen zich machteloos; de leerplichtambtenaar is "
                "betrokken."
            ),
            "network": "Grootouders in de buurt, die het ook niet meer weten.",
            "poverty": Poverty.NO,
            "finances_note": "Geen zorgen over geld.",
            "support_wanted": [SupportType.SPORTS_ACTIVITIES],
        },
        category=Category.YOUTH_CARE,
        reason=(
            "De vraag ligt bij specialistische jeugdhulp voor {kind}; dat kan een steungezin niet "
            "dragen. Doorverwezen; ouders kunnen later opnieuw aanmelden voor steun aan het hele "
            "gezin."
        ),
    ),
    Story(
        Household(("ma", "pl", "nl"), partner=True, children=(1, 1), ages=(1, 1)),
        note="Onze baby slaapt heel slecht en wij zijn uitgeput.",
        asks="Jonge ouders, baby slaapt slecht.",
        c1={
            "goes_well": "Liefdevolle ouders met een goed netwerk; beide opa's en oma's helpen.",
            "is_hard": "{kind} slaapt slecht en huilt 's nachts veel; ouders zijn uitgeput.",
            "network": "Beide grootouders wonen in de buurt en passen wekelijks op.",
            "poverty": Poverty.NO,
            "finances_note": "Twee inkomens.",
            "support_wanted": [SupportType.OTHER],
            "support_other": "advies over slapen",
        },
        category=Category.GGD,
        reason=(
            "De vraag gaat over slapen en huilen; daarvoor is de jeugdverpleegkundige van het "
            "consultatiebureau de juiste plek. Het gezin heeft een goed eigen netwerk. "
            "Doorverwezen naar de GGD."
        ),
    ),
    Story(
        Household(("nl",), partner=False, children=(2, 2), ages=(3, 9)),
        note="Ik zoek steun voor mij en de kinderen na een moeilijke tijd.",
        asks="Moeder na een moeilijke scheiding.",
        c1={
            "goes_well": "{ouder} zorgt goed voor de kinderen en heeft een nieuwe baan.",
            "is_hard": (
                "{ouder} vertelt dat haar ex-partner dreigt en onaangekondigd voor de deur staat; "
                "de politie is twee keer geweest. {kind} is angstig en slaapt slecht."
            ),
            "network": "Ouders van {ouder} wonen in het oosten van het land.",
            "poverty": Poverty.NO,
            "finances_note": "Rondkomen lukt.",
            "support_wanted": [SupportType.FIXED_AFTERNOON],
        },
        category=Category.DISTRICT_TEAM,
        reason=(
            "Signalen van onveiligheid (dreiging door de ex-partner). Volgens de meldcode "
            "besproken met een collega en met {ouder}; samen het buurtteam ingeschakeld, dat "
            "contact heeft met Veilig Thuis. Een steungezin komt later weer in beeld."
        ),
    ),
)

DECLINED: tuple[Story, ...] = (
    Story(
        Household(("nl", "pl"), partner=True, children=(2, 2), ages=(1, 5)),
        note="Wij zoeken opvang voor onze kinderen op de dagen dat we werken.",
        asks="Zoekt opvang tijdens werktijd.",
        c1={
            "goes_well": "Beide ouders werken; het gezin draait goed.",
            "is_hard": (
                "Ouders zoeken vaste opvang op maandag, dinsdag en donderdag van acht tot zes, "
                "omdat de kinderopvang duur is."
            ),
            "network": "Grootouders helpen op vrijdag.",
            "poverty": Poverty.NO,
            "finances_note": "Twee inkomens; kinderopvang is de grootste kostenpost.",
            "support_wanted": [SupportType.OTHER],
            "support_other": "opvang tijdens werktijd",
        },
        reason=(
            "De vraag is opvang tijdens werktijd, drie dagen per week. Dat is kinderopvang, geen "
            "steungezin. Uitgelegd wat Buurtgezinnen wel doet en gewezen op de kinderopvangtoeslag."
        ),
    ),
    Story(
        Household(("nl",), partner=False, children=(1, 2), ages=(4, 10)),
        note="Graag hulp voor mijn kinderen.",
        asks="Moeder zoekt hulp voor de kinderen.",
        c1={},
        reason=(
            "Drie keer een afspraak gemaakt voor het eerste gesprek; {ouder} was er geen enkele "
            "keer en reageert niet meer op berichten. Deelname vraagt dat afspraken lukken. Brief "
            "gestuurd: opnieuw aanmelden kan altijd."
        ),
        held=0,
    ),
    Story(
        Household(("nl", "ma"), partner=True, children=(2, 3), ages=(5, 12)),
        note="Aangemeld door school.",
        asks="Aangemeld door school.",
        c1={
            "goes_well": "Ouders zijn vriendelijk en denken mee.",
            "is_hard": (
                "School maakt zich zorgen over {kind}, maar ouders herkennen dat niet en zien geen "
                "reden voor een steungezin."
            ),
            "network": "Grote familie in de buurt, die volgens ouders genoeg helpt.",
            "poverty": Poverty.NO,
            "finances_note": "Geen zorgen over geld.",
            "support_wanted": [],
        },
        reason=(
            "Ouders willen op dit moment geen steungezin; deelname is vrijwillig. Met hun "
            "toestemming teruggekoppeld aan school."
        ),
    ),
)

WITHDRAWN_REASONS = {
    "withdrawn_waiting": (
        "{ouder} belde: via school heeft ze een buurvrouw leren kennen die de kinderen nu op "
        "woensdag opvangt. Aanmelding ingetrokken; ze weet dat ze altijd opnieuw mag aanmelden."
    ),
    "withdrawn_intake": (
        "Na het eerste gesprek gaf {ouder} aan dat het nu niet het goede moment is: een nieuwe "
        "baan en een verhuizing binnen de stad. Misschien na de zomer opnieuw."
    ),
    "withdrawn_new": (
        "Teruggebeld om een gesprek te plannen. {ouder} vertelt dat het beter gaat nu oma om de "
        "hoek is komen wonen; aanmelding ingetrokken."
    ),
}


@dataclass(frozen=True)
class SupportStory:
    """A support family; placeholders {ouder} and {partner}."""

    origins: tuple[str, ...]  # per parent; one entry: a single parent
    genders: tuple[str, ...]
    note: str
    channels: tuple[str, ...]
    c1: dict[str, Any]
    c2: dict[str, Any]
    offer: dict[str, Any]
    facts: HouseholdFacts = field(default_factory=HouseholdFacts)
    languages: str = ""  # overrides the origin's language
    # not approved: criterion name -> (rating, note); and the reason
    ratings: dict[str, tuple[str, str]] = field(default_factory=dict)
    reason: str = ""


SUPPORT: tuple[SupportStory, ...] = (
    SupportStory(
        ("nl", "nl"),
        ("v", "m"),
        note=(
            "Wij hebben zelf twee kinderen (6 en 9) en veel gehad aan de hulp van onze ouders toen "
            "ze klein waren. Niet iedereen heeft dat. Wij willen graag iets betekenen voor een "
            "gezin in de buurt."
        ),
        channels=(Channel.FACEBOOK, Channel.SCHOOL, Channel.INSTAGRAM),
        c1={
            "goes_well": (
                "Nuchter, warm gezin met twee kinderen op de basisschool. {ouder} werkt drie dagen "
                "als verpleegkundige, {partner} in de ICT, deels thuis. Motivatie: 'samen "
                "opvoeden, zoals wij dat zelf ook kregen'."
            ),
            "is_hard": "Drukke agenda's; besproken hoe ze de woensdagmiddag vrij houden.",
            "network": "Grootouders in de buurt, veel vrienden via school en de tennisclub.",
            "notes": "Zagen het wervingsprofiel van een gezin op Facebook.",
        },
        c2={
            "goes_well": "Huisbezoek; de eigen kinderen waren erbij en vinden het een leuk idee.",
            "is_hard": "Grens: geen logeren doordeweeks.",
            "notes": (
                "Rol van het steungezin en privacy besproken; zij begrijpen dat ze geen "
                "hulpverleners zijn."
            ),
        },
        offer={
            "day_parts": [DayPart.WED_AFTERNOON, DayPart.SAT_MORNING],
            "frequency": Frequency.WEEKLY,
            "sleepovers": True,
            "max_children": 2,
            "min_child_age": 2,
            "max_child_age": 12,
            "max_travel_km": 4,
            "support_types": [
                SupportType.FIXED_AFTERNOON,
                SupportType.SLEEPOVERS,
                SupportType.SPORTS_ACTIVITIES,
            ],
            "note": "Logeren één keer per maand, in het weekend.",
        },
    ),
    SupportStory(
        ("nl", "nl"),
        ("v", "m"),
        note=(
            "Onze kinderen zijn het huis uit en we zijn net met pensioen. We hebben tijd en een "
            "grote tuin, en missen het geluid van kinderen in huis."
        ),
        channels=(Channel.COMMUNITY_CENTRE, Channel.CHURCH, Channel.VOLUNTEER_CENTRE),
        c1={
            "goes_well": (
                "Rustig, stabiel echtpaar met vier kleinkinderen die ver weg wonen. Veel ervaring "
                "met opvoeden, zonder belerende houding."
            ),
            "is_hard": "{partner} heeft een nieuwe knie; wild spel buiten gaat minder goed.",
            "network": "Actief in de buurtvereniging en het koor.",
            "notes": "Hoorden over Buurtgezinnen bij een informatieavond in het buurthuis.",
        },
        c2={
            "goes_well": "De opa-en-oma-rol besproken: er zijn, meedenken, niet overnemen.",
            "is_hard": "Liever geen kinderen onder de twee.",
            "notes": "Kunnen ook meegaan naar een ouderavond of een afspraak op school.",
        },
        offer={
            "day_parts": [DayPart.MON_AFTERNOON, DayPart.WED_AFTERNOON, DayPart.THU_AFTERNOON],
            "frequency": Frequency.WEEKLY,
            "sleepovers": True,
            "max_children": 3,
            "min_child_age": 2,
            "max_child_age": 12,
            "max_travel_km": 6,
            "support_types": [
                SupportType.FIXED_AFTERNOON,
                SupportType.HOMEWORK,
                SupportType.PARENTS_EVENINGS,
            ],
            "note": "Hebben een auto en kunnen kinderen ophalen.",
        },
    ),
    SupportStory(
        ("nl",),
        ("v",),
        note=(
            "Ik ben gepensioneerd juf van groep 3 en woon alleen. Ik zou graag een kind helpen met "
            "lezen en samen leuke dingen doen."
        ),
        channels=(Channel.VOLUNTEER_CENTRE, Channel.WEBSITE),
        c1={
            "goes_well": "Warme, rustige vrouw met veel ervaring met jonge kinderen.",
            "is_hard": "Besproken dat het om een gewoon contact gaat, niet om bijles geven.",
            "network": "Twee dochters in de buurt; voorleesvrijwilliger in de bibliotheek.",
            "notes": "Kwam via de vrijwilligerscentrale.",
        },
        c2={
            "goes_well": "Huis is kindvriendelijk; kast vol prentenboeken.",
            "is_hard": "Geen logeren; wel graag elke week.",
            "notes": "Past bij een gezin met jonge kinderen en een taalvraag.",
        },
        offer={
            "day_parts": [DayPart.TUE_AFTERNOON, DayPart.THU_AFTERNOON],
            "frequency": Frequency.WEEKLY,
            "sleepovers": False,
            "max_children": 2,
            "min_child_age": 3,
            "max_child_age": 10,
            "max_travel_km": 3,
            "support_types": [SupportType.FIXED_AFTERNOON, SupportType.HOMEWORK],
            "note": "Fietst; kan kinderen van school halen als de school dichtbij is.",
        },
    ),
    SupportStory(
        ("nl", "nl"),
        ("v", "v"),
        note=(
            "Wij zijn twee moeders met een dochter van vijf. We hebben een gezellig, druk huis en "
            "zouden graag een ander kind laten meedoen."
        ),
        channels=(Channel.INSTAGRAM, Channel.FACEBOOK),
        c1={
            "goes_well": "Open, warm gezin; veel aandacht voor spel en buiten zijn.",
            "is_hard": "Allebei werken ze vier dagen; de vrijdag is hun vaste gezinsdag.",
            "network": "Groot netwerk van vrienden en familie.",
            "notes": "Reageerden op een bericht op Instagram.",
        },
        c2={
            "goes_well": "Hun dochter was erbij en wil graag 'een logeervriendje'.",
            "is_hard": "Geen kinderen ouder dan tien, dan past het minder bij hun dochter.",
            "notes": "Besproken hoe je omgaat met vragen van het vraaggezin over hun gezinsvorm.",
        },
        offer={
            "day_parts": [DayPart.FRI_AFTERNOON, DayPart.SUN_AFTERNOON],
            "frequency": Frequency.WEEKLY,
            "sleepovers": True,
            "max_children": 2,
            "min_child_age": 0,
            "max_child_age": 10,
            "max_travel_km": 5,
            "support_types": [SupportType.FIXED_AFTERNOON, SupportType.SLEEPOVERS],
        },
    ),
    SupportStory(
        ("ma", "ma"),
        ("v", "m"),
        note=(
            "Wij zijn zelf in deze wijk opgegroeid en willen iets terugdoen. Wij spreken "
            "Nederlands en Arabisch."
        ),
        channels=(Channel.COMMUNITY_CENTRE, Channel.FACEBOOK),
        c1={
            "goes_well": (
                "Betrokken gezin met drie kinderen (8 tot 15). {ouder} is onderwijsassistent, "
                "{partner} heeft een eigen zaak. Kennen de wijk en de scholen goed."
            ),
            "is_hard": "Zaterdag is {partner} in de zaak; de zaterdagmiddag is er wel.",
            "network": "Grote familie in de stad; actief in het buurthuis.",
            "notes": "Willen graag een gezin helpen dat nieuw is in Nederland.",
        },
        c2={
            "goes_well": "Huisbezoek; de eigen kinderen willen graag helpen met huiswerk.",
            "is_hard": "Besproken: niet tolken bij instanties, wel meegaan en aanmoedigen.",
            "notes": "Goed passend bij een Arabischsprekend gezin met schoolgaande kinderen.",
        },
        offer={
            "day_parts": [DayPart.WED_AFTERNOON, DayPart.SAT_AFTERNOON],
            "frequency": Frequency.WEEKLY,
            "sleepovers": False,
            "max_children": 3,
            "min_child_age": 4,
            "max_child_age": 14,
            "max_travel_km": 5,
            "support_types": [
                SupportType.HOMEWORK,
                SupportType.SPORTS_ACTIVITIES,
                SupportType.PARENTS_EVENINGS,
            ],
        },
        facts=HouseholdFacts(religion_or_culture="islamitisch"),
        languages="Nederlands, Arabisch",
    ),
    SupportStory(
        ("nl", "nl"),
        ("v", "m"),
        note=(
            "Wij wonen aan de rand van het dorp met een grote tuin, twee katten en een hond. Onze "
            "kinderen zijn tieners en we hebben ruimte voor een kind dat graag buiten is."
        ),
        channels=(Channel.SPORTS_CLUB, Channel.SCHOOL),
        c1={
            "goes_well": "Sportief, nuchter gezin; veel buiten, fietsen en voetbal.",
            "is_hard": "Een kind dat bang is voor honden past hier niet.",
            "network": "Familie in het dorp; actief bij de voetbalclub.",
            "notes": "Kwamen via een flyer bij de voetbalclub.",
        },
        c2={
            "goes_well": "De tieners willen graag meehelpen en meegaan naar wedstrijden.",
            "is_hard": "Afgesproken: niet meer dan twee kinderen tegelijk.",
            "notes": "Passend bij een kind dat beweging en ruimte nodig heeft.",
        },
        offer={
            "day_parts": [DayPart.SAT_MORNING, DayPart.SAT_AFTERNOON],
            "frequency": Frequency.WEEKLY,
            "sleepovers": True,
            "max_children": 2,
            "min_child_age": 6,
            "max_child_age": 16,
            "max_travel_km": 8,
            "support_types": [SupportType.SPORTS_ACTIVITIES, SupportType.SLEEPOVERS],
            "note": "Kunnen meegaan naar wedstrijden op zaterdag.",
        },
        facts=HouseholdFacts(has_pets=True, pets_note="een labrador en twee katten"),
    ),
    SupportStory(
        ("nl", "nl"),
        ("v", "m"),
        note=(
            "Via onze kerk hoorden we over Buurtgezinnen. We hebben drie kinderen en een huis "
            "waar altijd plek is voor een extra bord."
        ),
        channels=(Channel.CHURCH,),
        c1={
            "goes_well": "Gastvrij gezin met drie kinderen; duidelijke structuur in huis.",
            "is_hard": (
                "Besproken hoe zij omgaan met een gezin met een ander geloof: geloof is voor hen "
                "belangrijk, maar niet iets wat ze een ander opleggen."
            ),
            "network": "Groot netwerk via de kerk en school.",
            "notes": "Informatieavond in de kerk bijgewoond.",
        },
        c2={
            "goes_well": "Huisbezoek; de kinderen hadden zelf een welkomstkaart gemaakt.",
            "is_hard": "Zondag is een rustdag; liever geen activiteiten dan.",
            "notes": "Bidden voor het eten is gewoon in huis; dat vertellen ze het vraaggezin.",
        },
        offer={
            "day_parts": [DayPart.WED_AFTERNOON, DayPart.FRI_AFTERNOON],
            "frequency": Frequency.WEEKLY,
            "sleepovers": True,
            "max_children": 2,
            "min_child_age": 2,
            "max_child_age": 12,
            "max_travel_km": 5,
            "support_types": [SupportType.FIXED_AFTERNOON, SupportType.SLEEPOVERS],
        },
        facts=HouseholdFacts(religion_or_culture="christelijk"),
    ),
    SupportStory(
        ("pl", "nl"),
        ("v", "m"),
        note=(
            "Ik kom uit Polen en woon al vijftien jaar in Nederland. Ik weet hoe het is om hier "
            "zonder familie te zijn. Samen met mijn man wil ik graag een gezin steunen."
        ),
        channels=(Channel.FACEBOOK, Channel.HEALTH_CENTRE),
        c1={
            "goes_well": "Warm, praktisch gezin; één zoon van 10.",
            "is_hard": "{ouder} werkt in de avonden; de middagen zijn vrij.",
            "network": "Vrienden uit de Poolse gemeenschap en de buurt.",
            "notes": "Zagen een poster in het gezondheidscentrum.",
        },
        c2={
            "goes_well": "{partner} is enthousiast en wil graag meegaan naar sport.",
            "is_hard": "Geen logeren.",
            "notes": "Mooie match voor een Poolssprekend gezin, maar niet alleen daarvoor.",
        },
        offer={
            "day_parts": [DayPart.MON_AFTERNOON, DayPart.THU_AFTERNOON],
            "frequency": Frequency.WEEKLY,
            "sleepovers": False,
            "max_children": 2,
            "min_child_age": 3,
            "max_child_age": 12,
            "max_travel_km": 5,
            "support_types": [SupportType.FIXED_AFTERNOON, SupportType.PARENTS_EVENINGS],
        },
        languages="Pools, Nederlands, Engels",
    ),
    SupportStory(
        ("nl",),
        ("m",),
        note=(
            "Ik ben gescheiden en heb mijn zoon om de week. In de weken zonder hem heb ik tijd en "
            "zou ik graag iets doen voor een kind dat wel wat extra aandacht kan gebruiken."
        ),
        channels=(Channel.WEBSITE, Channel.SPORTS_CLUB),
        c1={
            "goes_well": "Rustige, betrouwbare vader; trainer bij de jeugd van de hockeyclub.",
            "is_hard": "Alleen om de week; dat moet passen bij de vraag.",
            "network": "Ouders in de buurt, goede vrienden.",
            "notes": "Vond Buurtgezinnen via de website.",
        },
        c2={
            "goes_well": "Eigen zoon (12) vindt het leuk.",
            "is_hard": "Besproken hoe hij het vraaggezin laat weten als een week niet uitkomt.",
            "notes": "Passend bij een kind dat graag sport en een vaste volwassene nodig heeft.",
        },
        offer={
            "day_parts": [DayPart.WED_AFTERNOON, DayPart.SAT_MORNING],
            "frequency": Frequency.FORTNIGHTLY,
            "sleepovers": False,
            "max_children": 1,
            "min_child_age": 6,
            "max_child_age": 14,
            "max_travel_km": 6,
            "support_types": [SupportType.SPORTS_ACTIVITIES, SupportType.FIXED_AFTERNOON],
        },
    ),
    SupportStory(
        ("tr", "tr"),
        ("v", "m"),
        note=(
            "Onze kinderen zijn groot en wij hebben weer tijd. Wij willen graag een gezin in de "
            "buurt helpen, zoals onze buren dat vroeger voor ons deden."
        ),
        channels=(Channel.COMMUNITY_CENTRE, Channel.FACEBOOK),
        c1={
            "goes_well": "Hartelijk echtpaar; drie volwassen kinderen, twee kleinkinderen.",
            "is_hard": "{partner} werkt nog fulltime; de zaterdag is de vaste dag.",
            "network": "Groot netwerk in de wijk en de moskee.",
            "notes": "Kwamen via het buurthuis.",
        },
        c2={
            "goes_well": "Veel ervaring met kinderen van alle leeftijden.",
            "is_hard": "Liever om de week, dan houden ze het vol.",
            "notes": "Spreken Turks en Nederlands.",
        },
        offer={
            "day_parts": [DayPart.SAT_AFTERNOON],
            "frequency": Frequency.FORTNIGHTLY,
            "sleepovers": True,
            "max_children": 3,
            "min_child_age": 0,
            "max_child_age": 14,
            "max_travel_km": 5,
            "support_types": [SupportType.FIXED_AFTERNOON, SupportType.SLEEPOVERS],
        },
        facts=HouseholdFacts(religion_or_culture="islamitisch"),
    ),
)

NOT_APPROVED: tuple[SupportStory, ...] = (
    SupportStory(
        ("nl",),
        ("v",),
        note="Ik heb jaren in de jeugdzorg gewerkt en wil een gezin echt verder helpen.",
        channels=(Channel.FACEBOOK,),
        c1={
            "goes_well": "Zeer gedreven en met veel kennis van opvoeding.",
            "is_hard": (
                "Vertelt meerdere keren dat ze 'het gezin wil redden' en heeft al ideeën over hoe "
                "de opvoeding anders moet."
            ),
            "network": "Veel vrienden, een dochter die op kamers woont.",
            "notes": "Rol van het steungezin uitgebreid besproken.",
        },
        c2={
            "goes_well": "Open in het gesprek.",
            "is_hard": "Blijft het vraaggezin zien als cliënt; wil verslagen maken van bezoeken.",
            "notes": "Twijfel over de rol, ook na het tweede gesprek.",
        },
        offer={"day_parts": [DayPart.TUE_AFTERNOON]},
        ratings={
            "Geen hulpverlenersrol": (
                Rating.NOT_YET,
                "Wil hulpverlenen en het gezin veranderen; ziet zichzelf als professional.",
            ),
            "Respect voor andere opvoedstijlen en culturen": (
                Rating.PARTLY,
                "Sterke eigen opvattingen over hoe het hoort.",
            ),
            "Versterkt de eigen kracht van het gezin": (
                Rating.NOT_YET,
                "Neemt liever over dan dat ze ouders laat doen.",
            ),
        },
        reason=(
            "Niet goedgekeurd: de motivatie is vooral hulpverlenen en het gezin veranderen, ook na "
            "het tweede gesprek. Dat past niet bij de rol van steungezin. Persoonlijk uitgelegd en "
            "bedankt; gewezen op ander vrijwilligerswerk via de vrijwilligerscentrale."
        ),
    ),
    SupportStory(
        ("nl", "nl"),
        ("v", "m"),
        note="Wij zijn net verhuisd en willen graag iets voor de buurt doen.",
        channels=(Channel.SCHOOL,),
        c1={
            "goes_well": "Enthousiast, gastvrij stel.",
            "is_hard": (
                "Net verhuisd; de relatie staat onder druk en hun eigen zoon (15) zit in een "
                "moeilijke periode."
            ),
            "network": "Nog weinig mensen in de nieuwe buurt.",
            "notes": "Eerlijk over de eigen situatie.",
        },
        c2={
            "goes_well": "Zien zelf ook dat het misschien te vroeg is.",
            "is_hard": "Zorgen om de eigen zoon vragen veel aandacht.",
            "notes": "Samen besproken om over een jaar opnieuw te kijken.",
        },
        offer={"day_parts": [DayPart.SAT_MORNING]},
        ratings={
            "Stabiele gezinssituatie": (
                Rating.NOT_YET,
                "Verhuizing en zorgen om de eigen zoon; nu niet in balans.",
            ),
            "Tijd en ruimte om te steunen": (Rating.PARTLY, "Willen wel, maar hoofd zit vol."),
        },
        reason=(
            "Niet goedgekeurd op dit moment: de eigen gezinssituatie is nog niet stabiel "
            "(verhuizing, zorgen om de eigen zoon). Samen besloten dat het over een jaar opnieuw "
            "kan."
        ),
    ),
)

SUPPORT_WITHDRAWN = (
    "Na het eerste gesprek afgezien: de mantelzorg voor de moeder van {ouder} vraagt meer tijd "
    "dan verwacht. Misschien later opnieuw.",
    "Het gezin verhuist naar Zwolle en stopt als steungezin. Bedankt voor hun inzet.",
)


# --- loading ------------------------------------------------------------------------------------


@transaction.atomic
def load_families() -> None:
    """Families for the active demo municipalities; one that has families already is skipped."""
    municipalities = {m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=ACTIVE)}
    rng = random.Random(SEED)
    fake = Faker("nl_NL")
    fake.seed_instance(SEED)
    _competence_profile()
    criteria = list(CompetenceCriterion.objects.filter(is_active=True))
    stories = _Decks(rng)
    for code in ACTIVE:
        municipality = municipalities.get(code)
        if municipality is None:
            continue
        coordinator = coordinator_of(municipality)
        if coordinator is None:
            continue
        if not municipality.service_organisations.exists():
            _service_directory(municipality, coordinator, rng, fake)
        if Family.objects.filter(municipality=municipality).exists():
            continue
        world = _World(municipality, coordinator, rng, fake, criteria, stories)
        for scenario in REQUEST_PLAN[code]:
            _RequestBuilder(world, scenario).build()
        for scenario in SUPPORT_PLAN[code]:
            _SupportBuilder(world, scenario).build()


def _demo_user(role: str, municipality: Municipality | None = None) -> User | None:
    assignment = (
        RoleAssignment.objects.filter(role=role, municipality=municipality, user__is_demo=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment else None


# The fields a story's offer may name (the parameters of ``actions.save_offer``).
OFFER_FIELDS = (
    "day_parts",
    "frequency",
    "sleepovers",
    "max_children",
    "min_child_age",
    "max_child_age",
    "max_travel_km",
    "max_families",
    "support_types",
    "note",
)


def _story_fields(data: Mapping[str, Any], names: Sequence[str]) -> Callable[[str], Any]:
    """A story's value per field, ``UNCHANGED`` where the story leaves it out; a story that names
    another field is a mistake in the demo data."""
    unknown = set(data) - set(names)
    if unknown:
        raise ValueError(f"the story names fields the action does not take: {sorted(unknown)}")
    return lambda name: data.get(name, UNCHANGED)


def coordinator_of(municipality: Municipality) -> User | None:
    return _demo_user(Role.COORDINATOR, municipality)


def _competence_profile() -> None:
    if CompetenceCriterion.objects.exists():
        return
    office = _demo_user(Role.NATIONAL_OFFICE)
    if office is None:
        return
    for position, (name, description) in enumerate(CRITERIA, start=1):
        actions.save_criterion(by=office, name=name, description=description, position=position)


def _service_directory(
    municipality: Municipality, by: User, rng: random.Random, fake: Faker
) -> None:
    area = AREA_CODES.get(municipality.cbs_code, "030")
    places = _places(municipality.cbs_code)
    for key, name, category, note in SERVICES.get(municipality.cbs_code, ()):
        pc4, place = rng.choice(places)
        actions.save_service_organisation(
            by=by,
            municipality=municipality,
            name=name,
            category=category,
            phone=f"{area}-{rng.randint(2000000, 2999999)}",
            email=f"{key}@example.nl",
            address=f"{fake.street_name()} {rng.randint(1, 120)}, {_postcode(rng, pc4)} {place}",
            note=note,
        )


@cache
def _places(code: str) -> tuple[tuple[str, str], ...]:
    """The municipality's PC4s with their place name (from the same table as geo.postcodes)."""
    wanted = set(postcodes.postcodes_of(code))
    text = resources.files("buurtgezinnen.geo").joinpath("data/nl_pc4.csv").read_text("utf-8")
    places = {
        row["pc4"]: row["place"]
        for row in csv.DictReader(io.StringIO(text))
        if row["pc4"] in wanted and row["municipality_code"] == code
    }
    return tuple((pc4, places.get(pc4, "")) for pc4 in sorted(wanted))


def _postcode(rng: random.Random, pc4: str) -> str:
    while True:
        letters = rng.choice(LETTERS) + rng.choice(LETTERS)
        if letters not in {"SA", "SD", "SS"}:
            return f"{pc4} {letters}"


class _Decks:
    """Stories dealt from shuffled decks, so neighbouring families differ."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.decks: dict[str, list[Any]] = {}
        self.waits = [94, 12, 57, 31, 118, 6, 73, 22, 45, 103, 9, 64, 38, 85]
        rng.shuffle(self.waits)
        self.toggles: dict[str, bool] = {}

    def deal(self, name: str, pool: Sequence[Any]) -> Any:
        deck = self.decks.setdefault(name, [])
        if not deck:
            deck.extend(pool)
            self.rng.shuffle(deck)
        return deck.pop()

    def wait(self) -> int:
        days = self.waits.pop(0)
        self.waits.append(days)
        return days

    def mention_helpline(self) -> bool:
        """About half of the waiting families heard of the parent helpline."""
        return self.toggle("helpline")

    def toggle(self, name: str) -> bool:
        self.toggles[name] = not self.toggles.get(name, False)
        return self.toggles[name]


@dataclass
class _World:
    municipality: Municipality
    coordinator: User
    rng: random.Random
    fake: Faker
    criteria: list[CompetenceCriterion]
    decks: _Decks
    today: date = field(default_factory=timezone.localdate)
    started: datetime = field(default_factory=timezone.now)

    def __post_init__(self) -> None:
        self.places = _places(self.municipality.cbs_code)
        self.services: dict[str, ServiceOrganisation] = {}
        for organisation in self.municipality.service_organisations.filter(is_active=True):
            self.services.setdefault(organisation.category, organisation)
        start = self.municipality.programme_started_on or self.today - timedelta(days=1500)
        self.days_running = (self.today - start).days


def _ascii(text: str) -> str:
    text = text.translate(str.maketrans("ıłŁ", "ilL"))
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _weekday(day: date, forward: bool = False) -> date:
    """Coordinators work on weekdays: move a weekend day to Friday (or on to Monday)."""
    while day.weekday() >= 5:
        day += timedelta(days=1 if forward else -1)
    return day


class _Builder:
    def __init__(self, world: _World, scenario: str) -> None:
        self.world = world
        self.scenario = scenario
        self.rng = world.rng
        self.fake = world.fake
        self.by = world.coordinator
        self.today = world.today
        self.family: Family
        self.applied: date
        self.last: datetime | None = None

    def run(self) -> None:
        """The scenario's method: ``not_approved``, or ``available`` for "available_expired"."""
        step = getattr(self, self.scenario, None) or getattr(self, self.scenario.split("_")[0])
        step()

    # --- time ---

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def stamp(self, day: date, hour: int | None = None) -> datetime:
        """Date the events the last action wrote (all dated "now") to ``day``."""
        hour = hour if hour is not None else self.rng.randint(9, 16)
        when = self.at(day, hour, 5 * self.rng.randint(0, 11))
        if self.last is not None and when <= self.last:  # same day: one thing after another
            when = self.last + timedelta(minutes=5 * self.rng.randint(1, 4))
        FamilyEvent.objects.filter(family=self.family, at__gte=self.world.started).update(at=when)
        self.last = when
        return when

    def future(self, days: int) -> datetime:
        day = _weekday(self.today + timedelta(days=days), forward=True)
        return self.at(day, self.rng.choice((9, 10, 13, 15)), self.rng.choice((0, 30)))

    def finish(self) -> None:
        Family.objects.filter(pk=self.family.pk).update(
            created_at=self.at(self.applied, 12), updated_at=self.last or self.world.started
        )

    # --- people ---

    def name(self, origin: str, gender: str, surname: Any = None) -> tuple[str, str, Any]:
        female = gender == "v"
        if origin == "nl":
            first = self.fake.first_name_female() if female else self.fake.first_name_male()
            surname = surname or self.fake.last_name()
            return first, surname, surname
        women, men, surnames = NAMES[origin]
        first = self.rng.choice(women if female else men)
        surname = surname or self.rng.choice(surnames)
        last = surname[0 if female else 1] if isinstance(surname, tuple) else surname
        return first, last, surname

    def person(self, first: str, last: str, languages: str) -> PersonData:
        return PersonData(
            first_name=first,
            last_name=last,
            email=f"{_ascii(first)}.{_ascii(last)}@example.nl",
            phone=f"06-{self.rng.randint(10000000, 99999999)}",
            languages=languages,
        )

    def address(self) -> dict[str, Any]:
        """Street, house number, postcode and place: the Application's address fields."""
        pc4, place = self.rng.choice(self.world.places)
        number = str(self.rng.randint(1, 160))
        if self.rng.random() < 0.15:
            number += self.rng.choice(("a", "b", "-2", " bis"))
        return {
            "street": self.fake.street_name(),
            "house_number": number,
            "postcode": _postcode(self.rng, pc4),
            "place": place or self.world.municipality.name,
        }

    def submit(self, application: Application, *, by: User | None, hour: int) -> Family:
        self.family = actions.submit_application(
            application=application, municipality=self.world.municipality, by=by
        )
        self.stamp(self.applied, hour)
        return self.family

    def plan(self, number: int, planned_at: datetime, on: date) -> None:
        actions.plan_conversation(
            family=self.family, by=self.by, number=number, planned_at=planned_at
        )
        self.stamp(on)

    def hold(self, number: int, on: date, notes: Mapping[str, Any]) -> None:
        """Conversation ``number`` held on ``on``, with the story's notes (keys: its fields)."""
        note = _story_fields(notes, actions.CONVERSATION_FIELDS)
        conversation = actions.record_conversation(
            family=self.family,
            by=self.by,
            number=number,
            held_on=on,
            attendees=note("attendees"),
            goes_well=note("goes_well"),
            is_hard=note("is_hard"),
            support_wanted=note("support_wanted"),
            support_other=note("support_other"),
            day_parts=note("day_parts"),
            network=note("network"),
            poverty=note("poverty"),
            finances_note=note("finances_note"),
            helpline_mentioned_on=note("helpline_mentioned_on"),
            notes=note("notes"),
        )
        planned = conversation.planned_at
        hour = timezone.localtime(planned).hour + 2 if planned else 12
        self.stamp(on, min(hour, 21))

    def decide(
        self, outcome: str, reason: str, on: date, referred_to: ServiceOrganisation | None = None
    ) -> None:
        self.family = actions.decide(
            family=self.family, by=self.by, outcome=outcome, reason=reason, referred_to=referred_to
        )
        when = self.stamp(on)
        changes: dict[str, Any] = {"decided_at": when}
        if outcome == Status.WAITING:
            changes["waiting_since"] = on
        Family.objects.filter(pk=self.family.pk).update(**changes)


class _RequestBuilder(_Builder):
    """One requesting family, from application to its scenario's state."""

    def build(self) -> None:
        scenario = self.scenario
        if scenario == "referred":
            story = self.world.decks.deal("referred", REFERRED)
        elif scenario == "declined":
            story = self.world.decks.deal("declined", DECLINED)
        else:
            story = self.world.decks.deal("suitable", SUITABLE)
        self.story = story
        self.household(story.household)
        self.run()
        self.finish()

    # --- the household and its texts ---

    def household(self, household: Household) -> None:
        origin = self.rng.choice(household.origins)
        self.origin = origin
        contact_first, contact_last, surname = self.name(origin, household.contact)
        languages = self.rng.choice(LANGUAGES[origin])
        people = [self.person(contact_first, contact_last, languages)]
        self.names = {"ouder": contact_first, "partner": ""}
        if household.partner:
            other = "m" if household.contact == "v" else "v"
            own = origin in OWN_SURNAMES or (origin == "nl" and self.rng.random() < 0.5)
            first, last, _ = self.name(origin, other, None if own else surname)
            people.append(self.person(first, last, languages))
            self.names["partner"] = first
        births = self.births(self.rng.randint(*household.children), household.ages)
        children: list[ChildData] = []
        used: set[str] = set()
        for index, born in enumerate(births):
            gender = (
                household.child_genders[index]
                if index < len(household.child_genders)
                else self.rng.choice("vm")
            )
            first = self.child_name(origin, gender)
            while first in used:
                first = self.child_name(origin, gender)
            used.add(first)
            children.append(ChildData(first_name=first, date_of_birth=born))
        self.names["kind"] = children[0].first_name
        self.names["jongste"] = children[-1].first_name
        self.family_name = contact_last
        self.people = people
        self.children = children

    def births(self, count: int, ages: tuple[int, int]) -> list[date]:
        """Dates of birth, oldest first, with ages in range and siblings ten months apart."""
        while True:
            births = sorted(
                policy.add_years(self.today, -self.rng.randint(*ages))
                - timedelta(days=self.rng.randint(20, 340))
                for _ in range(count)
            )
            if all((b - a).days >= 300 for a, b in pairwise(births)):
                return births

    def child_name(self, origin: str, gender: str) -> str:
        if origin == "nl":
            return self.fake.first_name_female() if gender == "v" else self.fake.first_name_male()
        girls, boys = CHILD_NAMES[origin]
        return self.rng.choice(girls if gender == "v" else boys)

    def text(self, value: str) -> str:
        return value.format(**self.names)

    def conversation(self, number: int) -> dict[str, Any]:
        story = self.story
        fields = dict(story.c1)
        if number == 2:
            fields.update(story.c2)
        result: dict[str, Any] = {}
        for name, value in fields.items():
            result[name] = self.text(value) if isinstance(value, str) else list(value)
        result.setdefault(
            "attendees", self.text("{ouder} en {partner}" if self.names["partner"] else "{ouder}")
        )
        day_sets = story.day_parts or DAY_SETS
        result["day_parts"] = list(self.rng.choice(day_sets))
        return result

    def apply(self, source: str, applied_days: int) -> None:
        story, rng = self.story, self.rng
        self.applied = self.ago(applied_days)
        fields: dict[str, Any] = {}
        if source == Source.PUBLIC_FORM:
            fields["channel"] = rng.choice(
                (Channel.FACEBOOK, Channel.INSTAGRAM, Channel.SCHOOL, Channel.WEBSITE)
            )
            note = story.note
            by, hour = None, rng.choice((8, 13, 20, 21, 22))
        elif source == Source.PHONE:
            tip, fields["channel"] = rng.choice(PHONE_TIPS)
            note = f"Telefonisch aangemeld na een tip van {tip}. {story.asks}"
            by, hour = self.by, rng.randint(9, 16)
            self.applied = _weekday(self.applied)
        else:
            fields.update(self.referrer(), channel=Channel.PROFESSIONAL)
            kind = fields["referrer_type"]
            note = (
                f"Ik ben {REFERRER_ROLES[kind]} bij {fields['referrer_organisation']}. "
                f"{REFERRAL_NOTES[kind]}"
            )
            by, hour = self.by, rng.randint(9, 16)
            self.applied = _weekday(self.applied)
        household_facts = replace(story.facts, network=self.text(story.c1.get("network", "")))
        application = Application(
            kind=Kind.REQUEST,
            name=self.family_name,
            people=self.people,
            children=self.children,
            source=source,
            note=self.text(note),
            consent=True,
            applied_on=self.applied,
            facts=household_facts,
            **self.address(),
            **fields,
        )
        self.submit(application, by=by, hour=hour)

    def referrer(self) -> dict[str, str]:
        rng = self.rng
        kind = rng.choice(
            (Referrer.SCHOOL, Referrer.DISTRICT_TEAM, Referrer.GP, Referrer.YOUTH_CARE)
        )
        first, last = self.fake.first_name(), self.fake.last_name()
        if kind == Referrer.SCHOOL:
            organisation = rng.choice(SCHOOLS)
        elif kind == Referrer.GP:
            organisation = rng.choice(GP_PRACTICES)
        else:
            service = self.world.services.get(
                Category.DISTRICT_TEAM if kind == Referrer.DISTRICT_TEAM else Category.YOUTH_CARE
            )
            organisation = service.name if service else "Buurtteam"
        area = AREA_CODES.get(self.world.municipality.cbs_code, "030")
        return {
            "referrer_type": kind,
            "referrer_name": f"{first} {last}",
            "referrer_organisation": organisation,
            "referrer_phone": f"{area}-{rng.randint(2000000, 2999999)}",
            "referrer_email": f"{_ascii(first)}.{_ascii(last)}@example.nl",
        }

    def source(self) -> str:
        return self.rng.choice((Source.PUBLIC_FORM, Source.PHONE, Source.REFERRAL))

    # --- scenarios ---

    def new(self) -> None:
        source = {
            "new_form": Source.PUBLIC_FORM,
            "new_phone": Source.PHONE,
            "new_referral": Source.REFERRAL,
        }[self.scenario]
        self.apply(source, self.rng.randint(1, 9))

    def intake(self) -> None:
        rng = self.rng
        if self.scenario == "intake_planned":
            self.apply(self.source(), rng.randint(4, 10))
            self.plan(1, self.future(rng.randint(1, 6)), _weekday(self.applied + timedelta(days=2)))
            return
        self.apply(self.source(), rng.randint(16, 30))
        held = _weekday(self.applied + timedelta(days=rng.randint(5, 9)))
        self.plan(1, self.at(held, 10), _weekday(self.applied + timedelta(days=2)))
        self.hold(1, held, self.conversation(1))
        self.plan(2, self.future(rng.randint(2, 8)), held)

    def conversations_until(self, second: date, *, helpline: bool) -> None:
        """Apply, plan and hold both conversations, the second on ``second``."""
        rng = self.rng
        first = _weekday(second - timedelta(days=rng.randint(7, 14)))
        planned_on = _weekday(first - timedelta(days=rng.randint(4, 7)))
        self.apply(self.source(), (self.today - planned_on).days + rng.randint(1, 5))
        self.plan(1, self.at(first, 10), planned_on)
        self.hold(1, first, self.conversation(1))
        self.plan(2, self.at(second, 10), first)
        fields = self.conversation(2)
        if helpline:
            fields["helpline_mentioned_on"] = second
        self.hold(2, second, fields)

    def waiting(self) -> None:
        decided = _weekday(self.ago(self.world.decks.wait()))
        second = _weekday(decided - timedelta(days=self.rng.randint(0, 2)))
        self.conversations_until(second, helpline=self.world.decks.mention_helpline())
        reason = self.rng.choice(
            (
                "Gemotiveerd gezin, afspraken lukken goed. Past bij Buurtgezinnen; wervingsprofiel "
                "volgt.",
                "Beide gesprekken gevoerd. Duidelijke, haalbare vraag en ouders staan er "
                "helemaal achter. Op de wachtlijst.",
                "Geschikt: ouders zijn gemotiveerd, de vraag past bij een steungezin in de buurt.",
            )
        )
        self.decide(Status.WAITING, reason, decided)

    def referred(self) -> None:
        rng = self.rng
        self.apply(self.source(), rng.randint(20, 70))
        held = _weekday(self.applied + timedelta(days=rng.randint(4, 9)))
        self.plan(1, self.at(held, 10), _weekday(self.applied + timedelta(days=1)))
        self.hold(1, held, self.conversation(1))
        organisation = (
            self.world.services.get(self.story.category)
            or self.world.services.get(Category.SOCIAL_WORK)
            or self.world.services.get(Category.DISTRICT_TEAM)
        )
        on = _weekday(held + timedelta(days=rng.randint(1, 3)))
        self.decide(Status.REFERRED, self.text(self.story.reason), on, referred_to=organisation)

    def declined(self) -> None:
        rng = self.rng
        self.apply(self.source(), rng.randint(25, 80))
        first = _weekday(self.applied + timedelta(days=rng.randint(4, 8)))
        self.plan(1, self.at(first, 10), _weekday(self.applied + timedelta(days=1)))
        if self.story.held:
            self.hold(1, first, self.conversation(1))
            on = _weekday(first + timedelta(days=rng.randint(1, 4)))
        else:
            # Not at home twice more: the last try is planned, never held.
            for tries in (1, 2):
                again = _weekday(first + timedelta(days=7 * tries))
                self.plan(1, self.at(again, 14), _weekday(again - timedelta(days=3)))
            on = _weekday(first + timedelta(days=17))
        self.decide(Status.DECLINED, self.text(self.story.reason), on)

    def withdrawn(self) -> None:
        rng = self.rng
        reason = self.text(WITHDRAWN_REASONS[self.scenario])
        if self.scenario == "withdrawn_waiting":
            decided = _weekday(self.ago(rng.randint(90, 140)))
            self.conversations_until(decided, helpline=True)
            self.decide(Status.WAITING, "Gemotiveerd gezin; past bij Buurtgezinnen.", decided)
            self.decide(Status.WITHDRAWN, reason, _weekday(self.ago(rng.randint(5, 30))))
        elif self.scenario == "withdrawn_intake":
            self.apply(self.source(), rng.randint(30, 60))
            held = _weekday(self.applied + timedelta(days=rng.randint(4, 8)))
            self.plan(1, self.at(held, 10), _weekday(self.applied + timedelta(days=1)))
            self.hold(1, held, self.conversation(1))
            self.decide(Status.WITHDRAWN, reason, _weekday(held + timedelta(days=6)))
        else:
            self.apply(self.source(), rng.randint(10, 20))
            self.decide(Status.WITHDRAWN, reason, _weekday(self.applied + timedelta(days=3)))


class _SupportBuilder(_Builder):
    """One support family, from application to its scenario's state, with VOGs."""

    def build(self) -> None:
        if self.scenario == "not_approved":
            story = self.world.decks.deal("not_approved", NOT_APPROVED)
        else:
            story = self.world.decks.deal("support", SUPPORT)
        self.story: SupportStory = story
        self.names = {"ouder": "", "partner": ""}
        self.run()
        self.finish()

    def text(self, value: str) -> str:
        return value.format(**self.names)

    def apply(self, applied_days: int) -> None:
        story, rng = self.story, self.rng
        self.applied = self.ago(applied_days)
        people = []
        surname = None
        for index, (origin, gender) in enumerate(zip(story.origins, story.genders, strict=True)):
            share = index > 0 and origin == story.origins[0] and rng.random() < 0.5
            first, last, new_surname = self.name(origin, gender, surname if share else None)
            surname = surname or new_surname
            languages = story.languages or rng.choice(LANGUAGES[origin])
            people.append(self.person(first, last, languages))
            self.names["partner" if index else "ouder"] = first
        channel = rng.choice(story.channels)
        if channel in (Channel.FACEBOOK, Channel.INSTAGRAM, Channel.WEBSITE):
            source, by, hour = Source.PUBLIC_FORM, None, rng.choice((12, 20, 21))
        else:
            source, by, hour = Source.PHONE, self.by, rng.randint(9, 16)
            self.applied = _weekday(self.applied)
        application = Application(
            kind=Kind.SUPPORT,
            name=people[0].last_name,
            people=people,
            source=source,
            channel=channel,
            note=story.note,
            consent=True,
            applied_on=self.applied,
            facts=story.facts,
            **self.address(),
        )
        self.submit(application, by=by, hour=hour)

    def conversation(self, number: int) -> dict[str, Any]:
        fields = self.story.c1 if number == 1 else self.story.c2
        result = {name: self.text(value) for name, value in fields.items()}
        attendees = "{ouder} en {partner}" if self.names["partner"] else "{ouder}"
        result["attendees"] = self.text(attendees)
        return result

    def people(self) -> list[Person]:
        return list(self.family.people.order_by("pk"))

    def request_vogs(self, on: date) -> list[Vog]:
        vogs = [
            actions.record_vog(person=person, by=self.by, requested_on=on)
            for person in self.people()
        ]
        self.stamp(on)
        return vogs

    def receive_vogs(
        self, vogs: list[Vog], requested: date, issued: date, received: date, *, checked: bool
    ) -> None:
        for vog in vogs:
            actions.record_vog(
                person=vog.person,
                by=self.by,
                vog=vog,
                requested_on=requested,
                received_on=received,
                issued_on=issued,
                checked=checked,
            )
        if checked:
            Vog.objects.filter(pk__in=[vog.pk for vog in vogs]).update(checked_on=received)
        self.stamp(received)

    def assess(self, on: date, *, complete: bool = True) -> None:
        criteria = self.world.criteria if complete else self.world.criteria[:4]
        ratings: dict[int, tuple[str, str]] = {}
        for criterion in criteria:
            rating, note = self.story.ratings.get(criterion.name, (Rating.MEETS, ""))
            if not note and self.rng.random() < 0.6:
                note = self.rng.choice(CRITERION_NOTES.get(criterion.name, ("",)))
            ratings[criterion.pk] = (rating, note)
        actions.assess_competences(family=self.family, by=self.by, ratings=ratings)
        self.stamp(on)

    def save_offer(self, on: date) -> None:
        offer = _story_fields(self.story.offer, OFFER_FIELDS)
        actions.save_offer(
            family=self.family,
            by=self.by,
            day_parts=offer("day_parts"),
            frequency=offer("frequency"),
            sleepovers=offer("sleepovers"),
            max_children=offer("max_children"),
            min_child_age=offer("min_child_age"),
            max_child_age=offer("max_child_age"),
            max_travel_km=offer("max_travel_km"),
            max_families=offer("max_families"),
            support_types=offer("support_types"),
            note=offer("note"),
        )
        self.stamp(on)

    def screen(self, first: date, second: date | None) -> None:
        """Plan and hold the first conversation (and the second, when given)."""
        self.plan(1, self.at(first, 19, 30), _weekday(self.applied + timedelta(days=2)))
        self.hold(1, first, self.conversation(1))
        if second is not None:
            self.plan(2, self.at(second, 19, 30), first)
            self.hold(2, second, self.conversation(2))

    # --- scenarios ---

    def new(self) -> None:
        self.apply(self.rng.randint(1, 10))

    def screening(self) -> None:
        rng = self.rng
        if self.scenario == "screening_requested":
            self.apply(rng.randint(18, 35))
            first = _weekday(self.applied + timedelta(days=rng.randint(5, 9)))
            self.screen(first, None)
            self.request_vogs(first)
            self.plan(2, self.future(rng.randint(2, 9)), first)
            return
        self.apply(rng.randint(40, 60))
        first = _weekday(self.applied + timedelta(days=rng.randint(5, 8)))
        second = _weekday(first + timedelta(days=rng.randint(9, 14)))
        self.screen(first, second)
        vogs = self.request_vogs(first)
        issued = first + timedelta(days=rng.randint(10, 16))
        received = _weekday(issued + timedelta(days=rng.randint(2, 4)))
        self.receive_vogs(vogs, first, issued, received, checked=False)
        self.assess(second, complete=False)
        self.save_offer(second)

    def approve(self, approved: date, issued: date, *, expired: bool = False) -> list[Vog]:
        """The whole screening, approved on ``approved``, with VOGs issued on ``issued``.

        ``expired``: the VOGs are recorded as issued today (``decide`` needs them valid) and get
        their real, too old, date of issue after the approval.
        """
        rng = self.rng
        received = _weekday(issued + timedelta(days=rng.randint(2, 4)), forward=True)
        requested = _weekday(issued - timedelta(days=rng.randint(10, 16)))
        first = requested
        second = _weekday(first + timedelta(days=rng.randint(8, 12)))
        self.apply((self.today - first).days + rng.randint(6, 12))
        self.screen(first, second)
        vogs = self.request_vogs(first)
        self.assess(second)
        self.save_offer(second)
        self.receive_vogs(
            vogs, requested, self.today if expired else issued, received, checked=True
        )
        reason = rng.choice(
            (
                "Beide gesprekken gevoerd, competentieprofiel besproken en VOG's gecontroleerd. "
                "Warm, nuchter gezin met tijd en ruimte; goedgekeurd als steungezin.",
                "Screening rond: voldoet aan het competentieprofiel, VOG in orde. Beschikbaar "
                "voor een voorstel.",
            )
        )
        self.decide(Status.AVAILABLE, reason, _weekday(max(approved, received, second)))
        if expired:
            Vog.objects.filter(pk__in=[vog.pk for vog in vogs]).update(issued_on=issued)
        return vogs

    def available(self) -> None:
        rng = self.rng
        years_ago = policy.add_years(self.today, -policy.VOG_MAX_AGE_YEARS)
        if self.scenario == "available_expiring":
            # Issued about 2 years 11 months ago: due for renewal within the warning period.
            issued = years_ago + timedelta(
                days=rng.randint(15, policy.VOG_EXPIRY_WARNING_DAYS - 10)
            )
            self.approve(issued + timedelta(days=rng.randint(6, 10)), issued)
        elif self.scenario == "available_expired":
            # Approved over three years ago and still available: the VOG list must catch it.
            issued = years_ago - timedelta(days=rng.randint(5, 40))
            self.approve(issued + timedelta(days=rng.randint(6, 10)), issued, expired=True)
        else:
            limit = min(600, self.world.days_running - 90)
            approved = _weekday(self.ago(rng.randint(20, max(limit, 30))))
            self.approve(approved, approved - timedelta(days=rng.randint(5, 8)))

    def not_approved(self) -> None:
        rng = self.rng
        self.apply(rng.randint(60, 200))
        first = _weekday(self.applied + timedelta(days=rng.randint(5, 9)))
        second = _weekday(first + timedelta(days=rng.randint(8, 14)))
        self.screen(first, second)
        self.request_vogs(first)
        self.assess(second)
        self.decide(
            Status.NOT_APPROVED,
            self.text(self.story.reason),
            _weekday(second + timedelta(days=rng.randint(2, 6))),
        )

    def withdrawn(self) -> None:
        rng = self.rng
        if self.world.decks.toggle("support_withdrawn"):
            self.apply(rng.randint(30, 90))
            first = _weekday(self.applied + timedelta(days=rng.randint(5, 9)))
            self.screen(first, None)
            reason = self.text(SUPPORT_WITHDRAWN[0])
            self.decide(Status.WITHDRAWN, reason, _weekday(first + timedelta(days=5)))
        else:
            approved = _weekday(self.ago(rng.randint(200, 400)))
            self.approve(approved, approved - timedelta(days=6))
            reason = self.text(SUPPORT_WITHDRAWN[1])
            self.decide(Status.WITHDRAWN, reason, _weekday(self.ago(rng.randint(10, 40))))
