"""The agenda ("Vandaag"): what is due for a coordinator of two municipalities, and nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.agenda.items import items_for
from buurtgezinnen.families.models import Kind, Vog
from buurtgezinnen.org import actions as org_actions
from buurtgezinnen.org.models import Role
from buurtgezinnen.org.scoping import forget_scope
from tests.agenda.helpers import match_in_trial, plan, proposal
from tests.conftest import World, client_for
from tests.families.factories import make_family
from tests.matching.test_proposals import _hold_both, available, waiting

TODAY = timezone.localdate()


def two_municipalities(world: World):
    """Coordinator Utrecht also coordinates Zeist."""
    user = world.users["coordinator_utrecht"]
    org_actions.assign_role(user=user, by=None, role=Role.COORDINATOR, municipality=world.zeist)
    forget_scope(user)
    return user


def by_kind(items) -> dict[str, list]:
    kinds: dict[str, list] = {}
    for item in items:
        kinds.setdefault(item.kind, []).append(item)
    return kinds


@pytest.mark.django_db
def test_agenda_of_a_coordinator_with_two_municipalities(world: World) -> None:
    anouk = two_municipalities(world)
    other = world.users["coordinator_amersfoort"]
    new_utrecht = make_family(world.utrecht, name="Aanmelding")
    new_zeist = make_family(world.zeist, name="Weekend", kind=Kind.SUPPORT)
    make_family(world.amersfoort, name="Elders")  # another coordinator's: never shown
    overdue_intake = make_family(world.zeist, name="Vergeten")
    plan(overdue_intake, anouk, TODAY - timedelta(days=2))
    to_decide = make_family(world.utrecht, name="Besluit")
    _hold_both(to_decide, anouk)
    long_waiting = waiting(world, world.utrecht)
    long_waiting.waiting_since = TODAY - timedelta(days=94)
    long_waiting.save(update_fields=["waiting_since"])
    intro_passed = proposal(world, world.zeist, anouk, TODAY - timedelta(days=1))
    trial = match_in_trial(
        world, world.utrecht, anouk, started=policy.add_months(TODAY, -2) - timedelta(days=3)
    )
    expiring = available(world, municipality=world.zeist)
    issued = policy.add_years(TODAY, -policy.VOG_MAX_AGE_YEARS) + timedelta(days=20)
    Vog.objects.filter(person__family=expiring).update(issued_on=issued)
    proposal(world, world.amersfoort, other, TODAY - timedelta(days=1))  # not Anouk's

    items = items_for(anouk, TODAY)
    kinds = by_kind(items)

    assert {i.subject for i in kinds["application_new"]} == {new_utrecht.name, new_zeist.name}
    assert all(i.municipality_id != world.amersfoort.pk for i in items)
    assert "Elders" not in {i.subject for i in items}
    [record] = kinds["conversation_to_record"]
    assert record.subject == "Vergeten" and record.overdue(TODAY)
    assert record.url == reverse("families:conversation", args=[overdue_intake.pk, 1])
    assert [i.subject for i in kinds["decision_pending"]] == ["Besluit"]
    assert kinds["decision_pending"][0].url == reverse("families:decision", args=[to_decide.pk])
    [outcome] = kinds["proposal_outcome"]
    assert outcome.url == reverse("matching:proposal", args=[intro_passed.pk])
    assert outcome.due == TODAY - timedelta(days=1)
    [evaluation] = kinds["review_due"]
    assert evaluation.due == policy.evaluation_due(trial.trial_started_on)
    assert evaluation.overdue(TODAY) and (TODAY - evaluation.due).days == 3
    assert evaluation.url == reverse("matching:detail", args=[trial.pk])
    [vog] = kinds["vog_expiring"]
    assert vog.subject == expiring.name and vog.due == policy.vog_renewal_due(issued)
    longest = kinds["waiting_longest"]
    assert longest[0].subject == long_waiting.name and "94" in longest[0].detail
    assert long_waiting.name in {i.subject for i in kinds["profile_to_publish"]}
    # Overdue first, then by date, undated last.
    dated = [i.due for i in items if i.due is not None]
    assert dated == sorted(dated) and items[0].overdue(TODAY)
    assert all(i.due is None for i in items[len(dated) :])


@pytest.mark.django_db
def test_the_start_page_groups_and_filters_by_municipality(world: World) -> None:
    anouk = two_municipalities(world)
    late = make_family(world.zeist, name="Telaat")
    plan(late, anouk, TODAY - timedelta(days=3))
    make_family(world.utrecht, name="Nieuwutrecht")
    client = client_for(anouk)

    page = client.get(reverse("agenda:start")).content.decode()
    overdue = page.index("agenda-overdue")
    assert overdue < page.index("Telaat") < page.index("agenda-later") < page.index("Nieuwutrecht")
    assert 'name="gemeente"' in page and "Zeist" in page

    only_utrecht = client.get(
        reverse("agenda:start"), {"gemeente": world.utrecht.pk}
    ).content.decode()
    assert "Nieuwutrecht" in only_utrecht and "Telaat" not in only_utrecht
    # A municipality outside the scope is no filter at all: it shows nothing of that place.
    outside = client.get(
        reverse("agenda:start"), {"gemeente": world.amersfoort.pk}
    ).content.decode()
    assert "Telaat" in outside and "Nieuwutrecht" in outside


@pytest.mark.django_db
def test_other_roles_keep_their_start_page(world: World) -> None:
    page = client_for(world.users["national_office"]).get(reverse("agenda:start")).content.decode()
    assert "agenda-heading" not in page and "figures-heading" in page


def _count(user) -> int:
    forget_scope(user)
    with CaptureQueriesContext(connection) as queries:
        items_for(user, TODAY)
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_families(world: World) -> None:
    user = world.users["coordinator_utrecht"]

    def add(n: int) -> None:
        for i in range(n):
            family = make_family(world.utrecht, kind=Kind.SUPPORT if i % 2 else Kind.REQUEST)
            if i % 3 == 0:
                plan(family, user, TODAY + timedelta(days=i % 5 - 2))
        waiting(world, world.utrecht)
        available(world, municipality=world.utrecht)
        proposal(world, world.utrecht, user, TODAY - timedelta(days=1))
        match_in_trial(world, world.utrecht, user, started=policy.add_months(TODAY, -2))

    add(2)
    few = _count(user)
    add(28)
    assert len(items_for(user, TODAY)) > 40
    assert _count(user) == few
    # A fixed number per provider; the VOGs of support parents in an open match are one more.
    assert few <= 17


@pytest.mark.django_db
def test_page_query_bound(world: World, django_assert_max_num_queries) -> None:
    user = two_municipalities(world)
    for _i in range(10):
        plan(make_family(world.zeist), user, TODAY)
    client = client_for(user)
    client.get(reverse("agenda:start"))
    # session, user, roles (3) + figures (2) + the providers (13) + municipality names (1) = 19, +2
    with django_assert_max_num_queries(21):
        assert client.get(reverse("agenda:start")).status_code == 200
