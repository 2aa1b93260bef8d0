"""The matching engine: hard constraints, ranking, reasons (data in the engine, Dutch in the
wording at the edge) and the optimal suggestion."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.matching_data import DAY_PARTS, LANGUAGES, SUPPORT, families
from buurtgezinnen.matching.assignment import suggest, waiting_weight, weight_matrix
from buurtgezinnen.matching.scoring import (
    VOG_EXPIRED,
    VOG_MISSING,
    VOG_VALID,
    Need,
    Offer,
    OfferTable,
    Reason,
    ReasonCode,
    rank,
)
from buurtgezinnen.matching.wording import Words

UTRECHT = (52.0907, 5.1214)  # PC4 3511
ZEIST = (52.0894, 5.2372)  # PC4 3707, about 8 km away


def need(**kwargs) -> Need:
    base = {
        "id": 1,
        "latitude": UTRECHT[0],
        "longitude": UTRECHT[1],
        "child_ages": (6, 9),
        "day_parts": frozenset({"wed_afternoon"}),
        "support_types": frozenset({"fixed_afternoon"}),
    }
    return Need(**{**base, **kwargs})


def offer(**kwargs) -> Offer:
    base = {
        "id": 10,
        "latitude": UTRECHT[0] + 0.015,
        "longitude": UTRECHT[1],
        "max_travel_km": 5,
        "day_parts": frozenset({"wed_afternoon", "sat_morning"}),
        "support_types": frozenset({"fixed_afternoon"}),
        "sleepovers": True,
        "max_children": 2,
        "min_age": 4,
        "max_age": 12,
        "languages": frozenset({"Nederlands"}),
    }
    return Offer(**{**base, **kwargs})


def test_reasons_are_data_and_their_words_dutch_and_concrete() -> None:
    from django.utils import translation

    (candidate,) = rank(need(), OfferTable([offer()])).candidates
    distance, *others = candidate.reasons
    assert distance.code == ReasonCode.DISTANCE and round(distance.numbers[0], 1) == 1.7
    assert others == [
        Reason(ReasonCode.SHARED_DAYS, values=("wed_afternoon",)),
        Reason(ReasonCode.SHARED_SUPPORT, values=("fixed_afternoon",)),
        Reason(ReasonCode.SLEEPOVERS_POSSIBLE),
    ]
    with translation.override("nl"):
        words = Words().reasons(candidate.reasons)
    assert words[0] == "1,7 km"
    assert "allebei woensdagmiddag" in words
    assert "logeren mogelijk" in words


def test_each_hard_constraint_excludes_with_its_reason() -> None:
    from django.utils import translation

    cases = {
        "distance": (need(), offer(latitude=ZEIST[0], longitude=ZEIST[1])),
        "children": (need(child_ages=(5, 6, 7)), offer()),
        "ages": (need(child_ages=(15,)), offer()),
        "sleepovers": (need(wants_sleepovers=True), offer(sleepovers=False)),
        "pets": (need(no_pets=True), offer(has_pets=True)),
        "smoking": (need(no_smoking=True), offer(smoking=True)),
        "language": (
            need(languages=frozenset({"Tigrinya"}), needs_shared_language=True),
            offer(),
        ),
        "capacity": (need(), offer(capacity=0)),
        "vog": (need(), offer(vog=VOG_EXPIRED)),
    }
    expected = {
        "distance": (ReasonCode.TOO_FAR, "km"),
        "children": (ReasonCode.TOO_MANY_CHILDREN, "hoogstens 2 kinderen"),
        "ages": (ReasonCode.AGES, "kinderen van 4 tot 12"),
        "sleepovers": (ReasonCode.NO_SLEEPOVERS, "geen logeren"),
        "pets": (ReasonCode.HAS_PETS, "heeft huisdieren"),
        "smoking": (ReasonCode.SMOKES, "rookt"),
        "language": (ReasonCode.NO_SHARED_LANGUAGE, "geen gedeelde taal"),
        "capacity": (ReasonCode.NO_ROOM, "geen ruimte"),
        "vog": (ReasonCode.VOG_EXPIRED, "VOG verlopen"),
    }
    for name, (the_need, the_offer) in cases.items():
        ranking = rank(the_need, OfferTable([the_offer]))
        assert ranking.candidates == [], name
        (excluded,) = ranking.excluded
        assert [reason.code for reason in excluded.failed] == [expected[name][0]], name
        with translation.override("nl"):
            (words,) = Words().reasons(excluded.failed)
        assert expected[name][1] in words, (name, words)


def test_a_failed_distance_names_both_distances_in_dutch() -> None:
    from django.utils import translation

    (excluded,) = rank(need(), OfferTable([offer(latitude=ZEIST[0], longitude=ZEIST[1])])).excluded
    (too_far,) = excluded.failed
    assert too_far.code == ReasonCode.TOO_FAR and too_far.numbers[1] == 5
    with translation.override("nl"):
        assert Words().reason(too_far) == "7,9 km weg, reist hoogstens 5 km"


def test_closer_and_better_fitting_ranks_first() -> None:
    near = offer(id=1)
    far = offer(id=2, latitude=UTRECHT[0] + 0.04, max_travel_km=10)
    other_days = offer(id=3, day_parts=frozenset({"mon_morning"}))
    ids = [c.offer_id for c in rank(need(), OfferTable([far, other_days, near])).candidates]
    assert ids[0] == 1
    assert set(ids) == {1, 2, 3}


needs_strategy = st.builds(
    Need,
    id=st.integers(0, 10_000),
    latitude=st.floats(51.9, 52.2),
    longitude=st.floats(5.0, 5.3),
    child_ages=st.lists(st.integers(0, 23), min_size=1, max_size=4).map(tuple),
    day_parts=st.frozensets(st.sampled_from(DAY_PARTS), max_size=5),
    support_types=st.frozensets(st.sampled_from(SUPPORT), max_size=3),
    wants_sleepovers=st.booleans(),
    no_pets=st.booleans(),
    no_smoking=st.booleans(),
    languages=st.frozensets(st.sampled_from(LANGUAGES), max_size=2),
    needs_shared_language=st.booleans(),
    days_waiting=st.integers(0, 400),
)
offer_strategy = st.builds(
    Offer,
    id=st.integers(0, 10_000),
    latitude=st.floats(51.9, 52.2),
    longitude=st.floats(5.0, 5.3),
    max_travel_km=st.integers(1, 30),
    day_parts=st.frozensets(st.sampled_from(DAY_PARTS), max_size=6),
    support_types=st.frozensets(st.sampled_from(SUPPORT), max_size=3),
    sleepovers=st.booleans(),
    max_children=st.integers(1, 4),
    min_age=st.integers(0, 10),
    max_age=st.integers(10, 23),
    has_pets=st.booleans(),
    smoking=st.booleans(),
    languages=st.frozensets(st.sampled_from(LANGUAGES), min_size=1, max_size=2),
    capacity=st.integers(0, 2),
    vog=st.sampled_from([VOG_VALID, VOG_VALID, VOG_EXPIRED, VOG_MISSING]),
)


def breaks_a_hard_constraint(n: Need, o: Offer, distance: float) -> bool:
    return (
        distance > o.max_travel_km
        or len(n.child_ages) > o.max_children
        or min(n.child_ages) < o.min_age
        or max(n.child_ages) > o.max_age
        or (n.wants_sleepovers and not o.sleepovers)
        or (n.no_pets and o.has_pets)
        or (n.no_smoking and o.smoking)
        or (n.needs_shared_language and not (n.languages & o.languages))
        or o.capacity <= 0
        or o.vog != VOG_VALID
    )


@settings(max_examples=150, deadline=None)
@given(needs_strategy, st.lists(offer_strategy, min_size=1, max_size=12))
def test_a_candidate_never_breaks_a_hard_constraint(the_need: Need, offers: list[Offer]) -> None:
    ranking = rank(the_need, OfferTable(offers))
    by_id = {}
    for o in offers:
        by_id.setdefault(o.id, []).append(o)
    assert len(ranking.candidates) + len(ranking.excluded) == len(offers)
    for candidate in ranking.candidates:
        assert any(
            not breaks_a_hard_constraint(the_need, o, candidate.distance_km)
            for o in by_id[candidate.offer_id]
        )
        assert 0 <= candidate.score <= 100
    scores = [c.score for c in ranking.candidates]
    assert scores == sorted(scores, reverse=True)


def unique_ids(items: list, kind: str) -> list:
    return [
        item.__class__(**{**{f: getattr(item, f) for f in item.__slots__}, "id": i})
        for i, item in enumerate(items)
    ]


def brute_force_best(needs: list[Need], offers: list[Offer]) -> float:
    weights, _scores, _distances = weight_matrix(needs, OfferTable(offers))
    slots = [i for i, o in enumerate(offers) for _ in range(max(o.capacity, 0))]
    best = 0.0
    # Every way to give each need one slot or none.
    for choice in itertools.product([None, *range(len(slots))], repeat=len(needs)):
        used = [c for c in choice if c is not None]
        if len(used) != len(set(used)):
            continue
        total = sum(
            weights[row, slots[c]]
            for row, c in enumerate(choice)
            if c is not None and weights[row, slots[c]] > 0
        )
        best = max(best, total)
    return best


@settings(max_examples=60, deadline=None)
@given(
    st.lists(needs_strategy, min_size=1, max_size=4),
    st.lists(offer_strategy, min_size=1, max_size=3),
)
def test_suggestion_respects_capacity_and_is_optimal(
    needs: list[Need], offers: list[Offer]
) -> None:
    needs, offers = unique_ids(needs, "need"), unique_ids(offers, "offer")
    suggestion = suggest(needs, offers)
    given_out: dict[int, int] = {}
    for pair in suggestion.pairs:
        given_out[pair.offer_id] = given_out.get(pair.offer_id, 0) + 1
    for o in offers:
        assert given_out.get(o.id, 0) <= max(o.capacity, 0)
    assert len({p.need_id for p in suggestion.pairs}) == len(suggestion.pairs)
    assert abs(suggestion.total_weight - brute_force_best(needs, offers)) < 1e-6


def test_suggestion_uses_every_seat_when_capacities_differ() -> None:
    # Three support families with capacities 1, 0 and 2 give three seats, as many as there are
    # families: the seats must still be the first family's one and the third family's two.
    # Family 2 fits only the third support family; family 1 fits the first one a little and the
    # third one well, so the best suggestion gives both to the third.
    poorly = offer(id=10, day_parts=frozenset({"mon_morning"}), support_types=frozenset())
    full = offer(id=11, capacity=0)
    roomy = offer(id=12, capacity=2, max_children=3)
    first = need(id=1)
    second = need(id=2, child_ages=(5, 6, 7))
    suggestion = suggest([first, second], [poorly, full, roomy])
    assert {(p.need_id, p.offer_id) for p in suggestion.pairs} == {(1, 12), (2, 12)}
    assert (
        abs(suggestion.total_weight - brute_force_best([first, second], [poorly, full, roomy]))
        < 1e-6
    )


def test_long_waiting_counts() -> None:
    # One support family, two equal families: the one that waited longest gets the suggestion.
    newcomer = need(id=1, days_waiting=3)
    waited = need(id=2, days_waiting=150)
    (pair,) = suggest([newcomer, waited], [offer()]).pairs
    assert pair.need_id == 2
    assert waiting_weight(365) == 2.0


def test_large_suggestion_is_complete() -> None:
    needs, offers = families(300, 300)
    suggestion = suggest(needs, offers)
    assert suggestion.pairs
    assert len(suggestion.pairs) + len(suggestion.unmatched_need_ids) == 300
