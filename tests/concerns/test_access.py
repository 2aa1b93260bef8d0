"""Concerns are read only by the family's coordinator and the national office's designated
safety officer; every read, on lists too, is logged; lists take a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.concerns.models import ConcernKind
from buurtgezinnen.org import actions as org_actions
from buurtgezinnen.org.models import User
from tests.concerns.factories import make_concern, record_steps
from tests.conftest import World, client_for, make_user
from tests.families.factories import make_family

pytestmark = pytest.mark.django_db


def _safety_officer(world: World) -> User:
    user = make_user("veiligheid_officer")
    org_actions.assign_role(user=user, by=None, role="national_office")
    org_actions.set_safety_officer(user=user, by=None, designated=True)
    return user


def test_the_safety_officer_reads_every_open_safety_concern(
    world: World, django_assert_max_num_queries
) -> None:
    officer = client_for(_safety_officer(world))
    for municipality in (world.utrecht, world.amersfoort):
        concern = make_concern(world, municipality)
        record_steps(world, concern, 2)
    make_concern(world, kind=ConcernKind.WORRY)  # a plain worry is not on this list
    url = reverse("concerns:safety_list")
    before = AccessLog.objects.count()
    # base (8, tests/matrix.py) + count, concerns, one access-log insert for all (3) = 11
    with django_assert_max_num_queries(12) as few:
        response = officer.get(url)
    assert response.status_code == 200
    assert len(response.context["concerns"]) == 2
    assert AccessLog.objects.count() - before == 2  # one entry per concern shown
    for _ in range(4):
        make_concern(world, world.amersfoort)
    # no more than with two concerns (7 measured, no first-request write): none per concern
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = officer.get(url)
    assert len(response.context["concerns"]) == 6
    detail = officer.get(reverse("concerns:detail", args=[response.context["concerns"][0].pk]))
    assert detail.status_code == 200
    assert f'href="{url}"' in detail.content.decode()  # in the officer's navigation


def test_the_safety_officers_list_is_a_page_at_a_time(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole country's safety concerns: a page at a time, and only what is shown is read."""
    from buurtgezinnen.concerns import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    officer = client_for(_safety_officer(world))
    for _ in range(5):
        make_concern(world, world.amersfoort)
    url = reverse("concerns:safety_list")
    before = AccessLog.objects.count()
    first = officer.get(url)
    assert len(first.context["concerns"]) == 2
    assert AccessLog.objects.count() - before == 2
    assert "Pagina 1 van 3" in first.content.decode()
    last = officer.get(url, {"page": 3})
    assert len(last.context["concerns"]) == 1


def test_nobody_else_reads_a_concern(world: World, as_actor) -> None:
    concern = make_concern(world)
    url = reverse("concerns:detail", args=[concern.pk])
    assert as_actor("coordinator_utrecht").get(url).status_code == 200
    for actor in (
        "coordinator_amersfoort",
        "regional_utrecht",
        "national_office",  # not the safety officer
        "contact_utrecht",
        "helpline",
        "no_role",
    ):
        assert as_actor(actor).get(url).status_code == 404, actor
        assert as_actor(actor).get(reverse("concerns:safety_list")).status_code == 404


def test_the_family_page_links_to_concerns_only_for_those_who_may_read_them(
    world: World, as_actor
) -> None:
    family = make_family(world.utrecht)
    link = f'href="{reverse("concerns:family", args=[family.pk])}"'
    page = as_actor("coordinator_utrecht").get(reverse("families:detail", args=[family.pk]))
    assert link in page.content.decode()
    page = as_actor("regional_utrecht").get(reverse("families:detail", args=[family.pk]))
    assert page.status_code == 200 and link not in page.content.decode()


def test_the_family_list_logs_each_concern_in_constant_queries(
    world: World, as_actor, django_assert_max_num_queries
) -> None:
    family = make_family(world.utrecht)
    client = as_actor("coordinator_utrecht")
    url = reverse("concerns:family", args=[family.pk])
    make_concern(world, family=family)
    # base (7) + family, concerns, access log x2, children, matches (6) = 13
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    for _ in range(5):
        make_concern(world, family=family)
    before = AccessLog.objects.count()
    # no more than with one concern (9 measured: no first-request write): none per concern
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["concerns"]) == 6
    assert AccessLog.objects.count() - before == 7  # the family and each concern


def test_recording_a_concern_on_the_page(world: World, as_actor) -> None:
    family = make_family(world.utrecht)
    client = as_actor("coordinator_utrecht")
    url = reverse("concerns:family", args=[family.pk])
    response = client.post(url, {"kind": "worry", "description": ""})
    assert response.status_code == 400
    child = family.children.first()
    response = client.post(
        url, {"kind": "safety", "child": child.pk, "description": "Kind is vaak hongerig."}
    )
    concern = family.concerns.get()
    assert response["Location"] == reverse("concerns:detail", args=[concern.pk])
    assert (concern.kind, concern.child, concern.reported_by) == (
        ConcernKind.SAFETY,
        child,
        world.users["coordinator_utrecht"],
    )
    assert not mail.outbox  # nothing about a concern goes by mail when the coordinator records it


def test_the_national_office_marks_a_colleague_as_safety_officer(world: World, as_actor) -> None:
    colleague = make_user("fatima_landelijk")
    org_actions.assign_role(user=colleague, by=None, role="national_office")
    client = as_actor("national_office")
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "email": colleague.email,
        "phone": "",
        "is_active": "on",
        "is_safety_officer": "on",
    }
    response = client.post(reverse("org:user_edit", args=[colleague.pk]), data)
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_safety_officer
    # A coordinator cannot be made the safety officer.
    coordinator = world.users["coordinator_utrecht"]
    data["email"] = coordinator.email
    response = client.post(reverse("org:user_edit", args=[coordinator.pk]), data)
    assert response.status_code == 200
    coordinator.refresh_from_db()
    assert not coordinator.is_safety_officer
