"""Demo matches in every state, with dates in the past so that the rhythm shows: an evaluation
and a progress review overdue, a closure coming up, one completed and one ended early.

Runs after ``demo.recruitment`` (which makes one click per municipality). Every step goes
through ``matching.actions``; afterwards the timestamps of each step are set back to the day it
happened in this story. Idempotent: skipped when any match has left the agreement stage.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.demo.families import coordinator_of
from buurtgezinnen.families.models import Conversation, Family, FamilyEvent, Kind, Status, Vog
from buurtgezinnen.matching import actions
from buurtgezinnen.matching.models import (
    EndReason,
    Match,
    MatchEvent,
    MatchStatus,
    Proposal,
    ReviewKind,
)
from buurtgezinnen.org.models import Municipality, User
from buurtgezinnen.recruitment.models import RecruitmentProfile

NOTES = {
    ReviewKind.EVALUATION: {
        "request_family_notes": "Moeder is opgelucht: de woensdagmiddag geeft haar lucht.",
        "support_family_notes": "Het steungezin vindt het leuk en wil doorgaan.",
        "children_notes": "De kinderen gaan graag; ze bakken pannenkoeken en spelen buiten.",
        "support_given": "Elke woensdagmiddag opvang, af en toe een maaltijd.",
        "next_steps": "Zo doorgaan; over een half jaar een voortgangsgesprek.",
    },
    ReviewKind.PROGRESS: {
        "request_family_notes": "Het gaat goed. Moeder heeft weer werk gevonden voor twee dagen.",
        "support_family_notes": "Contact loopt vanzelf, ook buiten de vaste middag.",
        "children_notes": "De oudste fietst nu zelf naar het steungezin.",
        "support_given": "Woensdagmiddag en eens per maand een logeerweekend.",
        "agreement_changes": "Logeren is erbij gekomen.",
        "next_steps": "Over een half jaar weer een gesprek.",
    },
    ReviewKind.CLOSING: {
        "request_family_notes": "Het gezin staat er sterker voor; het netwerk is gegroeid.",
        "support_family_notes": "Het steungezin blijft graag contact houden.",
        "children_notes": "De kinderen zien het steungezin als familie.",
        "next_steps": "De gezinnen gaan zelf verder.",
    },
}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _step(match: Match, day: date, action: Callable[[], object]) -> None:
    """Run one action and date what it wrote on the timelines to ``day``."""
    mark = timezone.now() - timedelta(seconds=1)
    action()
    MatchEvent.objects.filter(match=match, at__gte=mark).update(at=_at(day))
    FamilyEvent.objects.filter(
        family_id__in=[match.request_family_id, match.support_family_id], at__gte=mark
    ).update(at=_at(day))


# What each family's history is made of, with its dates: (model, family lookup, date fields).
HISTORY: tuple[tuple[type[Model], str, tuple[str, ...]], ...] = (
    (Family, "pk", ("applied_on", "consent_at", "decided_at", "waiting_since")),
    (Conversation, "family_id", ("planned_at", "held_on", "helpline_mentioned_on")),
    (FamilyEvent, "family_id", ("at",)),
    (Vog, "person__family_id", ("requested_on", "received_on", "issued_on", "checked_on")),
    (RecruitmentProfile, "family_id", ("consent_at", "approved_at", "published_at")),
)


def _shift_history(family_id: int, days: int) -> None:
    """Move a family's whole history ``days`` back, so that a long match fits after it."""
    delta = timedelta(days=days)
    for model, lookup, fields in HISTORY:
        for row in model.objects.filter(**{lookup: family_id}):  # type: ignore[attr-defined]
            for name in fields:
                if getattr(row, name) is not None:
                    setattr(row, name, getattr(row, name) - delta)
            row.save(update_fields=list(fields))


def _live(match: Match, by: User, clicked: date, until: str, today: date) -> None:
    """Take an agreement-stage match through its life up to ``until``, starting ``clicked``:
    first both families' histories move back so that they end on the day it clicked."""
    for family_id in (match.request_family_id, match.support_family_id):
        _shift_history(family_id, (today - clicked).days)
    Proposal.objects.filter(pk=match.proposal_id).update(
        created_at=_at(clicked) - timedelta(days=14), decided_at=_at(clicked)
    )
    Match.objects.filter(pk=match.pk).update(started_on=clicked)
    MatchEvent.objects.filter(match=match).update(at=_at(clicked))
    trial = clicked + timedelta(days=6)
    _step(match, trial, lambda: actions.start_trial(match=match, by=by, on=trial))
    if until == MatchStatus.TRIAL:
        return
    held = policy.evaluation_due(trial) + timedelta(days=3)
    _step(
        match,
        held,
        lambda: actions.record_review(
            match=match, by=by, kind=ReviewKind.EVALUATION, held_on=held, **NOTES["evaluation"]
        ),
    )
    ends = policy.guidance_ends(trial)
    while (due := policy.next_progress_review(held)) < min(ends, today):
        held = due + timedelta(days=5)
        if held > today - timedelta(days=60):
            break  # the last one is left overdue (or not yet due)
        _step(
            match,
            held,
            lambda day=held: actions.record_review(
                match=match, by=by, kind=ReviewKind.PROGRESS, held_on=day, **NOTES["progress"]
            ),
        )
    if until == MatchStatus.RUNNING:
        return
    if until == MatchStatus.CLOSING:
        planned = _at(today + timedelta(days=3)) + timedelta(hours=4)
        actions.plan_review(match=match, by=by, kind=ReviewKind.CLOSING, at=planned)
        return
    if until == MatchStatus.ENDED_EARLY:
        ended = today - timedelta(days=12)
        _step(
            match,
            ended,
            lambda: actions.end_early(
                match=match,
                by=by,
                reason=EndReason.MOVED,
                note="Het steungezin verhuist naar Groningen.",
                support_available_again=False,
                request_family_to=Status.WAITING,
            ),
        )
        Match.objects.filter(pk=match.pk).update(closed_on=ended)
        Family.objects.filter(pk=match.request_family_id).update(waiting_since=ended)
        return
    closing = min(ends, today - timedelta(days=20))
    _step(
        match,
        closing,
        lambda: actions.record_review(
            match=match, by=by, kind=ReviewKind.CLOSING, held_on=closing, **NOTES["closing"]
        ),
    )
    _step(
        match,
        closing,
        lambda: actions.complete(
            match=match,
            by=by,
            continue_together=True,
            support_available_again=True,
            note="Twee jaar begeleid; de gezinnen spreken zelf af.",
        ),
    )
    Match.objects.filter(pk=match.pk).update(closed_on=closing)


# Per municipality (CBS code): how long ago it clicked, and how far its life has come.
STORY: dict[str, tuple[int, str]] = {
    "GM0307": (80, MatchStatus.TRIAL),  # Amersfoort: the evaluation is overdue
    "GM0355": (30, MatchStatus.TRIAL),  # Zeist: the evaluation comes in a month
    "GM0310": (300, MatchStatus.RUNNING),  # De Bilt: a progress review is overdue
    "GM0321": (740, MatchStatus.CLOSING),  # Houten: the closing conversation is planned
}
# Two more pairs, made here (in the first municipality with a free pair): one completed, one
# ended early.
EXTRA: tuple[tuple[tuple[str, ...], int, str], ...] = (
    (("GM0344", "GM0307"), 800, MatchStatus.COMPLETED),
    (("GM0307", "GM0344", "GM0355"), 150, MatchStatus.ENDED_EARLY),
)


def _new_click(municipality: Municipality, by: User) -> Match | None:
    waiting = (
        Family.objects.filter(municipality=municipality, kind=Kind.REQUEST, status=Status.WAITING)
        .exclude(proposals_received__status__in=("proposed", "introduction"))
        .order_by("-waiting_since", "-pk")
    )
    for family in waiting:
        for support in Family.objects.filter(
            municipality=municipality, kind=Kind.SUPPORT, status=Status.AVAILABLE
        ).select_related("offer"):
            if len(actions.places_taken(support)) >= support.offer.max_families:
                continue
            proposal = actions.propose(request_family=family, support_family=support, by=by)
            actions.record_outcome(proposal=proposal, by=by, click=True)
            return Match.objects.get(proposal=proposal)
    return None


@transaction.atomic
def load_matches() -> None:
    if Match.objects.exclude(status=MatchStatus.AGREEMENT).exists():
        return
    today = timezone.localdate()
    for match in Match.objects.select_related("request_family__municipality"):
        story = STORY.get(match.request_family.municipality.cbs_code)
        by = coordinator_of(match.request_family.municipality)
        if story and by:
            _live(match, by, today - timedelta(days=story[0]), story[1], today)
    for codes, days_ago, until in EXTRA:
        for municipality in Municipality.objects.filter(cbs_code__in=codes):
            by = coordinator_of(municipality)
            match = _new_click(municipality, by) if by else None
            if match and by:
                _live(match, by, today - timedelta(days=days_ago), until, today)
                break
