"""Ranking support families for one requesting family: pure functions, no ORM.

A support family is a candidate only when every hard constraint holds:

* the distance between the two PC4 centroids is within what the support family will travel;
* the number of children, and each child's age, is within what the support family offers;
* sleepovers, when the requesting family wants them;
* no pets and no smoking, when the requesting family excludes them;
* a shared language, when the requesting family needs one;
* the support family has capacity left;
* every support parent has a valid, checked VOG (``vog``; "VOG verlopen" or "VOG ontbreekt").

Candidates get a score from 0 to 100 from the soft criteria (distance, shared parts of the day,
support types, age fit, shared languages), with the reasons why they fit. Families left out come
with the constraints they failed. The support families are held in an ``OfferTable`` (NumPy
arrays, built once), so ranking one family against thousands is a few vector operations.

Pure: plain values in (``Need``, ``Offer``; ``matching/selectors.py`` builds them from the
database), plain results out, no Django. A reason is data (a ``ReasonCode`` and its figures); its
Dutch words ("2,1 km", "allebei woensdagmiddag", "VOG verlopen") are the pages':
``matching/wording.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from buurtgezinnen.families.enums import DayPart, SupportType

EARTH_RADIUS_KM = 6371.0088
DAY_PARTS: tuple[str, ...] = tuple(DayPart)
SUPPORT_TYPES: tuple[str, ...] = tuple(SupportType)

# A support family's VOGs on the day of the ranking (``Family.objects.with_vog_state``): valid for
# every support parent, or one is too old, or one has none.
VOG_VALID, VOG_EXPIRED, VOG_MISSING = "valid", "expired", "missing"

# How much each soft criterion adds to the score (they sum to 100). The family's wishes about
# pets and smoking are hard constraints (a family that excludes them never sees them).
WEIGHTS = {"distance": 30.0, "days": 35.0, "support": 15.0, "ages": 10.0, "languages": 10.0}


def bits(values: Sequence[str] | frozenset[str], universe: tuple[str, ...]) -> int:
    mask = 0
    for value in values:
        if value in universe:
            mask |= 1 << universe.index(value)
    return mask


@dataclass(frozen=True, slots=True)
class Need:
    """What a requesting family asks for."""

    id: int
    latitude: float
    longitude: float
    child_ages: tuple[int, ...]
    day_parts: frozenset[str] = frozenset()
    support_types: frozenset[str] = frozenset()
    wants_sleepovers: bool = False
    no_pets: bool = False
    no_smoking: bool = False
    languages: frozenset[str] = frozenset()
    needs_shared_language: bool = False
    days_waiting: int = 0


@dataclass(frozen=True, slots=True)
class Offer:
    """What a support family offers."""

    id: int
    latitude: float
    longitude: float
    max_travel_km: float
    day_parts: frozenset[str] = frozenset()
    support_types: frozenset[str] = frozenset()
    sleepovers: bool = False
    max_children: int = 2
    min_age: int = 0
    max_age: int = 12
    has_pets: bool = False
    smoking: bool = False
    languages: frozenset[str] = frozenset()
    capacity: int = 1
    vog: str = VOG_VALID


class ReasonCode(StrEnum):
    """What a reason says. The figures a reason carries are in ``Reason.numbers``, the stored
    values it names in ``Reason.values``."""

    # Why a pair fits.
    DISTANCE = "distance"  # numbers: (km,)
    SHARED_DAYS = "shared_days"  # values: the parts of the day both name, in the week's order
    SHARED_SUPPORT = "shared_support"  # values: the support types both name
    SLEEPOVERS_POSSIBLE = "sleepovers_possible"
    SHARED_LANGUAGES = "shared_languages"  # values: the languages both speak, not Dutch alone
    # Which hard constraint a support family fails.
    VOG_EXPIRED = "vog_expired"
    VOG_MISSING = "vog_missing"
    TOO_FAR = "too_far"  # numbers: (km, the most km the support family travels)
    TOO_MANY_CHILDREN = "too_many_children"  # numbers: (the most children it takes,)
    AGES = "ages"  # numbers: (the youngest age it takes, the oldest)
    NO_SLEEPOVERS = "no_sleepovers"
    HAS_PETS = "has_pets"
    SMOKES = "smokes"
    NO_SHARED_LANGUAGE = "no_shared_language"
    NO_ROOM = "no_room"


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason as data: what it says and the figures and stored values its words need."""

    code: ReasonCode
    numbers: tuple[float, ...] = ()
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    offer_id: int
    score: float
    distance_km: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Excluded:
    offer_id: int
    failed: tuple[Reason, ...]


@dataclass(frozen=True)
class Ranking:
    candidates: list[Candidate]
    excluded: list[Excluded] = field(default_factory=list)


class OfferTable:
    """The support families as arrays, in the order given."""

    def __init__(self, offers: Sequence[Offer]) -> None:
        self.offers = list(offers)
        self.ids = np.array([o.id for o in offers], dtype=np.int64)
        self.lat = np.radians(np.array([o.latitude for o in offers], dtype=np.float64))
        self.lon = np.radians(np.array([o.longitude for o in offers], dtype=np.float64))
        self.lat32 = self.lat.astype(np.float32)
        self.lon32 = self.lon.astype(np.float32)
        self.max_travel = np.array([o.max_travel_km for o in offers], dtype=np.float64)
        self.max_travel_squared = ((self.max_travel / EARTH_RADIUS_KM) ** 2).astype(np.float32)
        self.days = np.array([bits(o.day_parts, DAY_PARTS) for o in offers], dtype=np.int64)
        self.support = np.array(
            [bits(o.support_types, SUPPORT_TYPES) for o in offers], dtype=np.int64
        )
        self.sleepovers = np.array([o.sleepovers for o in offers], dtype=bool)
        self.max_children = np.array([o.max_children for o in offers], dtype=np.int64)
        self.min_age = np.array([o.min_age for o in offers], dtype=np.int64)
        self.max_age = np.array([o.max_age for o in offers], dtype=np.int64)
        self.pets = np.array([o.has_pets for o in offers], dtype=bool)
        self.smoking = np.array([o.smoking for o in offers], dtype=bool)
        self.capacity = np.array([o.capacity for o in offers], dtype=np.int64)
        self.vog_valid = np.array([o.vog == VOG_VALID for o in offers], dtype=bool)
        # Languages as bits over the languages these support families speak (at most 63 kept).
        spoken = sorted({language for o in offers for language in o.languages})[:63]
        self.language_index = {language: i for i, language in enumerate(spoken)}
        self.languages = np.array([self.language_bits(o.languages) for o in offers], dtype=np.int64)

    def language_bits(self, languages: frozenset[str]) -> int:
        mask = 0
        for language in languages:
            if language in self.language_index:
                mask |= 1 << self.language_index[language]
        return mask

    def __len__(self) -> int:
        return len(self.offers)


@dataclass(frozen=True)
class Evaluation:
    """Hard constraints and soft score of needs (rows) against offers (columns)."""

    feasible: np.ndarray
    score: np.ndarray
    distance: np.ndarray
    checks: dict[str, np.ndarray]


def _column(values: Sequence[float] | Sequence[int] | Sequence[bool], dtype: type) -> np.ndarray:
    return np.array(values, dtype=dtype).reshape(-1, 1)


# The box the database preselects in (``TravelBox``) is a little larger than the distance check:
# 1 % more, and 0.001 degree (about 100 m) around it, for the float32 rounding of the check.
BOX_FACTOR = 1.01
BOX_SLACK_DEGREES = 0.001


@dataclass(frozen=True, slots=True)
class TravelBox:
    """Around a need: how many degrees of latitude and of longitude one km of an offer's
    ``max_travel_km`` spans, and the slack to add. An offer whose centroid lies outside
    ``|latitude - need's| <= max_travel_km * lat_per_km + slack`` (and the same for longitude)
    fails the distance check of ``evaluate_many``, which measures at the need's latitude; so a
    database that keeps only the offers inside misses no feasible one
    (``tests/matching/test_preselect.py``)."""

    latitude: float
    longitude: float
    lat_per_km: float
    lon_per_km: float
    slack: float = BOX_SLACK_DEGREES


def travel_box(need: Need) -> TravelBox:
    lat_per_km = np.degrees(1.0 / EARTH_RADIUS_KM) * BOX_FACTOR
    # dx = dlon * cos(lat): a degree of longitude is shorter away from the equator.
    cos_lat = max(float(np.cos(np.radians(need.latitude))), 1e-6)
    return TravelBox(
        latitude=need.latitude,
        longitude=need.longitude,
        lat_per_km=float(lat_per_km),
        lon_per_km=float(lat_per_km / cos_lat),
    )


def evaluate_many(
    needs: Sequence[Need], table: OfferTable, *, with_checks: bool = False
) -> Evaluation:
    """Every need against every offer at once (NumPy broadcasting: needs by offers).

    The score is computed for feasible pairs only (0 elsewhere); ``with_checks`` also returns
    each hard constraint's matrix, to explain why a pair is left out."""
    # Equirectangular distance, scaled at the requesting family's latitude: within 0.5 % of the
    # great circle at Dutch distances, and a few float32 vector operations on every pair instead
    # of a dozen trigonometric ones. Compared squared; the root is taken for feasible pairs only.
    lat = np.radians(_column([n.latitude for n in needs], np.float64))
    lon = np.radians(_column([n.longitude for n in needs], np.float64))
    dx = (table.lon32 - lon.astype(np.float32)) * np.cos(lat).astype(np.float32)
    dy = table.lat32 - lat.astype(np.float32)
    squared = dx * dx
    squared += dy * dy
    del dx, dy

    children = _column([len(n.child_ages) for n in needs], np.int64)
    youngest = _column([min(n.child_ages, default=0) for n in needs], np.int64)
    oldest = _column([max(n.child_ages, default=0) for n in needs], np.int64)
    wants_sleepovers = _column([n.wants_sleepovers for n in needs], bool)
    no_pets = _column([n.no_pets for n in needs], bool)
    no_smoking = _column([n.no_smoking for n in needs], bool)
    needs_language = _column([n.needs_shared_language for n in needs], bool)
    language_bits = _column([table.language_bits(n.languages) for n in needs], np.int64)

    constraints = {
        "vog": lambda: table.vog_valid,
        "distance": lambda: squared <= table.max_travel_squared,
        "children": lambda: children <= table.max_children,
        "ages": lambda: (table.min_age <= youngest) & (oldest <= table.max_age),
        "sleepovers": lambda: table.sleepovers | ~wants_sleepovers,
        "pets": lambda: ~table.pets | ~no_pets,
        "smoking": lambda: ~table.smoking | ~no_smoking,
        "language": lambda: ((table.languages & language_bits) != 0) | ~needs_language,
        "capacity": lambda: table.capacity > 0,
    }
    checks: dict[str, np.ndarray] = {}
    feasible = np.ones(squared.shape, dtype=bool)
    for name, constraint in constraints.items():
        holds = constraint()
        feasible &= holds
        if with_checks:
            checks[name] = np.broadcast_to(holds, squared.shape)

    # The soft criteria, only where every hard constraint holds.
    rows, cols = np.nonzero(feasible)
    need_days = np.array([bits(n.day_parts, DAY_PARTS) for n in needs], dtype=np.int64)[rows]
    need_support = np.array([bits(n.support_types, SUPPORT_TYPES) for n in needs], dtype=np.int64)[
        rows
    ]
    mean_age = np.array([float(np.mean(n.child_ages)) if n.child_ages else 0.0 for n in needs])[
        rows
    ]
    day_fit = np.where(
        need_days > 0,
        np.bitwise_count(table.days[cols] & need_days) / np.maximum(np.bitwise_count(need_days), 1),
        1.0,
    )
    support_fit = np.where(
        need_support > 0,
        np.bitwise_count(table.support[cols] & need_support)
        / np.maximum(np.bitwise_count(need_support), 1),
        1.0,
    )
    # Kilometres: every pair when the reasons of excluded ones are asked for, else feasible ones.
    if with_checks:
        distance = EARTH_RADIUS_KM * np.sqrt(squared, dtype=np.float64)
    else:
        distance = np.zeros(squared.shape)
        distance[rows, cols] = EARTH_RADIUS_KM * np.sqrt(squared[rows, cols], dtype=np.float64)
    travel = table.max_travel[cols]
    closeness = 1.0 - np.clip(distance[rows, cols] / np.maximum(travel, 0.1), 0.0, 1.0)
    low, high = table.min_age[cols], table.max_age[cols]
    age_fit = 1.0 - np.clip(np.abs(mean_age - (low + high) / 2) / np.maximum(high - low, 1), 0, 1)
    shared_language = (table.languages[cols] & language_bits[rows, 0]) != 0
    score = np.zeros(squared.shape)
    score[rows, cols] = (
        WEIGHTS["distance"] * closeness
        + WEIGHTS["days"] * day_fit
        + WEIGHTS["support"] * support_fit
        + WEIGHTS["ages"] * age_fit
        + WEIGHTS["languages"] * shared_language
    )
    return Evaluation(feasible=feasible, score=score, distance=distance, checks=checks)


def evaluate(need: Need, table: OfferTable, *, with_checks: bool = False) -> Evaluation:
    """One need against every offer: the first row of ``evaluate_many``."""
    many = evaluate_many([need], table, with_checks=with_checks)
    return Evaluation(
        feasible=many.feasible[0],
        score=many.score[0],
        distance=many.distance[0],
        checks={name: values[0] for name, values in many.checks.items()},
    )


def fits(need: Need, offer: Offer, distance: float) -> tuple[Reason, ...]:
    """Why this pair fits: the distance, the parts of the day and the support types both name,
    sleepovers, and the languages both speak (Dutch alone is no reason)."""
    reasons = [Reason(ReasonCode.DISTANCE, numbers=(distance,))]
    shared_days = tuple(d for d in DAY_PARTS if d in need.day_parts and d in offer.day_parts)
    if shared_days:
        reasons.append(Reason(ReasonCode.SHARED_DAYS, values=shared_days))
    shared_support = tuple(
        s for s in SUPPORT_TYPES if s in need.support_types and s in offer.support_types
    )
    if shared_support:
        reasons.append(Reason(ReasonCode.SHARED_SUPPORT, values=shared_support))
    if offer.sleepovers:
        reasons.append(Reason(ReasonCode.SLEEPOVERS_POSSIBLE))
    shared_languages = tuple(sorted(need.languages & offer.languages))
    if shared_languages and shared_languages != ("Nederlands",):
        reasons.append(Reason(ReasonCode.SHARED_LANGUAGES, values=shared_languages))
    return tuple(reasons)


def _vog_reason(offer: Offer) -> Reason:
    return Reason(ReasonCode.VOG_EXPIRED if offer.vog == VOG_EXPIRED else ReasonCode.VOG_MISSING)


def failures_for(
    need: Need, offer: Offer, distance: float, checks: dict[str, bool]
) -> tuple[Reason, ...]:
    """Which hard constraints a support family fails (``checks``: each constraint, held or not)."""
    reasons = {
        "vog": _vog_reason(offer),
        "distance": Reason(ReasonCode.TOO_FAR, numbers=(distance, offer.max_travel_km)),
        "children": Reason(ReasonCode.TOO_MANY_CHILDREN, numbers=(offer.max_children,)),
        "ages": Reason(ReasonCode.AGES, numbers=(offer.min_age, offer.max_age)),
        "sleepovers": Reason(ReasonCode.NO_SLEEPOVERS),
        "pets": Reason(ReasonCode.HAS_PETS),
        "smoking": Reason(ReasonCode.SMOKES),
        "language": Reason(ReasonCode.NO_SHARED_LANGUAGE),
        "capacity": Reason(ReasonCode.NO_ROOM),
    }
    return tuple(reasons[name] for name, ok in checks.items() if not ok)


def vog_failures(vog: str) -> tuple[Reason, ...]:
    """The reason a support family's VOGs (``VOG_VALID``, ``VOG_EXPIRED``, ``VOG_MISSING``) keep
    it out, if they do."""
    if vog == VOG_VALID:
        return ()
    return (Reason(ReasonCode.VOG_EXPIRED if vog == VOG_EXPIRED else ReasonCode.VOG_MISSING),)


def offer_failures(offer: Offer) -> tuple[Reason, ...]:
    """What keeps a support family out of every pair, whoever asks: an expired or missing VOG."""
    return vog_failures(offer.vog)


def rank(
    need: Need,
    table: OfferTable,
    *,
    limit: int | None = None,
    explain_excluded: bool = True,
    explain_limit: int | None = None,
) -> Ranking:
    """The feasible support families, best first (ties: nearest, then lowest id); at most
    ``limit`` of them when given. The families left out come with their failed constraints,
    nearest first (at most ``explain_limit`` of them when given)."""
    result = evaluate(need, table, with_checks=explain_excluded)
    feasible = np.flatnonzero(result.feasible)
    order = feasible[
        np.lexsort((table.ids[feasible], result.distance[feasible], -result.score[feasible]))
    ][:limit]
    candidates = [
        Candidate(
            offer_id=int(table.ids[i]),
            score=round(float(result.score[i]), 1),
            distance_km=float(result.distance[i]),
            reasons=fits(need, table.offers[i], float(result.distance[i])),
        )
        for i in order
    ]
    excluded = []
    if explain_excluded:
        left_out = np.flatnonzero(~result.feasible)
        left_out = left_out[np.argsort(result.distance[left_out], kind="stable")][:explain_limit]
        for i in left_out:
            checks = {name: bool(values[i]) for name, values in result.checks.items()}
            excluded.append(
                Excluded(
                    offer_id=int(table.ids[i]),
                    failed=failures_for(need, table.offers[i], float(result.distance[i]), checks),
                )
            )
    return Ranking(candidates=candidates, excluded=excluded)
