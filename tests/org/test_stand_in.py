"""A stand-in (waarnemer) for an absent coordinator: a regional coordinator of the region or the
national office sees and works that coordinator's families and concerns for the period only; the
arrangement and every read are logged; it ends by itself when the period is over."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.concerns import actions as concern_actions
from buurtgezinnen.concerns.agenda import items as concern_items
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.org import actions
from buurtgezinnen.org.models import Role, StandIn, User
from buurtgezinnen.org.scoping import scope_for
from tests.concerns.factories import make_concern, make_match, step_data
from tests.conftest import World, client_for, make_user
from tests.families.factories import make_family

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _arrange(world: World, stand_in: str = "regional_utrecht", days: int = 7, **kw) -> StandIn:
    return actions.assign_stand_in(
        coordinator=kw.pop("coordinator", world.users["coordinator_utrecht"]),
        stand_in=world.users[stand_in],
        starts_on=kw.pop("starts_on", TODAY),
        ends_on=kw.pop("ends_on", TODAY + timedelta(days=days - 1)),
        reason=kw.pop("reason", "Verlof"),
        by=kw.pop("by", world.users[stand_in]),
    )


def _move_to_the_past(stand_in: StandIn) -> None:
    """As if the period had passed: nothing but the date changes."""
    StandIn.objects.filter(pk=stand_in.pk).update(
        starts_on=TODAY - timedelta(days=14), ends_on=TODAY - timedelta(days=1)
    )


def test_a_regional_coordinator_stands_in_and_works_the_concerns_for_the_period_only(
    world: World,
) -> None:
    regional = world.users["regional_utrecht"]
    concern = make_concern(world, world.utrecht)
    family = concern.family
    detail = reverse("concerns:detail", args=[concern.pk])
    family_page = reverse("concerns:family", args=[family.pk])
    # Today the regional coordinator is shut out of concerns.
    assert client_for(regional).get(detail).status_code == 404
    assert client_for(regional).get(family_page).status_code == 404

    response = client_for(regional).post(
        reverse("org:stand_in_create"),
        {
            "coordinator": world.users["coordinator_utrecht"].pk,
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + timedelta(days=13)).isoformat(),
            "reason": "Ziekteverlof",
        },
    )
    assert response.status_code == 302, response.content.decode()
    stand_in = StandIn.objects.get()
    assert (stand_in.coordinator, stand_in.stand_in, stand_in.created_by) == (
        world.users["coordinator_utrecht"],
        regional,
        regional,
    )
    # The arrangement is in the change log, made by the regional coordinator.
    entry = LogEntry.objects.get_for_object(stand_in).get()
    assert entry.actor == regional and entry.action == LogEntry.Action.CREATE

    client = client_for(regional)
    assert client.get(detail).status_code == 200
    read = AccessLog.objects.filter(user=regional, record_type="concerns.concern").latest("pk")
    assert read.roles == "regional_coordinator, stand_in"
    assert client.get(family_page).status_code == 200
    response = client.post(family_page, {"kind": "worry", "description": "Moeder is moe."})
    assert response.status_code == 302
    concern_actions.record_step(
        concern=concern, by=regional, step=1, reasoning="Gezien", **step_data(1)
    )
    assert [i.subject for i in concern_items(regional, TODAY) if "zorgen" in i.url]
    # Another region's concerns stay out of reach.
    elsewhere = make_concern(world, world.amersfoort)
    assert client.get(reverse("concerns:detail", args=[elsewhere.pk])).status_code == 404

    # The period is over: it ended by itself, nothing had to run.
    _move_to_the_past(stand_in)
    client = client_for(regional)
    assert client.get(detail).status_code == 404
    assert client.get(family_page).status_code == 404
    with pytest.raises(ActionRefused):
        concern_actions.record_step(
            concern=concern,
            by=User.objects.get(pk=regional.pk),
            step=2,
            reasoning="x",
            **step_data(2),
        )
    assert not list(concern_items(User.objects.get(pk=regional.pk), TODAY))
    # Reads outside a stand-in say only the role.
    client.get(reverse("families:detail", args=[family.pk]))
    read = AccessLog.objects.filter(user=regional).latest("pk")
    assert read.roles == "regional_coordinator"


def test_the_national_office_as_stand_in_works_the_families_and_sees_them_on_vandaag(
    world: World,
) -> None:
    office = world.users["national_office"]
    family = make_family(world.utrecht)
    make_concern(world, family=family)
    other = make_family(world.amersfoort)
    page = reverse("families:detail", args=[family.pk])
    assert client_for(office).get(page).status_code == 403  # no case files for the office

    stand_in = _arrange(world, "national_office")
    client = client_for(office)
    assert client.get(page).status_code == 200
    assert AccessLog.objects.filter(user=office).latest("pk").roles == "national_office, stand_in"
    assert client.get(reverse("families:detail", args=[other.pk])).status_code == 404
    start = client.get(reverse("agenda:start"))
    html = start.content.decode()
    assert family.name in html  # the coordinator's agenda is the stand-in's
    assert "Coordinator Test" in html  # "you stand in for ..." (the coordinator's name)
    assert start.context["user_role_labels"] == ["landelijk backoffice", "waarnemer"]
    links = {item["url"] for item in start.context["navigation"]}
    assert reverse("families:overview") in links
    assert reverse("org:stand_in_list") in links

    actions.end_stand_in(stand_in=stand_in, by=office)
    client = client_for(office)
    assert client.get(page).status_code == 403
    assert family.name not in client.get(reverse("agenda:start")).content.decode()
    assert LogEntry.objects.get_for_object(stand_in).count() == 2  # made and ended


def test_who_may_arrange_a_stand_in_and_for_how_long(world: World) -> None:
    users = world.users
    utrecht = users["coordinator_utrecht"]
    with pytest.raises(ActionRefused):  # not their region
        _arrange(world, "regional_eemland")
    with pytest.raises(ActionRefused):  # a regional coordinator makes only themselves stand-in
        _arrange(world, "regional_eemland", by=users["regional_utrecht"])
    with pytest.raises(ActionRefused):  # a coordinator does not arrange stand-ins
        _arrange(world, "coordinator_amersfoort", by=utrecht)
    office = users["national_office"]
    for who in ("coordinator_amersfoort", "regional_eemland", "contact_utrecht", "helpline"):
        with pytest.raises(ValidationError) as error:
            _arrange(world, who, by=office)
        assert "stand_in" in error.value.message_dict, who
    with pytest.raises(ValidationError) as error:  # only for a coordinator
        _arrange(world, "national_office", coordinator=users["regional_eemland"], by=office)
    assert "coordinator" in error.value.message_dict

    def problems(**kw) -> set[str]:
        with pytest.raises(ValidationError) as error:
            _arrange(world, **kw)
        return set(error.value.message_dict)

    assert problems(starts_on=TODAY - timedelta(days=1)) == {"starts_on"}
    assert problems(ends_on=TODAY - timedelta(days=1)) == {"ends_on"}
    assert problems(days=policy.STAND_IN_MAX_DAYS + 1) == {"ends_on"}
    assert problems(reason="  ") == {"reason"}
    _arrange(world, days=policy.STAND_IN_MAX_DAYS)
    assert problems(starts_on=TODAY + timedelta(days=5)) == {"starts_on"}  # overlaps
    assert StandIn.objects.count() == 1


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(world: World, as_actor) -> None:
    response = as_actor("regional_utrecht").post(
        reverse("org:stand_in_create"),
        {
            "coordinator": world.users["coordinator_utrecht"].pk,
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + timedelta(days=policy.STAND_IN_MAX_DAYS)).isoformat(),
            "reason": "Verlof tot de zomer",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Verlof tot de zomer" in html
    assert f"{policy.STAND_IN_MAX_DAYS} dagen" in html
    assert not StandIn.objects.exists()
    # A regional coordinator chooses only a coordinator of their own region, not a stand-in.
    form = as_actor("regional_utrecht").get(reverse("org:stand_in_create")).context["form"]
    assert "stand_in" not in form.fields
    assert list(form.fields["coordinator"].queryset) == [world.users["coordinator_utrecht"]]
    form = as_actor("national_office").get(reverse("org:stand_in_create")).context["form"]
    assert set(form.fields["stand_in"].queryset) == {
        world.users[key] for key in ("regional_utrecht", "regional_eemland", "national_office")
    }


def test_ending_a_stand_in(world: World, as_actor) -> None:
    stand_in = _arrange(world)
    end = reverse("org:stand_in_end", args=[stand_in.pk])
    assert as_actor("regional_eemland").post(end).status_code == 404
    with pytest.raises(ActionRefused):
        actions.end_stand_in(stand_in=stand_in, by=world.users["regional_eemland"])
    with pytest.raises(ActionRefused):
        actions.end_stand_in(stand_in=stand_in, by=world.users["coordinator_utrecht"])
    assert as_actor("regional_utrecht").post(end).status_code == 302
    stand_in.refresh_from_db()
    assert stand_in.ended_by == world.users["regional_utrecht"] and stand_in.ended_at
    with pytest.raises(ValidationError):
        actions.end_stand_in(stand_in=stand_in, by=world.users["national_office"])
    assert not scope_for(User.objects.get(pk=stand_in.stand_in_id)).is_stand_in
    # A planned one is cancelled the same way, also by the national office.
    planned = _arrange(
        world, starts_on=TODAY + timedelta(days=30), ends_on=TODAY + timedelta(days=40)
    )
    assert (
        as_actor("national_office").post(reverse("org:stand_in_end", args=[planned.pk])).status_code
        == 302
    )


def test_stand_ins_on_both_user_pages_and_in_the_lists(
    world: World, as_actor, django_assert_num_queries
) -> None:
    _arrange(world, reason="Zwangerschapsverlof")
    office = as_actor("national_office")
    coordinator_page = office.get(
        reverse("org:user_detail", args=[world.users["coordinator_utrecht"].pk])
    ).content.decode()
    assert "Regional Test" in coordinator_page  # Regional Test stands in for this person
    stand_in_page = office.get(
        reverse("org:user_detail", args=[world.users["regional_utrecht"].pk])
    ).content.decode()
    assert "Coordinator Test" in stand_in_page
    listed = as_actor("regional_utrecht").get(reverse("org:stand_in_list"))
    assert "Zwangerschapsverlof" in listed.content.decode()
    assert (
        "Zwangerschapsverlof"
        not in as_actor("regional_eemland").get(reverse("org:stand_in_list")).content.decode()
    )
    assert as_actor("coordinator_utrecht").get(reverse("org:stand_in_list")).status_code == 403

    office.get(reverse("agenda:start"))  # session warm-up
    # session, user, roles, municipalities stood in for (4) + count, page of stand-ins (2)
    with django_assert_num_queries(6):
        office.get(reverse("org:stand_in_list"))
    for number in range(6):
        person = make_user(f"waarnemer_{number}", with_totp=False)
        actions.assign_role(user=person, by=None, role=Role.NATIONAL_OFFICE)
        actions.assign_stand_in(
            coordinator=world.users["coordinator_amersfoort"],
            stand_in=person,
            starts_on=TODAY,
            ends_on=TODAY,
            reason="Verlof",
            by=None,
        )
    # the same 6, with seven stand-ins to list
    with django_assert_num_queries(6):
        office.get(reverse("org:stand_in_list"))


def test_the_scope_of_a_stand_in_takes_the_same_queries(
    world: World, django_assert_num_queries
) -> None:
    _arrange(world)
    _arrange(world, "national_office", by=None)
    # Two queries for those who can stand in (as before: assignments, municipalities); one for a
    # coordinator, who cannot.
    for key, queries in (
        ("regional_utrecht", 2),
        ("national_office", 2),
        ("coordinator_utrecht", 1),
    ):
        user = User.objects.get(pk=world.users[key].pk)
        # roles, municipalities stood in for (2); a coordinator only roles (1)
        with django_assert_num_queries(queries):
            scope = scope_for(user)
        if key != "coordinator_utrecht":
            assert scope.stand_in_municipality_ids == {world.utrecht.pk}, key
            assert world.utrecht.pk in scope.coordinator_municipality_ids
    assert world.zeist.pk not in scope_for(world.users["national_office"]).case_municipality_ids


def test_a_concern_reported_through_a_link_reaches_the_stand_in_too(
    world: World, django_capture_on_commit_callbacks
) -> None:
    match = make_match(world)
    person = match.support_family.people.get()
    link, _token = concern_actions.send_concern_link(
        person=person, by=world.users["coordinator_utrecht"]
    )
    _arrange(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        concern_actions.report_through_link(link=link, match=match, description="Zorgen")
    [message] = mail.outbox
    assert set(message.to) == {
        world.users["coordinator_utrecht"].email,
        world.users["regional_utrecht"].email,
    }
