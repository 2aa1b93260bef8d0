"""Families and matches in the states the agenda reports, made through the real actions."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from buurtgezinnen.families import actions as family_actions
from buurtgezinnen.families.models import Family
from buurtgezinnen.matching import actions as matching_actions
from buurtgezinnen.matching.models import Match, Proposal
from buurtgezinnen.org.models import Municipality, User
from tests.matching.test_proposals import available, waiting


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def plan(family: Family, by: User, day: date, number: int = 1) -> None:
    family_actions.plan_conversation(family=family, by=by, number=number, planned_at=at(day))


def proposal(world, municipality: Municipality, by: User, introduction: date | None) -> Proposal:
    made = matching_actions.propose(
        request_family=waiting(world, municipality),
        support_family=available(world, municipality=municipality),
        by=by,
    )
    if introduction is not None:
        made = matching_actions.plan_introduction(proposal=made, by=by, at=at(introduction))
    return made


def match_in_trial(world, municipality: Municipality, by: User, started: date) -> Match:
    made = proposal(world, municipality, by, timezone.localdate())
    matching_actions.record_outcome(proposal=made, by=by, click=True)
    match = Match.objects.get(proposal=made)
    return matching_actions.start_trial(match=match, by=by, on=started)
