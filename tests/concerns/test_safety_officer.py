"""The national office's safety officer reads the concerns that follow the reporting code and
what those concerns need (the family's name and municipality, the child concerned, the steps),
every read logged; nothing else of the country: no other concern, no other family, no child that
is not concerned, no support family's parents or links, no form to record a concern."""

from __future__ import annotations

import pytest
from django.urls import reverse

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.concerns import actions
from buurtgezinnen.concerns.agenda import items
from buurtgezinnen.concerns.models import Concern, ConcernKind
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families.models import Family, Kind, Person
from buurtgezinnen.org import actions as org_actions
from buurtgezinnen.org.models import User
from tests.concerns.factories import (
    TODAY,
    coordinator_of,
    make_concern,
    make_match,
    record_steps,
    step_data,
)
from tests.conftest import World, client_for, make_user
from tests.families.factories import make_family

pytestmark = pytest.mark.django_db
WORRY_TEXT = "Geheim: de kinderen komen zonder ontbijt"


def _officer() -> User:
    user = make_user("veiligheid_functionaris")
    org_actions.assign_role(user=user, by=None, role="national_office")
    org_actions.set_safety_officer(user=user, by=None, designated=True)
    return user


def _rename(family: Family, name: str) -> None:
    Family.objects.filter(pk=family.pk).update(name=name)
    Person.objects.filter(family=family).update(last_name=name)
    family.refresh_from_db()


def test_a_family_without_a_safety_concern_does_not_exist_for_the_safety_officer(
    world: World,
) -> None:
    family = make_family(world.utrecht)
    worry = make_concern(world, family=family, kind=ConcernKind.WORRY, description=WORRY_TEXT)
    support = make_family(world.amersfoort, kind=Kind.SUPPORT)
    user = _officer()
    officer = client_for(user)
    assert officer.get(reverse("concerns:family", args=[family.pk])).status_code == 404
    assert officer.get(reverse("concerns:family", args=[support.pk])).status_code == 404
    assert officer.get(reverse("concerns:detail", args=[worry.pk])).status_code == 404
    person = support.people.get()
    response = officer.post(reverse("concerns:link_send", args=[support.pk]), {"person": person.pk})
    assert response.status_code == 404
    assert not support.concern_links.exists()
    listed = officer.get(reverse("concerns:safety_list")).content.decode()
    assert family.name not in listed
    start = officer.get(reverse("agenda:start")).content.decode()
    assert family.name not in start and WORRY_TEXT not in start
    assert not list(items(user, TODAY))


def test_the_safety_officer_reads_a_safety_concern_and_nothing_else_of_the_family(
    world: World,
) -> None:
    match = make_match(world)
    family, support = match.request_family, match.support_family
    _rename(family, "Vermeulen")
    _rename(support, "Zonnebloem")
    concerned = family.children.get()
    concerned.first_name = "Aisha"
    concerned.save(update_fields=["first_name"])
    other_child = family.children.create(
        first_name="Brammetje", date_of_birth=TODAY.replace(year=TODAY.year - 6)
    )
    by = coordinator_of(world, world.utrecht)
    safety = actions.record_concern(
        family=family,
        by=by,
        kind=ConcernKind.SAFETY,
        child=concerned,
        match=match,
        description="Blauwe plekken op de bovenarm.",
    )
    record_steps(world, safety, 2)
    actions.record_concern(family=family, by=by, child=other_child, description=WORRY_TEXT)
    other = make_family(world.amersfoort)
    _rename(other, "Oosterhout")
    make_concern(world, world.amersfoort, family=other, kind=ConcernKind.WORRY)
    link_parent = support.people.get()
    actions.send_concern_link(person=link_parent, by=by)

    user = _officer()
    officer = client_for(user)
    before = AccessLog.objects.count()
    pages = {
        "list": officer.get(reverse("concerns:safety_list")),
        "detail": officer.get(reverse("concerns:detail", args=[safety.pk])),
        "family": officer.get(reverse("concerns:family", args=[family.pk])),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "Vermeulen" in html, name  # the family the concern is about
        for secret in ("Brammetje", "Zonnebloem", "Oosterhout", WORRY_TEXT):
            assert secret not in html, (name, secret)
        assert 'name="description"' not in html, name  # no form to record a concern
        assert reverse("concerns:step", args=[safety.pk]) not in html, name
    assert "Aisha" in pages["detail"].content.decode()  # the child concerned
    assert "Blauwe plekken" in pages["detail"].content.decode()
    assert [c.pk for c in pages["family"].context["concerns"]] == [safety.pk]
    assert pages["family"].context["link_form"] is None
    # list: the concern; detail: the concern; family page: the family and its one safety concern
    assert AccessLog.objects.count() - before == 4
    # Her agenda: the safety concern only.
    assert [i.url for i in items(user, TODAY)] == [reverse("concerns:detail", args=[safety.pk])]


def test_the_safety_officer_does_not_record_or_work_a_concern(world: World) -> None:
    officer = _officer()
    family = make_family(world.utrecht)
    safety = make_concern(world, family=family)
    record_steps(world, safety, 1)
    with pytest.raises(ActionRefused):
        actions.record_concern(family=family, by=officer, description="Zorg")
    with pytest.raises(ActionRefused):
        actions.record_step(
            concern=safety, by=officer, step=2, reasoning="Overlegd", **step_data(2)
        )
    with pytest.raises(ActionRefused):
        actions.close_concern(concern=safety, by=officer, note="Klaar")
    client = client_for(officer)
    response = client.post(
        reverse("concerns:family", args=[family.pk]), {"kind": "worry", "description": "Zorg"}
    )
    assert response.status_code == 403
    response = client.post(reverse("concerns:close", args=[safety.pk]), {"close-note": "Klaar"})
    assert response.status_code == 403
    assert Concern.objects.filter(family=family).count() == 1
    assert Concern.objects.get(pk=safety.pk).is_open
