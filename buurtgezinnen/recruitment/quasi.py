"""Quasi-identifiers: what identifies a family to its neighbours without being a name or a number.

A club ("VV Zwaluwen"), a school ("OBS De Klimop"), a street without a number, a landmark
("boven de bakkerij"), a teacher ("juf Jansen"), a first name alone, a phone number written in
words, a TikTok name without @, "the only nurse in the village". In a neighbourhood of a few
thousand people one such detail is enough.

Pure functions over the text, no ORM, fast enough for the request (regular expressions and set
look-ups), no Django. The word lists are read once per process, on first use (:func:`lexicon`,
about a second): first names, surnames, streets and place names from ``deduce``'s lookup lists
(LGPL), Dutch words and their frequency from ``pyspellchecker``'s Dutch dictionary (MIT), the Dutch
names of languages from Django's own translations (read as files). Sources and licences:
``docs/data-sources.md``.

Each finding has ``source="quasi"``, a kind, a reason (a code; its Dutch words are the pages':
``recruitment/wording.py``) and a ``suggestion``: a neutral phrase that replaces exactly the
finding's span ("een voetbalclub in de buurt"); an empty suggestion means "leave it out". These
findings may be dismissed by the coordinator with a reason; the record's and the patterns' never
(``anonymity.py``).
"""

from __future__ import annotations

import ast
import bisect
import gettext
import gzip
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from buurtgezinnen.recruitment.anonymity import MONTHS_NL, STREET_SUFFIXES, Finding, Reason

SOURCE = "quasi"

# --- the vocabulary of the rules ---------------------------------------------------------------
# Grammar, not data about people: the kinds of places and relations that make a detail
# identifying. The names themselves (streets, first names, places) come from the lists below.

DAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
PROGRAMME_WORDS = (
    "Buurtgezinnen",
    "Buurtgezin",
    "Steungezin",
    "Steungezinnen",
    "Vraaggezin",
    "Oudertelefoon",
    "De Oudertelefoon",
    "VOG",
)
PLATFORMS = (
    "TikTok",
    "Tik Tok",
    "Snapchat",
    "Snap",
    "Instagram",
    "Insta",
    "Facebook",
    "FB",
    "YouTube",
    "WhatsApp",
    "Twitter",
    "Discord",
    "Twitch",
    "Roblox",
    "Telegram",
    "Pinterest",
    "Threads",
)
# Holidays and faiths a profile names as interests or habits ("viert graag Suikerfeest").
CALENDAR_AND_FAITH = (
    "Kerst",
    "Kerstmis",
    "Pasen",
    "Pinksteren",
    "Sinterklaas",
    "Koningsdag",
    "Carnaval",
    "Ramadan",
    "Suikerfeest",
    "Offerfeest",
    "Eid",
    "Nowruz",
    "Holi",
    "Divali",
    "Chanoeka",
    "Moederdag",
    "Vaderdag",
    "Oud en Nieuw",
    "Islam",
    "God",
    "Allah",
)
# Languages spoken in Dutch families that Django's list of languages does not name.
EXTRA_LANGUAGES = (
    "Berbers",
    "Tamazight",
    "Somalisch",
    "Tigrinya",
    "Amhaars",
    "Koerdisch",
    "Pasjtoe",
    "Dari",
    "Papiaments",
    "Sranantongo",
    "Sranan",
    "Twi",
    "Tagalog",
)

# Kinds of institution: (words, kind, the neutral phrase that replaces a named one).
SCHOOL_WORDS = (
    r"basisschool|school|obs|cbs|pcb|sbo|kbs|rkbs|ibs|so|vso|"
    r"montessorischool|daltonschool|jenaplanschool|vrije\s+school|islamitische\s+basisschool"
)
SECONDARY_SCHOOL_WORDS = r"middelbare\s+school|college|lyceum|gymnasium|mavo|havo|vwo|vmbo"
DAYCARE_WORDS = r"kinderdagverblijf|kdv|peuterspeelzaal|peuteropvang|bso|kinderopvang|opvang|creche"
CLUB_KINDS: tuple[tuple[str, str], ...] = (
    # (words before a name, the neutral phrase)
    (r"vv|sv|fc|rkvv|rksv|vvv|sc|csv|voetbalclub|voetbalvereniging", "een voetbalclub in de buurt"),
    (r"hc|mhc|hockeyclub|hockeyvereniging", "een hockeyclub in de buurt"),
    (r"zv|zc|zwemclub|zwemvereniging", "een zwemclub in de buurt"),
    (r"zwembad", "een zwembad in de buurt"),
    (r"kv|kc|korfbalclub|korfbalvereniging", "een korfbalclub in de buurt"),
    (r"av|atletiekvereniging|atletiekclub", "een atletiekclub in de buurt"),
    (r"tc|ltc|tennisclub|tennisvereniging", "een tennisclub in de buurt"),
    (
        r"judoclub|judoschool|dansschool|balletschool|turnvereniging|turnclub|gymclub|sportschool",
        "een sportclub in de buurt",
    ),
    (
        r"harmonie|fanfare|muziekvereniging|muziekschool|koor|drumband|brassband",
        "een muziekvereniging in de buurt",
    ),
    (r"scouting|scoutinggroep|scoutingvereniging", "een scoutinggroep in de buurt"),
)
FAITH_KINDS: tuple[tuple[str, str], ...] = (
    (r"kerk|parochie|gemeente", "een kerk in de buurt"),
    (r"moskee", "een moskee in de buurt"),
    (r"synagoge", "een synagoge in de buurt"),
    (r"tempel|mandir", "een tempel in de buurt"),
)
COMMUNITY_WORDS = r"buurthuis|wijkcentrum|dorpshuis|gemeenschapshuis|buurtcentrum|jongerencentrum"

# What a landmark is: said next to where the family lives, it points at one house.
LANDMARK_NOUNS = (
    r"kerk|moskee|synagoge|tempel|bakkerij|bakker|slagerij|slager|snackbar|friettent|cafetaria|"
    r"shoarmazaak|pizzeria|restaurant|café|kroeg|ijssalon|supermarkt|winkel|winkelcentrum|"
    r"station|treinstation|metrostation|bushalte|tramhalte|molen|watertoren|apotheek|bibliotheek|"
    r"kapper|kapsalon|tankstation|benzinepomp|brug|viaduct|sluis|sporthal|zwembad|markt|"
    r"huisartsenpost|huisartsenpraktijk|gezondheidscentrum|politiebureau|brandweerkazerne|"
    r"gemeentehuis|stadhuis|buurthuis|wijkcentrum|school|basisschool|speeltuin|kinderboerderij|"
    r"begraafplaats|kerkhof|sportpark|voetbalveld|jachthaven|haven|flat|torenflat|dierenwinkel|"
    r"fietsenwinkel|bloemenwinkel|garage|fabriek|boerderij|camping|hotel|tandarts"
)
POSITIONS = (
    r"(?:schuin\s+|recht\s+)?tegenover|boven|naast|achter|onder|"
    r"(?:op|om)\s+de\s+hoek\s+(?:van|bij)|vlak\s+(?:bij|naast|achter|boven)|vlakbij|"
    r"aan\s+het\s+eind\s+van|ernaast\s+bij"
)
# People around the family, followed by a name: "juf Jansen", "oma fatima", "buurman Kees".
ROLE_WORDS = (
    "juf",
    "juffrouw",
    "meester",
    "meneer",
    "mevrouw",
    "mevr",
    "dhr",
    "mw",
    "buurvrouw",
    "buurman",
    "buurmeisje",
    "buurjongen",
    "oma",
    "opa",
    "tante",
    "oom",
    "neef",
    "nicht",
    "neefje",
    "nichtje",
    "broer",
    "zus",
    "broertje",
    "zusje",
    "vader",
    "moeder",
    "papa",
    "mama",
    "stiefvader",
    "stiefmoeder",
    "vriend",
    "vriendin",
    "vriendje",
    "vriendinnetje",
    "trainer",
    "trainster",
    "coach",
    "dokter",
    "huisarts",
    "dominee",
    "pastoor",
    "imam",
    "oppas",
    "collega",
    "zoon",
    "dochter",
    "zoontje",
    "dochtertje",
    "baby",
)
DIMINUTIVE_ROLES = frozenset(
    {
        "broertje",
        "zusje",
        "vriendje",
        "vriendinnetje",
        "neefje",
        "nichtje",
        "buurmeisje",
        "zoontje",
        "dochtertje",
    }
)
DETERMINERS = frozenset(
    {"de", "het", "een", "haar", "zijn", "hun", "onze", "ons", "mijn", "jouw", "uw", "die", "deze"}
)
NAME_CUES = ("heet", "heten", "genaamd", "noemen", "noemt")
PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "la", "le", "el"}
)
SHOP_CUES = (
    r"kassière|caissière|kassamedewerker|vakkenvuller|verkoopster|verkoper|winkelmedewerker|"
    r"winkel|supermarkt|bakker|slager"
)
WORK_CUES = SHOP_CUES + r"|werkt|werk|werken|werkte|baan|stage|stageplek|schoonmaker|schoonmaakster"

UNITS = ("nul", "een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
TEENS = (
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
)
TENS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")
_COMPOUND = (
    r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)(?:" + "|".join(TENS) + ")"
)
NUMBER_WORD = re.compile(
    r"(?<!\w)(?:" + _COMPOUND + "|" + "|".join(TENS + TEENS + UNITS) + r"|\d+)(?!\w)", re.IGNORECASE
)
MULTIPLES = re.compile(r"\b(?:een\s+|de\s+)?\w*(?:drie|vier|vijf|zes)ling\w*", re.IGNORECASE)
RARE_CONDITIONS = re.compile(
    r"\b(?:(?:een\s+)?(?:heel\s+|erg\s+|zeer\s+)?zeldzame\s+\w+|"
    r"(?:het\s+|een\s+)?syndroom\s+van\s+[A-Z]\w+|(?:de\s+)?ziekte\s+van\s+[A-Z]\w+)",
)
RARE_EVENTS = re.compile(
    r"\b(?:(?:de\s+|een\s+)?(?:brand|huisbrand|explosie|overstroming|verkeersongeluk|ongeluk)|"
    r"in\s+het\s+nieuws|in\s+de\s+krant|op\s+(?:de\s+)?tv|op\s+televisie)\b",
    re.IGNORECASE,
)
SMALL_PLACE_WORDS = re.compile(r"\b(?:dorp|dorpje|gehucht|buurtschap|straatje|hofje)\b", re.I)
THE_ONLY = re.compile(
    r"\b(?P<lead>[Dd]e|[Hh]et|[Aa]ls)\s+enige\s+(?P<what>(?:[\w\-]+\s+){0,4}?[\w\-]+)"
    r"(?P<where>\s+(?:in|van|op|uit|bij|aan)\s+(?:het|de|ons|onze|hun|'t)\s+"
    r"(?:dorp|dorpje|wijk|buurt|straat|klas|school|flat|kerk|moskee|gemeente|stad|omgeving|"
    r"vereniging|club|team|portiek|galerij|hofje)|\s+(?:in|van|op|uit)\s+[A-Z][\w\-]+)"
)


STREET_NAME = re.compile(
    r"(?:" + STREET_SUFFIXES + r"|dreef|straatje|pleintje|laantje)$", re.IGNORECASE
)

# --- the lists, read once per process ----------------------------------------------------------

DEDUCE_LISTS = Path("data") / "lookup" / "src"


def _installed(package: str) -> Path:
    """Where a package is installed, found without importing it: its files are data here."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def deduce_lists() -> Path:
    """Where deduce's lookup lists are installed (deduce is slow to import and not needed here)."""
    return _installed("deduce") / DEDUCE_LISTS


def _deduce_list(*parts: str) -> set[str]:
    """One of deduce's lookup lists (its ``items.txt`` without its ``exceptions.txt``)."""
    folder = deduce_lists() / Path(*parts)
    items = set((folder / "items.txt").read_text(encoding="utf-8").splitlines())
    exceptions = folder / "exceptions.txt"
    if exceptions.exists():
        items -= set(exceptions.read_text(encoding="utf-8").splitlines())
    return {item.strip() for item in items if item.strip()}


def _dutch_word_counts() -> Iterator[tuple[str, int]]:
    """pyspellchecker's Dutch dictionary: (word in lower case, how often it occurs in
    OpenSubtitles). Names and rare words all have the floor count of 50.

    Read line by line rather than with ``json.loads``: the whole dictionary as Python objects
    would take about a hundred megabytes at once, only to be thrown away."""
    data = resources.files("spellchecker") / "resources" / "nl.json.gz"
    text = gzip.decompress(data.read_bytes()).decode("utf-8")
    for match in DICTIONARY_ENTRY.finditer(text):
        word = match.group(1)
        if "\\" in word:
            word = json.loads(f'"{word}"')
        yield word, int(match.group(2))


DICTIONARY_ENTRY = re.compile(r'^"((?:[^"\\]|\\.)*)": (\d+),?$', re.MULTILINE)


def _django_language_names() -> set[str]:
    """The Dutch names of the languages in Django's ``LANGUAGES`` setting: its source and its
    Dutch catalogue, read as files with the standard library (no Django settings needed)."""
    django = _installed("django")
    source = (django / "conf" / "global_settings.py").read_text(encoding="utf-8")
    english: list[str] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["LANGUAGES"]:
            english = [
                call.args[0].value
                for call in ast.walk(node.value)
                if isinstance(call, ast.Call)
                and call.args
                and isinstance(call.args[0], ast.Constant)
                and isinstance(call.args[0].value, str)
            ]
    if not english:
        raise LookupError("LANGUAGES not found in Django's global settings")
    with (django / "conf" / "locale" / "nl" / "LC_MESSAGES" / "django.mo").open("rb") as file:
        dutch = gettext.GNUTranslations(file)
    return {dutch.gettext(name) for name in english}


def _language_names() -> set[str]:
    """The Dutch names of languages and their adjective forms."""
    names = _django_language_names()
    names |= set(EXTRA_LANGUAGES)
    words = {word for name in names for word in re.split(r"[\s\-()]+", name) if word}
    adjectives = {w + "e" for w in words if w.endswith(("s", "sch"))}
    adjectives |= {w + "se" for w in words if w.endswith(("ees", "aans", "eens"))}
    return words | adjectives


def _country_names() -> set[str]:
    """The Dutch names of countries (Faker's Dutch address provider, MIT)."""
    from faker.providers.address.nl_NL import Provider

    return set(Provider.countries)


# "Marokkaanse", "Eritrese", "Syrische", "Turkse", "Surinaams": where someone comes from.
ORIGIN_ADJECTIVE = re.compile(r"[A-Z][a-zëïé]+(?:aans|ees|isch|aanse|ese|ische|[^aeiouy\W]se)")


def plain(text: str) -> str:
    """Without accents: "eén" and "één" are both "een"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """For comparing names: case-folded, hyphens as spaces, one space between words."""
    return " ".join(text.casefold().replace("-", " ").replace("\u2019", "'").split())


class HashedWords:
    """A large set of words kept as a sorted array of their hashes (8 bytes a word instead of
    about a hundred): membership only, with a negligible chance of a false "yes"."""

    def __init__(self, words: Iterable[str]) -> None:
        self._hashes = np.unique(np.fromiter((hash(w) for w in words), dtype=np.int64))

    def __contains__(self, word: object) -> bool:
        value = hash(word)
        index = int(np.searchsorted(self._hashes, value))
        return index < len(self._hashes) and int(self._hashes[index]) == value

    def __len__(self) -> int:
        return len(self._hashes)


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    streets: frozenset[str]  # one-word street names without a street suffix
    places: frozenset[str]
    municipalities: frozenset[str]  # and provinces and regions: not small places
    known: HashedWords  # every word of the Dutch dictionary, names included
    ordinary: frozenset[str]  # words that occur more than the floor: not names
    common: frozenset[str]  # frequent words (≥ 1000): ordinary even when they are also a name
    vocabulary: frozenset[str]  # days, months, languages, platforms, the programme's words


def _one_word_streets() -> frozenset[str]:
    """Only what the suffix rule cannot see: deduce's one-word street names without a street
    suffix ("Neude", "Vredenburg"); the rules look at one word at a time. Read line by line."""
    folder = deduce_lists() / "locations" / "lst_street"
    exceptions = set((folder / "exceptions.txt").read_text(encoding="utf-8").splitlines())
    kept: set[str] = set()
    for name in ("items.txt", "streets_bag.txt"):
        with (folder / name).open(encoding="utf-8") as lines:
            for line in lines:
                street = line.strip()
                one_word = street and " " not in street and not STREET_NAME.search(street)
                if one_word and street not in exceptions:
                    kept.add(fold(street))
    return frozenset(kept)


@cache
def lexicon() -> Lexicon:
    """Every list the rules need, folded, loaded on first use (once per process)."""
    from buurtgezinnen.geo import postcodes

    ordinary: set[str] = set()
    common: set[str] = set()

    def dictionary() -> Iterator[str]:
        for word, count in _dutch_word_counts():
            if count > 50:
                ordinary.add(word)
            if count >= 1000:
                common.add(word)
            yield word

    known = HashedWords(dictionary())  # streamed: the 343,000 words are never all in memory
    stop_and_common = _deduce_list("whitelist", "lst_stop_word") | _deduce_list(
        "whitelist", "lst_common_word"
    )
    medical = _deduce_list("whitelist", "lst_medical_term")
    streets = _one_word_streets()
    large: set[str] = set(postcodes.all_municipalities().values())
    for name in ("lst_province", "lst_region", "lst_municipality"):
        large |= _deduce_list("locations", "lst_placename", name)
    places = large | _deduce_list("locations", "lst_placename", "lst_residence")
    places |= set(postcodes.all_places())
    vocabulary = {
        *DAYS_NL,
        *MONTHS_NL,
        *PROGRAMME_WORDS,
        *PLATFORMS,
        *CALENDAR_AND_FAITH,
        *_language_names(),
        *_country_names(),
    }
    return Lexicon(
        first_names=frozenset(fold(n) for n in _deduce_list("names", "lst_first_name")),
        surnames=frozenset(fold(n) for n in _deduce_list("names", "lst_surname")),
        streets=streets,
        places=frozenset(fold(p) for p in places),
        municipalities=frozenset(fold(p) for p in large),
        known=known,
        ordinary=frozenset(ordinary | {fold(w) for w in stop_and_common | medical}),
        common=frozenset(common | {fold(w) for w in stop_and_common}),
        vocabulary=frozenset(fold(v) for v in vocabulary),
    )


# --- words and sentences -----------------------------------------------------------------------

WORD = re.compile(r"[^\W_](?:[\w'\u2019.\-]*[^\W_]|[\w]*)|_[\w.]+", re.UNICODE)
# After these a word starts a sentence (and is capitalised for that reason alone).
SENTENCE_END = re.compile(r"(?:^|[.!?:;…\n•*\-\u2013\u2014(\"“\u2018]\s*|\d\.\s+)$")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    sentence_start: bool

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


def words_of(text: str) -> list[Word]:
    """The words of ``text``; a word at the start of a sentence or of a Title Case line counts as
    a sentence start (its capital says nothing)."""
    found: list[Word] = []
    title_lines = _title_case_lines(text)
    for match in WORD.finditer(text):
        word = match.group().rstrip(".")
        start = match.start()
        opening = bool(SENTENCE_END.search(text[max(0, start - 6) : start]))
        line = text.count("\n", 0, start)
        found.append(Word(start, start + len(word), word, opening or line in title_lines))
    return found


def _title_case_lines(text: str) -> set[int]:
    """Lines (headlines) in which most words start with a capital."""
    lines = set()
    for number, line in enumerate(text.split("\n")):
        long_words = list(re.findall(r"[^\W\d_]{3,}", line))
        if len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) / len(long_words) > 0.6:
            lines.add(number)
    return lines


# --- findings --------------------------------------------------------------------------------


def _finding(start: int, end: int, kind: str, reason: Reason, suggestion: str | None) -> Finding:
    return Finding(start, end, kind, reason, source=SOURCE, suggestion=suggestion)


def capitalised_like(text: str, start: int, phrase: str) -> str:
    """``phrase`` with a capital when it replaces text at the start of a sentence."""
    if phrase and (start == 0 or SENTENCE_END.search(text[max(0, start - 6) : start])):
        return phrase[0].upper() + phrase[1:]
    return phrase


class Checker:
    """One text's quasi-identifiers. ``allowed``: extra names a profile may use (its area and the
    database's municipalities and regions), folded."""

    def __init__(self, text: str, allowed: frozenset[str], lex: Lexicon) -> None:
        self.text = text
        self.allowed = allowed
        self.lex = lex
        self.words = words_of(text)
        self.starts = [word.start for word in self.words]
        self.found: list[Finding] = []

    # what a word is

    def is_allowed(self, phrase: str) -> bool:
        if ORIGIN_ADJECTIVE.fullmatch(phrase) and fold(phrase) not in self.lex.first_names:
            return True
        parts = phrase.split("-")
        if len(parts) > 1 and all(parts) and all(self.is_allowed(part) for part in parts):
            return True  # "Marokkaans-Nederlands", "Turks-Nederlandse"
        name = fold(phrase)
        for candidate in (name, re.sub(r"^(?:de|het|'t) ", "", name)):
            if (
                candidate in self.allowed
                or candidate in self.lex.places
                or candidate in self.lex.vocabulary
            ):
                return True
        return False

    def is_first_name(self, word: Word) -> bool:
        name = word.folded
        if name not in self.lex.first_names or self.is_allowed(word.text):
            return False
        if not word.capitalised:
            # In lower case only a word that is no Dutch word at all: "oma fatima", not "roos".
            return name not in self.lex.ordinary and len(name) > 2
        if word.sentence_start:
            return name not in self.lex.common
        return True

    def is_unknown_word(self, word: Word) -> bool:
        """Letters only, and no word of the Dutch dictionary (nor a place or allowed name)."""
        return (
            len(word.text) > 2
            and word.text.isalpha()
            and word.folded not in self.lex.known
            and plain(word.folded) not in self.lex.known
            and not self.is_allowed(word.text)
        )

    def is_name_like(self, word: Word) -> bool:
        """A capitalised word that is not an allowed name and (mid-sentence) not a function word."""
        if not word.capitalised or word.all_caps or any(c.isdigit() for c in word.text):
            return False
        if self.is_allowed(word.text):
            return False
        if word.sentence_start:
            return self.is_unknown_word(word) or self.is_first_name(word)
        return word.folded not in PARTICLES

    def add(self, start: int, end: int, kind: str, reason: Reason, suggestion: str | None) -> None:
        if suggestion is not None:
            suggestion = capitalised_like(self.text, start, suggestion)
        self.found.append(_finding(start, end, kind, reason, suggestion))

    def name_after(self, position: int) -> tuple[int, int] | None:
        """The run of capitalised words (with particles such as "de", "van") right after
        ``position``, as a span, if it starts with a capitalised word."""
        index = bisect.bisect_left(self.starts, position)
        if index >= len(self.words) or self.text[position : self.words[index].start].strip():
            return None
        run: list[Word] = []
        for word in self.words[index:]:
            if run and self.text[run[-1].end : word.start] not in (" ", "-"):
                break
            if run and word.sentence_start and word.folded in self.lex.ordinary:
                break  # a Title Case headline: "Moeder Zoekt Een …"
            if word.capitalised or (run and word.folded in PARTICLES):
                run.append(word)
            else:
                break
        while run and run[-1].folded in PARTICLES:
            run.pop()
        if not run:
            return None
        return run[0].start, run[-1].end

    def place_phrase_after(self, position: int) -> int:
        """Where a following "in Overvecht", "aan het Stationsplein" ends (or ``position``)."""
        match = re.compile(r"\s+(?:in|aan|op|bij|uit)\s+(?:de\s+|het\s+|'t\s+)?").match(
            self.text, position
        )
        if match is None:
            return position
        name = self.name_after(match.end())
        return name[1] if name else position

    # the rules

    def institutions(self) -> None:
        groups: list[tuple[str, str, Reason, str]] = [
            (
                SCHOOL_WORDS,
                "school",
                Reason.NAMED_SCHOOL,
                "een basisschool in de wijk",
            ),
            (
                DAYCARE_WORDS,
                "daycare",
                Reason.NAMED_DAYCARE,
                "een kinderopvang in de buurt",
            ),
            (
                COMMUNITY_WORDS,
                "community_centre",
                Reason.NAMED_COMMUNITY_CENTRE,
                "een buurthuis in de wijk",
            ),
        ]
        groups.append(
            (
                SECONDARY_SCHOOL_WORDS,
                "school",
                Reason.NAMED_SCHOOL,
                "een middelbare school in de buurt",
            )
        )
        for words, phrase in CLUB_KINDS:
            groups.append(
                (
                    words,
                    "club",
                    Reason.NAMED_CLUB,
                    phrase,
                )
            )
        for words, phrase in FAITH_KINDS:
            groups.append(
                (
                    words,
                    "faith",
                    Reason.NAMED_FAITH,
                    phrase,
                )
            )
        for words, kind, reason, phrase in groups:
            pattern = re.compile(
                r"(?<!\w)(?:(?:de|het|een|onze|hun|haar|zijn)\s+)?(?:" + words + r")\s+"
                r"(?:(?:de|het|'t)\s+)?",
                re.IGNORECASE,
            )
            for match in pattern.finditer(self.text):
                name = self.name_after(match.end())
                if name is None:
                    continue
                named = fold(self.text[name[0] : name[1]])
                if kind != "club" and (named in self.lex.municipalities or named in self.allowed):
                    continue  # "de gemeente Utrecht"; but "FC Utrecht" is a club
                end = self.place_phrase_after(name[1])
                self.add(match.start(), end, kind, reason, phrase)
        # "De Regenboogschool", "het Mondriaan College", "Montessorischool De Eik": a capitalised
        # school name on its own.
        named_school = re.compile(
            r"(?<!\w)(?:(?:de|het)\s+)?(?:(?:[A-Z][\w\-]*\s+){0,3}?[A-Z][\w\-]*"
            r"(?:school|college|lyceum|gymnasium)|(?:[A-Z][\w\-]*\s+){1,3}"
            r"(?:School|College|Lyceum|Gymnasium))(?!\w)(?:\s+[A-Z][\w\-]+)*"
        )
        for match in named_school.finditer(self.text):
            if self._is_sentence_article_only(match):
                continue
            end = self.place_phrase_after(match.end())
            secondary = re.search(r"college|lyceum|gymnasium", match.group(), re.IGNORECASE)
            self.add(
                match.start(),
                end,
                "school",
                Reason.NAMED_SCHOOL,
                "een middelbare school in de buurt" if secondary else "een basisschool in de wijk",
            )
        # "zit op De Regenboog": a school by its name alone. ("gaat naar de Efteling" is not.)
        goes_to = re.compile(
            r"(?<!\w)(?:zit|zitten|zat|zaten)\s+op\s+(?:(?:de|het)\s+)?", re.IGNORECASE
        )
        for match in goes_to.finditer(self.text):
            name = self.name_after(match.end())
            if name is None or self.is_allowed(self.text[name[0] : name[1]]):
                continue
            start = match.end()
            article = re.search(r"(?:de|het)\s+$", self.text[match.start() : match.end()], re.I)
            if article:
                start = match.start() + article.start()
            self.add(
                start,
                self.place_phrase_after(name[1]),
                "school",
                Reason.NAMED_SCHOOL,
                "een basisschool in de wijk",
            )

    def _is_sentence_article_only(self, match: re.Match[str]) -> bool:
        """ "Basisschool", "de Montessorischool": a kind of school, not one school's name."""
        kind = re.sub(r"^(?:de|het)\s+", "", match.group().strip(), flags=re.IGNORECASE)
        generic = r"(?:" + SCHOOL_WORDS + "|" + SECONDARY_SCHOOL_WORDS + r")"
        return re.fullmatch(generic, kind, re.IGNORECASE) is not None

    def employers(self) -> None:
        """ "werkt bij de Jumbo", "kassière bij Albert Heijn aan het Stationsplein"."""
        pattern = re.compile(
            r"(?P<cue>(?<!\w)(?:" + WORK_CUES + r")(?:\s+\w+){0,3}?\s+)?"
            r"(?P<at>(?<!\w)bij\s+(?:de\s+|het\s+|'t\s+)?)",
            re.IGNORECASE,
        )
        for match in pattern.finditer(self.text):
            name = self.name_after(match.end())
            if name is None or self.is_allowed(self.text[name[0] : name[1]]):
                continue
            end = self.place_phrase_after(name[1])
            if not match.group("cue") and end == name[1]:
                continue  # a named shop without work or place is for the catch-all
            shop = match.group("cue") and re.search(SHOP_CUES, match.group("cue"), re.I)
            self.add(
                match.start("at"),
                end,
                "employer",
                Reason.NAMED_EMPLOYER,
                "in een winkel" if shop else "bij een bedrijf in de buurt",
            )

    def streets(self) -> None:
        suffix = STREET_NAME
        lead = re.compile(
            r"(?:(?:aan|in|op|bij|naast|langs|over|via|vanaf)\s+(?:de|het|'t)\s+|"
            r"(?:aan|in|op|langs|via|vanaf)\s+)$",
            re.IGNORECASE,
        )
        for index, word in enumerate(self.words):
            folded = word.folded
            in_list = folded in self.lex.streets
            if word.capitalised:
                if not (suffix.search(word.text) or (in_list and not word.sentence_start)):
                    continue
                if self.is_allowed(word.text) or suffix.fullmatch(word.text):
                    continue  # a place, or just "Plein"
                if word.sentence_start and folded in self.lex.ordinary:
                    continue  # "Onderweg"
                if not suffix.search(word.text) and not lead.search(self.text[: word.start]):
                    continue  # "Lombok" alone may be a neighbourhood: the catch-all's case
            elif not (
                suffix.search(word.text)
                and folded not in self.lex.ordinary
                and lead.search(self.text[: word.start])
            ):
                continue  # in lower case only "aan de kerkstraat", not "de winkelstraat"
            start = word.start
            # Capitalised words before it belong to the name: "Burgemeester Reigerstraat".
            j = index - 1
            while (
                j >= 0
                and self.words[j].capitalised
                and not self.words[j].sentence_start
                and (self.text[self.words[j].end : self.words[j + 1].start] == " ")
            ):
                start = self.words[j].start
                j -= 1
            end = word.end
            number = re.match(r"\s+\d{1,5}(?:\s?[a-zA-Z](?!\w))?", self.text[end:])
            if number:
                end += number.end()
            reason = Reason.STREET if suffix.search(word.text) else Reason.FINER_THAN_AREA
            before = lead.search(self.text[:start])
            if before:
                preposition = before.group().split()[0].casefold()
                phrase = (
                    "in de buurt"
                    if preposition in {"aan", "in", "op", "bij", "naast"}
                    else ("door de buurt")
                )
                self.add(before.start(), end, "street", reason, phrase)
            else:
                article = re.search(r"(?<!\w)(?:de|het)\s+$", self.text[:start], re.IGNORECASE)
                if article:
                    start = article.start()
                self.add(start, end, "street", reason, "een straat in de buurt")

    def landmarks(self) -> None:
        one = (
            r"(?:" + POSITIONS + r")\s+(?:de|het|'t|een)\s+(?:\w+\s+)?(?:" + LANDMARK_NOUNS + r")"
            r"(?!\w)"
        )
        pattern = re.compile(one + r"(?:(?:\s*,\s*|\s+en\s+|\s+)" + one + r")*", re.IGNORECASE)
        for match in pattern.finditer(self.text):
            self.add(
                match.start(),
                match.end(),
                "landmark",
                Reason.LANDMARK,
                "in de buurt",
            )

    def people(self) -> None:
        roles = re.compile(r"(?<!\w)(?:" + "|".join(ROLE_WORDS) + r")(?!\w)", re.IGNORECASE)
        by_start = {w.start: w for w in self.words}
        for match in roles.finditer(self.text):
            after = re.match(r"\s+", self.text[match.end() :])
            if after is None:
                continue
            first = by_start.get(match.end() + after.end())
            if first is None or first.folded in PARTICLES or first.folded in DETERMINERS:
                continue
            if first.capitalised:
                if self.is_allowed(first.text) or first.all_caps or first.folded in ROLE_WORDS:
                    continue
                if first.sentence_start and not self.is_name_like(first):
                    continue  # a Title Case headline
            elif not (
                self.is_first_name(first)
                or (first.folded in self.lex.surnames and first.folded not in self.lex.ordinary)
                or self.is_unknown_word(first)  # "oma zeynep": a name no list knows
            ):
                continue
            name = self.name_after(first.start) if first.capitalised else None
            end = name[1] if name else first.end
            role = match.group().casefold()
            before = self.text[: match.start()].rstrip().rsplit(None, 1)
            has_article = bool(before) and fold(before[-1]) in DETERMINERS
            article = "" if has_article else ("het " if role in DIMINUTIVE_ROLES else "de ")
            self.add(
                match.start(),
                end,
                "person",
                Reason.PERSON,
                article + role,
            )
        cues = re.compile(r"(?<!\w)(?:" + "|".join(NAME_CUES) + r")\s+", re.IGNORECASE)
        for match in cues.finditer(self.text):
            word = by_start.get(match.end())
            if word is None or (word.folded in self.lex.ordinary and not word.capitalised):
                continue
            if self.is_allowed(word.text):
                continue
            name = self.name_after(word.start) if word.capitalised else None
            self.add(
                word.start,
                name[1] if name else word.end,
                "first_name",
                Reason.FIRST_NAME,
                None,
            )

    def first_names(self) -> None:
        for index, word in enumerate(self.words):
            if not self.is_first_name(word):
                continue
            end = word.end
            name = self.name_after(word.start) if word.capitalised else None
            if name and name[1] > end:
                end = name[1]
            full = end > word.end
            previous = self.words[index - 1] if index else None
            if previous and previous.folded in {"met", "bij", "van", "voor", "naar", "aan"}:
                phrase = "iemand"
            else:
                phrase = "iemand" if full else "het kind"
            self.add(word.start, end, "first_name", Reason.FIRST_NAME, phrase)

    def capitalised(self) -> None:
        """Every capitalised word that is no allowed name: at least something to look at."""
        run: list[Word] = []

        def flush() -> None:
            while run and run[-1].folded in PARTICLES:
                run.pop()
            if not run:
                return
            phrase = self.text[run[0].start : run[-1].end]
            article = re.search(
                r"(?:De|Het|'t)\s+$", self.text[max(0, run[0].start - 4) : run[0].start]
            )
            if article and self.is_allowed(article.group() + phrase):
                run.clear()  # "De Meern", "Het Gooi"
                return
            if not self.is_allowed(phrase):
                start, suggestion = run[0].start, None
                lead = re.search(r"(?<!\w)in\s+$", self.text[: run[0].start], re.IGNORECASE)
                if lead:
                    start, suggestion = lead.start(), "in de buurt"
                self.add(
                    start,
                    run[-1].end,
                    "capitalised",
                    Reason.UNKNOWN_NAME,
                    suggestion,
                )
            run.clear()

        for word in self.words:
            joined = bool(run) and self.text[run[-1].end : word.start] in (" ", "-")
            if joined and ((word.capitalised and not word.all_caps) or word.folded in PARTICLES):
                run.append(word)
                continue
            flush()
            if self.is_name_like(word):
                run.append(word)
        flush()

    def contact_in_words(self) -> None:
        """A phone number written in words or in pieces: "nul zes, twaalf vierendertig …"."""
        numbers = list(NUMBER_WORD.finditer(self.text))
        run: list[re.Match[str]] = []

        def digits(match: re.Match[str]) -> int:
            word = match.group().casefold()
            if word.isdigit():
                return len(word)
            return 1 if word in UNITS else 2

        def flush() -> None:
            while run and run[0].group().casefold() in {"een", "één"}:
                run.pop(0)
            if (
                len(run) >= 3
                and sum(digits(m) for m in run) >= 8
                and not all(m.group().isdigit() for m in run)
            ):
                start = run[0].start()
                lead = re.search(r"(?<!\w)op\s+$", self.text[:start], re.IGNORECASE)
                self.add(
                    lead.start() if lead else start,
                    run[-1].end(),
                    "phone_words",
                    Reason.PHONE_IN_WORDS,
                    "via Buurtgezinnen",
                )
            run.clear()

        for match in numbers:
            if run and not re.fullmatch(r"[\s,.\-/]*", self.text[run[-1].end() : match.start()]):
                flush()
            run.append(match)
        flush()
        platform = re.compile(
            r"(?<!\w)(?:tik\s?tok|snapchat|snap|insta(?:gram)?|facebook|fb|youtube|whatsapp|"
            r"twitter|discord|twitch|roblox|telegram|pinterest|threads)(?!\w)"
            r"(?P<filler>(?:\s*[:\-]\s*|\s+(?:is|heet|als|onder|de|het|naam|account|kanaal|"
            r"accountnaam|gebruikersnaam|zoek|op|ons|haar|zijn|hun|via|te|vinden|ze|hij|zij|"
            r"we|wij|staat|staan|heten)(?!\w))*\s*)"
            r"(?P<handle>[\w.]{3,30})",
            re.IGNORECASE,
        )
        for match in platform.finditer(self.text):
            handle = match.group("handle")
            looks_made = re.search(r"[\d_.]", handle.strip(".")) or (
                fold(handle) not in self.lex.ordinary and not self.is_allowed(handle)
            )
            if not looks_made or fold(handle) in {"en", "of", "en/of"}:
                continue
            self.add(
                match.start("filler") if match.group("filler").strip() else match.start("handle"),
                match.start("handle") + len(handle.rstrip(".")),
                "handle",
                Reason.HANDLE_WITHOUT_AT,
                "",
            )

    def rare(self) -> None:
        for match in THE_ONLY.finditer(self.text):
            what = match.group("what")
            lead = match.group("lead").casefold()
            phrase = ("als " + what) if lead == "als" else ("een " + what)
            self.add(
                match.start(),
                match.end(),
                "rare",
                Reason.THE_ONLY,
                phrase,
            )
        for match in MULTIPLES.finditer(self.text):
            word = match.group()
            if not re.search(r"(?:drie|vier|vijf|zes)ling", word, re.I):
                continue
            lead = re.match(r"(?:een|de)\s+", word, re.I)
            self.add(
                match.start(),
                match.end(),
                "rare",
                Reason.MULTIPLE_BIRTH,
                "kinderen" if not lead else "de kinderen",
            )
        for sentence in re.finditer(r"[^.!?\n]+", self.text):
            here = sentence.group()
            small = SMALL_PLACE_WORDS.search(here) or any(
                w.capitalised
                and w.folded in self.lex.places
                and w.folded not in self.lex.municipalities
                for w in self.words
                if sentence.start() <= w.start < sentence.end()
            )
            if not small:
                continue
            for match in RARE_CONDITIONS.finditer(here):
                self.add(
                    sentence.start() + match.start(),
                    sentence.start() + match.end(),
                    "rare",
                    Reason.RARE_CONDITION,
                    "een aandoening",
                )
            for match in RARE_EVENTS.finditer(here):
                self.add(
                    sentence.start() + match.start(),
                    sentence.start() + match.end(),
                    "rare",
                    Reason.RARE_EVENT,
                    "een ingrijpende gebeurtenis",
                )

    def run(self) -> list[Finding]:
        self.institutions()
        self.employers()
        self.landmarks()
        self.streets()
        self.people()
        self.contact_in_words()
        self.rare()
        self.first_names()
        self.capitalised()
        return without_overlaps(self.found)


def without_overlaps(found: Iterable[Finding]) -> list[Finding]:
    """In order of place; where findings overlap the first found (the more specific rule, which
    runs earlier) wins, widened to cover the other."""
    kept: list[Finding] = []
    for finding in found:
        clash = [k for k in kept if k.start < finding.end and finding.start < k.end]
        if clash:
            continue
        kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def check(
    text: str, *, allowed: Iterable[str] = (), covered: Iterable[Finding] = ()
) -> list[Finding]:
    """The quasi-identifiers in ``text``, without what ``covered`` (the record's and the
    patterns' findings) already marks. ``allowed``: the profile's area, the database's
    municipalities and regions."""
    extra = frozenset(fold(name) for name in allowed if name.strip())
    lex = lexicon()
    found: list[Finding] = []
    offset = 0
    # Line by line: a profile's fields (and a text's paragraphs) are lines, and a finding never
    # spans two (its suggestion replaces a span within one field).
    for line in text.split("\n"):
        for finding in Checker(line, extra, lex).run():
            found.append(replace(finding, start=finding.start + offset, end=finding.end + offset))
        offset += len(line) + 1
    covered = list(covered)
    return [f for f in found if not any(f.start < c.end and c.start < f.end for c in covered)]
