"""The national office manages the organisation in the app's own pages."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.org.models import Municipality, Region, Role, RoleAssignment, User
from tests.conftest import World, make_user


@pytest.mark.django_db
def test_add_municipality_and_it_shows_up(world: World, as_actor) -> None:
    client = as_actor("national_office")
    response = client.post(
        reverse("org:municipality_create"),
        {
            "cbs_code": "gm0355".upper(),
            "name": "Zeist bis",
            "slug": "zeist-bis",
            "region": world.utrecht_region.pk,
            "programme_started_on": "2027-01-01",
            "facebook_url": "https://www.facebook.com/buurtgezinnen.zeist",
        },
    )
    # GM0355 exists already: the form says so and keeps what was typed.
    assert response.status_code == 200
    assert response.context["form"].errors["cbs_code"]
    assert 'value="zeist-bis"' in response.content.decode()

    response = client.post(
        reverse("org:municipality_create"),
        {
            "cbs_code": "GM0310",
            "name": "De Bilt",
            "slug": "de-bilt",
            "region": world.utrecht_region.pk,
            "programme_started_on": "2027-01-01",
        },
    )
    municipality = Municipality.objects.get(cbs_code="GM0310")
    assert response["Location"] == reverse("org:municipality_detail", args=[municipality.pk])
    assert (
        LogEntry.objects.get_for_object(municipality).get().actor == world.users["national_office"]
    )


@pytest.mark.django_db
def test_unknown_cbs_code_is_refused(world: World, as_actor) -> None:
    response = as_actor("national_office").post(
        reverse("org:municipality_create"),
        {"cbs_code": "GM9999", "name": "Nergens", "slug": "nergens", "region": world.eemland.pk},
    )
    assert response.status_code == 200
    assert "cbs_code" in response.context["form"].errors
    assert not Municipality.objects.filter(cbs_code="GM9999").exists()


@pytest.mark.django_db
def test_new_user_gets_an_invitation_by_mail(
    world: World, as_actor, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = as_actor("national_office").post(
            reverse("org:user_create"),
            {"first_name": "Noor", "last_name": "Bakker", "email": "Noor.Bakker@Example.nl"},
        )
    user = User.objects.get(email="noor.bakker@example.nl")
    assert response["Location"] == reverse("org:user_detail", args=[user.pk])
    assert not user.has_usable_password()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["noor.bakker@example.nl"]
    assert "/account/password/reset/key/" in mailoutbox[0].body


@pytest.mark.django_db
def test_assign_coordinator_needs_a_municipality(world: World, as_actor) -> None:
    person = make_user("new_colleague")
    client = as_actor("national_office")
    url = reverse("org:assignment_add", args=[person.pk])
    response = client.post(url, {"role": Role.COORDINATOR})
    assert response.status_code == 400
    assert "municipality" in response.context["assignment_form"].errors
    assert not RoleAssignment.objects.filter(user=person).exists()

    client.post(url, {"role": Role.COORDINATOR, "municipality": world.zeist.pk})
    client.post(url, {"role": Role.COORDINATOR, "municipality": world.amersfoort.pk})
    assert set(person.role_assignments.values_list("municipality__slug", flat=True)) == {
        "zeist",
        "amersfoort",
    }
    # The same role twice is refused with a message, not a server error.
    again = client.post(url, {"role": Role.COORDINATOR, "municipality": world.zeist.pk})
    assert again.status_code == 400
    assert again.context["assignment_form"].non_field_errors()


@pytest.mark.django_db
def test_contact_has_one_municipality(world: World, as_actor) -> None:
    contact = world.users["contact_utrecht"]
    response = as_actor("national_office").post(
        reverse("org:assignment_add", args=[contact.pk]),
        {"role": Role.MUNICIPALITY_CONTACT, "municipality": world.zeist.pk},
    )
    assert response.status_code == 400
    assert RoleAssignment.objects.filter(user=contact).count() == 1


@pytest.mark.django_db
def test_reading_a_person_is_in_the_access_log(world: World, as_actor) -> None:
    person = world.users["coordinator_utrecht"]
    as_actor("national_office").get(reverse("org:user_detail", args=[person.pk]))
    entry = AccessLog.objects.get()
    assert entry.user == world.users["national_office"]
    assert entry.roles == Role.NATIONAL_OFFICE
    assert (entry.record_type, entry.record_id) == ("org.user", str(person.pk))
    assert entry.purpose == "org:user_detail"
    # And the national office finds it back.
    found = as_actor("national_office").get(
        reverse("audit:access_log"), {"model": "org.user", "object_id": person.pk}
    )
    assert list(found.context["page"]) == [entry]


@pytest.mark.django_db
def test_change_log_masks_phone_and_finds_by_person(world: World, as_actor) -> None:
    person = world.users["coordinator_utrecht"]
    client = as_actor("national_office")
    client.post(
        reverse("org:user_edit", args=[person.pk]),
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": "0612345678",
            "is_active": "on",
        },
    )
    entry = LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.users["national_office"]
    assert "0612345678" not in str(entry.changes)
    # "Who" is text: part of a name or an e-mail address.
    response = client.get(
        reverse("audit:change_log"), {"actor": world.users["national_office"].email}
    )
    assert entry in list(response.context["page"])
    assert "0612345678" not in response.content.decode()


@pytest.mark.django_db
def test_start_page_figures_follow_scope(world: World, as_actor) -> None:
    figures = as_actor("regional_utrecht").get(reverse("agenda:start")).context["figures"]
    assert figures == {"municipalities": 2, "active": 2, "coordinators": 1, "regions": 1}
    figures = as_actor("national_office").get(reverse("agenda:start")).context["figures"]
    assert figures["municipalities"] == 3
    assert figures["coordinators"] == 2
    assert (
        as_actor("helpline").get(reverse("agenda:start")).context["figures"]["municipalities"] == 0
    )


@pytest.mark.django_db
def test_navigation_fits_the_role(world: World, as_actor) -> None:
    def links(actor: str) -> set[str]:
        return {
            item["url"]
            for item in as_actor(actor).get(reverse("agenda:start")).context["navigation"]
        }

    assert reverse("org:user_list") in links("national_office")
    assert reverse("org:user_list") not in links("coordinator_utrecht")
    assert reverse("org:municipality_list") in links("coordinator_utrecht")
    assert reverse("org:municipality_list") not in links("helpline")


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 30])
def test_list_queries_do_not_grow(world: World, as_actor, django_assert_num_queries, extra) -> None:
    for number in range(extra):
        person = make_user(f"extra_{number}", with_totp=False)
        RoleAssignment.objects.create(
            user=person, role=Role.COORDINATOR, municipality=world.utrecht
        )
    client = as_actor("national_office")
    client.get(reverse("agenda:start"))  # session warm-up
    # session, user, roles, municipalities stood in for (4) + count, users, their roles (3)
    with django_assert_num_queries(7):
        client.get(reverse("org:user_list"))
    # the same 4 + count, municipalities with their contacts (2)
    with django_assert_num_queries(6):
        client.get(reverse("org:municipality_list"))
    # the same 4 + municipality, its role assignments (2)
    with django_assert_num_queries(6):
        client.get(reverse("org:municipality_detail", args=[world.utrecht.pk]))
    # the same 4 + the municipalities in figures (1); the national office has no agenda
    with django_assert_num_queries(5):
        client.get(reverse("agenda:start"))


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [5, 60])
def test_region_list_is_paged_and_its_queries_do_not_grow(
    world: World, as_actor, django_assert_num_queries, extra: int
) -> None:
    Region.objects.bulk_create(Region(name=f"Regio {number:02}") for number in range(extra))
    client = as_actor("national_office")
    client.get(reverse("agenda:start"))  # session warm-up
    # session, user, roles, municipalities stood in for (4) + count, page of regions (2)
    with django_assert_num_queries(6):
        first = client.get(reverse("org:region_list"))
    shown = len(first.context["page"])
    assert shown == min(Region.objects.count(), 50)
    if extra > 50:
        second = client.get(reverse("org:region_list"), {"page": 2})
        names = [region.name for region in [*first.context["page"], *second.context["page"]]]
        assert names == sorted(Region.objects.values_list("name", flat=True))


@pytest.mark.django_db
def test_create_national_office_command(mailoutbox, django_capture_on_commit_callbacks) -> None:
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_national_office", email="Fatima@Example.nl", first_name="Fatima", last_name="El"
        )
    user = User.objects.get(email="fatima@example.nl")
    assert user.role_assignments.get().role == Role.NATIONAL_OFFICE
    assert mailoutbox[0].to == ["fatima@example.nl"]


@pytest.mark.django_db
def test_municipality_page_lists_its_postcodes(world: World, as_actor) -> None:
    page = as_actor("coordinator_utrecht").get(
        reverse("org:municipality_detail", args=[world.utrecht.pk])
    )
    assert "3511" in page.context["postcodes"]
    assert "3811" not in page.context["postcodes"]  # Amersfoort


@pytest.mark.django_db
def test_demo_data_is_real_and_idempotent(settings) -> None:
    from buurtgezinnen.demo import data
    from buurtgezinnen.geo import postcodes

    settings.DEMO_MODE = True
    data.load()
    counts = (Municipality.objects.count(), User.objects.count(), RoleAssignment.objects.count())
    data.load()
    assert (
        Municipality.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
    ) == counts
    assert Municipality.objects.values("region").distinct().count() == 2
    assert counts[0] >= 5
    names = postcodes.all_municipalities()
    for municipality in Municipality.objects.all():
        assert names[municipality.cbs_code] == municipality.name
        assert postcodes.postcodes_of(municipality.cbs_code)
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
