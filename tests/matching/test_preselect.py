"""The database preselects the support families for a requesting family (hard constraints, a
bounding box on the PC4 centroids) and the engine decides on those alone: the preselection holds
every support family the engine finds feasible, the page still names the nearest ones left out,
and the candidates page and the suggestion make as many queries for 10 support families as for
40."""

from __future__ import annotations

import itertools
import math
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtgezinnen import policy
from buurtgezinnen.families.models import Family, Kind, Offer, Person, Source, Status, Vog
from buurtgezinnen.matching import selectors
from buurtgezinnen.matching.models import OPEN, OPEN_MATCH, Proposal
from buurtgezinnen.matching.scoring import (
    EARTH_RADIUS_KM,
    VOG_EXPIRED,
    VOG_MISSING,
    VOG_VALID,
    Need,
    OfferTable,
    evaluate,
    rank,
)
from buurtgezinnen.org.models import Municipality
from buurtgezinnen.org.scoping import forget_scope
from tests.conftest import World, client_for
from tests.matching.test_proposals import waiting

TODAY = timezone.localdate()
UTRECHT = (52.0907, 5.1214)
KM_PER_DEGREE = math.radians(1.0) * EARTH_RADIUS_KM
LANGUAGES = ("Nederlands", "Arabisch", "Turks", "Engels")
_serial = itertools.count(1)


def support(
    municipality: Municipality,
    *,
    latitude: float | None = UTRECHT[0],
    longitude: float | None = UTRECHT[1],
    travel: int = 10,
    sleepovers: bool = True,
    max_children: int = 3,
    min_age: int = 0,
    max_age: int = 18,
    pets: bool = False,
    smoking: bool = False,
    vog: str = VOG_VALID,
    places: int = 1,
    taken: int = 0,
    languages: str = "Nederlands",
) -> Family:
    """An available support family, written directly (fast), with ``taken`` of its ``places``
    held by open proposals."""
    number = next(_serial)
    family = Family.objects.create(
        kind=Kind.SUPPORT,
        status=Status.AVAILABLE,
        municipality=municipality,
        name=f"Steun{number}",
        postcode="3511 AB",
        pc4="3511",
        latitude=latitude,
        longitude=longitude,
        has_pets=pets,
        smoking=smoking,
        source=Source.PHONE,
    )
    Offer.objects.create(
        family=family,
        day_parts=["wed_afternoon"],
        support_types=["fixed_afternoon"],
        sleepovers=sleepovers,
        max_children=max_children,
        min_child_age=min_age,
        max_child_age=max_age,
        max_travel_km=travel,
        max_families=places,
    )
    person = Person.objects.create(
        family=family, first_name="Sanne", last_name=family.name, languages=languages
    )
    if vog != VOG_MISSING:
        issued = (
            TODAY - timedelta(days=10)
            if vog == VOG_VALID
            else policy.add_years(TODAY, -policy.VOG_MAX_AGE_YEARS) - timedelta(days=1)
        )
        Vog.objects.create(person=person, issued_on=issued, received_on=issued, checked_on=issued)
    for place in range(1, taken + 1):
        requesting = Family.objects.create(
            kind=Kind.REQUEST,
            status=Status.WAITING,
            waiting_since=TODAY,
            municipality=municipality,
            name=f"Vraag{number}-{place}",
            postcode="3511 AB",
            pc4="3511",
            source=Source.PHONE,
        )
        Proposal.objects.create(request_family=requesting, support_family=family, place=place)
    return family


def all_offers(ids: list[int]) -> list[Family]:
    """Every one of these support families as the engine sees it, read the way the pages read
    them before the preselection (a join for the places taken): the reference."""
    families = list(
        Family.objects.filter(pk__in=ids)
        .with_vog_state(TODAY)
        .select_related("offer")
        .annotate(
            places_taken=Count(
                "proposals_made", filter=Q(proposals_made__status__in=OPEN), distinct=True
            )
            + Count("matches_given", filter=Q(matches_given__status__in=OPEN_MATCH), distinct=True)
        )
        .order_by("pk")
    )
    selectors.with_people(families)
    return families


# --- the property: the preselection misses nothing -------------------------------------------

needs = st.builds(
    Need,
    id=st.just(0),
    # Centroids have five decimals, as in the PC4 table (``geo.postcodes``).
    latitude=st.one_of(st.floats(51.0, 53.3).map(lambda x: round(x, 5)), st.just(0.0)),
    longitude=st.one_of(st.floats(3.5, 7.1).map(lambda x: round(x, 5)), st.just(0.0)),
    child_ages=st.lists(st.integers(0, 18), min_size=1, max_size=4).map(tuple),
    wants_sleepovers=st.booleans(),
    no_pets=st.booleans(),
    no_smoking=st.booleans(),
    languages=st.frozensets(st.sampled_from(LANGUAGES), max_size=2),
    needs_shared_language=st.booleans(),
)
offers = st.fixed_dictionaries(
    {
        # Where, as a share of the distance it travels and a bearing from the need: most near
        # the edge of its reach, where the box and the exact distance must agree.
        "reach": st.one_of(st.floats(0.0, 2.5), st.floats(0.97, 1.03)),
        "bearing": st.floats(0.0, 2 * math.pi),
        "no_centroid": st.integers(0, 7).map(lambda n: n == 0),
        "travel": st.integers(0, 40),
        "sleepovers": st.booleans(),
        "max_children": st.integers(1, 4),
        "ages": st.tuples(st.integers(0, 18), st.integers(0, 18)).map(sorted),
        "pets": st.booleans(),
        "smoking": st.booleans(),
        "vog": st.sampled_from((VOG_VALID, VOG_VALID, VOG_EXPIRED, VOG_MISSING)),
        "places": st.integers(1, 2),
        "taken": st.integers(0, 2),
        "languages": st.lists(st.sampled_from(LANGUAGES), max_size=2).map(", ".join),
        # Half of them meet every other constraint, so that many pairs turn on the distance.
        "lenient": st.booleans(),
    }
)
LENIENT = {
    "sleepovers": True,
    "max_children": 4,
    "ages": [0, 18],
    "pets": False,
    "smoking": False,
    "vog": VOG_VALID,
    "taken": 0,
    "languages": ", ".join(LANGUAGES),
}


def place(need: Need, reach: float, bearing: float, travel: int) -> tuple[float, float]:
    km = reach * travel
    latitude = need.latitude + km * math.cos(bearing) / KM_PER_DEGREE
    scale = max(math.cos(math.radians(need.latitude)), 1e-6)
    longitude = need.longitude + km * math.sin(bearing) / KM_PER_DEGREE / scale
    return round(latitude, 5), round(longitude, 5)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(need=needs, drawn=st.lists(offers, min_size=1, max_size=8))
def test_the_preselection_holds_every_feasible_support_family(
    world: World, need: Need, drawn: list[dict]
) -> None:
    user = world.users["coordinator_utrecht"]
    with transaction.atomic():
        ids = []
        for d in drawn:
            d = {**d, **LENIENT} if d["lenient"] else d
            latitude, longitude = place(need, d["reach"], d["bearing"], d["travel"])
            no_centroid = d["no_centroid"]
            ids.append(
                support(
                    world.utrecht,
                    latitude=None if no_centroid else latitude,
                    longitude=None if no_centroid else longitude,
                    travel=d["travel"],
                    sleepovers=d["sleepovers"],
                    max_children=d["max_children"],
                    min_age=d["ages"][0],
                    max_age=d["ages"][1],
                    pets=d["pets"],
                    smoking=d["smoking"],
                    vog=d["vog"],
                    places=d["places"],
                    taken=min(d["taken"], d["places"]),
                    languages=d["languages"],
                ).pk
            )
        reference = all_offers(ids)
        full = rank(need, OfferTable([selectors.offer_for(f) for f in reference]))
        feasible = {c.offer_id for c in full.candidates}

        preselected = list(selectors.preselected_support_families(user, need, today=TODAY))
        assert feasible <= {f.pk for f in preselected}
        # The places taken, counted by subqueries, are those of the join.
        taken = {f.pk: f.places_taken for f in reference}
        assert all(f.places_taken == taken[f.pk] for f in preselected)

        # With the nearest left out, the engine ranks as it would on all of them, and explains
        # the same nearest few (the same distances: a tie may swap two of them).
        nearest = list(selectors.nearest_left_out(user, need, limit=3, today=TODAY))
        selectors.with_people(preselected, nearest)
        bounded = rank(
            need,
            OfferTable([selectors.offer_for(f) for f in (*preselected, *nearest)]),
            explain_limit=3,
        )
        assert bounded.candidates == full.candidates
        table = OfferTable([selectors.offer_for(f) for f in reference])
        distance = dict(zip(table.ids.tolist(), evaluate(need, table).distance, strict=True))
        assert [distance[e.offer_id] for e in bounded.excluded] == pytest.approx(
            [distance[e.offer_id] for e in full.excluded[:3]], rel=1e-4
        )
        transaction.set_rollback(True)


# --- the pages: as many queries for 10 support families as for 40 ---------------------------


def add_supports(world: World, n: int) -> None:
    """``n`` support families around the centre of Utrecht: a quarter fit, a quarter are too far,
    a quarter have no valid VOG and a quarter no place left, so that every list of both pages has
    rows."""
    centre = Family.objects.filter(kind=Kind.REQUEST, latitude__isnull=False).values_list(
        "latitude", "longitude"
    )[0]
    for i in range(n):
        far = i % 4 == 1
        support(
            world.utrecht,
            latitude=centre[0] + (0.5 if far else 0.001 * i),
            longitude=centre[1],
            vog=VOG_EXPIRED if i % 4 == 2 else VOG_VALID,
            taken=1 if i % 4 == 3 else 0,
        )


def queries(client, url: str, user) -> int:
    forget_scope(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_candidates_page_makes_as_many_queries_for_40_support_families_as_for_10(
    world: World, django_assert_num_queries
) -> None:
    anouk = world.users["coordinator_utrecht"]
    family = waiting(world)
    client = client_for(anouk)
    url = reverse("matching:candidates", args=[family.pk])
    client.get(url)  # the session's first request writes to it
    add_supports(world, 10)
    page = client.get(url)
    assert len(page.context["candidates"]) == 3 and len(page.context["excluded"]) == 7
    few = queries(client, url, anouk)
    add_supports(world, 30)
    page = client.get(url)
    assert len(page.context["candidates"]) == 10  # CANDIDATES_SHOWN
    assert len(page.context["excluded"]) == 15  # EXCLUDED_EXPLAINED, the nearest
    assert queries(client, url, anouk) == few
    forget_scope(anouk)
    # session, user, roles (3) + family, access log, waiting family, its children, parents,
    # talks, preselected, nearest left out, their parents, open proposal (10) = 13
    with django_assert_num_queries(13):
        client.get(url)


@pytest.mark.django_db
def test_the_suggestion_makes_as_many_queries_for_40_support_families_as_for_10(
    world: World, django_assert_num_queries
) -> None:
    anouk = world.users["coordinator_utrecht"]
    waiting(world)
    waiting(world)
    client = client_for(anouk)
    url = reverse("matching:suggestion")
    client.get(url)  # the session's first request writes to it
    add_supports(world, 10)
    page = client.get(url)
    assert len(page.context["pairs"]) == 2 and len(page.context["left_out"]) == 2
    few = queries(client, url, anouk)
    add_supports(world, 30)
    page = client.get(url)
    # Fit or too far: 22 can take a family; an expired VOG: 9 named.
    assert len(page.context["left_out"]) == 9 and page.context["counts"]["available"] == 22
    assert queries(client, url, anouk) == few
    forget_scope(anouk)
    # session, user, roles (3) + municipalities, waiting families, their children, parents,
    # talks, pairable support families, their parents, left out with their count (8) = 11
    with django_assert_num_queries(11):
        client.get(url)
