"""Dates on a timeline are the dates of then: a line names what was true on its own day."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen.matching import actions
from buurtgezinnen.matching.models import MatchEvent, MatchStatus
from tests.conftest import World, client_for
from tests.matching.test_lifecycle import clicked


def noon(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


@pytest.mark.django_db
@pytest.mark.parametrize("written_on", [date(2024, 3, 1), date(2026, 12, 2), date(2031, 7, 15)])
def test_the_trial_line_names_the_end_of_its_own_trial(world: World, written_on: date) -> None:
    anouk = world.users["coordinator_utrecht"]
    match = clicked(world)
    with time_machine.travel(noon(written_on), tick=False):
        actions.start_trial(match=match, by=anouk, on=date(2024, 3, 1))
    line = MatchEvent.objects.get(match=match, status_after=MatchStatus.TRIAL).detail
    assert line == "Iedereen heeft de afspraken ondertekend; de proefperiode loopt tot 01-05-2024."
    # Read years later, it still says the same.
    with time_machine.travel(noon(date(2029, 1, 1)), tick=False):
        page = client_for(anouk).get(reverse("matching:detail", args=[match.pk]))
    assert "de proefperiode loopt tot 01-05-2024" in page.content.decode()


def test_the_lines_are_computed_from_their_own_dates() -> None:
    assert actions.trial_started_line(date(2024, 12, 31)).endswith("loopt tot 28-02-2025.")
    at = timezone.make_aware(datetime(2024, 11, 20, 10, 0))
    assert actions.introduction_line(at) == "Kennismaking gepland: 20-11-2024 10:00"
