"""No expired screening in a match: a support family whose VOG is too old (or missing) is left out
of candidates and suggestions with the reason, cannot be proposed or clicked, and an open match
gets an agenda item dated on the day a support parent's VOG expires."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from buurtgezinnen import policy
from buurtgezinnen.agenda.items import items_for
from buurtgezinnen.families import selectors as family_selectors
from buurtgezinnen.families.models import Family, Person, Status, Vog
from buurtgezinnen.matching import actions, views
from buurtgezinnen.matching.agenda import match_vogs
from buurtgezinnen.matching.assignment import suggest
from buurtgezinnen.matching.models import Match, Proposal, ProposalStatus
from buurtgezinnen.matching.scoring import (
    VOG_EXPIRED,
    VOG_MISSING,
    OfferTable,
    Reason,
    ReasonCode,
    rank,
)
from buurtgezinnen.matching.wording import Words
from buurtgezinnen.org.scoping import forget_scope
from tests.agenda.helpers import match_in_trial
from tests.conftest import World, client_for
from tests.matching.test_engine import need, offer
from tests.matching.test_proposals import available, waiting

TODAY = timezone.localdate()


def issued_to_expire_on(day: date) -> date:
    """The date of issue of a VOG that stops being valid on ``day``."""
    return policy.add_years(day, -policy.VOG_MAX_AGE_YEARS)


def set_vogs(family: Family, issued: date) -> None:
    Vog.objects.filter(person__family=family).update(issued_on=issued)


def expire(family: Family, days_ago: int = 1) -> None:
    set_vogs(family, issued_to_expire_on(TODAY - timedelta(days=days_ago)))


# --- the rule: one definition, in Python and in SQL -------------------------------------------


@given(
    issued=st.dates(date(2015, 1, 1), date(2035, 12, 31)),
    day=st.dates(date(2018, 1, 1), date(2039, 12, 31)),
)
def test_the_query_bound_is_the_same_rule_as_is_valid_on(issued: date, day: date) -> None:
    vog = Vog(issued_on=issued, received_on=issued, checked_on=issued)
    assert vog.is_valid_on(day) == (issued > policy.vog_valid_issued_after(day))


@pytest.mark.django_db
def test_a_vog_issued_on_29_february_expires_on_the_same_day_in_every_list(world: World) -> None:
    """Issued 29-02-2024: renewal due 28-02-2027. On that day it is no longer valid, also for
    the lists and the engine (the SQL used to count it valid for one more day)."""
    support = available(world)
    set_vogs(support, date(2024, 2, 29))
    anouk = world.users["coordinator_utrecht"]
    due = policy.vog_renewal_due(date(2024, 2, 29))
    assert due == date(2027, 2, 28)
    assert not Vog.objects.get(person__family=support).is_valid_on(due)
    missing = family_selectors.support_families(anouk, which="vog_missing", today=due)
    assert support in missing
    (state,) = Family.objects.filter(pk=support.pk).with_vog_state(due)
    assert state.vog_expired and not state.vog_missing


# --- the engine: a hard constraint with its reason ----------------------------------------------


def test_the_engine_leaves_out_an_expired_or_missing_vog_with_the_reason() -> None:
    cases = (
        (VOG_EXPIRED, ReasonCode.VOG_EXPIRED, "VOG verlopen"),
        (VOG_MISSING, ReasonCode.VOG_MISSING, "VOG ontbreekt"),
    )
    for state, code, words in cases:
        reason = Reason(code)
        ranking = rank(need(), OfferTable([offer(vog=state), offer(id=11)]))
        assert [c.offer_id for c in ranking.candidates] == [11]
        (excluded,) = ranking.excluded
        assert (excluded.offer_id, excluded.failed) == (10, (reason,))

        suggestion = suggest([need()], [offer(vog=state)])
        assert suggestion.pairs == [] and suggestion.unmatched_need_ids == [1]
        assert [(e.offer_id, e.failed) for e in suggestion.left_out] == [(10, (reason,))]
        with translation.override("nl"):
            assert Words().reason(reason) == words


# --- the pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_expired_vog_is_left_out_of_candidates_and_suggestion_with_the_reason(
    world: World,
) -> None:
    family, support = waiting(world), available(world)
    expire(support)
    client = client_for(world.users["coordinator_utrecht"])

    page = client.get(reverse("matching:candidates", args=[family.pk]))
    assert page.context["candidates"] == []
    [(excluded, shown)] = page.context["excluded"]
    assert shown.pk == support.pk and excluded.failed == ("VOG verlopen",)
    assert f"{support.name}: VOG verlopen" in page.content.decode()

    page = client.get(reverse("matching:suggestion"))
    assert page.context["pairs"] == []
    [(left_out, shown)] = page.context["left_out"]
    assert shown.pk == support.pk and left_out.failed == ("VOG verlopen",)
    html = page.content.decode()
    assert "Steungezinnen buiten de suggestie" in html and "VOG verlopen" in html
    # Still "available": renewing the VOG brings it back without another decision.
    support.refresh_from_db()
    assert support.status == Status.AVAILABLE
    set_vogs(support, TODAY - timedelta(days=1))
    assert len(client.get(reverse("matching:suggestion")).context["pairs"]) == 1


@pytest.mark.django_db
def test_a_support_parent_without_a_checked_vog_is_missing(world: World) -> None:
    family, support = waiting(world), available(world)
    Person.objects.create(family=support, first_name="Joris", last_name=support.name)
    page = client_for(world.users["coordinator_utrecht"]).get(
        reverse("matching:candidates", args=[family.pk])
    )
    assert page.context["candidates"] == []
    [(excluded, _shown)] = page.context["excluded"]
    assert excluded.failed == ("VOG ontbreekt",)


@pytest.mark.django_db
def test_the_suggestion_keeps_its_query_count_with_more_expired_families(
    world: World, django_assert_num_queries, monkeypatch
) -> None:
    waiting(world)
    client = client_for(world.users["coordinator_utrecht"])

    def count() -> int:
        forget_scope(world.users["coordinator_utrecht"])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("matching:suggestion")).status_code == 200
        return len(queries)

    expire(available(world))
    client.get(reverse("matching:suggestion"))  # the session's first request writes to it
    few = count()
    for _ in range(4):
        expire(available(world))
    assert len(client.get(reverse("matching:suggestion")).context["left_out"]) == 5
    many = count()
    assert many == few
    # few (11): session, user, roles (3) + municipalities, families, children, parents, talks,
    # pairable support families, their parents, left out with their count (8)
    with django_assert_num_queries(few):
        client.get(reverse("matching:suggestion"))
    # Bounded: the first few, then how many more and the list of them all.
    monkeypatch.setattr(views, "LEFT_OUT_SHOWN", 2)
    page = client.get(reverse("matching:suggestion"))
    assert len(page.context["left_out"]) == 2
    assert "En nog 3." in page.content.decode() and "lijst=vog" in page.content.decode()


# --- the actions ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_propose_refuses_an_expired_vog(world: World) -> None:
    family, support = waiting(world), available(world)
    anouk = world.users["coordinator_utrecht"]
    expire(support)
    with pytest.raises(ValidationError) as refused, translation.override("nl"):
        actions.propose(request_family=family, support_family=support, by=anouk)
    assert "VOG van een steunouder is verlopen" in refused.value.messages[0]
    assert not Proposal.objects.exists()

    # The one-click button on the page: refused with the reason, nothing proposed.
    response = client_for(anouk).post(
        reverse("matching:propose", args=[family.pk, support.pk]), follow=True
    )
    assert "VOG van een steunouder is verlopen" in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.django_db
def test_a_click_is_refused_when_the_vog_expired_after_the_proposal(world: World) -> None:
    family, support = waiting(world), available(world)
    anouk = world.users["coordinator_utrecht"]
    proposal = actions.propose(request_family=family, support_family=support, by=anouk)
    expire(support)
    with pytest.raises(ValidationError):
        actions.record_outcome(proposal=proposal, by=anouk, click=True)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED  # still open, its place still held
    assert not Match.objects.exists()
    # "No click" is always possible.
    actions.record_outcome(proposal=proposal, by=anouk, click=False, request_side="Past niet.")


# --- the agenda -----------------------------------------------------------------------------------


def _kinds(items, family: Family) -> dict[str, list]:
    kinds: dict[str, list] = {}
    for item in items:
        if family.name in item.subject:
            kinds.setdefault(item.kind, []).append(item)
    return kinds


@pytest.mark.django_db
def test_an_open_match_gets_one_item_per_expiring_vog_dated_on_the_expiry(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    match = match_in_trial(world, world.utrecht, anouk, started=TODAY - timedelta(days=20))
    support = match.support_family
    expires = TODAY + timedelta(days=20)
    set_vogs(support, issued_to_expire_on(expires))

    kinds = _kinds(items_for(anouk, TODAY), support)
    [item] = kinds.pop("match_vog_expiring")
    assert kinds == {}  # not also the families' undated or dated VOG line
    assert item.due == expires and not item.overdue(TODAY)
    assert item.subject == f"{match.request_family.name} - {support.name}"
    person = support.people.get()
    assert item.url == reverse("families:vog", args=[support.pk, person.pk])
    assert item.detail == person.first_name

    # Expired ten days ago: dated on that day, overdue (red on the page), not an undated line.
    expired_on = TODAY - timedelta(days=10)
    set_vogs(support, issued_to_expire_on(expired_on))
    kinds = _kinds(items_for(anouk, TODAY), support)
    [item] = kinds.pop("match_vog_expired")
    assert kinds == {}
    assert item.due == expired_on and item.overdue(TODAY)
    page = client_for(anouk).get(reverse("agenda:start")).content.decode()
    start = page.index('id="agenda-overdue"')
    overdue = page[start : page.index("</ul>", start)]
    assert "VOG verlopen: steunouder in een koppeling" in overdue

    # Renewed: nothing on the agenda any more.
    set_vogs(support, TODAY - timedelta(days=2))
    assert _kinds(items_for(anouk, TODAY), support) == {}


@pytest.mark.django_db
def test_a_vog_far_from_expiry_or_of_a_closed_match_is_not_on_the_agenda(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    match = match_in_trial(world, world.utrecht, anouk, started=TODAY - timedelta(days=20))
    support = match.support_family
    far = TODAY + timedelta(days=policy.VOG_EXPIRY_WARNING_DAYS + 1)
    set_vogs(support, issued_to_expire_on(far))
    assert list(match_vogs(anouk, TODAY)) == []
    set_vogs(support, issued_to_expire_on(far - timedelta(days=1)))
    assert len(list(match_vogs(anouk, TODAY))) == 1
    # Another coordinator's agenda never shows it.
    assert list(match_vogs(world.users["coordinator_amersfoort"], TODAY)) == []


@pytest.mark.django_db
def test_a_support_family_in_two_matches_has_one_item_per_vog(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    support = available(world, places=2)
    for _ in range(2):
        proposal = actions.propose(request_family=waiting(world), support_family=support, by=anouk)
        actions.record_outcome(proposal=proposal, by=anouk, click=True)
    set_vogs(support, issued_to_expire_on(TODAY + timedelta(days=5)))
    [item] = list(match_vogs(anouk, TODAY))
    requesting = Match.objects.filter(support_family=support).order_by("pk")
    names = ", ".join(m.request_family.name for m in requesting)
    assert item.subject == f"{names} - {support.name}" and item.kind == "match_vog_expiring"


@pytest.mark.django_db
def test_the_match_vog_provider_runs_a_fixed_number_of_queries(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]

    def count() -> int:
        forget_scope(anouk)
        with CaptureQueriesContext(connection) as queries:
            list(match_vogs(anouk, TODAY))
        return len(queries)

    def add(n: int) -> None:
        for _ in range(n):
            match = match_in_trial(world, world.utrecht, anouk, started=TODAY)
            set_vogs(match.support_family, issued_to_expire_on(TODAY + timedelta(days=3)))

    add(1)
    few = count()
    add(5)
    assert len(list(match_vogs(anouk, TODAY))) == 6
    assert count() == few <= 2  # the scope, then the open matches with their support parents
