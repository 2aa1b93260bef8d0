"""The agenda shows agreements awaiting signatures, with who has not signed (first names only),
in the user's case scope, in a number of queries that does not grow with the matches."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buurtgezinnen.agenda.items import items_for
from buurtgezinnen.agreements import agenda
from buurtgezinnen.org.scoping import forget_scope
from tests.agreements.helpers import sent_agreement
from tests.conftest import World


def _count(user) -> tuple[int, list]:
    forget_scope(user)
    with CaptureQueriesContext(connection) as queries:
        found = list(agenda.items(user, timezone.localdate()))
    return len(queries), found


@pytest.mark.django_db
def test_agreements_awaiting_signatures_name_who_has_not_signed(world: World, client) -> None:
    from tests.agreements.test_signing import _sign

    agreement, links = sent_agreement(world)
    first = agreement.signatures.select_related("person").first()
    _sign(client, links[first.person.email])
    coordinator = world.users["coordinator_utrecht"]
    found = [
        i for i in items_for(coordinator, timezone.localdate()) if i.kind == "agreement_signatures"
    ]
    assert len(found) == 1
    item = found[0]
    waiting = agreement.signatures.exclude(pk=first.pk).get()
    assert item.detail == f"nog niet getekend: {waiting.first_name}"
    assert waiting.person.last_name not in item.detail
    assert item.url == f"/koppelingen/{agreement.match_id}/afspraken/"
    # Outside the scope: nothing.
    assert _count(world.users["coordinator_amersfoort"])[1] == []
    assert _count(world.users["national_office"])[1] == []


@pytest.mark.django_db
def test_the_agenda_query_count_does_not_grow_with_the_matches(world: World) -> None:
    coordinator = world.users["coordinator_utrecht"]
    sent_agreement(world)
    one, found = _count(coordinator)
    assert len(found) == 1
    for _ in range(3):
        sent_agreement(world)
    many, found = _count(coordinator)
    assert len(found) == 4
    assert many == one <= 4
