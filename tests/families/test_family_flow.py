"""A family's way in: application, intake, suitability; a support family's screening."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families import actions, selectors, workflow
from buurtgezinnen.families.models import (
    CompetenceCriterion,
    EventKind,
    Family,
    Kind,
    ServiceOrganisation,
    Status,
    Vog,
)
from tests.conftest import World
from tests.families.factories import make_family

TODAY = timezone.localdate()


def hold_both(family: Family, by) -> None:
    for number in (1, 2):
        actions.record_conversation(
            family=family,
            by=by,
            number=number,
            held_on=TODAY - timedelta(days=3 - number),
            goes_well="De kinderen gaan graag naar school.",
            is_hard="Moeder werkt lange dagen en heeft weinig mensen om zich heen.",
            support_wanted=["fixed_afternoon"],
            day_parts=["wed_afternoon"],
            poverty="unknown",
            helpline_mentioned_on=TODAY if number == 2 else None,
        )


def test_workflow_graph_is_what_we_mean() -> None:
    lines = sorted(
        f"{kind}: {current} -> {', '.join(sorted(targets))}"
        for (kind, current), targets in workflow.TRANSITIONS.items()
    )
    print("\n".join(lines))
    assert lines == [
        "request: intake -> declined, referred, waiting, withdrawn",
        "request: matched -> completed, ended, referred, waiting",
        "request: new -> declined, intake, referred, withdrawn",
        "request: waiting -> matched, withdrawn",
        "support: available -> withdrawn",
        "support: new -> screening, withdrawn",
        "support: screening -> available, not_approved, withdrawn",
    ]
    for targets in workflow.TRANSITIONS.values():
        assert Status.NEW not in targets  # nobody goes back to "new"


@pytest.mark.django_db
def test_intake_to_waiting_list(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht)
    assert family.status == Status.NEW
    actions.plan_conversation(
        family=family, by=anouk, number=1, planned_at=timezone.now() + timedelta(days=2)
    )
    family.refresh_from_db()
    assert family.status == Status.INTAKE
    with pytest.raises(ValidationError):  # suitable needs both conversations
        actions.decide(family=family, by=anouk, outcome=Status.WAITING, reason="Gemotiveerd")
    hold_both(family, anouk)
    with pytest.raises(ValidationError):  # always with a reason
        actions.decide(family=family, by=anouk, outcome=Status.WAITING, reason="  ")
    actions.decide(family=family, by=anouk, outcome=Status.WAITING, reason="Gemotiveerd gezin.")
    family.refresh_from_db()
    assert (family.status, family.waiting_since, family.decided_by) == (
        Status.WAITING,
        TODAY,
        anouk,
    )
    kinds = list(family.events.values_list("kind", flat=True))
    assert kinds[0] == EventKind.DECIDED and EventKind.APPLIED in kinds
    row = selectors.waiting_list(anouk).get(pk=family.pk)
    assert row.helpline_mentioned_on == TODAY
    assert row.held == 2


@pytest.mark.django_db
def test_referral_needs_an_organisation_of_the_municipality(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht)
    elsewhere = ServiceOrganisation.objects.create(
        municipality=world.amersfoort, name="Wijkteam", category="district_team"
    )
    with pytest.raises(ValidationError):
        actions.decide(
            family=family, by=anouk, outcome=Status.REFERRED, reason="Zwaar", referred_to=elsewhere
        )
    here = ServiceOrganisation.objects.create(
        municipality=world.utrecht, name="Buurtteam", category="district_team"
    )
    actions.decide(
        family=family, by=anouk, outcome=Status.REFERRED, reason="Eerst hulp", referred_to=here
    )
    family.refresh_from_db()
    assert (family.status, family.referred_to) == (Status.REFERRED, here)


@pytest.mark.django_db
def test_coordinator_of_another_municipality_cannot_act(world: World) -> None:
    family = make_family(world.utrecht)
    with pytest.raises(ActionRefused):
        actions.plan_conversation(
            family=family,
            by=world.users["coordinator_amersfoort"],
            number=1,
            planned_at=timezone.now(),
        )
    # The regional coordinator may act for an absent coordinator.
    actions.plan_conversation(
        family=family, by=world.users["regional_utrecht"], number=1, planned_at=timezone.now()
    )


@pytest.mark.django_db
def test_screening_to_available(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht, kind=Kind.SUPPORT)
    criterion = CompetenceCriterion.objects.create(name="Stabiele gezinssituatie")
    hold_both(family, anouk)
    with pytest.raises(ValidationError) as refused:
        actions.decide(family=family, by=anouk, outcome=Status.AVAILABLE, reason="Goed gesprek")
    assert "VOG" in str(refused.value)
    parent = family.people.get()
    actions.record_vog(
        person=parent,
        by=anouk,
        requested_on=TODAY - timedelta(days=20),
        received_on=TODAY - timedelta(days=2),
        issued_on=TODAY - timedelta(days=5),
        checked=True,
    )
    actions.assess_competences(family=family, by=anouk, ratings={criterion.pk: ("meets", "")})
    actions.save_offer(family=family, by=anouk, day_parts=["wed_afternoon"], max_travel_km=4)
    actions.decide(family=family, by=anouk, outcome=Status.AVAILABLE, reason="Warm gezin.")
    family.refresh_from_db()
    assert family.status == Status.AVAILABLE
    assert list(selectors.support_families(anouk, which="available")) == [family]
    assert not selectors.support_families(anouk, which="vog_missing").exists()


@pytest.mark.django_db
def test_vog_lists(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    missing = make_family(world.utrecht, kind=Kind.SUPPORT)
    expiring = make_family(world.utrecht, kind=Kind.SUPPORT)
    fresh = make_family(world.utrecht, kind=Kind.SUPPORT)
    expired = make_family(world.utrecht, kind=Kind.SUPPORT)
    soon = policy.add_years(TODAY, -policy.VOG_MAX_AGE_YEARS) + timedelta(days=20)
    for family, issued in ((expiring, soon), (fresh, TODAY - timedelta(days=30))):
        Vog.objects.create(
            person=family.people.get(), issued_on=issued, received_on=issued, checked_on=issued
        )
    old = policy.add_years(TODAY, -4)
    Vog.objects.create(person=expired.people.get(), issued_on=old, received_on=old, checked_on=old)
    assert set(selectors.support_families(anouk, which="vog_missing")) == {missing, expired}
    assert set(selectors.support_families(anouk, which="vog_expiring")) == {expiring}
    assert Vog.objects.get(person__family=expiring).renewal_due == policy.add_years(soon, 3)


@pytest.mark.django_db
def test_vog_lists_look_only_at_the_users_municipalities(world: World) -> None:
    regional = world.users["regional_utrecht"]
    soon = policy.add_years(TODAY, -policy.VOG_MAX_AGE_YEARS) + timedelta(days=20)
    found = {}
    for municipality in (world.utrecht, world.zeist, world.amersfoort):
        missing = make_family(municipality, kind=Kind.SUPPORT)
        expiring = make_family(municipality, kind=Kind.SUPPORT)
        Vog.objects.create(
            person=expiring.people.get(), issued_on=soon, received_on=soon, checked_on=soon
        )
        found[municipality.slug] = (missing, expiring)
    mine = ("utrecht", "zeist")
    missing_list = selectors.support_families(regional, which="vog_missing")
    expiring_list = selectors.support_families(regional, which="vog_expiring")
    assert set(missing_list) == {found[slug][0] for slug in mine}
    assert set(expiring_list) == {found[slug][1] for slug in mine}
    # The subqueries about parents and their VOGs name the municipalities too, not only the
    # families: the list, the parents, their valid VOGs (and those that last) each.
    assert str(missing_list.query).count('"municipality_id" IN') == 3
    assert str(expiring_list.query).count('"municipality_id" IN') == 4


def _checked_vogs(family: Family, parents: int, per_parent: int, checkers: list) -> None:
    """``per_parent`` checked VOGs for each of ``parents`` parents, each checked by another."""
    people = list(family.people.all())
    for number in range(parents - len(people)):
        people.append(family.people.create(first_name=f"Ouder{number}", last_name=family.name))
    checker = iter(checkers)
    for person in people[:parents]:
        for age in range(per_parent):
            issued = TODAY - timedelta(days=30 + 400 * age)
            Vog.objects.create(
                person=person,
                issued_on=issued,
                received_on=issued,
                checked_on=issued,
                checked_by=next(checker),
            )


@pytest.mark.django_db
def test_support_family_page_names_who_checked_each_vog_in_one_query(
    world: World, as_actor, django_assert_num_queries
) -> None:
    anouk, regional = world.users["coordinator_utrecht"], world.users["regional_utrecht"]
    one = make_family(world.utrecht, kind=Kind.SUPPORT)
    _checked_vogs(one, parents=1, per_parent=1, checkers=[anouk])
    # The page shows each parent's newest VOG: one checked by Anouk, one by the regional one.
    four = make_family(world.utrecht, kind=Kind.SUPPORT)
    _checked_vogs(four, parents=2, per_parent=2, checkers=[regional, anouk, anouk, regional])
    client = as_actor("coordinator_utrecht")
    client.get("/start/")  # the session's first request writes to it

    def count(family: Family) -> int:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("families:detail", args=[family.pk]))
        assert page.status_code == 200
        return len(queries)

    assert count(one) == count(four)
    page = client.get(reverse("families:detail", args=[four.pk])).content.decode()
    assert regional.get_full_name() in page and anouk.get_full_name() in page
    # session, user, roles (3) + family, access log (2) + 10 sections (VOGs with their checkers)
    with django_assert_num_queries(15):
        client.get(reverse("families:detail", args=[four.pk]))


@pytest.mark.django_db
def test_children_rules(world: World) -> None:
    with pytest.raises(ValidationError):
        actions.validate_children([actions.ChildData("Tim", TODAY + timedelta(days=1))])
    with pytest.raises(ValidationError):
        actions.validate_children([actions.ChildData("Tim", date(TODAY.year - 25, 1, 1))])
    actions.validate_children(
        [actions.ChildData("Tim", date(TODAY.year - 23, 1, 1) + timedelta(days=400))]
    )


@pytest.mark.django_db
def test_family_page_logs_the_read_and_shows_the_timeline(world: World, as_actor) -> None:
    family = make_family(world.utrecht, name="Bakker")
    response = as_actor("coordinator_utrecht").get(reverse("families:detail", args=[family.pk]))
    assert response.status_code == 200
    assert "Gezin Bakker" in response.content.decode()
    entry = AccessLog.objects.get(record_type="families.family")
    assert entry.record_id == str(family.pk)
    assert entry.user == world.users["coordinator_utrecht"]


@pytest.mark.django_db
def test_conversation_form_keeps_input_and_records(world: World, as_actor) -> None:
    family = make_family(world.utrecht)
    client = as_actor("coordinator_utrecht")
    url = reverse("families:conversation", args=[family.pk, 1])
    bad = client.post(url, {"held_on": "31-31-2026", "goes_well": "Vader kookt elke dag."})
    assert bad.status_code == 400
    assert "Vader kookt elke dag." in bad.content.decode()
    good = client.post(
        url,
        {
            "held_on": TODAY.isoformat(),
            "goes_well": "Vader kookt elke dag.",
            "support_wanted": ["homework"],
            "day_parts": ["mon_afternoon", "wed_afternoon"],
            "poverty": "yes",
        },
    )
    assert good["Location"] == reverse("families:detail", args=[family.pk])
    conversation = family.conversations.get(number=1)
    assert conversation.day_parts == ["mon_afternoon", "wed_afternoon"]
    assert conversation.recorded_by == world.users["coordinator_utrecht"]


@pytest.mark.django_db
def test_decision_page_refuses_without_conversations(world: World, as_actor) -> None:
    family = make_family(world.utrecht)
    response = as_actor("coordinator_utrecht").post(
        reverse("families:decision", args=[family.pk]),
        {"outcome": Status.WAITING, "reason": "Gemotiveerd"},
    )
    assert response.status_code == 400
    assert "Gemotiveerd" in response.content.decode()
    family.refresh_from_db()
    assert family.status == Status.NEW


@pytest.mark.django_db
def test_staff_application_by_referral(world: World, as_actor) -> None:
    response = as_actor("coordinator_utrecht").post(
        reverse("families:application_create"),
        {
            "kind": Kind.REQUEST,
            "municipality": world.utrecht.pk,
            "source": "referral",
            "referrer_type": "school",
            "referrer_name": "Juf Anja",
            "name": "El Idrissi",
            "first_name": "Samira",
            "last_name": "El Idrissi",
            "phone": "06 1234 5678",
            "postcode": "3512 JK",
            "consent": "on",
            "children-TOTAL_FORMS": "3",
            "children-INITIAL_FORMS": "0",
            "children-0-first_name": "Yasmine",
            "children-0-date_of_birth": (TODAY - timedelta(days=365 * 7)).isoformat(),
        },
    )
    family = Family.objects.get(name="El Idrissi")
    assert response["Location"] == reverse("families:detail", args=[family.pk])
    assert (family.source, family.referrer_type, family.pc4) == ("referral", "school", "3512")
    assert family.children.get().first_name == "Yasmine"


@pytest.mark.django_db
def test_staff_application_outside_scope_is_refused(world: World, as_actor) -> None:
    response = as_actor("coordinator_utrecht").post(
        reverse("families:application_create"),
        {"kind": Kind.REQUEST, "municipality": world.amersfoort.pk, "name": "X"},
    )
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Family.objects.exists()


LIST_KEYS = (
    "nieuw",
    "kennismaking",
    "wachtlijst",
    "screening",
    "vog",
    "vog-verloopt",
    "beschikbaar",
)


def _add_families(world: World, count: int) -> Family:
    anouk = world.users["coordinator_utrecht"]
    family = None
    for _ in range(count):
        family = make_family(world.utrecht)
        hold_both(family, anouk)
        actions.decide(family=family, by=anouk, outcome=Status.WAITING, reason="Ok")
        make_family(world.utrecht, kind=Kind.SUPPORT)
        make_family(world.utrecht)
    assert family is not None
    return family


def _query_counts(client, family: Family) -> dict[str, int]:
    counts = {}
    for key in LIST_KEYS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("families:overview"), {"lijst": key}).status_code == 200
        counts[key] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("families:overview"), {"q": "Testfamilie"})
    counts["search"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("families:detail", args=[family.pk]))
    counts["detail"] = len(queries)
    return counts


@pytest.mark.django_db
def test_list_and_detail_queries_do_not_grow(
    world: World, as_actor, django_assert_max_num_queries
) -> None:
    client = as_actor("coordinator_utrecht")
    client.get("/start/")
    small = _query_counts(client, _add_families(world, 2))
    large = _query_counts(client, _add_families(world, 30))
    assert small == large
    for key in LIST_KEYS:
        # session, user, roles (3) + count, municipalities for the filter, page of families (3)
        with django_assert_max_num_queries(6):
            client.get(reverse("families:overview"), {"lijst": key})
    # first() (1) + session, user, roles (3) + family, access log (2) + 10 sections = 16, +1
    with django_assert_max_num_queries(17):
        client.get(reverse("families:detail", args=[Family.objects.first().pk]))


@pytest.mark.django_db
def test_search_stays_in_scope(world: World) -> None:
    make_family(world.utrecht, name="Jansen", phone="0687654321")
    make_family(world.amersfoort, name="Jansen")
    anouk = world.users["coordinator_utrecht"]
    assert [f.municipality for f in selectors.search(anouk, "jansen")] == [world.utrecht]
    assert selectors.search(anouk, "06-87654321").count() == 1
    assert selectors.search(anouk, "3511 AB").count() == 1
    assert selectors.search(world.users["national_office"], "jansen").count() == 0


@pytest.mark.django_db
def test_waiting_family_can_withdraw_and_only_that(world: World, as_actor) -> None:
    anouk = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht)
    hold_both(family, anouk)
    actions.decide(family=family, by=anouk, outcome=Status.WAITING, reason="Ok")
    client = as_actor("coordinator_utrecht")
    page = client.get(reverse("families:decision", args=[family.pk]))
    assert [value for value, _label in page.context["form"].fields["outcome"].choices] == [
        Status.WITHDRAWN
    ]
    response = client.post(
        reverse("families:decision", args=[family.pk]),
        {"outcome": Status.WITHDRAWN, "reason": "Verhuisd naar Groningen."},
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert (family.status, family.waiting_since) == (Status.WITHDRAWN, None)


@pytest.mark.django_db
def test_planning_a_conversation_is_a_planned_event(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht)
    actions.record_conversation(
        family=family, by=anouk, number=1, planned_at=timezone.now() + timedelta(days=1)
    )
    assert family.events.first().kind == EventKind.CONVERSATION_PLANNED
    assert selectors.in_intake(anouk).get().next_planned is not None


@pytest.mark.django_db
def test_add_a_second_parent_and_correct_a_child(world: World, as_actor) -> None:
    family = make_family(world.utrecht, children=1)
    client = as_actor("coordinator_utrecht")
    client.post(
        reverse("families:person_create", args=[family.pk]),
        {"first_name": "Joost", "last_name": "Testfamilie", "phone": "0612345670"},
    )
    assert family.people.count() == 2
    child = family.children.get()
    too_old = client.post(
        reverse("families:child_edit", args=[family.pk, child.pk]),
        {"first_name": "Kind0", "date_of_birth": "1990-01-01"},
    )
    assert too_old.status_code == 400
    assert "1990-01-01" in too_old.content.decode()
    child.refresh_from_db()
    assert child.date_of_birth.year != 1990
    client.post(
        reverse("families:child_edit", args=[family.pk, child.pk]),
        {"first_name": "Noor", "date_of_birth": (TODAY - timedelta(days=400)).isoformat()},
    )
    child.refresh_from_db()
    assert child.first_name == "Noor"
    assert family.events.filter(kind=EventKind.CHANGED).count() == 2


@pytest.mark.django_db
def test_the_overviews_filters_and_their_next_page(world: World, as_actor, monkeypatch) -> None:
    from buurtgezinnen.families import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    for _ in range(2):
        make_family(world.utrecht, name="Pagina")
    make_family(world.zeist, name="Pagina")
    url = reverse("families:overview")
    regional = as_actor("regional_utrecht")
    page = regional.get(url, {"q": "Pagina", "gemeente": world.utrecht.pk}).content.decode()
    # A coordinator of more than one municipality may choose one; the list stays the same.
    assert f'<option value="{world.utrecht.pk}" selected>Utrecht</option>' in page
    assert 'name="q" value="Pagina"' in page
    assert '<input type="hidden" name="lijst" value="nieuw"' in page
    assert f'href="?q=Pagina&amp;gemeente={world.utrecht.pk}&amp;page=2"' in page
    second = regional.get(url, {"q": "Pagina", "gemeente": world.utrecht.pk, "page": 2})
    assert [family.municipality for family in second.context["page"]] == [world.utrecht]
    assert second.context["page"].paginator.count == 2
    # Someone with one municipality has nothing to choose.
    only = as_actor("coordinator_utrecht").get(url, {"lijst": "wachtlijst"}).content.decode()
    assert 'name="gemeente"' not in only
    assert '<input type="hidden" name="lijst" value="wachtlijst"' in only
