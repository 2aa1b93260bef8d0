"""The change log: who changed what, and values only of the organisation's own data."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen.audit import views
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.core.keyset import NEWER, OLDER, cursor_of, parse_cursor
from buurtgezinnen.families import actions
from buurtgezinnen.org.models import User
from tests.conftest import World
from tests.families.factories import make_family

NOON = timezone.make_aware(datetime(2026, 3, 2, 12, 0))


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


# --- paging and filters ---------------------------------------------------------------------


def _read(user: User, at: datetime, record_type: str = "families.family", record_id: int = 1):
    return AccessLog.objects.create(
        user=user, roles="x", record_type=record_type, record_id=record_id, purpose="/x/", at=at
    )


def _change(user: User | None, at: datetime, model: type = User, pk: int = 1) -> LogEntry:
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(pk),
        object_id=pk,
        object_repr="x",
        action=LogEntry.Action.UPDATE,
        changes={"first_name": ["a", "b"]},
        actor=user,
        timestamp=at,
    )


def _walk(client, url: str, data: dict, direction: str, page) -> list[list[int]]:
    """The pks of every page from ``page`` on, following the ``direction`` links."""
    pages = []
    while True:
        pages.append([entry.pk for entry in page.context["page"]])
        cursor = getattr(page.context["page"], "older" if direction == OLDER else "newer")
        if cursor is None:
            return pages
        assert f"{direction}={cursor}" in page.content.decode()
        page = client.get(url, {**data, direction: cursor})


@pytest.mark.django_db
@pytest.mark.parametrize("log", ["access_log", "change_log"])
def test_keyset_pages_show_every_entry_once_in_order(
    world: World, as_actor, monkeypatch, log: str
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    anouk = world.users["coordinator_utrecht"]
    # Eleven entries, three at each moment (the pk decides), the moments a microsecond apart,
    # made in an order that is not their order in time.
    moments = [NOON - timedelta(microseconds=(n * 7 % 11) // 3) for n in range(11)]
    if log == "access_log":
        made = [(at, _read(anouk, at).pk) for at in moments]
        data = {"model": "families.family"}
    else:
        made = [(at, _change(anouk, at).pk) for at in moments]
        data = {"model": "org.user", "actor": "Coordinator"}
    newest_first = [pk for _at, pk in sorted(made, reverse=True)]
    client = as_actor("national_office")
    url = reverse(f"audit:{log}")
    first = client.get(url, data)
    assert first.context["page"].newer is None and NEWER not in first.content.decode()
    down = _walk(client, url, data, OLDER, first)
    assert [len(page) for page in down] == [3, 3, 3, 2]
    assert [pk for page in down for pk in page] == newest_first
    # Back up from the last page: the same pages in reverse.
    last = client.get(url, {**data, OLDER: first.context["page"].older})
    while last.context["page"].older:
        last = client.get(url, {**data, OLDER: last.context["page"].older})
    assert _walk(client, url, data, NEWER, last) == list(reversed(down))


@pytest.mark.django_db
def test_a_cursor_that_cannot_be_read_gives_the_newest_page(world: World, as_actor) -> None:
    entry = _read(world.users["coordinator_utrecht"], NOON)
    client = as_actor("national_office")
    for cursor in ("", "x", "12-", "-3", "99999999999999999999-1", "1-2-3"):
        page = client.get(reverse("audit:access_log"), {OLDER: cursor})
        assert page.status_code == 200
        assert list(page.context["page"]) == [entry]
    assert parse_cursor(cursor_of(NOON, 42)) == (NOON, 42)


def _count(client, url: str, data: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("log", ["access_log", "change_log"])
def test_log_pages_have_the_same_number_of_queries_at_two_sizes(
    world: World, as_actor, django_assert_num_queries, log: str
) -> None:
    client = as_actor("national_office")
    url = reverse(f"audit:{log}")
    client.get(reverse("agenda:start"))  # the session's first request writes to it
    make = _read if log == "access_log" else _change
    users = list(world.users.values())

    def counts() -> list[int]:
        first = client.get(url)
        older = {OLDER: first.context["page"].older or ""}
        return [_count(client, url, {}), _count(client, url, older), _count(client, url, FILTERS)]

    for n in range(5):
        make(users[n % len(users)], NOON - timedelta(minutes=n))
    few = counts()
    for n in range(60):
        make(users[n % len(users)], NOON - timedelta(hours=1, minutes=n))
    assert counts() == few
    # session, user, roles, stand-ins (4) + the users "who" names, a page of entries (2) = 6
    with django_assert_num_queries(6):
        client.get(url, FILTERS)


FILTERS = {"actor": "coordinator utrecht", "date_from": "2026-03-01", "date_to": "2026-03-02"}


@pytest.mark.django_db
def test_the_access_log_filters(world: World, as_actor) -> None:
    anouk, other = world.users["coordinator_utrecht"], world.users["coordinator_amersfoort"]
    regional = world.users["regional_utrecht"]
    yesterday = NOON - timedelta(days=1)
    entries = {
        "anouk family 7": _read(anouk, NOON, "families.family", 7),
        "anouk match 7": _read(anouk, NOON, "matching.match", 7),
        "other family 8": _read(other, NOON, "families.family", 8),
        "regional yesterday": _read(regional, yesterday, "families.family", 7),
    }
    client = as_actor("national_office")

    def found(**data: str) -> set[str]:
        page = client.get(reverse("audit:access_log"), data)
        assert not page.context["form"].errors
        return {key for key, entry in entries.items() if entry in list(page.context["page"])}

    assert found() == set(entries)
    # Who: by part of an e-mail address or a name; several words must all match.
    assert found(actor="utrecht") == {"anouk family 7", "anouk match 7", "regional yesterday"}
    assert found(actor="Coordinator Utrecht") == {"anouk family 7", "anouk match 7"}
    assert found(actor="coordinator.amersfoort@example.nl") == {"other family 8"}
    assert found(actor="nobody") == set()
    assert found(model="matching.match") == {"anouk match 7"}
    assert found(object_id="7") == {"anouk family 7", "anouk match 7", "regional yesterday"}
    day = timezone.localdate(yesterday).isoformat()
    assert found(date_from=day, date_to=day) == {"regional yesterday"}
    assert found(date_from=timezone.localdate(NOON).isoformat()) == {
        "anouk family 7",
        "anouk match 7",
        "other family 8",
    }
    # Every registered model is a record type to choose, without reading the log for them.
    choices = dict(client.get(reverse("audit:access_log")).context["form"].fields["model"].choices)
    assert {"families.family", "matching.match", "concerns.concern", "org.user"} <= set(choices)


@pytest.mark.django_db
def test_the_change_log_filters_by_who_and_record(world: World, as_actor) -> None:
    anouk, other = world.users["coordinator_utrecht"], world.users["coordinator_amersfoort"]
    mine = _change(anouk, NOON, pk=101)
    theirs = _change(other, NOON, pk=102)
    system = _change(None, NOON, pk=103)
    client = as_actor("national_office")

    def found(**data: str) -> set[LogEntry]:
        page = client.get(reverse("audit:change_log"), {"model": "org.user", **data})
        return set(page.context["page"]) & {mine, theirs, system}

    assert found() == {mine, theirs, system}
    assert found(actor="amersfoort") == {theirs}
    assert found(actor="Coordinator") == {mine, theirs}
    assert found(object_id="103") == {system}


@pytest.mark.django_db
def test_the_next_page_of_a_log_keeps_its_filters(world: World, as_actor, monkeypatch) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    reader, other = world.users["national_office"], world.users["coordinator_utrecht"]
    for n, user in enumerate((reader, reader, reader, other, other, other)):
        _read(user, NOON - timedelta(minutes=n), "org.user")
    client = as_actor("national_office")
    first = client.get(reverse("audit:access_log"), {"actor": "national"})
    link = first.context["page"].older
    assert f'href="?actor=national&amp;{OLDER}={link}"' in first.content.decode()
    second = client.get(reverse("audit:access_log"), {"actor": "national", OLDER: link})
    assert [entry.user for entry in second.context["page"]] == [reader]
    # Going back keeps the filter and drops the other cursor.
    newer = second.context["page"].newer
    assert f'href="?actor=national&amp;{NEWER}={newer}"' in second.content.decode()
    # The form shows the filter it applied; a filter is optional by nature and says nothing.
    assert 'value="national"' in second.content.decode()
    assert "niet verplicht" not in second.content.decode()
