"""Proposals: never beyond a support family's capacity, also when two coordinators race."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen.families import actions as family_actions
from buurtgezinnen.families.models import CompetenceCriterion, Family, Kind, Status, Vog
from buurtgezinnen.matching import actions
from buurtgezinnen.matching.models import Match, Proposal, ProposalStatus
from tests.conftest import World
from tests.families.factories import make_family

TODAY = timezone.localdate()


def _hold_both(family: Family, by) -> None:
    for number in (1, 2):
        family_actions.record_conversation(
            family=family,
            by=by,
            number=number,
            held_on=TODAY - timedelta(days=3 - number),
            support_wanted=["fixed_afternoon"],
            day_parts=["wed_afternoon"],
        )


def waiting(world: World, municipality=None) -> Family:
    municipality = municipality or world.utrecht
    by = world.users[
        "coordinator_utrecht" if municipality != world.amersfoort else "coordinator_amersfoort"
    ]
    family = make_family(municipality, children=1)
    _hold_both(family, by)
    family_actions.decide(family=family, by=by, outcome=Status.WAITING, reason="Ok")
    family.refresh_from_db()
    return family


def available(world: World, places: int = 1, municipality=None) -> Family:
    municipality = municipality or world.utrecht
    by = world.users[
        "coordinator_utrecht" if municipality != world.amersfoort else "coordinator_amersfoort"
    ]
    family = make_family(municipality, kind=Kind.SUPPORT)
    _hold_both(family, by)
    criterion, _ = CompetenceCriterion.objects.get_or_create(name="Stabiel gezin")
    family_actions.assess_competences(family=family, by=by, ratings={criterion.pk: ("meets", "")})
    family_actions.save_offer(
        family=family,
        by=by,
        day_parts=["wed_afternoon"],
        support_types=["fixed_afternoon"],
        max_travel_km=10,
        max_families=places,
        max_child_age=18,
    )
    issued = TODAY - timedelta(days=10)
    Vog.objects.create(
        person=family.people.get(), issued_on=issued, received_on=issued, checked_on=issued
    )
    family_actions.decide(family=family, by=by, outcome=Status.AVAILABLE, reason="Ok")
    family.refresh_from_db()
    return family


@pytest.mark.django_db
def test_propose_introduce_click_starts_the_match(world: World, as_actor) -> None:
    family, support = waiting(world), available(world)
    client = as_actor("coordinator_utrecht")
    page = client.get(reverse("matching:candidates", args=[family.pk]))
    assert [s.pk for _c, s in page.context["candidates"]] == [support.pk]
    response = client.post(reverse("matching:propose", args=[family.pk, support.pk]))
    proposal = Proposal.objects.get()
    assert response["Location"] == reverse("matching:proposal", args=[proposal.pk])
    client.post(
        reverse("matching:proposal", args=[proposal.pk]),
        {"plan": "1", "at": (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.INTRODUCTION
    client.post(reverse("matching:proposal", args=[proposal.pk]), {"outcome": "1", "click": "yes"})
    family.refresh_from_db()
    assert family.status == Status.MATCHED
    assert Match.objects.get().support_family == support


@pytest.mark.django_db
def test_no_click_needs_a_reason_and_returns_both(world: World) -> None:
    family, support = waiting(world), available(world)
    anouk = world.users["coordinator_utrecht"]
    proposal = actions.propose(request_family=family, support_family=support, by=anouk)
    with pytest.raises(ValidationError):
        actions.record_outcome(proposal=proposal, by=anouk, click=False)
    actions.record_outcome(
        proposal=proposal, by=anouk, click=False, request_side="Te ver weg voor de kinderen."
    )
    family.refresh_from_db()
    assert family.status == Status.WAITING
    # Both are back in the pool: a new proposal of the same pair is possible.
    actions.propose(request_family=family, support_family=support, by=anouk)


@pytest.mark.django_db
def test_never_beyond_capacity(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    support = available(world, places=2)
    first, second, third = waiting(world), waiting(world), waiting(world)
    actions.propose(request_family=first, support_family=support, by=anouk)
    actions.propose(request_family=second, support_family=support, by=anouk)
    with pytest.raises(ValidationError):
        actions.propose(request_family=third, support_family=support, by=anouk)
    assert sorted(Proposal.objects.values_list("place", flat=True)) == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_at_the_same_moment(world: World) -> None:
    support = available(world, places=1)
    first, second = waiting(world), waiting(world)
    anouk, ruud = world.users["coordinator_utrecht"], world.users["regional_utrecht"]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(family: Family, by) -> None:
        try:
            barrier.wait(timeout=10)
            actions.propose(request_family=family, support_family=support, by=by)
            outcomes.append("proposed")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # reported by the assertion below
            outcomes.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(first, anouk)),
        threading.Thread(target=act, args=(second, ruud)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["proposed", "refused"]
    assert Proposal.objects.filter(support_family=support).count() == 1


@pytest.mark.django_db
def test_suggestion_page_pairs_and_reasons(world: World, as_actor) -> None:
    family, support = waiting(world), available(world)
    page = as_actor("coordinator_utrecht").get(reverse("matching:suggestion"))
    ((pair, need, offer),) = page.context["pairs"]
    assert (need.pk, offer.pk) == (family.pk, support.pk)
    assert pair.reasons
    # Another municipality's coordinator sees nothing of these families.
    other = as_actor("coordinator_amersfoort").get(reverse("matching:suggestion"))
    assert other.context["pairs"] == []
