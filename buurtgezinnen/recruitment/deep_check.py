"""The deeper anonymity check: names, places and institutions that are not in the family's record.

``deduce`` (Dutch de-identification, LGPL) reads the text and marks what looks like a person, a
place, an institution, a date and so on. It needs seconds and about a gigabyte to load, so it runs
in the background worker (``recruitment.tasks``), never in a request; one instance per process,
loaded on first use.

What deduce marks is turned into :class:`~buurtgezinnen.recruitment.anonymity.Finding` objects
with ``source="deduce"``. An allow-list drops what a recruitment profile is meant to say: the
names of municipalities, regions and places (the PC4 table) and the profile's own area. Findings
that overlap one of the record or the patterns are dropped as well, so nothing is marked twice
(the record's finding cannot be dismissed; deduce's can, with a reason).

Everything here except :func:`get_deduce` and :func:`annotate` is pure.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from buurtgezinnen.geo import postcodes
from buurtgezinnen.recruitment.anonymity import Finding, Reason

SOURCE = "deduce"

# deduce's tags (its final ones, after its own post-processing) → our kinds.
TAG_KINDS: dict[str, str] = {
    "persoon": "name",
    "patient": "name",
    "locatie": "place",
    "straat": "place",
    "huisnummer": "place",
    "ziekenhuis": "institution",
    "zorginstelling": "institution",
    "instelling": "institution",
    "datum": "date",
    "bsn": "bsn",
    "id": "identifier",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "url": "url",
}
# Ages are left out on purpose: a profile names the children's age ranges ("6 tot 8 jaar"), and
# deduce marks each number in them. Exact dates of birth are the record check's job.
IGNORED_TAGS = frozenset({"leeftijd"})

# Words a profile always may use.
PROGRAMME_NAMES = frozenset({"buurtgezinnen", "buurtgezin", "steungezin", "vraaggezin"})


# Our kinds → the reason a finding of that kind gives (worded by ``recruitment/wording.py``).
KIND_REASONS: dict[str, Reason] = {
    "name": Reason.DEDUCE_NAME,
    "place": Reason.DEDUCE_PLACE,
    "institution": Reason.DEDUCE_INSTITUTION,
    "date": Reason.DEDUCE_DATE,
    "bsn": Reason.DEDUCE_BSN,
    "identifier": Reason.DEDUCE_IDENTIFIER,
    "phone": Reason.DEDUCE_PHONE,
    "email": Reason.DEDUCE_EMAIL,
    "url": Reason.DEDUCE_URL,
}


def reason_for(kind: str) -> Reason:
    return KIND_REASONS.get(kind, Reason.DEDUCE_OTHER)


# --- deduce itself (the only impure part) ---------------------------------------------------

_lock = threading.Lock()
_deduce: Any = None


def get_deduce() -> Any:
    """The process's one ``Deduce`` instance, loaded on first use (a few seconds; the very first
    time after installing, deduce builds and caches its lookup structures: about two minutes)."""
    global _deduce
    if _deduce is None:
        with _lock:
            if _deduce is None:
                from deduce import Deduce

                _deduce = Deduce()
    return _deduce


@dataclass(frozen=True, slots=True)
class Span:
    """One thing deduce marked: where, what it says, and deduce's tag."""

    start: int
    end: int
    tag: str
    text: str


def annotate(text: str) -> list[Span]:
    """What deduce marks in ``text``, in order."""
    document = get_deduce().deidentify(text)
    spans = [Span(a.start_char, a.end_char, a.tag, a.text) for a in document.annotations]
    return sorted(spans, key=lambda s: (s.start, s.end))


# --- pure: from deduce's marks to findings ---------------------------------------------------


def normalise(name: str) -> str:
    """For comparing names: case-folded, hyphens as spaces, one space between words."""
    return " ".join(name.casefold().replace("-", " ").split())


def area_names(area: str) -> set[str]:
    """The profile's area and its parts: "Zuilen, Utrecht" allows both and the whole."""
    parts = re.split(r"[,;/()]|\s+en\s+|\s+&\s+", area)
    return {normalise(part) for part in [area, *parts] if part.strip()}


@cache
def _places_and_municipalities() -> frozenset[str]:
    names = set(postcodes.all_places()) | set(postcodes.all_municipalities().values())
    return frozenset(normalise(name) for name in names)


def allowed_names(extra: Iterable[str] = ()) -> frozenset[str]:
    """Every municipality and place of the PC4 table, the programme's words, and ``extra`` (the
    database's municipalities and regions, the profile's area), normalised."""
    return (
        _places_and_municipalities()
        | PROGRAMME_NAMES
        | {normalise(name) for name in extra if name.strip()}
    )


def overlaps(a: Finding | Span, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def findings_from(
    spans: Iterable[Span], *, allowed: frozenset[str], covered: Iterable[Finding] = ()
) -> list[Finding]:
    """Deduce's marks as findings: without ignored tags, allowed names and what ``covered`` (the
    record's and the patterns' findings) already marks."""
    covered = list(covered)
    found: list[Finding] = []
    for span in spans:
        if span.tag in IGNORED_TAGS or span.end <= span.start:
            continue
        if normalise(span.text) in allowed:
            continue
        if any(overlaps(span, other) for other in covered):
            continue
        if found and span.start < found[-1].end:
            continue  # deduce's own overlaps: the first (longest, as sorted) is kept
        kind = TAG_KINDS.get(span.tag, "other")
        found.append(Finding(span.start, span.end, kind, reason_for(kind), source=SOURCE))
    return found


def without_covered(found: Iterable[Finding], covered: Iterable[Finding]) -> list[Finding]:
    """``found`` without what overlaps a finding of ``covered``."""
    covered = list(covered)
    return [f for f in found if not any(overlaps(f, other) for other in covered)]


def check(text: str, *, allowed: frozenset[str], covered: Iterable[Finding] = ()) -> list[Finding]:
    """Runs deduce over ``text``: its findings that are not allowed and not already covered."""
    return findings_from(annotate(text), allowed=allowed, covered=covered)


def text_hash(text: str) -> str:
    """Which text a deep check is about: a changed text needs a new check."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- stored findings (JSON) ------------------------------------------------------------------


def to_json(finding: Finding, text: str) -> dict[str, Any]:
    return {
        "start": finding.start,
        "end": finding.end,
        "kind": finding.kind,
        "text": text[finding.start : finding.end],
    }


def from_json(data: Mapping[str, Any]) -> Finding:
    kind = str(data["kind"])
    return Finding(int(data["start"]), int(data["end"]), kind, reason_for(kind), source=SOURCE)
