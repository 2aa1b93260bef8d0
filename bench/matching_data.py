"""Synthetic, seeded families for the matching benchmarks and tests (Dutch-sized distances)."""

from __future__ import annotations

import random

from buurtgezinnen.families.enums import DayPart, SupportType
from buurtgezinnen.matching.scoring import Need, Offer

DAY_PARTS = [d.value for d in DayPart]
SUPPORT = [s.value for s in SupportType]
LANGUAGES = ["Nederlands", "Arabisch", "Turks", "Engels", "Pools", "Tigrinya"]


def offer(rnd: random.Random, i: int) -> Offer:
    return Offer(
        id=i,
        latitude=52.0 + rnd.random() * 0.3,
        longitude=5.0 + rnd.random() * 0.4,
        max_travel_km=rnd.choice([3, 5, 10, 15]),
        day_parts=frozenset(rnd.sample(DAY_PARTS, 4)),
        support_types=frozenset(rnd.sample(SUPPORT, 2)),
        sleepovers=rnd.random() < 0.5,
        max_children=rnd.choice([1, 2, 3]),
        min_age=rnd.choice([0, 2, 4]),
        max_age=rnd.choice([8, 12, 18]),
        has_pets=rnd.random() < 0.3,
        smoking=rnd.random() < 0.15,
        languages=frozenset({"Nederlands", *rnd.sample(LANGUAGES, 1)}),
        capacity=rnd.choice([1, 1, 1, 2]),
    )


def need(rnd: random.Random, i: int) -> Need:
    return Need(
        id=i,
        latitude=52.0 + rnd.random() * 0.3,
        longitude=5.0 + rnd.random() * 0.4,
        child_ages=tuple(rnd.randint(1, 12) for _ in range(rnd.randint(1, 3))),
        day_parts=frozenset(rnd.sample(DAY_PARTS, 3)),
        support_types=frozenset(rnd.sample(SUPPORT, 1)),
        wants_sleepovers=rnd.random() < 0.2,
        no_pets=rnd.random() < 0.2,
        no_smoking=rnd.random() < 0.3,
        languages=frozenset(rnd.sample(LANGUAGES, 1)),
        needs_shared_language=rnd.random() < 0.15,
        days_waiting=rnd.randint(0, 200),
    )


def families(needs: int, offers: int, seed: int = 2026) -> tuple[list[Need], list[Offer]]:
    rnd = random.Random(seed)
    return [need(rnd, i) for i in range(needs)], [offer(rnd, i) for i in range(offers)]
