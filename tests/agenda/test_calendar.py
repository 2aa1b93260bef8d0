"""The private calendar feed: a secret per user, stored as a hash, revocable, valid iCalendar."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen.agenda import actions, ical
from buurtgezinnen.agenda.models import CalendarToken
from buurtgezinnen.core.tokens import hash_secret as hash_token
from buurtgezinnen.matching import actions as matching_actions
from buurtgezinnen.matching.models import ReviewKind
from tests.agenda.helpers import at, match_in_trial, plan, proposal
from tests.conftest import World, client_for
from tests.families.factories import make_family

TODAY = timezone.localdate()


def parse(text: str) -> list[dict[str, str]]:
    """A strict reading of the feed: CRLF lines of at most 75 octets, unfolded, into events."""
    assert text.endswith("\r\n")
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in raw)
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            assert "\n" not in line and "\r" not in line
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    events, current = [], None
    for line in lines[1:-1]:
        name, _sep, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(current)
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return events


def test_escaping_and_folding_by_octets() -> None:
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 80
    folded = ical.fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode()) <= 74 for p in parts[1:]) and len(parts[0].encode()) <= 75
    assert "".join(parts) == line


@pytest.mark.django_db
def test_the_feed_lists_planned_meetings_without_names(world: World) -> None:
    user = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht, name="Jansen")
    plan(family, user, TODAY + timedelta(days=2))
    make_family_elsewhere = make_family(world.amersfoort, name="Elders")
    plan(make_family_elsewhere, world.users["coordinator_amersfoort"], TODAY + timedelta(days=2))
    intro = proposal(world, world.utrecht, user, TODAY + timedelta(days=3))
    match = match_in_trial(world, world.utrecht, user, started=TODAY - timedelta(days=50))
    matching_actions.plan_review(
        match=match, by=user, kind=ReviewKind.EVALUATION, at=at(TODAY + timedelta(days=9))
    )
    secret = actions.create_calendar_token(by=user)

    response = client_for(None).get(reverse("agenda:calendar_feed", args=[secret]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    events = parse(text)
    assert len(events) == 3
    assert {e["UID"] for e in events} == {
        f"conversation-{family.conversations.get().pk}@buurtgezinnen",
        f"introduction-{intro.pk}@buurtgezinnen",
        f"review-{match.reviews.get().pk}@buurtgezinnen",
    }
    assert "Jansen" not in text and "Elders" not in text
    assert any(e["SUMMARY"] == "Kennismakingsgesprek 1 (Buurtgezinnen)" for e in events)
    starts = {e["DTSTART"] for e in events}
    assert at(TODAY + timedelta(days=2)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in starts
    assert CalendarToken.objects.get(user=user).last_used_at is not None


@pytest.mark.django_db
def test_only_the_hash_is_stored_and_a_revoked_or_replaced_link_is_gone(world: World) -> None:
    user = world.users["coordinator_utrecht"]
    client = client_for(user)
    page = client.post(reverse("agenda:calendar_new")).content.decode()
    token = CalendarToken.objects.get(user=user)
    secret = page.split("/kalender/")[1].split(".ics")[0]
    assert token.token_hash == hash_token(secret) and secret not in token.token_hash
    anonymous = client_for(None)
    assert anonymous.get(reverse("agenda:calendar_feed", args=[secret])).status_code == 200
    # The page shows the link once: a later visit does not.
    assert secret not in client.get(reverse("agenda:calendar")).content.decode()

    newer = client.post(reverse("agenda:calendar_new")).content.decode()
    new_secret = newer.split("/kalender/")[1].split(".ics")[0]
    assert anonymous.get(reverse("agenda:calendar_feed", args=[secret])).status_code == 404
    assert anonymous.get(reverse("agenda:calendar_feed", args=[new_secret])).status_code == 200

    assert client.post(reverse("agenda:calendar_revoke")).status_code == 302
    assert anonymous.get(reverse("agenda:calendar_feed", args=[new_secret])).status_code == 404
    assert anonymous.get(reverse("agenda:calendar_feed", args=["geraden"])).status_code == 404


@pytest.mark.django_db
def test_a_link_stops_working_with_the_role_or_the_account(world: World) -> None:
    user = world.users["coordinator_utrecht"]
    secret = actions.create_calendar_token(by=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client_for(None).get(reverse("agenda:calendar_feed", args=[secret])).status_code == 404
    # Someone without a case scope gets no feed either.
    other = actions.create_calendar_token(by=world.users["national_office"])
    assert client_for(None).get(reverse("agenda:calendar_feed", args=[other])).status_code == 404
