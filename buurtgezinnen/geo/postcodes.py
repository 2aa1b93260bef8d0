"""Dutch 4-digit postcodes (PC4): municipality, centroid and distances, fully offline.

The data lives in ``data/nl_pc4.csv`` (derived from GeoNames, CC BY 4.0; see
``data/ATTRIBUTION.md`` and ``scripts/extract_pc4.py``). It is read once, on first use.

Everything that takes a postcode accepts a PC4 ("3511") or a full postcode ("3511 AB",
"3511ab"); only the four digits are used. Invalid input always raises a subclass of
:class:`PostcodeError`, whose message is Dutch, safe to show to users and never repeats
the input.

This module deliberately has no Django dependency.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "EARTH_RADIUS_KM",
    "MalformedPostcode",
    "MunicipalityRef",
    "PostcodeArea",
    "PostcodeError",
    "UnknownPostcode",
    "all_municipalities",
    "all_places",
    "distance_km",
    "lookup",
    "municipalities_for_postcode",
    "municipality_for_postcode",
    "normalize_pc4",
    "postcodes_of",
]

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius

_DATA_PACKAGE = __name__.rpartition(".")[0] or "buurtgezinnen.geo"
_DATA_FILE = "data/nl_pc4.csv"
_CSV_COLUMNS = (
    "pc4",
    "municipality_code",
    "municipality_name",
    "place",
    "latitude",
    "longitude",
    "rows",
)

# Longer input is rejected before any parsing; the longest accepted form is a few
# characters plus surrounding whitespace.
_MAX_INPUT_LENGTH = 64
# "1234", "1234AB", "1234 ab", "1234   AB"; ASCII digits/letters only (no Unicode digits).
_POSTCODE = re.compile(r"(?P<pc4>[1-9][0-9]{3})(?:[ \t\u00a0]*(?P<letters>[A-Za-z]{2}))?")
# Letter combinations PostNL does not issue.
_UNUSED_LETTERS = frozenset({"SA", "SD", "SS"})
_MUNICIPALITY_CODE = re.compile(r"(?:GM)?(?P<digits>[0-9]{4})")


class PostcodeError(ValueError):
    """A postcode could not be used. ``message`` is Dutch and safe to show to users."""

    default_message = "Deze postcode kunnen wij niet gebruiken."

    def __init__(self, message: str | None = None) -> None:
        self.message: str = message if message is not None else self.default_message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class MalformedPostcode(PostcodeError):
    """The input is not a Dutch postcode at all."""

    default_message = "Vul een geldige postcode in, bijvoorbeeld 3511 AB."


class UnknownPostcode(PostcodeError):
    """The input is well-formed, but the PC4 is not in our table."""

    default_message = "Deze postcode kennen wij niet. Controleer de cijfers."


@dataclass(frozen=True, slots=True)
class MunicipalityRef:
    """A municipality: CBS code ("GM0344") and official CBS name ("Utrecht")."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class PostcodeArea:
    """A PC4 area with its centroid and the municipalities it lies in (primary first)."""

    pc4: str
    latitude: float
    longitude: float
    municipalities: tuple[MunicipalityRef, ...]

    @property
    def municipality(self) -> MunicipalityRef:
        """The primary municipality (the one with most of the area's source rows)."""
        return self.municipalities[0]

    @property
    def is_shared(self) -> bool:
        """Whether the PC4 area lies in more than one municipality."""
        return len(self.municipalities) > 1


@dataclass(frozen=True, slots=True)
class _Table:
    areas: dict[str, PostcodeArea]
    municipalities: dict[str, str]
    postcodes_by_municipality: dict[str, tuple[str, ...]]
    places: frozenset[str]


def normalize_pc4(value: str) -> str:
    """Return the four digits of a Dutch postcode ("3511 ab" -> "3511").

    Accepts a PC4 or a full postcode with or without space, in any case, with surrounding
    whitespace. Raises :class:`MalformedPostcode` for anything else (including non-str
    input); never raises another exception type.
    """
    if not isinstance(value, str) or len(value) > _MAX_INPUT_LENGTH:
        raise MalformedPostcode()
    match = _POSTCODE.fullmatch(value.strip())
    if match is None:
        raise MalformedPostcode()
    letters = match.group("letters")
    if letters is not None and letters.upper() in _UNUSED_LETTERS:
        raise MalformedPostcode()
    return match.group("pc4")


def lookup(postcode: str) -> PostcodeArea:
    """Return the PC4 area for a postcode.

    Raises :class:`MalformedPostcode` or :class:`UnknownPostcode`.
    """
    pc4 = normalize_pc4(postcode)
    area = _table().areas.get(pc4)
    if area is None:
        raise UnknownPostcode()
    return area


def municipality_for_postcode(postcode: str) -> MunicipalityRef:
    """Return the primary municipality of a postcode."""
    return lookup(postcode).municipality


def municipalities_for_postcode(postcode: str) -> tuple[MunicipalityRef, ...]:
    """Return all municipalities a postcode lies in, primary first."""
    return lookup(postcode).municipalities


def distance_km(a: str, b: str) -> float:
    """Great-circle (haversine) distance in km between the centroids of two postcodes."""
    first, second = lookup(a), lookup(b)
    return _haversine_km(first.latitude, first.longitude, second.latitude, second.longitude)


def all_municipalities() -> dict[str, str]:
    """Return all municipalities as CBS code -> name, sorted by code (a fresh copy)."""
    return dict(_table().municipalities)


def all_places() -> frozenset[str]:
    """Return the names of all places (towns and villages) in the table."""
    return _table().places


def postcodes_of(municipality_code: str) -> tuple[str, ...]:
    """Return the sorted PC4s lying (partly) in a municipality.

    ``municipality_code`` is a CBS code such as "GM0344" ("gm0344" and "0344" work too).
    Unknown or malformed codes give an empty tuple.
    """
    if not isinstance(municipality_code, str):
        return ()
    match = _MUNICIPALITY_CODE.fullmatch(municipality_code.strip().upper())
    if match is None:
        return ()
    return _table().postcodes_by_municipality.get(f"GM{match.group('digits')}", ())


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@cache
def _table() -> _Table:
    text = resources.files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text(encoding="utf-8")
    return _parse(text)


def _parse(text: str) -> _Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or tuple(header) != _CSV_COLUMNS:
        raise RuntimeError(f"{_DATA_FILE}: unexpected header {header!r}")

    # pc4 -> [(rows, code, latitude, longitude)]
    parts: dict[str, list[tuple[int, str, float, float]]] = defaultdict(list)
    names: dict[str, str] = {}
    places: set[str] = set()
    for pc4, code, name, place, latitude, longitude, rows in reader:
        parts[pc4].append((int(rows), code, float(latitude), float(longitude)))
        names[code] = name
        if place:
            places.add(place)

    areas: dict[str, PostcodeArea] = {}
    by_municipality: dict[str, list[str]] = defaultdict(list)
    for pc4, entries in parts.items():
        entries.sort(key=lambda entry: (-entry[0], entry[1]))
        total = sum(entry[0] for entry in entries)
        areas[pc4] = PostcodeArea(
            pc4=pc4,
            latitude=round(math.fsum(n * lat for n, _, lat, _ in entries) / total, 5),
            longitude=round(math.fsum(n * lon for n, _, _, lon in entries) / total, 5),
            municipalities=tuple(MunicipalityRef(code, names[code]) for _, code, _, _ in entries),
        )
        for _, code, _, _ in entries:
            by_municipality[code].append(pc4)

    return _Table(
        areas=areas,
        municipalities={code: names[code] for code in sorted(names)},
        postcodes_by_municipality={
            code: tuple(sorted(pc4s)) for code, pc4s in sorted(by_municipality.items())
        },
        places=frozenset(places),
    )
