"""Proposals and their outcome. A support family is never proposed beyond its capacity: its row
is locked while the free place is chosen, and a database constraint refuses a second proposal
for the same place, also when two coordinators act at the same moment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.families import workflow
from buurtgezinnen.families.actions import after_move, record_event, require_case_worker
from buurtgezinnen.families.models import EventKind, Family, Kind, Status
from buurtgezinnen.matching import schedule
from buurtgezinnen.matching.models import (
    MATCH_TRANSITIONS,
    OPEN,
    OPEN_MATCH,
    EndReason,
    Match,
    MatchEvent,
    MatchStatus,
    Proposal,
    ProposalStatus,
    Review,
    ReviewKind,
)
from buurtgezinnen.org.models import User


@transaction.atomic
def propose(
    *,
    request_family: Family,
    support_family: Family,
    by: User,
    score: float | None = None,
    reasons: list[str] | None = None,
) -> Proposal:
    require_case_worker(by, request_family)
    require_case_worker(by, support_family)
    # Lock the support family first: a second coordinator waits here until this one is done.
    support = (
        Family.objects.select_for_update(of=("self",))
        .select_related("offer")
        .get(pk=support_family.pk)
    )
    request = Family.objects.select_for_update().get(pk=request_family.pk)
    if request.kind != Kind.REQUEST or request.status != Status.WAITING:
        raise ValidationError(_("Only a family on the waiting list can get a proposal."))
    if support.kind != Kind.SUPPORT or support.status != Status.AVAILABLE:
        raise ValidationError(_("Only an available support family can be proposed."))
    require_valid_vogs(support)
    if Proposal.objects.filter(request_family=request, status__in=OPEN).exists():
        raise ValidationError(_("This family already has an open proposal."))
    taken = places_taken(support)
    free = [p for p in range(1, support.offer.max_families + 1) if p not in taken]
    if not free:
        raise ValidationError(_("This support family has no room for another family."))
    try:
        with transaction.atomic(), set_actor(by):
            proposal = Proposal.objects.create(
                request_family=request,
                support_family=support,
                place=free[0],
                created_by=by,
                score=score,
                reasons=reasons or [],
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Someone else just proposed this support family. Look again.")
        ) from error
    record_event(
        request, by, EventKind.CHANGED, detail=_("Proposal: %(family)s") % {"family": support.name}
    )
    record_event(
        support,
        by,
        EventKind.CHANGED,
        detail=_("Proposed to %(family)s") % {"family": request.name},
    )
    return proposal


def require_valid_vogs(support: Family) -> None:
    """Every support parent has a valid, checked VOG today (``Family.objects.with_vog_state``).
    Called with the support family's row locked: no proposal or match on an expired VOG."""
    state = Family.objects.with_vog_state(timezone.localdate()).get(pk=support.pk)
    if state.vog_expired:  # type: ignore[attr-defined]  # annotated by with_vog_state()
        raise ValidationError(
            _("The VOG of a support parent has expired. Record a new, checked VOG first.")
        )
    if state.vog_missing:  # type: ignore[attr-defined]  # annotated by with_vog_state()
        raise ValidationError(_("A support parent has no checked VOG yet. Record it first."))


def places_taken(support: Family) -> set[int]:
    """The support family's places held by an open proposal or an open match."""
    return set(
        Proposal.objects.filter(support_family=support, status__in=OPEN).values_list(
            "place", flat=True
        )
    ) | set(
        Match.objects.filter(support_family=support, status__in=OPEN_MATCH).values_list(
            "place", flat=True
        )
    )


def _open(proposal: Proposal) -> Proposal:
    locked = (
        Proposal.objects.select_for_update()
        .select_related("request_family", "support_family")
        .get(pk=proposal.pk)
    )
    if locked.status not in OPEN:
        raise ValidationError(_("This proposal has been decided already."))
    return locked


@transaction.atomic
def plan_introduction(*, proposal: Proposal, by: User, at: datetime) -> Proposal:
    proposal = _open(proposal)
    require_case_worker(by, proposal.request_family)
    proposal.introduction_at = at
    proposal.status = ProposalStatus.INTRODUCTION
    with set_actor(by):
        proposal.save(update_fields=["introduction_at", "status"])
    record_event(proposal.request_family, by, EventKind.CHANGED, detail=introduction_line(at))
    return proposal


# Lines on a timeline name the dates of their own story: each is computed from the step's own
# data (the meeting's moment, the day the trial started), never from today, so that it still
# reads true years later (and when the demo moves a story back in time, it tells them again).


def introduction_line(at: datetime) -> str:
    return _("Introduction planned: %(when)s") % {
        "when": f"{timezone.localtime(at):%d-%m-%Y %H:%M}"
    }


def trial_started_line(trial_started_on: date) -> str:
    """The trial period runs until the evaluation is due, counted from the day it started."""
    return _("Everyone signed the agreement; the trial period runs until %(date)s.") % {
        "date": f"{policy.evaluation_due(trial_started_on):%d-%m-%Y}"
    }


@transaction.atomic
def record_outcome(
    *, proposal: Proposal, by: User, click: bool, request_side: str = "", support_side: str = ""
) -> Proposal:
    """A click starts the match; no click (always with why) returns both to the pool."""
    proposal = _open(proposal)
    require_case_worker(by, proposal.request_family)
    # The support family's row is locked as in ``propose``: its place passes to the match.
    support = Family.objects.select_for_update().get(pk=proposal.support_family_id)
    if not click and not (request_side.strip() or support_side.strip()):
        raise ValidationError(_("Record why it did not click."))
    if click:
        require_valid_vogs(support)  # a VOG may have expired since the proposal
    proposal.status = ProposalStatus.CLICK if click else ProposalStatus.NO_CLICK
    proposal.request_side = request_side
    proposal.support_side = support_side
    proposal.decided_at = timezone.now()
    with set_actor(by):
        proposal.save()
        if click:
            request = Family.objects.select_for_update().get(pk=proposal.request_family_id)
            if not workflow.can_move(request.kind, request.status, Status.MATCHED):
                raise ValidationError(_("This family is no longer on the waiting list."))
            request.status = Status.MATCHED
            request.waiting_since = None
            request.save(update_fields=["status", "waiting_since", "updated_at"])
            record_event(request, by, EventKind.STATUS, before=Status.WAITING, after=Status.MATCHED)
            # The family's public profile now says only that a support family was found.
            after_move(request, Status.WAITING, Status.MATCHED, by)
            match = Match.objects.create(
                proposal=proposal,
                request_family=proposal.request_family,
                support_family=proposal.support_family,
                place=proposal.place,
                started_on=timezone.localdate(),
                created_by=by,
            )
            MatchEvent.objects.create(
                match=match,
                by=by,
                status_after=MatchStatus.AGREEMENT,
                detail=_("It clicked: the agreement and house rules are next."),
            )
    outcome = _("it clicked") if click else _("no click")
    record_event(proposal.request_family, by, EventKind.CHANGED, detail=str(outcome))
    record_event(proposal.support_family, by, EventKind.CHANGED, detail=str(outcome))
    return proposal


# The match's lifecycle. Every step is one function: it locks the match, checks the move against
# MATCH_TRANSITIONS, and writes the step on the match's timeline and on both families' timelines.


def _locked_match(match: Match, by: User) -> Match:
    locked = (
        Match.objects.select_for_update(of=("self",))
        .select_related("request_family", "support_family")
        .get(pk=match.pk)
    )
    require_case_worker(by, locked.request_family)
    return locked


def _match_move(match: Match, target: str, by: User | None, detail: str = "") -> None:
    if target not in MATCH_TRANSITIONS.get(match.status, frozenset()):
        raise ValidationError(
            _("This step is not possible now (the match is “%(status)s”).")
            % {"status": match.get_status_display()}
        )
    before = match.status
    match.status = target
    MatchEvent.objects.create(
        match=match, by=by, status_before=before, status_after=target, detail=detail
    )
    line = _("Match with %(family)s: %(status)s")
    status = match.get_status_display()
    record_event(
        match.request_family,
        by,
        EventKind.CHANGED,
        detail=line % {"family": match.support_family.name, "status": status},
    )
    record_event(
        match.support_family,
        by,
        EventKind.CHANGED,
        detail=line % {"family": match.request_family.name, "status": status},
    )


@transaction.atomic
def start_trial(*, match: Match, by: User | None, on: date | None = None) -> Match:
    """Everyone signed the agreement: the trial period starts (called by the agreements app)."""
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("request_family", "support_family")
        .get(pk=match.pk)
    )
    match.trial_started_on = on or timezone.localdate()
    _match_move(match, MatchStatus.TRIAL, by, trial_started_line(match.trial_started_on))
    with set_actor(by):
        match.save(update_fields=["status", "trial_started_on"])
    return match


REVIEW_STATUSES: dict[str, tuple[MatchStatus, ...]] = {
    ReviewKind.EVALUATION: (MatchStatus.TRIAL,),
    ReviewKind.PROGRESS: (MatchStatus.RUNNING,),
    ReviewKind.CLOSING: (MatchStatus.RUNNING, MatchStatus.CLOSING),
}


def _check_review_kind(match: Match, kind: str) -> None:
    if match.status not in REVIEW_STATUSES[kind]:
        raise ValidationError(
            _("A %(kind)s is not possible now (the match is “%(status)s”).")
            % {"kind": ReviewKind(kind).label, "status": match.get_status_display()}
        )


@transaction.atomic
def plan_review(*, match: Match, by: User, kind: str, at: datetime) -> Review:
    match = _locked_match(match, by)
    _check_review_kind(match, kind)
    review = Review.objects.filter(match=match, kind=kind, held_on__isnull=True).first()
    with set_actor(by):
        if review is None:
            review = Review.objects.create(match=match, kind=kind, planned_at=at)
        else:
            review.planned_at = at
            review.save(update_fields=["planned_at"])
        when = f"{timezone.localtime(at):%d-%m-%Y %H:%M}"
        detail = _("%(kind)s planned: %(when)s") % {"kind": review.get_kind_display(), "when": when}
        if kind == ReviewKind.CLOSING and match.status == MatchStatus.RUNNING:
            _match_move(match, MatchStatus.CLOSING, by, detail)
            match.save(update_fields=["status"])
        else:
            MatchEvent.objects.create(match=match, by=by, detail=detail)
    return review


REVIEW_NOTES = (
    "request_family_notes",
    "support_family_notes",
    "children_notes",
    "support_given",
    "agreement_changes",
    "worries",
    "next_steps",
)


@transaction.atomic
def record_review(
    *,
    match: Match,
    by: User,
    kind: str,
    held_on: date,
    request_family_notes: str = "",
    support_family_notes: str = "",
    children_notes: str = "",
    support_given: str = "",
    agreement_changes: str = "",
    worries: str = "",
    next_steps: str = "",
) -> Review:
    """A held review. The evaluation ends the trial period; the closing conversation starts the
    closure. The next review's due date follows from this one (``schedule.next_review``)."""
    notes = {
        "request_family_notes": request_family_notes,
        "support_family_notes": support_family_notes,
        "children_notes": children_notes,
        "support_given": support_given,
        "agreement_changes": agreement_changes,
        "worries": worries,
        "next_steps": next_steps,
    }
    match = _locked_match(match, by)
    _check_review_kind(match, kind)
    today = timezone.localdate()
    if held_on > today:
        raise ValidationError(_("A conversation cannot be held in the future."))
    if match.trial_started_on and held_on < match.trial_started_on:
        raise ValidationError(_("The conversation cannot be before the trial period started."))
    if not any(notes[name].strip() for name in REVIEW_NOTES):
        raise ValidationError(_("Write down at least how it goes."))
    review = Review.objects.filter(match=match, kind=kind, held_on__isnull=True).first() or Review(
        match=match, kind=kind
    )
    review.held_on = held_on
    review.held_by = by
    for name in REVIEW_NOTES:
        setattr(review, name, notes[name])
    with set_actor(by):
        review.save()
        detail = _("%(kind)s held on %(date)s") % {
            "kind": review.get_kind_display(),
            "date": f"{held_on:%d-%m-%Y}",
        }
        if kind == ReviewKind.EVALUATION:
            match.running_since = held_on
            _match_move(match, MatchStatus.RUNNING, by, detail)
            match.save(update_fields=["status", "running_since"])
        elif kind == ReviewKind.CLOSING and match.status == MatchStatus.RUNNING:
            _match_move(match, MatchStatus.CLOSING, by, detail)
            match.save(update_fields=["status"])
        else:
            MatchEvent.objects.create(match=match, by=by, detail=detail)
    return review


def _support_family_after(match: Match, by: User, available_again: bool) -> None:
    """The support family's place is free again; if it stops and has no other open match, it
    leaves the pool."""
    support = Family.objects.select_for_update().get(pk=match.support_family_id)
    if available_again:
        return
    others = Match.objects.filter(support_family=support, status__in=OPEN_MATCH).exclude(
        pk=match.pk
    )
    if support.status == Status.AVAILABLE and not others.exists():
        before = support.status
        support.status = Status.WITHDRAWN
        support.save(update_fields=["status", "updated_at"])
        record_event(
            support,
            by,
            EventKind.STATUS,
            detail=_("Not available again after the match."),
            before=before,
            after=Status.WITHDRAWN,
        )
        after_move(support, before, Status.WITHDRAWN, by)
    else:
        record_event(
            support, by, EventKind.CHANGED, detail=_("Not available again after the match.")
        )


def _request_family_to(match: Match, by: User, target: str, detail: str) -> None:
    family = Family.objects.select_for_update().get(pk=match.request_family_id)
    if not workflow.can_move(family.kind, family.status, target):
        raise ValidationError(_("This step is not possible for the requesting family now."))
    before = family.status
    family.status = target
    family.waiting_since = timezone.localdate() if target == Status.WAITING else None
    family.save(update_fields=["status", "waiting_since", "updated_at"])
    record_event(family, by, EventKind.STATUS, detail=detail, before=before, after=target)
    after_move(family, before, target, by)


@transaction.atomic
def complete(
    *,
    match: Match,
    by: User,
    continue_together: bool,
    support_available_again: bool,
    note: str = "",
) -> Match:
    """Two years of guidance are over and the closing conversation was held."""
    match = _locked_match(match, by)
    if not match.reviews.filter(kind=ReviewKind.CLOSING, held_on__isnull=False).exists():
        raise ValidationError(_("Record the closing conversation first."))
    match.closed_on = timezone.localdate()
    match.continue_together = continue_together
    match.support_available_again = support_available_again
    match.closing_note = note
    detail = (
        _("Completed; the families go on by themselves.")
        if continue_together
        else _("Completed; the families do not go on together.")
    )
    _match_move(match, MatchStatus.COMPLETED, by, detail)
    with set_actor(by):
        match.save()
        _request_family_to(match, by, Status.COMPLETED, detail)
        _support_family_after(match, by, support_available_again)
    return match


# What happens to the requesting family when its match ends early.
AFTER_EARLY_END = (Status.WAITING, Status.REFERRED, Status.ENDED)


@transaction.atomic
def end_early(
    *,
    match: Match,
    by: User,
    reason: str,
    support_available_again: bool,
    request_family_to: str,
    note: str = "",
) -> Match:
    match = _locked_match(match, by)
    if reason not in EndReason.values:
        raise ValidationError(_("Choose why the match ends."))
    if reason == EndReason.OTHER and not note.strip():
        raise ValidationError(_("Explain why the match ends."))
    if request_family_to not in AFTER_EARLY_END:
        raise ValidationError(_("Choose what happens next for the requesting family."))
    match.closed_on = timezone.localdate()
    match.end_reason = reason
    match.closing_note = note
    match.support_available_again = support_available_again
    detail = _("Ended early: %(reason)s") % {"reason": EndReason(reason).label}
    _match_move(match, MatchStatus.ENDED_EARLY, by, detail)
    with set_actor(by):
        match.save()
        _request_family_to(match, by, request_family_to, detail)
        _support_family_after(match, by, support_available_again)
    return match


def next_review(match: Match) -> schedule.Due | None:
    """What is due next for this match (its held reviews must be prefetched or are queried),
    with its kind as the model's ``ReviewKind``, so a page names it (``due.kind.label``)."""
    held = [r.held_on for r in match.reviews.all() if r.held_on]
    return next_review_after(match, max(held, default=None))


def next_review_after(match: Match, last_held_on: date | None) -> schedule.Due | None:
    """``next_review`` of a match whose latest review held is known (a list has it from
    ``MatchQuerySet.with_next_review``, without loading the reviews)."""
    due = schedule.next_review(match.status, match.trial_started_on, last_held_on)
    return None if due is None else replace(due, kind=ReviewKind(due.kind))
