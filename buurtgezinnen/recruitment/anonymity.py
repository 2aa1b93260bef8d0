"""Does a recruitment text identify a family? Pure functions, no ORM.

Two checks run here, in the request:

* **the family's own record**: every name of every member, the street, the house number next to
  it, the full postcode, phone numbers, e-mail addresses, dates of birth and school names, found
  however they are written (case, spacing, punctuation, a phone number with or without +31);
* **patterns**: phone numbers in all Dutch forms, e-mail addresses, postcodes such as 3511 AB,
  dates, BSN-like numbers (that pass the eleven test), URLs and social-media handles, a street
  name followed by a number.

Each finding has its place in the text, a kind and a reason. A deeper check for names and
places that are not in the record (``deduce``) is the worker's job and adds findings of its own.

Pure: text and a plain ``Record`` in (``drafting.record_for`` builds it from the database),
findings out, no Django. A finding's reason is a code (``Reason``, for every layer: this one,
``quasi.py`` and ``deep_check.py``); its Dutch words are the pages': ``recruitment/wording.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS_SHORT_NL = (
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)
STREET_SUFFIXES = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|hof|steeg|pad|dreef|park|baan|markt|ring|"
    "plantsoen|erf|veld|burg|haven|wal|kwartier|hoven|boulevard|allee|akker|brink|dam"
)


class Reason(StrEnum):
    """Why a finding may identify the family, for each layer of the check. The words shown with
    a finding are ``recruitment/wording.py``'s."""

    # The patterns (``check_patterns``).
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    DATE = "date"
    URL = "url"
    HANDLE = "handle"
    STREET_NUMBER = "street_number"
    BSN = "bsn"
    # The family's own record (``check_record``).
    RECORD_NAME = "record_name"
    RECORD_SCHOOL = "record_school"
    RECORD_STREET = "record_street"
    RECORD_ADDRESS = "record_address"
    RECORD_POSTCODE = "record_postcode"
    RECORD_PHONE = "record_phone"
    RECORD_EMAIL = "record_email"
    RECORD_DATE_OF_BIRTH = "record_date_of_birth"
    # The quasi-identifiers (``quasi.py``).
    NAMED_SCHOOL = "named_school"
    NAMED_DAYCARE = "named_daycare"
    NAMED_COMMUNITY_CENTRE = "named_community_centre"
    NAMED_CLUB = "named_club"
    NAMED_FAITH = "named_faith"
    NAMED_EMPLOYER = "named_employer"
    STREET = "street"
    FINER_THAN_AREA = "finer_than_area"
    LANDMARK = "landmark"
    PERSON = "person"
    FIRST_NAME = "first_name"
    UNKNOWN_NAME = "unknown_name"
    PHONE_IN_WORDS = "phone_in_words"
    HANDLE_WITHOUT_AT = "handle_without_at"
    THE_ONLY = "the_only"
    MULTIPLE_BIRTH = "multiple_birth"
    RARE_CONDITION = "rare_condition"
    RARE_EVENT = "rare_event"
    # Deduce, the worker's deeper check (``deep_check.py``), by the kind it marks.
    DEDUCE_NAME = "deduce_name"
    DEDUCE_PLACE = "deduce_place"
    DEDUCE_INSTITUTION = "deduce_institution"
    DEDUCE_DATE = "deduce_date"
    DEDUCE_BSN = "deduce_bsn"
    DEDUCE_IDENTIFIER = "deduce_identifier"
    DEDUCE_PHONE = "deduce_phone"
    DEDUCE_EMAIL = "deduce_email"
    DEDUCE_URL = "deduce_url"
    DEDUCE_OTHER = "deduce_other"


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    kind: str
    reason: Reason
    source: str = "pattern"
    # A neutral phrase that replaces exactly this span ("een voetbalclub in de buurt"); "" means
    # "leave it out"; None: no suggestion, the coordinator rewrites the sentence.
    suggestion: str | None = None

    def as_dict(self) -> dict[str, object]:
        """As JSON, with the reason's code (``wording.as_dict`` gives its words instead)."""
        found: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "reason": self.reason,
        }
        if self.suggestion is not None:
            found["suggestion"] = self.suggestion
        return found


@dataclass(frozen=True)
class Record:
    """What identifies one family, from its record."""

    names: tuple[str, ...] = ()
    streets: tuple[str, ...] = ()
    house_numbers: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    dates_of_birth: tuple[date, ...] = ()
    schools: tuple[str, ...] = field(default_factory=tuple)


# --- patterns ----------------------------------------------------------------------------------

_SEP = r"[\s.\-/()]*"
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31" + _SEP + r"(?:\(0\)" + _SEP + r")?|0)"
    r"[1-9](?:" + _SEP + r"\d){8}(?!\d)"
)
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Za-z]{2}\b")
_MONTH_NAMES = "|".join((*MONTHS_NL, *MONTHS_SHORT_NL))
DATE = re.compile(
    r"\b(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}|"
    r"\d{1,2}\s+(?:" + _MONTH_NAMES + r")\.?(?:\s+\d{4})?)\b",
    re.IGNORECASE,
)
NINE_DIGITS = re.compile(r"(?<![\d.])\d{4}\.?\d{2}\.?\d{3}(?![\d.])|(?<!\d)\d{9}(?!\d)")
URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+|\b[\w\-]+\.(?:nl|com|org|net|eu|be)\b(?:/\S*)?",
    re.IGNORECASE,
)
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_.]{2,30}\b")
STREET_NUMBER = re.compile(
    r"\b[A-Z][\w'\-]*(?:\s[A-Z][\w'\-]*)*(?:" + STREET_SUFFIXES + r")\s+\d{1,5}\s?[a-zA-Z]?\b"
)


def passes_eleven_test(digits: str) -> bool:
    """The BSN eleven test: 9*d1 + 8*d2 + … + 2*d8 - 1*d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0 and total != 0


def check_patterns(text: str) -> list[Finding]:
    findings: list[Finding] = []

    def add(pattern: re.Pattern[str], kind: str, reason: Reason) -> None:
        for match in pattern.finditer(text):
            findings.append(Finding(match.start(), match.end(), kind, reason))

    add(EMAIL, "email", Reason.EMAIL)
    add(PHONE, "phone", Reason.PHONE)
    add(POSTCODE, "postcode", Reason.POSTCODE)
    add(DATE, "date", Reason.DATE)
    add(URL, "url", Reason.URL)
    add(HANDLE, "handle", Reason.HANDLE)
    add(STREET_NUMBER, "address", Reason.STREET_NUMBER)
    for match in NINE_DIGITS.finditer(text):
        if passes_eleven_test(match.group().replace(".", "")):
            findings.append(Finding(match.start(), match.end(), "bsn", Reason.BSN))
    return findings


# --- the family's own record -------------------------------------------------------------------


def _word_pattern(value: str) -> re.Pattern[str] | None:
    """``value`` as a whole word, case-insensitive, any run of spaces or hyphens between parts."""
    parts = [re.escape(part) for part in re.split(r"[\s\-]+", value.strip()) if part]
    if not parts or sum(len(p) for p in parts) < 2:
        return None
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _digits_pattern(digits: str) -> re.Pattern[str]:
    """The digits with any separators between them."""
    return re.compile(r"(?<!\d)" + _SEP.join(re.escape(d) for d in digits) + r"(?!\d)")


def _phone_variants(phone: str) -> set[str]:
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif digits.startswith("31") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) < 6:
        return set()
    variants = {digits}
    if digits.startswith("0"):
        variants.add("31" + digits[1:])
    return variants


def _date_variants(day: date) -> set[str]:
    d, m, y = day.day, day.month, day.year
    month = MONTHS_NL[m - 1]
    return {
        f"{d}-{m}-{y}",
        f"{d:02d}-{m:02d}-{y}",
        f"{d}/{m}/{y}",
        f"{d:02d}/{m:02d}/{y}",
        f"{d}.{m}.{y}",
        f"{d:02d}.{m:02d}.{y}",
        f"{y}-{m:02d}-{d:02d}",
        f"{d:02d}-{m:02d}-{y % 100:02d}",
        f"{d} {month} {y}",
        f"{d} {month}",
        f"{d} {MONTHS_SHORT_NL[m - 1]} {y}",
    }


def check_record(text: str, record: Record) -> list[Finding]:
    findings: list[Finding] = []

    def add_all(pattern: re.Pattern[str] | None, kind: str, reason: Reason) -> None:
        if pattern is None:
            return
        for match in pattern.finditer(text):
            findings.append(Finding(match.start(), match.end(), kind, reason, source="record"))

    for name in record.names:
        add_all(_word_pattern(name), "name", Reason.RECORD_NAME)
    for school in record.schools:
        add_all(_word_pattern(school), "school", Reason.RECORD_SCHOOL)
    for street in record.streets:
        add_all(_word_pattern(street), "street", Reason.RECORD_STREET)
        for number in record.house_numbers:
            pattern = _word_pattern(street)
            if pattern is not None:
                near = re.compile(
                    pattern.pattern + r"\s*" + re.escape(number) + r"\b", re.IGNORECASE
                )
                add_all(near, "address", Reason.RECORD_ADDRESS)
    for postcode in record.postcodes:
        compact = re.sub(r"\s", "", postcode)
        if len(compact) == 6:
            add_all(
                re.compile(rf"\b{compact[:4]}\s*{compact[4:]}\b", re.IGNORECASE),
                "postcode",
                Reason.RECORD_POSTCODE,
            )
    for phone in record.phones:
        for variant in _phone_variants(phone):
            add_all(_digits_pattern(variant), "phone", Reason.RECORD_PHONE)
    for email in record.emails:
        if email:
            add_all(
                re.compile(re.escape(email), re.IGNORECASE),
                "email",
                Reason.RECORD_EMAIL,
            )
    for born in record.dates_of_birth:
        for variant in _date_variants(born):
            add_all(
                re.compile(r"(?<![\w])" + re.escape(variant) + r"(?![\w])", re.IGNORECASE),
                "date_of_birth",
                Reason.RECORD_DATE_OF_BIRTH,
            )
    return findings


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted by place; of overlapping findings the record's (it cannot be dismissed) and then
    the longest is kept."""
    ordered = sorted(
        findings, key=lambda f: (f.start, 0 if f.source == "record" else 1, -(f.end - f.start))
    )
    kept: list[Finding] = []
    for finding in ordered:
        if kept and finding.start < kept[-1].end:
            last = kept[-1]
            if finding.source == "record" and last.source != "record":
                kept[-1] = finding
            elif finding.end > last.end and finding.source == last.source:
                kept[-1] = Finding(
                    last.start, finding.end, last.kind, last.reason, last.source, last.suggestion
                )
            continue
        kept.append(finding)
    return kept


def check(text: str, record: Record | None = None) -> list[Finding]:
    """Every finding in ``text``: the record's and the patterns'."""
    found = check_patterns(text)
    if record is not None:
        found += check_record(text, record)
    return merge(found)
