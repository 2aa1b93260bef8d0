"""Proposals and their outcome. A support family is never proposed beyond its capacity: its row
is locked while the free place is chosen, and a database constraint refuses a second proposal
for the same place, also when two coordinators act at the same moment."""

from __future__ import annotations

from datetime import datetime

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen.families import workflow
from buurtgezinnen.families.actions import record_event, require_case_worker
from buurtgezinnen.families.models import EventKind, Family, Kind, Status
from buurtgezinnen.matching.models import HOLDS_A_PLACE, OPEN, Match, Proposal, ProposalStatus
from buurtgezinnen.org.models import User
from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile


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
    if Proposal.objects.filter(request_family=request, status__in=HOLDS_A_PLACE).exists():
        raise ValidationError(_("This family already has an open proposal."))
    taken = set(
        Proposal.objects.filter(support_family=support, status__in=HOLDS_A_PLACE).values_list(
            "place", flat=True
        )
    )
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
    record_event(
        proposal.request_family,
        by,
        EventKind.CHANGED,
        detail=_("Introduction planned: %(when)s")
        % {"when": f"{timezone.localtime(at):%d-%m-%Y %H:%M}"},
    )
    return proposal


@transaction.atomic
def record_outcome(
    *, proposal: Proposal, by: User, click: bool, request_side: str = "", support_side: str = ""
) -> Proposal:
    """A click starts the match; no click (always with why) returns both to the pool."""
    proposal = _open(proposal)
    require_case_worker(by, proposal.request_family)
    if not click and not (request_side.strip() or support_side.strip()):
        raise ValidationError(_("Record why it did not click."))
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
            # The family's public profile now says a support family was found, and takes no
            # more responses.
            RecruitmentProfile.objects.filter(
                family_id=proposal.request_family_id, status=ProfileStatus.PUBLISHED
            ).update(status=ProfileStatus.FOUND)
            Match.objects.create(
                proposal=proposal,
                request_family=proposal.request_family,
                support_family=proposal.support_family,
                started_on=timezone.localdate(),
                created_by=by,
            )
    outcome = _("it clicked") if click else _("no click")
    record_event(proposal.request_family, by, EventKind.CHANGED, detail=str(outcome))
    record_event(proposal.support_family, by, EventKind.CHANGED, detail=str(outcome))
    return proposal
