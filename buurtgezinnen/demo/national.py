"""The national data set: 150 real municipalities in regions, their staff, and as many families as
asked for, in every state, with everything the app writes about them (``generate_dataset``).

It exists to measure the pages at the size the programme will have (``make bench`` on
PostgreSQL), so it must look like the real thing to the queries: the same models and fields filled
as the actions fill them, states the transition tables can reach (``families.workflow``,
``matching.models.MATCH_TRANSITIONS``), dates in order and in the past (only an appointment that is
planned and not held yet lies ahead), a match's families in the states a match implies, VOGs that
were valid when a match clicked, real PC4 postcodes of each family's municipality, and skewed
sizes: a few large municipalities with thousands of families and a long tail of small ones.

Unlike the demo (``demo.data``), nothing goes through the actions: a first pass plans every row in
memory (``random.Random(seed)`` and a seeded Faker ``nl_NL``, dates relative to ``today``), then
each stage writes its tables with ``bulk_create`` in batches, one transaction per stage. No signal
runs, so the change log (django-auditlog) holds nothing of it; the agreements' PDFs are named but
not made.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import math
import random
import time as clock
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from faker import Faker

from buurtgezinnen import policy
from buurtgezinnen.agreements.models import (
    Agreement,
    AgreementStatus,
    Signature,
    SignerRole,
    StandardText,
    Topic,
)
from buurtgezinnen.concerns.models import (
    Concern,
    ConcernKind,
    ConcernStatus,
    MeldcodeStep,
    Referral,
    ReferralOutcome,
)
from buurtgezinnen.demo import stories
from buurtgezinnen.families.models import (
    Category,
    Channel,
    Child,
    CompetenceAssessment,
    CompetenceCriterion,
    Conversation,
    DayPart,
    EventKind,
    Family,
    FamilyEvent,
    Frequency,
    Kind,
    Offer,
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
from buurtgezinnen.matching.actions import introduction_line, trial_started_line
from buurtgezinnen.matching.models import (
    EndReason,
    Match,
    MatchEvent,
    MatchStatus,
    Proposal,
    ProposalStatus,
    Review,
    ReviewKind,
)
from buurtgezinnen.org.access_log import ACCESS_LOG
from buurtgezinnen.org.models import Municipality, Region, Role, RoleAssignment, StandIn, User
from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile, SocialPost

SEED = 2026
DEFAULT_FAMILIES = 100_000
ACCESS_LOG_ROWS_PER_FAMILY = 10
MUNICIPALITIES = 150
REGIONS = 25  # around the largest municipalities
BATCH = 5000
# Every staff user of the set has this password (one hash, computed once); a login also needs
# a TOTP device, as always.
BENCH_PASSWORD = "buurtgezinnen-bench"  # noqa: S105 (printed on purpose; a generated set only)
BENCH_DOMAIN = "bench.buurtgezinnen.nl"
ZIPF = 0.9  # the municipalities' sizes: the n-th largest holds about 1/n**0.9 of the families
# The largest municipalities by population (CBS), largest first; the others follow by their number
# of postcodes (a rural municipality of many villages has many, so that is no guide at the top).
LARGEST = (
    "GM0363",  # Amsterdam
    "GM0599",  # Rotterdam
    "GM0518",  # 's-Gravenhage
    "GM0344",  # Utrecht
    "GM0772",  # Eindhoven
    "GM0014",  # Groningen
    "GM0855",  # Tilburg
    "GM0034",  # Almere
    "GM0758",  # Breda
    "GM0268",  # Nijmegen
    "GM0200",  # Apeldoorn
    "GM0202",  # Arnhem
    "GM0392",  # Haarlem
    "GM0394",  # Haarlemmermeer
    "GM0307",  # Amersfoort
    "GM0479",  # Zaanstad
    "GM0153",  # Enschede
    "GM0796",  # 's-Hertogenbosch
    "GM0193",  # Zwolle
    "GM0637",  # Zoetermeer
    "GM0546",  # Leiden
    "GM0080",  # Leeuwarden
    "GM0935",  # Maastricht
    "GM0505",  # Dordrecht
    "GM0228",  # Ede
)

# Each family's story, with its share of its kind. A request family's status follows from it
# (``REQUEST_STATUS``); a story with a match says the match's final state.
REQUEST_SHARES: dict[str, float] = {
    "new": 0.012,
    "intake_planned": 0.003,
    "intake_held": 0.003,
    "waiting": 0.09,
    "waiting_after_match": 0.01,
    "referred": 0.14,
    "referred_after_match": 0.015,
    "declined": 0.11,
    "withdrawn_new": 0.06,
    "withdrawn_intake": 0.07,
    "withdrawn_waiting": 0.10,
    "matched_agreement": 0.012,
    "matched_trial": 0.015,
    "matched_running": 0.09,
    "matched_closing": 0.013,
    "completed": 0.18,
    "ended": 0.077,
}
SUPPORT_SHARES: dict[str, float] = {
    "new": 0.015,
    "screening_requested": 0.012,
    "screening_unchecked": 0.013,
    "available": 0.30,
    "not_approved": 0.06,
    "withdrawn_new": 0.08,
    "withdrawn_screening": 0.12,
    "withdrawn_after": 0.40,
}
REQUEST_SHARE = 0.6  # of all families

REQUEST_STATUS: dict[str, str] = {
    "new": Status.NEW,
    "intake_planned": Status.INTAKE,
    "intake_held": Status.INTAKE,
    "waiting": Status.WAITING,
    "waiting_after_match": Status.WAITING,
    "referred": Status.REFERRED,
    "referred_after_match": Status.REFERRED,
    "declined": Status.DECLINED,
    "withdrawn_new": Status.WITHDRAWN,
    "withdrawn_intake": Status.WITHDRAWN,
    "withdrawn_waiting": Status.WITHDRAWN,
    "matched_agreement": Status.MATCHED,
    "matched_trial": Status.MATCHED,
    "matched_running": Status.MATCHED,
    "matched_closing": Status.MATCHED,
    "completed": Status.COMPLETED,
    "ended": Status.ENDED,
}
SUPPORT_STATUS: dict[str, str] = {
    "new": Status.NEW,
    "screening_requested": Status.SCREENING,
    "screening_unchecked": Status.SCREENING,
    "available": Status.AVAILABLE,
    "not_approved": Status.NOT_APPROVED,
    "withdrawn_new": Status.WITHDRAWN,
    "withdrawn_screening": Status.WITHDRAWN,
    "withdrawn_after": Status.WITHDRAWN,
}
# The match each request story ends with (None: no match).
MATCH_OF: dict[str, str] = {
    "matched_agreement": MatchStatus.AGREEMENT,
    "matched_trial": MatchStatus.TRIAL,
    "matched_running": MatchStatus.RUNNING,
    "matched_closing": MatchStatus.CLOSING,
    "completed": MatchStatus.COMPLETED,
    "ended": MatchStatus.ENDED_EARLY,
    "waiting_after_match": MatchStatus.ENDED_EARLY,
    "referred_after_match": MatchStatus.ENDED_EARLY,
}

TZ = ZoneInfo(settings.TIME_ZONE)

# Short texts a coordinator writes; drawn at random.
GOES_WELL = (
    "De kinderen gaan graag naar school en hebben vriendjes in de buurt.",
    "Moeder houdt het huishouden goed op orde, ondanks alles.",
    "Vader is betrokken en brengt de kinderen elke dag naar school.",
    "Er is veel liefde in huis; de kinderen zijn open en vrolijk.",
    "De oudste helpt veel mee met de jongere kinderen.",
)
IS_HARD = (
    "Moeder staat er alleen voor en heeft geen familie in de buurt.",
    "Door wisselende diensten is er weinig tijd voor de kinderen.",
    "Er zijn schulden; het geld is elke maand krap.",
    "De jongste heeft extra zorg nodig en dat kost veel energie.",
    "Sinds de scheiding is er weinig rust en regelmaat.",
)
NETWORKS = (
    "Weinig netwerk: de familie woont ver weg.",
    "Een buurvrouw springt soms bij.",
    "Oma helpt af en toe, maar wordt ouder.",
    "Geen netwerk in Nederland.",
    "",
)
NOTES = (
    "Gezin is gemotiveerd en staat open voor een steungezin.",
    "Afgesproken om na het tweede gesprek te besluiten.",
    "Ouder vindt het spannend, maar wil het proberen.",
    "Tolk geregeld voor het tweede gesprek.",
    "",
)
SUPPORT_NOTES = (
    "Warm gezin met ruimte en tijd; de eigen kinderen zijn al wat ouder.",
    "Ervaring als gastouder; rustig en stabiel.",
    "Willen graag iets betekenen voor een gezin in de wijk.",
    "Flexibel in de dagen; logeren kan later misschien.",
)
WAITING_REASONS = (
    "Gemotiveerd gezin; past bij Buurtgezinnen.",
    "Steun van een gezin in de buurt helpt de ouder om het vol te houden.",
    "Lichte ondersteuning volstaat; geen zwaardere hulp nodig.",
)
REFERRAL_REASONS = (
    "De vraag is zwaarder dan een steungezin kan dragen.",
    "Eerst schuldhulp; daarna kijken we opnieuw.",
    "Er is professionele opvoedondersteuning nodig.",
)
DECLINE_REASONS = (
    "Het gezin zoekt vooral kinderopvang; dat biedt Buurtgezinnen niet.",
    "Het gezin was na drie pogingen niet bereikbaar voor het gesprek.",
    "Er is al voldoende steun uit het eigen netwerk.",
)
WITHDRAW_REASONS = (
    "Het gezin heeft de aanmelding ingetrokken.",
    "Verhuisd naar een andere gemeente.",
    "De situatie is verbeterd; het gezin heeft geen steun meer nodig.",
)
APPROVAL_REASONS = (
    "Stabiel gezin met tijd en ruimte; de VOG's zijn in orde.",
    "Past goed bij het competentieprofiel.",
)
NOT_APPROVED_REASONS = (
    "Het gezin heeft op dit moment te weinig ruimte voor een ander gezin.",
    "Het competentieprofiel past nog niet; we spraken af het later opnieuw te bekijken.",
)
SUPPORT_WITHDRAW_REASONS = (
    "Het gezin stopt als steungezin.",
    "Door een nieuwe baan is er geen tijd meer.",
    "Verhuisd.",
)
REVIEW_NOTES = (
    "Het gaat goed; de kinderen kijken uit naar de middag.",
    "De afspraken werken; soms schuift de dag.",
    "Beide gezinnen zijn tevreden en willen doorgaan.",
    "Wat spanning over het ophalen; opnieuw afgesproken.",
)
CONCERNS = (
    "De oudste komt de laatste weken zonder eten naar het steungezin.",
    "Moeder lijkt erg moe en somber; de kinderen zijn onrustig.",
    "Het kind vertelde over ruzie thuis waarbij geschreeuwd werd.",
    "Blauwe plekken op de arm; het kind wilde er niets over zeggen.",
)
CLOSING_NOTES = (
    "Besproken met moeder; er is nu hulp van het buurtteam.",
    "De zorg is weggenomen na een gesprek met beide ouders.",
)
LANGUAGES = (
    "Nederlands",
    "Nederlands",
    "Nederlands",
    "Nederlands, Engels",
    "Arabisch, Nederlands",
    "Turks, Nederlands",
    "Tigrinya",
    "Pools, Engels",
    "Papiaments, Nederlands",
)
RELIGIONS = ("islam", "christelijk", "hindoeïstisch", "")
LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
SERVICE_NAMES: dict[str, str] = {
    Category.DISTRICT_TEAM: "Buurtteam",
    Category.YOUTH_CARE: "Jeugdhulp",
    Category.DEBT_HELP: "Schuldhulpmaatje",
    Category.GGD: "GGD",
    Category.PARENTING_SUPPORT: "Opvoedsteunpunt",
    Category.MENTAL_HEALTH: "GGZ",
    Category.SOCIAL_WORK: "Maatschappelijk werk",
}
REFER_TO = (Category.DISTRICT_TEAM, Category.SOCIAL_WORK, Category.DEBT_HELP, Category.YOUTH_CARE)
# What a read in the access log was of, with its page (URL name) and share.
READS = (
    ("families.family", "families:detail", 0.70),
    ("matching.match", "matching:detail", 0.15),
    ("agreements.agreement", "agreements:pdf", 0.06),
    ("concerns.concern", "concerns:detail", 0.04),
    ("org.user", "org:user_detail", 0.05),
)


# --- the plan ------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Mun:
    code: str
    name: str
    slug: str
    weight: float
    places: list[tuple[str, str, float, float]]  # pc4, place, latitude, longitude
    lat: float = 0.0
    lon: float = 0.0
    region: str = ""
    started: date = date(2015, 1, 1)
    coordinators: list[_User] = field(default_factory=list)
    services: dict[str, list[_Service]] = field(default_factory=dict)
    families: list[_Fam] = field(default_factory=list)
    pk: int = 0


@dataclass(eq=False)
class _User:
    first: str
    last: str
    email: str
    role: str
    place: str = ""  # CBS code or region name
    joined: date = date(2015, 1, 1)
    pk: int = 0


@dataclass(eq=False)
class _Service:
    mun: _Mun
    name: str
    category: str
    pk: int = 0


@dataclass(eq=False)
class _Vog:
    requested: date
    received: date | None = None
    issued: date | None = None
    checked: date | None = None

    def valid_on(self, day: date) -> bool:
        """``families.models.Vog.is_valid_on`` at a moment of the planned history: the same rule (a
        planned VOG with a date of issue was always received), and it must also have been checked
        by then (the plan dates every step, the app only ever asks about today). Planned without
        model instances, which cost too much at 100k."""
        return (
            self.issued is not None
            and self.checked is not None
            and self.checked <= day < policy.vog_renewal_due(self.issued)
        )


@dataclass(eq=False)
class _Person:
    first: str
    last: str
    email: str
    phone: str
    languages: str
    vogs: list[_Vog] = field(default_factory=list)
    pk: int = 0


@dataclass(eq=False)
class _Event:
    at: datetime
    kind: str
    detail: str = ""
    before: str = ""
    after: str = ""
    by: _User | None = None


@dataclass(eq=False)
class _Fam:
    kind: str
    story: str
    mun: _Mun
    by: _User
    status: str = Status.NEW
    applied: date = date(2020, 1, 1)
    applied_at: datetime = datetime(2020, 1, 1, tzinfo=TZ)
    source: str = Source.PUBLIC_FORM
    people: list[_Person] = field(default_factory=list)
    children: list[tuple[str, date]] = field(default_factory=list)
    conversations: list[dict[str, Any]] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    decided_at: datetime | None = None
    reason: str = ""
    referred_to: _Service | None = None
    waiting_since: date | None = None
    approved: date | None = None  # support: decided "available"
    withdrawn: date | None = None  # support withdrawn after approval
    places: int = 1
    taken: set[int] = field(default_factory=set)
    assessed: date | None = None
    offer_on: date | None = None
    matches: list[_Match] = field(default_factory=list)
    pk: int = 0

    @property
    def name(self) -> str:
        return self.people[0].last if self.people else ""

    def event(
        self,
        at: datetime,
        kind: str,
        detail: str = "",
        before: str = "",
        after: str = "",
        *,
        by: _User | bool | None = True,
    ) -> None:
        """One line on the timeline; ``by`` is the family's coordinator unless given."""
        who = self.by if by is True else by if isinstance(by, _User) else None
        self.events.append(_Event(at, kind, detail, before, after, who))


@dataclass(eq=False)
class _Review:
    kind: str
    planned_at: datetime | None
    held_on: date | None


@dataclass(eq=False)
class _Match:
    request: _Fam
    status: str
    started: date
    proposed: date
    introduction: datetime
    trial: date | None = None
    running: date | None = None
    closed: date | None = None
    end_stage: str = ""  # the open state it ended early from
    end_reason: str = ""
    request_to: str = ""  # the request family's status after an early end
    reviews: list[_Review] = field(default_factory=list)
    support: _Fam | None = None
    place: int = 1
    continue_together: bool | None = None
    events: list[tuple[datetime, str, str, str]] = field(default_factory=list)
    pk: int = 0

    @property
    def partner(self) -> _Fam:
        """The support family (every match that is written has one)."""
        assert self.support is not None
        return self.support


@dataclass
class Counts:
    """Rows written per model label, in the order of writing."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, model: type[models.Model], count: int) -> None:
        label = model._meta.label
        self.rows[label] = self.rows.get(label, 0) + count


def refusal() -> str | None:
    """Why the database may not take the set (it holds municipalities, families or users)."""
    for model in (Municipality, Family, User):
        if model.objects.exists():
            return (
                f"The database is not empty: it holds {model._meta.verbose_name_plural}. "
                "generate_dataset only fills an empty database (run migrate on a new one)."
            )
    return None


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _quotas(shares: dict[str, float], total: int) -> list[str]:
    """``total`` stories by their shares (largest remainder), each at least once when it fits."""
    exact = {key: share * total for key, share in shares.items()}
    counts = {key: int(value) for key, value in exact.items()}
    if total >= len(shares):
        for key in counts:
            counts[key] = max(counts[key], 1)
    rest = total - sum(counts.values())
    by_remainder = sorted(shares, key=lambda key: (counts[key] - exact[key], key))
    for key in itertools.islice(itertools.cycle(by_remainder), max(rest, 0)):
        counts[key] += 1
    while sum(counts.values()) > total:
        largest = max(counts, key=lambda key: counts[key])
        counts[largest] -= 1
    return [key for key in shares for _ in range(counts[key])]


class Generator:
    """Plans the whole set, then writes it stage by stage (``run``)."""

    def __init__(
        self,
        *,
        families: int = DEFAULT_FAMILIES,
        seed: int = SEED,
        access_log_rows: int | None = None,
        today: date | None = None,
        say: Callable[[str], None] = print,
    ) -> None:
        from django.utils import timezone

        self.total = families
        self.seed = seed
        self.access_log_rows = (
            families * ACCESS_LOG_ROWS_PER_FAMILY if access_log_rows is None else access_log_rows
        )
        self.today = today or timezone.localdate()
        self.say = say
        self.rng = random.Random(seed)
        self.counts = Counts()
        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        self.women = list(dict.fromkeys(fake.first_name_female() for _ in range(800)))
        self.men = list(dict.fromkeys(fake.first_name_male() for _ in range(800)))
        self.surnames = list(dict.fromkeys(fake.last_name() for _ in range(1500)))
        self.streets = list(dict.fromkeys(fake.street_name() for _ in range(600)))
        self.muns: list[_Mun] = []
        self.users: list[_User] = []
        self.fams: list[_Fam] = []
        self.matches: list[_Match] = []
        self.proposals: list[dict[str, Any]] = []

    # --- small helpers ---

    def days(self, low: int, high: int) -> int:
        return self.rng.randint(low, max(low, high))

    def at(self, day: date, hour: int | None = None, minute: int | None = None) -> datetime:
        hour = self.rng.randint(9, 16) if hour is None else hour
        minute = 5 * self.rng.randint(0, 11) if minute is None else minute
        return datetime.combine(day, time(hour, minute), tzinfo=TZ)

    def weekday(self, day: date) -> date:
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return day

    def past(self, day: date) -> date:
        return min(day, self.today)

    def name(self, female: bool) -> str:
        return self.rng.choice(self.women if female else self.men)

    # --- planning ---

    def plan(self) -> None:
        self.plan_organisation()
        self.plan_families()
        self.plan_pairs()

    def plan_organisation(self) -> None:
        rng = self.rng
        names = postcodes.all_municipalities()
        rows: dict[str, list[tuple[str, str, float, float]]] = defaultdict(list)
        for pc4, area in sorted(_areas().items()):
            rows[area[0]].append((pc4, area[1], area[2], area[3]))

        # The largest cities first, then the municipalities with the most postcodes.
        def size_order(code: str) -> tuple[int, int, str]:
            known = LARGEST.index(code) if code in LARGEST else len(LARGEST)
            return known, -len(rows[code]), code

        ranked = sorted(rows, key=size_order)[:MUNICIPALITIES]
        slugs: set[str] = set()
        for rank, code in enumerate(ranked, start=1):
            slug = slugify(names[code]) or code.lower()
            while slug in slugs:
                slug += "-" + code[2:]
            slugs.add(slug)
            places = rows[code]
            mun = _Mun(code, names[code], slug, 1 / rank**ZIPF, places)
            mun.lat = sum(p[2] for p in places) / len(places)
            mun.lon = sum(p[3] for p in places) / len(places)
            # The large ones started first; the small ones joined over the years.
            first_year = 2014 + min(9, rank // 15)
            mun.started = date(first_year + rng.randint(0, 2), rng.randint(1, 12), 1)
            self.muns.append(mun)
        hubs = self.muns[:REGIONS]
        for mun in self.muns:
            hub = min(hubs, key=lambda h: (h.lat - mun.lat) ** 2 + (h.lon - mun.lon) ** 2)
            mun.region = f"{hub.name} en omgeving"
        # Families per municipality by weight (largest remainder).
        weights = [m.weight for m in self.muns]
        total_weight = sum(weights)
        sizes = [int(self.total * w / total_weight) for w in weights]
        for index in range(self.total - sum(sizes)):
            sizes[index % len(sizes)] += 1
        self.sizes = sizes
        for mun, size in zip(self.muns, sizes, strict=True):
            for _ in range(max(1, math.ceil(size / 700))):
                user = self.user(Role.COORDINATOR, mun.code, mun.started)
                mun.coordinators.append(user)
            self.user(Role.MUNICIPALITY_CONTACT, mun.code, mun.started)
            for category, label in SERVICE_NAMES.items():
                count = 1 + (size // 4000 if category == Category.DISTRICT_TEAM else 0)
                for number in range(count):
                    place = rng.choice(mun.places)[1] or mun.name
                    suffix = f" {place}" if number == 0 else f" {place} {number + 1}"
                    service = _Service(mun, f"{label}{suffix}", category)
                    mun.services.setdefault(category, []).append(service)
        regions = list(dict.fromkeys(m.region for m in self.muns))
        self.regional = {
            region: self.user(Role.REGIONAL_COORDINATOR, region, date(2016, 1, 1))
            for region in regions
        }
        for _ in range(5):
            self.user(Role.NATIONAL_OFFICE, "", date(2015, 1, 1))
        for _ in range(10):
            self.user(Role.HELPLINE_VOLUNTEER, "", date(2018, 1, 1))

    def user(self, role: str, place: str, joined: date) -> _User:
        female = self.rng.random() < 0.8
        first, last = self.name(female), self.rng.choice(self.surnames)
        email = f"{_ascii(first)}.{_ascii(last)}.{len(self.users) + 1}@{BENCH_DOMAIN}"
        user = _User(first, last, email, role, place, joined + timedelta(days=self.days(0, 60)))
        self.users.append(user)
        return user

    def plan_families(self) -> None:
        rng = self.rng
        requests = round(self.total * REQUEST_SHARE)
        stories_ = [(Kind.REQUEST, s) for s in _quotas(REQUEST_SHARES, requests)]
        stories_ += [(Kind.SUPPORT, s) for s in _quotas(SUPPORT_SHARES, self.total - requests)]
        rng.shuffle(stories_)
        homes = [mun for mun, size in zip(self.muns, self.sizes, strict=True) for _ in range(size)]
        for (kind, story), mun in zip(stories_, homes, strict=True):
            fam = _Fam(kind, story, mun, rng.choice(mun.coordinators))
            mun.families.append(fam)
            self.fams.append(fam)
            self.household(fam)
            if kind == Kind.REQUEST:
                self.request(fam)
            else:
                self.support(fam)

    def household(self, fam: _Fam) -> None:
        rng = self.rng
        surname = rng.choice(self.surnames)
        languages = rng.choice(LANGUAGES)
        two = rng.random() < (0.45 if fam.kind == Kind.REQUEST else 0.7)
        contact_female = rng.random() < (0.85 if fam.kind == Kind.REQUEST else 0.7)
        genders = [contact_female] + ([not contact_female] if two else [])
        for number, female in enumerate(genders):
            first = self.name(female)
            last = surname if number == 0 or rng.random() < 0.5 else rng.choice(self.surnames)
            email = f"{_ascii(first)}.{_ascii(last)}@example.nl"
            phone = f"06-{rng.randint(10000000, 99999999)}"
            fam.people.append(_Person(first, last, email, phone, languages))
        if fam.kind == Kind.REQUEST:
            count = rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0]
            births: list[date] = []
            while len(births) < count:
                age_days = self.days(60, 365 * (17 if rng.random() < 0.95 else 22))
                born = self.today - timedelta(days=age_days)
                if all(abs((born - other).days) >= 300 for other in births):
                    births.append(born)
            for born in sorted(births):
                fam.children.append((self.name(rng.random() < 0.5), born))

    # --- a request family's story ---

    def running_days(self, fam: _Fam) -> int:
        return max(30, (self.today - fam.mun.started).days)

    def apply(self, fam: _Fam, day: date) -> None:
        rng = self.rng
        fam.applied = day
        fam.source = rng.choices(
            (Source.PUBLIC_FORM, Source.PHONE, Source.REFERRAL),
            (55, 20, 25) if fam.kind == Kind.REQUEST else (70, 30, 0),
        )[0]
        by_hand = fam.source != Source.PUBLIC_FORM
        hour = rng.randint(9, 16) if by_hand else rng.choice((8, 13, 20, 21, 22))
        fam.applied_at = self.at(day, hour)
        fam.event(
            fam.applied_at,
            EventKind.APPLIED,
            str(Source(fam.source).label),
            by=fam.by if by_hand else None,
        )

    def first_conversation_planned(self, fam: _Fam, on: date, planned_at: datetime) -> None:
        first_step = Status.INTAKE if fam.kind == Kind.REQUEST else Status.SCREENING
        when = self.at(on)
        fam.event(when, EventKind.STATUS, before=Status.NEW, after=first_step)
        fam.status = first_step
        self.conversation_planned(fam, 1, on, planned_at, when)

    def conversation_planned(
        self, fam: _Fam, number: int, on: date, planned_at: datetime, when: datetime | None = None
    ) -> None:
        while len(fam.conversations) < number:
            fam.conversations.append({"number": len(fam.conversations) + 1})
        fam.conversations[number - 1]["planned_at"] = planned_at
        local = planned_at.astimezone(TZ)
        detail = f"{number}: {local:%d-%m-%Y %H:%M}"
        fam.event(when or self.at(on), EventKind.CONVERSATION_PLANNED, detail)

    def conversation_held(self, fam: _Fam, number: int, on: date) -> None:
        rng = self.rng
        notes = fam.conversations[number - 1]
        notes["held_on"] = on
        names = [p.first for p in fam.people]
        notes["attendees"] = " en ".join(names)
        if fam.kind == Kind.REQUEST:
            notes["goes_well"] = rng.choice(GOES_WELL)
            notes["is_hard"] = rng.choice(IS_HARD)
            notes["support_wanted"] = rng.sample(list(SupportType.values), rng.randint(1, 3))
            notes["day_parts"] = rng.sample(list(DayPart.values), rng.randint(1, 4))
            notes["network"] = rng.choice(NETWORKS)
            notes["poverty"] = rng.choice(list(Poverty.values))
            if number == 2 and rng.random() < 0.5:
                notes["helpline_mentioned_on"] = on
        else:
            notes["goes_well"] = rng.choice(SUPPORT_NOTES)
        notes["notes"] = rng.choice(NOTES)
        planned = notes.get("planned_at")
        hour = min(21, planned.astimezone(TZ).hour + 2) if planned else 12
        fam.event(self.at(on, hour), EventKind.CONVERSATION_HELD, str(number))

    def decide(self, fam: _Fam, outcome: str, on: date, reason: str) -> None:
        fam.decided_at = self.at(on)
        fam.event(fam.decided_at, EventKind.DECIDED, reason, before=fam.status, after=outcome)
        fam.status = outcome
        fam.reason = reason
        fam.waiting_since = on if outcome == Status.WAITING else None
        if outcome == Status.REFERRED:
            category = self.rng.choice(REFER_TO)
            fam.referred_to = self.rng.choice(fam.mun.services[category])
        else:
            fam.referred_to = None

    def intake_until(self, fam: _Fam, second: date) -> None:
        """Apply, plan and hold both conversations, the second on ``second``."""
        rng = self.rng
        first = self.weekday(second - timedelta(days=self.days(7, 14)))
        planned_on = self.weekday(first - timedelta(days=self.days(4, 7)))
        self.apply(fam, planned_on - timedelta(days=self.days(1, 10)))
        self.first_conversation_planned(fam, planned_on, self.at(first, 10, 0))
        self.conversation_held(fam, 1, first)
        self.conversation_planned(fam, 2, first, self.at(second, rng.choice((10, 14)), 0))
        self.conversation_held(fam, 2, second)

    def to_waiting(self, fam: _Fam, decided: date) -> None:
        self.intake_until(fam, self.weekday(decided - timedelta(days=self.days(0, 3))))
        self.decide(fam, Status.WAITING, decided, self.rng.choice(WAITING_REASONS))

    def wait(self) -> int:
        return 7 + int(self.rng.expovariate(1 / 80))

    def request(self, fam: _Fam) -> None:
        rng, today, story = self.rng, self.today, fam.story
        span = self.running_days(fam)
        if story == "new":
            self.apply(fam, today - timedelta(days=self.days(0, 12)))
        elif story == "intake_planned":
            self.apply(fam, today - timedelta(days=self.days(3, 12)))
            on = self.past(fam.applied + timedelta(days=2))
            ahead = self.weekday(today + timedelta(days=self.days(3, 12)))
            self.first_conversation_planned(fam, on, self.at(ahead, 10, 0))
        elif story == "intake_held":
            self.apply(fam, today - timedelta(days=self.days(14, 30)))
            held = self.past(fam.applied + timedelta(days=self.days(5, 9)))
            self.first_conversation_planned(fam, fam.applied + timedelta(days=2), self.at(held, 10))
            self.conversation_held(fam, 1, held)
            ahead = self.weekday(today + timedelta(days=self.days(3, 12)))
            self.conversation_planned(fam, 2, held, self.at(ahead, 10, 0))
        elif story == "waiting":
            self.to_waiting(fam, today - timedelta(days=min(self.wait(), span - 40)))
        elif story in ("referred", "declined", "withdrawn_intake"):
            last = today - timedelta(days=self.days(0, span - 60))
            held = self.weekday(last - timedelta(days=self.days(1, 6)))
            self.apply(fam, held - timedelta(days=self.days(6, 20)))
            self.first_conversation_planned(fam, fam.applied + timedelta(days=1), self.at(held, 10))
            self.conversation_held(fam, 1, held)
            outcome, reasons = {
                "referred": (Status.REFERRED, REFERRAL_REASONS),
                "declined": (Status.DECLINED, DECLINE_REASONS),
                "withdrawn_intake": (Status.WITHDRAWN, WITHDRAW_REASONS),
            }[story]
            self.decide(fam, outcome, last, rng.choice(reasons))
        elif story == "withdrawn_new":
            last = today - timedelta(days=self.days(0, span - 20))
            self.apply(fam, last - timedelta(days=self.days(2, 14)))
            self.decide(fam, Status.WITHDRAWN, last, rng.choice(WITHDRAW_REASONS))
        elif story == "withdrawn_waiting":
            last = today - timedelta(days=self.days(0, span - 200))
            self.to_waiting(fam, last - timedelta(days=self.wait()))
            self.decide(fam, Status.WITHDRAWN, last, rng.choice(WITHDRAW_REASONS))
        else:
            self.matched(fam, span)

    def matched(self, fam: _Fam, span: int) -> None:
        """A request family whose story has a match: its dates come first, from today back."""
        rng, today = self.rng, self.today
        target = MATCH_OF[fam.story]
        trial: date | None = None
        closed: date | None = None
        end_stage = ""
        months24 = 730
        if target == MatchStatus.AGREEMENT:
            started = today - timedelta(days=self.days(1, 25))
        elif target == MatchStatus.TRIAL:
            trial = today - timedelta(days=self.days(0, 55))
        elif target == MatchStatus.RUNNING:
            trial = today - timedelta(days=self.days(70, 700))
        elif target == MatchStatus.CLOSING:
            trial = today - timedelta(days=months24 + self.days(-20, 40))
        elif target == MatchStatus.COMPLETED:
            trial = today - timedelta(days=months24 + self.days(30, span - 850))
        else:
            end_stage = rng.choices(
                (
                    MatchStatus.AGREEMENT,
                    MatchStatus.TRIAL,
                    MatchStatus.RUNNING,
                    MatchStatus.CLOSING,
                ),
                (10, 30, 55, 5),
            )[0]
            closed = today - timedelta(days=self.days(0, span - 400))
            if end_stage == MatchStatus.AGREEMENT:
                started = closed - timedelta(days=self.days(5, 40))
            elif end_stage == MatchStatus.TRIAL:
                trial = closed - timedelta(days=self.days(5, 55))
            elif end_stage == MatchStatus.RUNNING:
                trial = closed - timedelta(days=self.days(70, 690))
            else:
                trial = closed - timedelta(days=months24 - self.days(0, 20))
        if trial is not None:
            started = trial - timedelta(days=self.days(7, 35))
        proposed = started - timedelta(days=self.days(7, 30))
        introduction = self.at(
            self.weekday(started - timedelta(days=self.days(1, 6))), 19, rng.choice((0, 30))
        )
        self.to_waiting(fam, proposed - timedelta(days=self.wait()))
        match = _Match(fam, target, started, proposed, introduction, trial=trial)
        if target == MatchStatus.ENDED_EARLY:
            match.end_stage = end_stage
            match.end_reason = rng.choice(list(EndReason.values))
            match.request_to = {
                "waiting_after_match": Status.WAITING,
                "referred_after_match": Status.REFERRED,
            }.get(fam.story, Status.ENDED)
        self.reviews(match, closed)
        fam.matches.append(match)
        self.matches.append(match)

    def reviews(self, match: _Match, closed: date | None) -> None:
        """The evaluation, the progress reviews and the closing conversation of ``match``."""
        rng, today = self.rng, self.today
        stage = match.end_stage or match.status
        if match.trial is None or stage in (MatchStatus.AGREEMENT, MatchStatus.TRIAL):
            if stage == MatchStatus.TRIAL and match.trial and rng.random() < 0.4 and not closed:
                due = policy.evaluation_due(match.trial)
                planned = self.at(self.weekday(max(due, today + timedelta(days=1))), 10, 0)
                match.reviews.append(_Review(ReviewKind.EVALUATION, planned, None))
            match.closed = closed
            return
        limit = closed or today
        evaluation = policy.evaluation_due(match.trial) + timedelta(days=self.days(-5, 20))
        evaluation = min(evaluation, limit)
        match.running = evaluation
        match.reviews.append(_Review(ReviewKind.EVALUATION, self.at(evaluation, 10, 0), evaluation))
        ends = policy.guidance_ends(match.trial)
        last = evaluation
        while True:
            due = policy.next_progress_review(last)
            if due >= ends - timedelta(days=30):
                break
            held = due + timedelta(days=self.days(-10, 20))
            if held > limit:
                if not closed and rng.random() < 0.3:
                    ahead = self.weekday(today + timedelta(days=self.days(2, 21)))
                    match.reviews.append(_Review(ReviewKind.PROGRESS, self.at(ahead, 10, 0), None))
                break
            if not closed and held > today - timedelta(days=40) and rng.random() < 0.1:
                break  # overdue: it was not held yet
            match.reviews.append(_Review(ReviewKind.PROGRESS, self.at(held, 10, 0), held))
            last = held
        if stage in (MatchStatus.CLOSING, MatchStatus.COMPLETED):
            if stage == MatchStatus.COMPLETED:
                held = min(ends + timedelta(days=self.days(-10, 20)), today)
                match.reviews.append(_Review(ReviewKind.CLOSING, self.at(held, 10, 0), held))
                closed = self.past(held + timedelta(days=self.days(0, 14)))
            elif closed:
                held = closed - timedelta(days=self.days(0, 10))
                match.reviews.append(_Review(ReviewKind.CLOSING, self.at(held, 10, 0), None))
            elif rng.random() < 0.6:
                ahead = self.weekday(today + timedelta(days=self.days(1, 20)))
                match.reviews.append(_Review(ReviewKind.CLOSING, self.at(ahead, 10, 0), None))
            else:
                held = today - timedelta(days=self.days(0, 10))
                match.reviews.append(_Review(ReviewKind.CLOSING, self.at(held, 10, 0), held))
        match.closed = closed

    # --- a support family's story ---

    def support(self, fam: _Fam) -> None:
        rng, today, story = self.rng, self.today, fam.story
        span = self.running_days(fam)
        fam.places = rng.choices((1, 2, 3), (70, 25, 5))[0]
        if story == "new":
            self.apply(fam, today - timedelta(days=self.days(0, 12)))
        elif story in ("screening_requested", "screening_unchecked", "withdrawn_screening"):
            last = (
                today
                if story != "withdrawn_screening"
                else today - timedelta(days=self.days(0, span - 100))
            )
            first = self.weekday(last - timedelta(days=self.days(10, 40)))
            self.apply(fam, first - timedelta(days=self.days(6, 20)))
            self.first_conversation_planned(
                fam, fam.applied + timedelta(days=2), self.at(first, 19, 30)
            )
            self.conversation_held(fam, 1, first)
            self.request_vogs(fam, first)
            if story == "screening_unchecked":
                second = self.past(first + timedelta(days=self.days(9, 14)))
                self.conversation_planned(fam, 2, first, self.at(second, 19, 30))
                self.conversation_held(fam, 2, second)
                issued = self.past(first + timedelta(days=self.days(10, 16)))
                received = self.past(issued + timedelta(days=self.days(2, 4)))
                for person in fam.people:
                    person.vogs[-1].issued, person.vogs[-1].received = issued, received
                fam.event(self.at(received), EventKind.VOG, str(fam.people[0].first))
                fam.assessed = fam.offer_on = second
                fam.event(self.at(second, 21), EventKind.ASSESSED)
                fam.event(self.at(second, 21, 30), EventKind.OFFER)
            elif story == "screening_requested":
                ahead = self.weekday(today + timedelta(days=self.days(2, 14)))
                self.conversation_planned(fam, 2, first, self.at(ahead, 19, 30))
            else:
                self.decide(fam, Status.WITHDRAWN, last, rng.choice(SUPPORT_WITHDRAW_REASONS))
        elif story == "withdrawn_new":
            last = today - timedelta(days=self.days(0, span - 20))
            self.apply(fam, last - timedelta(days=self.days(2, 14)))
            self.decide(fam, Status.WITHDRAWN, last, rng.choice(SUPPORT_WITHDRAW_REASONS))
        elif story == "not_approved":
            last = today - timedelta(days=self.days(0, span - 60))
            self.screen(fam, last)
            self.decide(fam, Status.NOT_APPROVED, last, rng.choice(NOT_APPROVED_REASONS))
        else:
            approved = today - timedelta(days=self.days(20, span - 40))
            if story == "withdrawn_after":
                approved = today - timedelta(days=self.days(150, span - 40))
                fam.withdrawn = approved + timedelta(days=self.days(60, (today - approved).days))
            self.screen(fam, approved, approve=True)
            self.decide(fam, Status.AVAILABLE, approved, rng.choice(APPROVAL_REASONS))
            fam.approved = approved
            self.renew_vogs(fam)

    def request_vogs(self, fam: _Fam, on: date) -> None:
        for person in fam.people:
            person.vogs.append(_Vog(on))
            fam.event(self.at(on, 17), EventKind.VOG, f"{person.first} {person.last}")

    def screen(self, fam: _Fam, decided: date, *, approve: bool = False) -> None:
        """Both screening conversations, the VOGs, the competence profile and the offer."""
        second = self.weekday(decided - timedelta(days=self.days(2, 8)))
        first = self.weekday(second - timedelta(days=self.days(8, 14)))
        self.apply(fam, first - timedelta(days=self.days(6, 20)))
        self.first_conversation_planned(
            fam, fam.applied + timedelta(days=2), self.at(first, 19, 30)
        )
        self.conversation_held(fam, 1, first)
        self.request_vogs(fam, first)
        self.conversation_planned(fam, 2, first, self.at(second, 19, 30))
        self.conversation_held(fam, 2, second)
        fam.assessed = second
        fam.event(self.at(second, 21), EventKind.ASSESSED)
        if approve:
            issued = min(first + timedelta(days=self.days(5, 12)), decided - timedelta(days=1))
            received = min(issued + timedelta(days=self.days(1, 4)), decided)
            for person in fam.people:
                vog = person.vogs[-1]
                vog.issued, vog.received, vog.checked = issued, received, received
                fam.event(self.at(received, 16), EventKind.VOG, f"{person.first} {person.last}")
            fam.offer_on = second
            fam.event(self.at(second, 21, 30), EventKind.OFFER)

    def renew_vogs(self, fam: _Fam) -> None:
        """Renewed before each expiry, mostly; some are late or not renewed at all."""
        rng = self.rng
        for person in fam.people:
            while True:
                issued = person.vogs[-1].issued
                if issued is None:
                    break
                due = policy.vog_renewal_due(issued)
                end = fam.withdrawn or self.today
                if due - timedelta(days=30) > end or rng.random() < 0.12:
                    break
                new_issued = due - timedelta(days=self.days(5, 50))
                received = new_issued + timedelta(days=self.days(1, 4))
                if received > self.today:
                    break
                person.vogs.append(
                    _Vog(new_issued - timedelta(days=14), received, new_issued, received)
                )
                fam.event(self.at(received, 16), EventKind.VOG, f"{person.first} {person.last}")

    def support_valid_on(self, fam: _Fam, day: date) -> bool:
        return bool(fam.people) and all(
            any(vog.valid_on(day) for vog in person.vogs) for person in fam.people
        )

    # --- pairing: each match gets a support family ---

    def plan_pairs(self) -> None:
        by_mun: dict[_Mun, list[_Fam]] = {m: [] for m in self.muns}
        by_region: dict[str, list[_Fam]] = defaultdict(list)
        for fam in self.fams:
            if fam.approved is not None:
                by_mun[fam.mun].append(fam)
                by_region[fam.mun.region].append(fam)
        approved = [fam for fam in self.fams if fam.approved is not None]
        # Open matches first: they need a free place with a family that is still available.
        order = sorted(
            self.matches, key=lambda m: (m.status not in _OPEN_MATCH, m.started, m.request.mun.code)
        )
        for match in order:
            pools = (by_mun[match.request.mun], by_region[match.request.mun.region])
            for pool in pools:
                support = self.pick(pool, match)
                if support is not None:
                    self.pair(match, support)
                    break
            else:
                self.unpair(match)
        self.matches = [m for m in self.matches if m.support is not None]
        # Open proposals for some families on the waiting list.
        for fam in self.fams:
            if fam.status != Status.WAITING or self.rng.random() > 0.12:
                continue
            created = self.today - timedelta(days=self.days(0, 12))
            fake = _Match(fam, "", created, created, self.at(created))
            for pool in (by_mun[fam.mun], by_region[fam.mun.region]):
                support = self.pick(pool, fake, open_proposal=True)
                if support is not None:
                    self.proposal(fam, support, created, open_=True)
                    break
        for fam in approved:
            self.support_close(fam)
        for match in self.matches:
            self.match_events(match)

    def pick(self, pool: Sequence[_Fam], match: _Match, open_proposal: bool = False) -> _Fam | None:
        rng = self.rng
        if not pool:
            return None
        needs_place = open_proposal or match.status in _OPEN_MATCH

        def fits(fam: _Fam) -> bool:
            if fam.approved is None or fam.approved > match.proposed - timedelta(days=3):
                return False
            if needs_place:  # stays available to this day
                if fam.withdrawn is not None or len(fam.taken) >= fam.places:
                    return False
            elif fam.withdrawn is not None and match.proposed > fam.withdrawn:
                return False
            return self.support_valid_on(fam, match.started)

        for _ in range(25):
            fam = rng.choice(pool)
            if fits(fam):
                return fam
        start = rng.randrange(len(pool))
        for fam in itertools.chain(pool[start:], pool[:start]):
            if fits(fam):
                return fam
        return None

    def pair(self, match: _Match, support: _Fam) -> None:
        match.support = support
        if match.status in _OPEN_MATCH:
            match.place = min(set(range(1, support.places + 1)) - support.taken)
            support.taken.add(match.place)
        else:
            match.place = self.rng.randint(1, support.places)
            if support.withdrawn is not None and match.closed is not None:
                later = self.past(match.closed + timedelta(days=self.days(0, 20)))
                support.withdrawn = max(support.withdrawn, later)
        support.matches.append(match)
        self.proposal(match.request, support, match.proposed, match=match)

    def unpair(self, match: _Match) -> None:
        """No support family of its region fits (a small set): the family stays on the waiting
        list, or, after a year of waiting, withdraws."""
        fam = match.request
        fam.matches.remove(match)
        fam.story = "waiting"
        assert fam.waiting_since is not None
        if (self.today - fam.waiting_since).days > 365:
            day = fam.waiting_since + timedelta(days=self.days(60, 300))
            self.decide(fam, Status.WITHDRAWN, day, self.rng.choice(WITHDRAW_REASONS))
            fam.story = "withdrawn_waiting"

    def proposal(
        self,
        fam: _Fam,
        support: _Fam,
        created: date,
        *,
        match: _Match | None = None,
        open_: bool = False,
    ) -> None:
        rng = self.rng
        row: dict[str, Any] = {
            "request": fam,
            "support": support,
            "created_at": self.at(created),
            "score": round(rng.uniform(55, 98), 1),
            "match": match,
        }
        fam.event(
            row["created_at"],
            EventKind.CHANGED,
            gettext("Proposal: %(family)s") % {"family": support.name},
        )
        support.event(
            row["created_at"],
            EventKind.CHANGED,
            gettext("Proposed to %(family)s") % {"family": fam.name},
            by=fam.by,
        )
        if match is not None:
            row.update(status=ProposalStatus.CLICK, place=match.place)
            row["introduction_at"] = match.introduction
            row["decided_at"] = self.at(match.started, 11)
            planned = max(
                row["created_at"] + timedelta(hours=2), match.introduction - timedelta(days=3)
            )
            fam.event(planned, EventKind.CHANGED, introduction_line(match.introduction))
        else:
            place = min(set(range(1, support.places + 1)) - support.taken)
            support.taken.add(place)
            row.update(place=place, status=ProposalStatus.PROPOSED)
            if rng.random() < 0.4:
                intro = self.at(self.weekday(self.today + timedelta(days=self.days(1, 10))), 19, 0)
                row.update(status=ProposalStatus.INTRODUCTION, introduction_at=intro)
                fam.event(
                    self.at(self.past(created + timedelta(days=1))),
                    EventKind.CHANGED,
                    introduction_line(intro),
                )
        self.proposals.append(row)

    def support_close(self, fam: _Fam) -> None:
        if fam.story != "withdrawn_after" or fam.withdrawn is None:
            return
        # Withdrawn through the same decision as the app's (it dates the decision anew).
        day = self.past(fam.withdrawn)
        self.decide(fam, Status.WITHDRAWN, day, self.rng.choice(SUPPORT_WITHDRAW_REASONS))

    def match_events(self, match: _Match) -> None:
        """The match's own timeline (``match.events``) and its lines on both families'."""
        rng = self.rng
        request, support = match.request, match.support
        assert support is not None
        by = request.by
        events: list[tuple[datetime, str, str, str]] = []  # at, before, after, detail
        line = gettext("Match with %(family)s: %(status)s")

        def move(at: datetime, before: str, after: str, detail: str) -> None:
            events.append((at, before, after, detail))
            status = str(MatchStatus(after).label)
            request.event(at, EventKind.CHANGED, line % {"family": support.name, "status": status})
            support.event(
                at, EventKind.CHANGED, line % {"family": request.name, "status": status}, by=by
            )

        def note(at: datetime, detail: str, *, both: bool = False) -> None:
            events.append((at, "", "", detail))
            if both:  # the agreement's steps are on both families' timelines too
                request.event(at, EventKind.CHANGED, detail)
                support.event(at, EventKind.CHANGED, detail, by=by)

        clicked = self.at(match.started, 11)
        request.event(clicked, EventKind.STATUS, before=Status.WAITING, after=Status.MATCHED)
        events.append(
            (
                clicked,
                "",
                MatchStatus.AGREEMENT,
                gettext("It clicked: the agreement and house rules are next."),
            )
        )
        request.event(clicked, EventKind.CHANGED, gettext("it clicked"))
        support.event(clicked, EventKind.CHANGED, gettext("it clicked"), by=by)
        request.waiting_since = None
        request.status = Status.MATCHED
        version = {"version": 1}
        note(
            clicked + timedelta(hours=1),
            gettext("Agreement: version %(version)s started") % version,
            both=True,
        )
        state = MatchStatus.AGREEMENT
        if match.trial is not None:
            signed = gettext("Agreement version %(version)s signed by everyone") % version
            note(self.at(match.trial, 14), signed, both=True)
            move(
                self.at(match.trial, 15), state, MatchStatus.TRIAL, trial_started_line(match.trial)
            )
            state = MatchStatus.TRIAL
        cursor = events[-1][0]
        now = self.at(self.today, 8, 0)
        for review in match.reviews:
            label = str(ReviewKind(review.kind).label)
            if review.planned_at is not None:
                planned_on = review.planned_at.date() - timedelta(days=self.days(7, 20))
                at = max(min(self.at(planned_on), now), cursor + timedelta(minutes=5))
                detail = gettext("%(kind)s planned: %(when)s") % {
                    "kind": label,
                    "when": f"{review.planned_at.astimezone(TZ):%d-%m-%Y %H:%M}",
                }
                if review.kind == ReviewKind.CLOSING and state == MatchStatus.RUNNING:
                    move(at, state, MatchStatus.CLOSING, detail)
                    state = MatchStatus.CLOSING
                else:
                    note(at, detail)
                cursor = at
            if review.held_on is not None:
                at = max(self.at(review.held_on, 12), cursor + timedelta(minutes=5))
                detail = gettext("%(kind)s held on %(date)s") % {
                    "kind": label,
                    "date": f"{review.held_on:%d-%m-%Y}",
                }
                if review.kind == ReviewKind.EVALUATION:
                    move(at, state, MatchStatus.RUNNING, detail)
                    state = MatchStatus.RUNNING
                elif review.kind == ReviewKind.CLOSING and state == MatchStatus.RUNNING:
                    move(at, state, MatchStatus.CLOSING, detail)
                    state = MatchStatus.CLOSING
                else:
                    note(at, detail)
                cursor = at
        if match.status == MatchStatus.COMPLETED:
            assert match.closed is not None
            at = max(self.at(match.closed, 16), cursor + timedelta(minutes=5))
            together = rng.random() < 0.6
            match.continue_together = together
            detail = (
                gettext("Completed; the families go on by themselves.")
                if together
                else gettext("Completed; the families do not go on together.")
            )
            move(at, state, MatchStatus.COMPLETED, detail)
            request.event(
                at, EventKind.STATUS, detail, before=Status.MATCHED, after=Status.COMPLETED
            )
            request.status = Status.COMPLETED
        elif match.status == MatchStatus.ENDED_EARLY:
            assert match.closed is not None
            at = max(self.at(match.closed, 16), cursor + timedelta(minutes=5))
            detail = gettext("Ended early: %(reason)s") % {
                "reason": str(EndReason(match.end_reason).label)
            }
            move(at, state, MatchStatus.ENDED_EARLY, detail)
            target = match.request_to
            request.event(at, EventKind.STATUS, detail, before=Status.MATCHED, after=target)
            request.status = target
            if target == Status.WAITING:
                request.waiting_since = match.closed
            elif target == Status.REFERRED:
                request.referred_to = None  # the action moves it; a referral row says where
        match.events = events

    # --- writing ---

    def run(self) -> Counts:
        with translation.override("nl"), _dates_as_given():
            self.stage("plan", self.plan)
            self.stage("organisation", self.write_organisation)
            self.stage("families", self.write_families)
            self.stage("people, children, conversations, VOGs, offers", self.write_family_parts)
            self.stage("proposals, matches, reviews", self.write_matches)
            self.stage("agreements and signatures", self.write_agreements)
            self.stage("recruitment, concerns, referrals", self.write_recruitment_and_concerns)
            self.stage("timelines", self.write_timelines)
            self.stage("access log", self.write_access_log)
        return self.counts

    def stage(self, name: str, step: Callable[[], None]) -> None:
        before = sum(self.counts.rows.values())
        started = clock.monotonic()
        if name == "plan":
            step()
        else:
            with transaction.atomic():
                step()
        rows = sum(self.counts.rows.values()) - before
        self.say(f"{name}: {rows:,} rows in {clock.monotonic() - started:.1f} s")

    def bulk(self, model: type[models.Model], rows: Iterable[models.Model]) -> list[Any]:
        written: list[Any] = []
        iterator = iter(rows)
        while batch := list(itertools.islice(iterator, BATCH)):
            written.extend(model._default_manager.bulk_create(batch))
        self.counts.add(model, len(written))
        return written

    def write_organisation(self) -> None:
        names = list(dict.fromkeys(m.region for m in self.muns))
        regions = dict(zip(names, self.bulk(Region, (Region(name=n) for n in names)), strict=True))
        # The programme started before each municipality's first family applied.
        for mun in self.muns:
            first = min((f.applied for f in mun.families), default=mun.started)
            mun.started = min(mun.started, first - timedelta(days=self.days(10, 60)))
        rows = [
            Municipality(
                cbs_code=m.code,
                name=m.name,
                slug=m.slug,
                region=regions[m.region],
                programme_started_on=m.started,
                facebook_url=f"https://www.facebook.com/buurtgezinnen.{m.slug}",
                instagram_url=f"https://www.instagram.com/buurtgezinnen_{m.slug.replace('-', '')}",
            )
            for m in self.muns
        ]
        for mun, row in zip(self.muns, self.bulk(Municipality, rows), strict=True):
            mun.pk = row.pk
        password = make_password(BENCH_PASSWORD)  # once: hashing per user takes seconds
        safety_officer = next(u for u in self.users if u.role == Role.NATIONAL_OFFICE)
        starts = {m.code: m.started for m in self.muns}
        for u in self.users:  # staff joined before their municipality's first family applied
            u.joined = min(
                u.joined, starts.get(u.place, u.joined) - timedelta(days=self.days(0, 30))
            )
        users = [
            User(
                email=u.email,
                first_name=u.first,
                last_name=u.last,
                password=password,
                phone=f"06-{self.rng.randint(10000000, 99999999)}",
                date_joined=self.at(u.joined),
                is_safety_officer=u is safety_officer,
            )
            for u in self.users
        ]
        for user, row in zip(self.users, self.bulk(User, users), strict=True):
            user.pk = row.pk
        mun_pk = {m.code: m.pk for m in self.muns}
        region_pk = {name: region.pk for name, region in regions.items()}
        self.bulk(
            RoleAssignment,
            (
                RoleAssignment(
                    user_id=u.pk,
                    role=u.role,
                    municipality_id=mun_pk.get(u.place),
                    region_id=region_pk.get(u.place),
                    created_at=self.at(u.joined),
                )
                for u in self.users
            ),
        )
        # A few regional coordinators stand in for an absent coordinator today.
        regional = {u.place: u for u in self.users if u.role == Role.REGIONAL_COORDINATOR}
        stand_ins = []
        for mun in self.muns[:: max(1, len(self.muns) // 4)][:4]:
            start = self.today - timedelta(days=self.days(0, 10))
            stand_ins.append(
                StandIn(
                    coordinator_id=mun.coordinators[0].pk,
                    stand_in_id=regional[mun.region].pk,
                    starts_on=start,
                    ends_on=start + timedelta(days=self.days(14, 28)),
                    reason="Verlof",
                    created_by_id=regional[mun.region].pk,
                    created_at=self.at(start - timedelta(days=3)),
                )
            )
        self.bulk(StandIn, stand_ins)
        services = [s for m in self.muns for group in m.services.values() for s in group]
        rows_ = [
            ServiceOrganisation(
                municipality_id=s.mun.pk,
                name=s.name,
                category=s.category,
                phone=f"0{self.rng.randint(100000000, 999999999)}",
                email=f"info@{slugify(s.name)}.example.nl",
                address=f"{self.rng.choice(self.streets)} {self.rng.randint(1, 120)}",
            )
            for s in services
        ]
        for service, row in zip(services, self.bulk(ServiceOrganisation, rows_), strict=True):
            service.pk = row.pk
        if not CompetenceCriterion.objects.exists():
            self.bulk(
                CompetenceCriterion,
                (
                    CompetenceCriterion(name=name, description=text, position=position)
                    for position, (name, text) in enumerate(stories.load().criteria, start=1)
                ),
            )
        self.criteria = list(
            CompetenceCriterion.objects.filter(is_active=True).values_list("pk", flat=True)
        )

    def write_families(self) -> None:
        rng = self.rng

        def row(f: _Fam) -> Family:
            pc4, place, lat, lon = rng.choice(f.mun.places)
            letters = rng.choice(LETTERS) + rng.choice(LETTERS)
            if letters in ("SA", "SD", "SS"):
                letters = "AB"
            referral = f.source == Source.REFERRAL
            channel = (
                Channel.PROFESSIONAL
                if referral
                else rng.choice(
                    (
                        Channel.FACEBOOK,
                        Channel.INSTAGRAM,
                        Channel.SCHOOL,
                        Channel.WEBSITE,
                        Channel.COMMUNITY_CENTRE,
                    )
                )
            )
            referrer = rng.choice(list(Referrer.values)) if referral else ""
            last = max((e.at for e in f.events), default=f.applied_at)
            request = f.kind == Kind.REQUEST
            return Family(
                kind=f.kind,
                status=f.status,
                municipality_id=f.mun.pk,
                name=f.name,
                street=rng.choice(self.streets),
                house_number=str(rng.randint(1, 160)),
                postcode=f"{pc4} {letters}",
                pc4=pc4,
                place=place or f.mun.name,
                latitude=lat,
                longitude=lon,
                has_pets=rng.random() < 0.3,
                smoking=rng.random() < 0.12,
                religion_or_culture=rng.choice(RELIGIONS) if rng.random() < 0.15 else "",
                no_pets_wanted=request and rng.random() < 0.1,
                no_smoking_wanted=request and rng.random() < 0.25,
                network=rng.choice(NETWORKS) if request else "",
                source=f.source,
                channel=channel,
                referrer_type=referrer,
                referrer_name=f"{self.name(True)} {rng.choice(self.surnames)}" if referral else "",
                referrer_organisation=f"Buurtteam {f.mun.name}" if referral else "",
                referrer_phone=f"0{rng.randint(100000000, 999999999)}" if referral else "",
                referrer_email="verwijzer@example.nl" if referral else "",
                applied_on=f.applied,
                consent_at=f.applied_at,
                application_note=rng.choice(NOTES),
                decided_at=f.decided_at,
                decided_by_id=f.by.pk if f.decided_at else None,
                decision_reason=f.reason,
                referred_to_id=f.referred_to.pk if f.referred_to else None,
                waiting_since=f.waiting_since,
                created_at=f.applied_at,
                updated_at=last,
            )

        for fam, written in zip(
            self.fams, self.bulk(Family, (row(f) for f in self.fams)), strict=True
        ):
            fam.pk = written.pk

    def write_family_parts(self) -> None:
        rng = self.rng
        people = [p for f in self.fams for p in f.people]
        rows = (
            Person(
                family_id=f.pk,
                first_name=p.first,
                last_name=p.last,
                email=p.email,
                phone=p.phone,
                languages=p.languages,
                is_contact=number == 0,
            )
            for f in self.fams
            for number, p in enumerate(f.people)
        )
        for person, written in zip(people, self.bulk(Person, rows), strict=True):
            person.pk = written.pk
        self.bulk(
            Child,
            (
                Child(family_id=f.pk, first_name=first, date_of_birth=born)
                for f in self.fams
                for first, born in f.children
            ),
        )
        conversation_fields = {f.name for f in Conversation._meta.concrete_fields}
        self.bulk(
            Conversation,
            (
                Conversation(
                    family_id=f.pk,
                    recorded_by_id=f.by.pk,
                    **{k: v for k, v in c.items() if k in conversation_fields},
                )
                for f in self.fams
                for c in f.conversations
            ),
        )
        support = [f for f in self.fams if f.kind == Kind.SUPPORT]

        def offer(f: _Fam) -> Offer:
            if f.offer_on is None:
                return Offer(family_id=f.pk)
            low = rng.choice((0, 0, 2, 4))
            return Offer(
                family_id=f.pk,
                day_parts=rng.sample(list(DayPart.values), rng.randint(1, 4)),
                frequency=rng.choice(list(Frequency.values)),
                sleepovers=rng.random() < 0.3,
                max_children=rng.choice((1, 2, 2, 3)),
                min_child_age=low,
                max_child_age=rng.randint(max(low, 8), 16),
                max_travel_km=rng.choice((3, 5, 5, 10, 15)),
                max_families=f.places,
                support_types=rng.sample(list(SupportType.values), rng.randint(1, 3)),
                note=rng.choice(SUPPORT_NOTES),
            )

        self.bulk(Offer, (offer(f) for f in support))
        self.bulk(
            CompetenceAssessment,
            (
                CompetenceAssessment(
                    family_id=f.pk,
                    criterion_id=criterion,
                    rating=(
                        Rating.MEETS
                        if f.status != Status.NOT_APPROVED or rng.random() < 0.6
                        else rng.choice((Rating.PARTLY, Rating.NOT_YET))
                    ),
                )
                for f in support
                if f.assessed is not None
                for criterion in self.criteria
            ),
        )
        self.bulk(
            Vog,
            (
                Vog(
                    person_id=p.pk,
                    requested_on=v.requested,
                    received_on=v.received,
                    issued_on=v.issued,
                    checked_on=v.checked,
                    checked_by_id=f.by.pk if v.checked else None,
                )
                for f in support
                for p in f.people
                for v in p.vogs
            ),
        )

    def proposer(self, request: _Fam, support: _Fam | None) -> _User:
        """The request family's coordinator; the regional coordinator when the support family
        lives in another municipality of the region (only they work on both)."""
        if support is None or support.mun is request.mun:
            return request.by
        return self.regional[request.mun.region]

    def write_matches(self) -> None:
        rng = self.rng
        rows = [
            Proposal(
                request_family_id=p["request"].pk,
                support_family_id=p["support"].pk,
                place=p["place"],
                status=p["status"],
                introduction_at=p.get("introduction_at"),
                request_side=rng.choice(REVIEW_NOTES) if p["match"] else "",
                support_side=rng.choice(REVIEW_NOTES) if p["match"] else "",
                score=p["score"],
                reasons=[],
                created_by_id=self.proposer(p["request"], p["support"]).pk,
                created_at=p["created_at"],
                decided_at=p.get("decided_at"),
            )
            for p in self.proposals
        ]
        written = self.bulk(Proposal, rows)
        proposal_of = {
            id(p["match"]): w.pk for p, w in zip(self.proposals, written, strict=True) if p["match"]
        }
        matches = [
            Match(
                proposal_id=proposal_of[id(m)],
                request_family_id=m.request.pk,
                support_family_id=m.partner.pk,
                place=m.place,
                status=m.status,
                started_on=m.started,
                trial_started_on=m.trial,
                running_since=m.running,
                closed_on=m.closed if m.status not in _OPEN_MATCH else None,
                end_reason=m.end_reason,
                closing_note=rng.choice(REVIEW_NOTES) if m.status not in _OPEN_MATCH else "",
                continue_together=m.continue_together,
                support_available_again=(
                    m.support is not None and m.support.status == Status.AVAILABLE
                    if m.status not in _OPEN_MATCH
                    else None
                ),
                created_by_id=self.proposer(m.request, m.support).pk,
            )
            for m in self.matches
        ]
        for match, row in zip(self.matches, self.bulk(Match, matches), strict=True):
            match.pk = row.pk
        self.bulk(
            MatchEvent,
            (
                MatchEvent(
                    match_id=m.pk,
                    at=at,
                    by_id=m.request.by.pk,
                    status_before=before,
                    status_after=after,
                    detail=detail,
                )
                for m in self.matches
                for at, before, after, detail in m.events
            ),
        )

        def review(m: _Match, r: _Review) -> Review:
            held = r.held_on is not None
            planned = r.planned_at or self.at(r.held_on or self.today, 10, 0)
            created = min(planned - timedelta(days=self.days(7, 20)), self.at(self.today, 8, 0))
            return Review(
                match_id=m.pk,
                kind=r.kind,
                planned_at=r.planned_at,
                held_on=r.held_on,
                request_family_notes=rng.choice(REVIEW_NOTES) if held else "",
                support_family_notes=rng.choice(REVIEW_NOTES) if held else "",
                children_notes=rng.choice(REVIEW_NOTES) if held and rng.random() < 0.5 else "",
                next_steps="Over een half jaar de volgende voortgangsgesprek." if held else "",
                held_by_id=m.request.by.pk if held else None,
                created_at=created,
            )

        self.bulk(Review, (review(m, r) for m in self.matches for r in m.reviews))

    def write_agreements(self) -> None:
        rng = self.rng
        topics = list(Topic.objects.filter(is_active=True).order_by("position", "pk"))
        standard = StandardText.current()
        agreements: list[Agreement] = []
        signers: list[list[tuple[str, _Person | None, _User | None, datetime | None]]] = []
        for m in self.matches:
            assert m.support is not None
            base = self.at(self.past(m.started + timedelta(days=self.days(0, 3))))
            content = {
                "intro": standard.intro,
                "closing": standard.closing,
                "request_family": m.request.name,
                "support_family": m.support.name,
                "topics": [
                    {"topic": t.pk, "title": t.title, "text": "Zoals besproken met beide gezinnen."}
                    for t in topics
                ],
            }
            parents = [(SignerRole.REQUEST_PARENT, p) for p in m.request.people] + [
                (SignerRole.SUPPORT_PARENT, p) for p in m.support.people
            ]
            if m.trial is None:
                # Still being made (or ended before anyone signed): a draft or links out.
                if rng.random() < 0.4 or m.status != MatchStatus.AGREEMENT:
                    draft = {"topics": [{"topic": t.pk, "text": ""} for t in topics]}
                    agreements.append(self.agreement(m, 1, AgreementStatus.DRAFT, draft, base))
                    signers.append([])
                    continue
                sent = base + timedelta(hours=self.days(1, 48))
                sent = min(sent, self.at(self.today, 8, 0))
                agreements.append(
                    self.agreement(m, 1, AgreementStatus.SIGNING, content, base, sent)
                )
                signed = [
                    (
                        role,
                        p,
                        None,
                        sent + timedelta(hours=self.days(2, 72)) if rng.random() < 0.5 else None,
                    )
                    for role, p in parents
                ]
                signers.append(
                    [
                        (r, p, u, min(s, self.at(self.today, 8, 0)) if s else None)
                        for r, p, u, s in signed
                    ]
                )
                continue
            end = self.at(m.trial, 14)
            sent = min(base + timedelta(hours=self.days(1, 48)), end - timedelta(hours=6))
            versions = 2 if m.running and rng.random() < 0.05 else 1
            for version in range(1, versions + 1):
                status = (
                    AgreementStatus.SUPERSEDED if version < versions else AgreementStatus.SIGNED
                )
                if version == 2:
                    assert m.running is not None
                    sent = self.at(m.running, 10)
                    end = sent + timedelta(days=self.days(1, 6))
                    if end.date() > self.today or (m.closed and end.date() > m.closed):
                        agreements[-1].status = AgreementStatus.SIGNED
                        break
                agreement = self.agreement(
                    m, version, status, content, sent - timedelta(hours=2), sent, end
                )
                agreements.append(agreement)
                signers.append(
                    [(r, p, None, sent + (end - sent) * rng.uniform(0.1, 0.9)) for r, p in parents]
                    + [(SignerRole.COORDINATOR, None, m.request.by, end)]
                )
        written = self.bulk(Agreement, agreements)
        self.agreement_pks = [a.pk for a in written]

        def signature(
            agreement: Agreement,
            role: str,
            person: _Person | None,
            user: _User | None,
            at: datetime | None,
        ) -> Signature:
            name = (
                f"{person.first} {person.last}"
                if person
                else f"{user.first} {user.last}"
                if user
                else ""
            )
            first = person.first if person else user.first if user else ""
            sent = agreement.sent_at
            return Signature(
                agreement_id=agreement.pk,
                role=role,
                person_id=person.pk if person else None,
                user_id=user.pk if user else None,
                name=name,
                first_name=first,
                token_hash=""
                if at or person is None
                else hashlib.sha256(f"{self.seed}:{agreement.pk}:{name}".encode()).hexdigest(),
                link_sent_at=sent if person else None,
                link_expires_at=sent + timedelta(days=policy.SIGNING_LINK_DAYS)
                if person and sent
                else None,
                signed_at=at,
                typed_name=name if at else "",
                consent=at is not None,
                ip_address=f"198.51.100.{rng.randint(1, 254)}" if at else None,
            )

        self.bulk(
            Signature,
            (signature(a, *s) for a, group in zip(written, signers, strict=True) for s in group),
        )

    def agreement(
        self,
        m: _Match,
        version: int,
        status: str,
        content: dict[str, Any],
        created: datetime,
        sent: datetime | None = None,
        signed: datetime | None = None,
    ) -> Agreement:
        is_signed = status in (AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED)
        digest = hashlib.sha256(f"{self.seed}:{m.request.name}:{m.started}:{version}".encode())
        return Agreement(
            match_id=m.pk,
            version=version,
            status=status,
            content=content,
            sent_at=sent,
            signed_at=signed if is_signed else None,
            pdf=f"agreements/afspraken-{m.pk}-v{version}.pdf" if is_signed else "",
            checksum=digest.hexdigest() if is_signed else "",
            created_by_id=m.request.by.pk,
            created_at=created,
        )

    def write_recruitment_and_concerns(self) -> None:
        rng = self.rng
        profiles: list[tuple[_Fam, RecruitmentProfile]] = []
        for f in self.fams:
            if f.kind != Kind.REQUEST or f.decided_at is None:
                continue
            waiting = f.status == Status.WAITING
            found = bool(f.matches) and rng.random() < 0.3
            if not (found or (waiting and rng.random() < 0.35)):
                continue
            assert f.waiting_since or f.matches
            start_day = (
                f.matches[0].proposed - timedelta(days=self.days(20, 60))
                if found
                else (f.waiting_since or self.today)
            )
            start_day = max(start_day, f.applied)
            published = self.at(self.past(start_day + timedelta(days=self.days(1, 7))))
            status = ProfileStatus.FOUND if found else ProfileStatus.PUBLISHED
            if not found and rng.random() < 0.1:
                status = ProfileStatus.DRAFT
            ages = ", ".join(str(policy.age_on(born, self.today)) for _, born in f.children)
            text = {
                "headline": f"Gezin in {f.mun.name} zoekt een steungezin",
                "area": f.mun.name,
                "children": f"Kinderen van {ages} jaar",
                "support": "Een vaste middag in de week",
                "days": "Woensdagmiddag",
                "text": "Een moeder met kinderen zoekt een warm gezin in de buurt "
                "voor een vaste middag.",
            }
            online = status != ProfileStatus.DRAFT
            closed = self.at(f.matches[0].started, 11) if found else None
            profile = RecruitmentProfile(
                family_id=f.pk,
                public_id=hashlib.sha256(f"{self.seed}:profile:{f.pk}".encode()).hexdigest()[:16],
                status=status,
                consent_at=published - timedelta(days=1) if online else None,
                approved_by_id=f.by.pk if online else None,
                approved_at=published if online else None,
                published_at=published if online else None,
                closed_at=closed,
                created_at=published - timedelta(days=2),
                updated_at=closed or published,
                **text,
                **({f"published_{k}": v for k, v in text.items()} if online else {}),
            )
            profiles.append((f, profile))
        written = self.bulk(RecruitmentProfile, (p for _, p in profiles))
        self.bulk(
            SocialPost,
            (
                SocialPost(
                    profile_id=p.pk,
                    channel=channel,
                    posted_on=p.published_at.date(),
                    by_id=f.by.pk,
                    removed_at=p.closed_at + timedelta(days=2) if p.closed_at else None,
                    removed_by_id=f.by.pk if p.closed_at else None,
                )
                for (f, _), p in zip(profiles, written, strict=True)
                if p.published_at is not None
                for channel in ("facebook", "instagram")[: rng.randint(1, 2)]
            ),
        )
        # Concerns: about one family in 25 that got as far as the waiting list.
        concerns: list[tuple[_Fam, Concern]] = []
        for f in self.fams:
            if (
                f.kind != Kind.REQUEST
                or (f.waiting_since is None and not f.matches)
                or rng.random() > 0.04
            ):
                continue
            start = f.matches[0].started if f.matches else f.waiting_since
            assert start is not None
            created = self.at(start + timedelta(days=self.days(0, (self.today - start).days)))
            kind = ConcernKind.SAFETY if rng.random() < 0.2 else ConcernKind.WORRY
            is_closed = rng.random() < 0.7 and created.date() < self.today - timedelta(days=7)
            closed_at = (
                self.at(
                    created.date()
                    + timedelta(days=self.days(3, (self.today - created.date()).days))
                )
                if is_closed
                else None
            )
            if closed_at is not None and closed_at <= created:
                closed_at = created + timedelta(hours=2)
            concern = Concern(
                family_id=f.pk,
                match_id=f.matches[0].pk if f.matches else None,
                kind=kind,
                description=rng.choice(CONCERNS),
                reported_by_id=f.by.pk,
                status=ConcernStatus.CLOSED if is_closed else ConcernStatus.OPEN,
                closing_note=rng.choice(CLOSING_NOTES) if is_closed else "",
                closed_at=closed_at,
                closed_by_id=f.by.pk if is_closed else None,
                created_at=created,
                updated_at=closed_at or created,
            )
            concerns.append((f, concern))
        written_concerns = self.bulk(Concern, (c for _, c in concerns))
        steps = []
        for (f, _), c in zip(concerns, written_concerns, strict=True):
            if c.kind != ConcernKind.SAFETY:
                continue
            for step in range(1, rng.randint(1, 3) + 1):
                steps.append(
                    MeldcodeStep(
                        concern_id=c.pk,
                        step=step,
                        signs=c.description if step == 1 else "",
                        colleague="Een collega-coördinator" if step == 2 else "",
                        veilig_thuis_consulted=(rng.random() < 0.5) if step == 2 else None,
                        talked_with_parents=True if step == 3 else None,
                        reasoning="Vastgelegd na overleg.",
                        by_id=f.by.pk,
                        at=min(
                            c.created_at + timedelta(days=2 * step),
                            c.closed_at or self.at(self.today, 8, 0),
                        ),
                    )
                )
        self.bulk(MeldcodeStep, steps)
        referrals = []
        for f in self.fams:
            if f.status != Status.REFERRED or f.decided_at is None:
                continue
            after_match = f.matches[-1] if f.matches else None
            on = after_match.closed if after_match and after_match.closed else f.decided_at.date()
            organisation = f.referred_to or rng.choice(f.mun.services[Category.DISTRICT_TEAM])
            outcome = (
                rng.choice(list(ReferralOutcome.values))
                if on < self.today - timedelta(days=14)
                else ReferralOutcome.PENDING
            )
            referrals.append(
                Referral(
                    family_id=f.pk,
                    match_id=after_match.pk if after_match else None,
                    organisation_id=organisation.pk,
                    reason=rng.choice(REFERRAL_REASONS) if after_match else f.reason,
                    referred_on=on,
                    outcome=outcome,
                    outcome_note="Aangemeld; intake volgt."
                    if outcome != ReferralOutcome.PENDING
                    else "",
                    outcome_on=self.past(on + timedelta(days=14))
                    if outcome != ReferralOutcome.PENDING
                    else None,
                    created_by_id=f.by.pk,
                    created_at=self.at(on, 15),
                )
            )
        self.bulk(Referral, referrals)
        self.concern_pks = [
            (f.mun, c.pk) for (f, _), c in zip(concerns, written_concerns, strict=True)
        ]

    def write_timelines(self) -> None:
        def rows() -> Iterator[FamilyEvent]:
            for f in self.fams:
                for e in sorted(f.events, key=lambda e: e.at):
                    yield FamilyEvent(
                        family_id=f.pk,
                        at=e.at,
                        by_id=e.by.pk if e.by else None,
                        kind=e.kind,
                        status_before=e.before,
                        status_after=e.after,
                        detail=e.detail,
                    )

        self.bulk(FamilyEvent, rows())

    def write_access_log(self) -> None:
        # The audit app sits beside demo (docs/architecture.md, "Layers"): named by its label.
        access_log = apps.get_model(ACCESS_LOG)
        rng, total = self.rng, self.access_log_rows
        if not total:
            return
        families: dict[_Mun, list[int]] = {m: [f.pk for f in m.families] for m in self.muns}
        matches: dict[_Mun, list[int]] = defaultdict(list)
        for m in self.matches:
            matches[m.request.mun].append(m.pk)
        readers: list[tuple[_User, list[_Mun]]] = []
        by_region: dict[str, list[_Mun]] = defaultdict(list)
        for mun in self.muns:
            by_region[mun.region].append(mun)
        weights = []
        for mun in self.muns:
            for user in mun.coordinators:
                readers.append((user, [mun]))
                weights.append(len(mun.families) / len(mun.coordinators) + 1)
        for user in self.users:
            if user.role == Role.REGIONAL_COORDINATOR:
                readers.append((user, by_region[user.place]))
                weights.append(sum(len(m.families) for m in by_region[user.place]) * 0.15 + 1)
        office = [u for u in self.users if u.role == Role.NATIONAL_OFFICE]
        staff = [u.pk for u in self.users]
        kinds = [k for k, _, _ in READS]
        shares = [s for _, _, s in READS]
        purposes = {k: p for k, p, _ in READS}
        addresses = {u.pk: f"203.0.113.{index % 250 + 1}" for index, u in enumerate(self.users)}
        now = datetime.combine(self.today, time(8, 0), tzinfo=TZ)
        cutoff = policy.ACCESS_LOG_ADDRESS_DAYS
        concerns_of: dict[_Mun, list[int]] = defaultdict(list)
        for mun, pk in self.concern_pks:
            concerns_of[mun].append(pk)
        agreements = list(self.agreement_pks)

        def rows() -> Iterator[models.Model]:
            chosen = rng.choices(range(len(readers)), weights, k=total)
            for index in chosen:
                user, scope = readers[index]
                kind = rng.choices(kinds, shares)[0]
                mun = rng.choice(scope)
                if kind == "org.user" or not families[mun]:
                    user, kind, record = rng.choice(office), "org.user", rng.choice(staff)
                elif kind == "matching.match" and matches[mun]:
                    record = rng.choice(matches[mun])
                elif (
                    kind == "concerns.concern"
                    and concerns_of[mun]
                    and user.role == Role.COORDINATOR
                ):
                    record = rng.choice(concerns_of[mun])
                elif kind == "agreements.agreement" and agreements:
                    record = rng.choice(agreements)
                else:
                    kind, record = "families.family", rng.choice(families[mun])
                back = int(730 * rng.random() ** 1.6)
                at = now - timedelta(days=back, minutes=rng.randint(0, 600))
                yield access_log(
                    at=at,
                    user_id=user.pk,
                    roles=user.role,
                    record_type=kind,
                    record_id=str(record),
                    purpose=purposes[kind],
                    client_address=addresses[user.pk] if back < cutoff else None,
                )

        self.bulk(access_log, rows())


_OPEN_MATCH = frozenset(
    {MatchStatus.AGREEMENT, MatchStatus.TRIAL, MatchStatus.RUNNING, MatchStatus.CLOSING}
)


def _areas() -> dict[str, tuple[str, str, float, float]]:
    """Every PC4 of the postcode table with its primary municipality (the one ``geo.postcodes``
    gives for it, so the postcode leads back to the family's municipality), its place and its
    centroid: (municipality code, place, latitude, longitude)."""
    text = resources.files("buurtgezinnen.geo").joinpath("data/nl_pc4.csv").read_text("utf-8")
    result = {}
    for row in csv.DictReader(io.StringIO(text)):
        pc4 = row["pc4"]
        if pc4 in result:
            continue
        area = postcodes.lookup(pc4)
        if area.municipality.code == row["municipality_code"]:
            result[pc4] = (area.municipality.code, row["place"], area.latitude, area.longitude)
    return result


@contextmanager
def _dates_as_given() -> Iterator[None]:
    """``auto_now``/``auto_now_add`` off for our models while the set is written, so the
    histories keep their own dates (bulk_create would stamp every row with now)."""
    fields = [
        f
        for model in apps.get_models()
        if model.__module__.startswith("buurtgezinnen.")
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def generate(**options: Any) -> Counts:
    """Plans and writes the set (see ``Generator``); raises ``ValueError`` on a database that is
    not empty, before writing anything."""
    reason = refusal()
    if reason:
        raise ValueError(reason)
    return Generator(**options).run()
