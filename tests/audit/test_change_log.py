"""The change log: who changed what, and values only of the organisation's own data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from buurtgezinnen.families import actions
from tests.conftest import World
from tests.families.factories import make_family


@pytest.mark.django_db
def test_change_log_names_a_familys_changed_fields_not_their_values(world: World, as_actor):
    family = make_family(world.utrecht, name="Verhoeven")
    actions.update_family(family=family, by=world.users["coordinator_utrecht"], name="Smit")
    child = family.children.first()
    client = as_actor("national_office")
    response = client.get(reverse("audit:change_log"), {"model": "families.family"})
    page = response.content.decode()
    # The national office does not see what a family's name is (a case file, outside its
    # scope) ...
    assert "Verhoeven" not in page and "Smit" not in page
    # ... but it sees that the name was changed, and by whom.
    assert ">name</li>" in page
    (change, _created) = response.context["page"]
    assert change.actor == world.users["coordinator_utrecht"]
    children = client.get(reverse("audit:change_log"), {"model": "families.child"})
    assert "first_name" in children.content.decode()
    assert child.first_name not in children.content.decode()
    # The organisation's own data keeps its values.
    users = client.get(reverse("audit:change_log"), {"model": "org.user"})
    assert world.users["coordinator_utrecht"].email in users.content.decode()


@pytest.mark.django_db
def test_the_next_page_of_a_log_keeps_its_filters(world: World, as_actor, monkeypatch) -> None:
    from buurtgezinnen.audit import views
    from buurtgezinnen.audit.models import AccessLog

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    reader, other = world.users["national_office"], world.users["coordinator_utrecht"]
    for user in (reader, reader, reader, other, other, other):
        AccessLog.objects.create(
            user=user, roles="x", record_type="org.user", record_id=1, purpose="/x/"
        )
    client = as_actor("national_office")
    first = client.get(reverse("audit:access_log"), {"actor": reader.pk})
    assert f'href="?actor={reader.pk}&amp;page=2"' in first.content.decode()
    second = client.get(reverse("audit:access_log"), {"actor": reader.pk, "page": 2})
    assert [entry.user for entry in second.context["page"]] == [reader]
    # The form shows the filter it applied; a filter is optional by nature and says nothing.
    assert f'<option value="{reader.pk}" selected>' in second.content.decode()
    assert "niet verplicht" not in second.content.decode()
