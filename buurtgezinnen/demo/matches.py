"""Demo matches in every state, with dates in the past so that the rhythm shows: an evaluation
and a progress review overdue, a closure coming up, one completed and one ended early.

Runs after ``demo.agreements`` (every click's agreement signed, so the trial has started). Every
step goes through the actions; afterwards the timestamps of each step are set back to the day it
happened in this story (and the signed PDF is made again with those dates), and the lines on the
timelines that name a date are told again with the story's dates. Idempotent: skipped when the
stories were told already.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.agreements import pdf
from buurtgezinnen.demo.agreements import sign
from buurtgezinnen.demo.families import ACTIVE, coordinator_of
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
from buurtgezinnen.recruitment import actions as recruitment_actions
from buurtgezinnen.recruitment.models import RecruitmentProfile, SocialPost

# Posts about the profile of a family that clicked longer ago than this were taken down when its
# "found!" period ended; more recent ones still wait on the agenda.
POSTS_STILL_UP_DAYS = 100

NOTES: dict[str, dict[str, str]] = {
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


# What each family's history is made of, with its dates: (model, family lookup, date fields,
# text fields that may name a date, such as "1: 12-08-2026 10:00" for a planned conversation).
HISTORY: tuple[tuple[type[Model], str, tuple[str, ...], tuple[str, ...]], ...] = (
    (Family, "pk", ("applied_on", "consent_at", "decided_at", "waiting_since"), ()),
    (Conversation, "family_id", ("planned_at", "held_on", "helpline_mentioned_on"), ()),
    (FamilyEvent, "family_id", ("at",), ("detail",)),
    (Vog, "person__family_id", ("requested_on", "received_on", "issued_on", "checked_on"), ()),
    (
        RecruitmentProfile,
        "family_id",
        ("consent_at", "approved_at", "published_at", "closed_at"),
        (),
    ),
    (SocialPost, "profile__family_id", ("posted_on",), ()),
    # Proposals are the requesting family's story: its timeline names their introductions.
    (Proposal, "request_family_id", ("created_at", "introduction_at", "decided_at"), ()),
)
# A date as the timelines write it (``matching.actions``, ``families.actions``): 12-08-2026.
DATE_IN_TEXT = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")


def _shift_text(text: str, delta: timedelta) -> str:
    """The dates a line names move back with the history it is part of."""

    def back(found: re.Match[str]) -> str:
        day, month, year = (int(part) for part in found.groups())
        return f"{date(year, month, day) - delta:%d-%m-%Y}"

    return DATE_IN_TEXT.sub(back, text)


def _shift_history(family_id: int, days: int) -> None:
    """Move a family's whole history ``days`` back, so that a long match fits after it."""
    delta = timedelta(days=days)
    for model, lookup, fields, texts in HISTORY:
        for row in model._default_manager.filter(**{lookup: family_id}):
            for name in fields:
                if getattr(row, name) is not None:
                    setattr(row, name, getattr(row, name) - delta)
            for name in texts:
                setattr(row, name, _shift_text(getattr(row, name), delta))
            row.save(update_fields=[*fields, *texts])


def _backdate_proposal(proposal: Proposal, clicked: date, planned_lines: list[int]) -> None:
    """The proposal was made two weeks before the click and the introduction meeting held two
    days before it; the line that planned the meeting names that day."""
    introduction = _at(clicked - timedelta(days=2)) if proposal.introduction_at else None
    Proposal.objects.filter(pk=proposal.pk).update(
        created_at=_at(clicked) - timedelta(days=14),
        introduction_at=introduction,
        decided_at=_at(clicked),
    )
    if introduction is not None:
        FamilyEvent.objects.filter(pk__in=planned_lines).update(
            detail=actions.introduction_line(introduction)
        )


def _backdate_agreement(match: Match, clicked: date, trial: date) -> None:
    """The agreement was sent the day after the click and signed by everyone on ``trial``; its
    PDF is made again so that it shows those dates."""
    for agreement in match.agreements.filter(signed_at__isnull=False):
        agreement.sent_at = _at(clicked + timedelta(days=1))
        agreement.signed_at = _at(trial)
        agreement.save(update_fields=["sent_at", "signed_at"])
        agreement.signatures.update(
            link_sent_at=agreement.sent_at,
            link_expires_at=agreement.sent_at + timedelta(days=policy.SIGNING_LINK_DAYS),
            signed_at=_at(trial) - timedelta(hours=3),
        )
        agreement.signatures.filter(person__isnull=True).update(signed_at=_at(trial))
        document = pdf.render(agreement, match)
        agreement.pdf.delete(save=False)
        agreement.pdf.save(
            f"afspraken-{match.pk}-v{agreement.version}.pdf", ContentFile(document), save=False
        )
        agreement.checksum = hashlib.sha256(document).hexdigest()
        agreement.save(update_fields=["pdf", "checksum"])


def _remove_posts(match: Match, by: User, day: date) -> None:
    """The coordinator confirmed on ``day`` that the posts about the family's profile are gone."""
    profile = RecruitmentProfile.objects.filter(family_id=match.request_family_id).first()
    if profile is None or not profile.posts.filter(removed_at__isnull=True).exists():
        return
    _step(match, day, lambda: recruitment_actions.confirm_posts_removed(profile=profile, by=by))
    profile.posts.update(removed_at=_at(day))


def _live(match: Match, by: User, clicked: date, until: str, today: date) -> None:
    """Give a match whose agreement was just signed the history of one that clicked on
    ``clicked``, and take it through its life up to ``until``. First both families' histories
    move back so that they end on the day the trial started."""
    trial = clicked + timedelta(days=6)
    proposal = Proposal.objects.get(pk=match.proposal_id)
    # The line that planned the introduction, found while it reads as the action wrote it.
    planned_lines = (
        list(
            FamilyEvent.objects.filter(
                family_id=match.request_family_id,
                detail=actions.introduction_line(proposal.introduction_at),
            ).values_list("pk", flat=True)
        )
        if proposal.introduction_at
        else []
    )
    for family_id in (match.request_family_id, match.support_family_id):
        _shift_history(family_id, (today - trial).days)
    _backdate_proposal(proposal, clicked, planned_lines)
    Match.objects.filter(pk=match.pk).update(started_on=clicked, trial_started_on=trial)
    match.refresh_from_db()
    MatchEvent.objects.filter(match=match).update(at=_at(trial))
    MatchEvent.objects.filter(match=match, status_after=MatchStatus.AGREEMENT).update(
        at=_at(clicked)
    )
    # The trial's line was written today; it names the end of the story's trial instead.
    MatchEvent.objects.filter(match=match, status_after=MatchStatus.TRIAL).update(
        detail=actions.trial_started_line(trial)
    )
    _backdate_agreement(match, clicked, trial)
    if (today - clicked).days > POSTS_STILL_UP_DAYS:
        _remove_posts(match, by, trial + timedelta(days=policy.PROFILE_FOUND_DAYS))
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
            partial(
                actions.record_review,
                match=match,
                by=by,
                kind=ReviewKind.PROGRESS,
                held_on=held,
                **NOTES["progress"],
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


# The lives of the signed demo matches, in order: how long ago each clicked, how far it came.
STORIES: tuple[tuple[int, str], ...] = (
    (80, MatchStatus.TRIAL),  # the evaluation is overdue
    (30, MatchStatus.TRIAL),  # the evaluation comes in a month
    (300, MatchStatus.RUNNING),  # a progress review is overdue
    (740, MatchStatus.CLOSING),  # the closing conversation is planned
    (800, MatchStatus.COMPLETED),
    (150, MatchStatus.ENDED_EARLY),
)


def _new_click() -> Match | None:
    """One more click (with its agreement signed) where a free pair is left."""
    for municipality in Municipality.objects.filter(cbs_code__in=ACTIVE).order_by("cbs_code"):
        waiting = (
            Family.objects.filter(
                municipality=municipality, kind=Kind.REQUEST, status=Status.WAITING
            )
            .exclude(proposals_received__status__in=("proposed", "introduction"))
            .order_by("-waiting_since", "-pk")
        )
        coordinator = coordinator_of(municipality)
        if coordinator is None:
            continue
        for family in waiting:
            for support in Family.objects.filter(
                municipality=municipality, kind=Kind.SUPPORT, status=Status.AVAILABLE
            ).select_related("offer"):
                if len(actions.places_taken(support)) >= support.offer.max_families:
                    continue
                try:
                    proposal = actions.propose(
                        request_family=family, support_family=support, by=coordinator
                    )
                except ValidationError:
                    continue  # e.g. a VOG that has expired: never proposed
                actions.record_outcome(proposal=proposal, by=coordinator, click=True)
                match = Match.objects.get(proposal=proposal)
                sign(match, coordinator)
                match.refresh_from_db()
                return match if match.status == MatchStatus.TRIAL else None
    return None


@transaction.atomic
def load_matches() -> None:
    today = timezone.localdate()
    if Match.objects.filter(started_on__lt=today).exists():
        return  # the stories were told already
    signed = list(
        Match.objects.filter(status=MatchStatus.TRIAL)
        .select_related("request_family__municipality")
        .order_by("pk")
    )
    for number, (days_ago, until) in enumerate(STORIES):
        match = signed[number] if number < len(signed) else _new_click()
        by = coordinator_of(match.request_family.municipality) if match else None
        if match and by:
            _live(match, by, today - timedelta(days=days_ago), until, today)
