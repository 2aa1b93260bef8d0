"""The suggestion for a whole municipality or region: which waiting family with which support
family, so that the total fit is as high as possible and long waiting counts. Pure, no ORM.

A support family with capacity *k* appears as *k* columns of the cost matrix, so it is never given
more families than it can take. Infeasible pairs cost 0 and feasible ones minus their weighted fit:
the optimal full assignment of ``scipy.optimize.linear_sum_assignment`` is then a maximum-weight
matching, and the infeasible pairs it contains are simply left out of the suggestion. A support
family that no pair can include (an expired or missing VOG) is named in ``left_out`` with why.
A coordinator always decides; this only suggests. The reasons are data, worded by the pages
(``matching/wording.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from buurtgezinnen.matching.scoring import (
    Excluded,
    Need,
    Offer,
    OfferTable,
    Reason,
    evaluate_many,
    fits,
    offer_failures,
)

# A family that has waited a year counts twice as heavily as one that applied today.
WAITING_DAYS_FOR_DOUBLE_WEIGHT = 365


def waiting_weight(days_waiting: int) -> float:
    return 1.0 + max(days_waiting, 0) / WAITING_DAYS_FOR_DOUBLE_WEIGHT


@dataclass(frozen=True, slots=True)
class Pair:
    need_id: int
    offer_id: int
    score: float
    distance_km: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Suggestion:
    pairs: list[Pair]
    unmatched_need_ids: list[int]
    total_weight: float
    left_out: list[Excluded] = field(default_factory=list)


def weight_matrix(
    needs: Sequence[Need], table: OfferTable
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(weights, scores, distances) of every need (rows) against every offer (columns);
    weight 0 where a pair is infeasible."""
    result = evaluate_many(needs, table)
    waiting = np.array([waiting_weight(n.days_waiting) for n in needs]).reshape(-1, 1)
    # A feasible pair always weighs something, even with a score of 0. In place: these are
    # the largest arrays of the suggestion.
    weights = result.score.copy()
    np.add(weights, 1.0, out=weights, where=result.feasible)
    weights *= waiting
    return weights, result.score, result.distance


def expand_capacity(table: OfferTable) -> np.ndarray:
    """Column index → offer index, each offer repeated by its capacity."""
    return np.repeat(np.arange(len(table)), np.maximum(table.capacity, 0))


def suggest(needs: Sequence[Need], offers: Sequence[Offer]) -> Suggestion:
    """The maximum-weight pairs of ``needs`` and ``offers``.

    Only the needs and offers with at least one feasible pair enter the assignment: a row or a
    column of zeros changes no maximum, and ``linear_sum_assignment`` grows with the cube of the
    matrix, so a need nobody can take (or a support family too far from every need) costs nothing
    there. This is the exact form of a bounding box per pair: the feasibility matrix is a few
    vector operations per pair in NumPy, cheaper than a join of needs and offers in the database,
    which is why the database only leaves out the offers that can pair with no one at all (no
    place left, no valid VOG; ``matching.selectors.pairable_support_families``)."""
    table = OfferTable(offers)
    left_out = [Excluded(o.id, failed) for o in offers if (failed := offer_failures(o))]
    if not len(needs) or not len(expand_capacity(table)):
        return Suggestion(
            pairs=[],
            unmatched_need_ids=[n.id for n in needs],
            total_weight=0.0,
            left_out=left_out,
        )
    weights, scores, distances = weight_matrix(needs, table)
    feasible = weights > 0
    need_rows = np.flatnonzero(feasible.any(axis=1))
    useful = np.flatnonzero(feasible.any(axis=0))
    # Every column is one seat: the weights of the seat's offer, each offer repeated by its
    # capacity.
    columns = np.repeat(useful, np.maximum(table.capacity[useful], 0))
    if len(need_rows) == len(needs) and np.array_equal(columns, np.arange(len(table))):
        cost = weights.copy()  # every need and every offer, one seat each: no fancy indexing
    else:
        cost = weights[np.ix_(need_rows, columns)]
    np.negative(cost, out=cost)
    rows, cols = linear_sum_assignment(cost)
    pairs = []
    total = 0.0
    matched = set()
    for row, col in zip(need_rows[rows], columns[cols], strict=True):
        offer_index = int(col)
        if weights[row, offer_index] <= 0:
            continue
        need = needs[row]
        matched.add(int(row))
        total += float(weights[row, offer_index])
        pairs.append(
            Pair(
                need_id=need.id,
                offer_id=table.offers[offer_index].id,
                score=round(float(scores[row, offer_index]), 1),
                distance_km=float(distances[row, offer_index]),
                reasons=fits(need, table.offers[offer_index], float(distances[row, offer_index])),
            )
        )
    pairs.sort(key=lambda pair: (-pair.score, pair.need_id))
    unmatched = [need.id for row, need in enumerate(needs) if row not in matched]
    return Suggestion(
        pairs=pairs,
        unmatched_need_ids=unmatched,
        total_weight=round(total, 6),
        left_out=left_out,
    )
