"""Every change to a concern, a step of the reporting code, a reporting link or a referral.

Keyword-only, atomic, with ``by=`` the acting user (``None`` for a support parent using a link).
A step locks the concern's row, so two coordinators cannot record the same step at once; the order
itself is ``meldcode.may_record``. Mail is queued after commit and says only that there is a
concern, never what it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.concerns import meldcode, tasks
from buurtgezinnen.concerns.access import require_concern_worker
from buurtgezinnen.concerns.models import (
    Concern,
    ConcernKind,
    ConcernLink,
    ConcernStatus,
    MeldcodeStep,
    Referral,
    ReferralOutcome,
    ReportedThrough,
    Step,
)
from buurtgezinnen.core import tokens
from buurtgezinnen.core.unchanged import write
from buurtgezinnen.families.actions import require_case_worker
from buurtgezinnen.families.models import Child, Family, Kind, Person, ServiceOrganisation
from buurtgezinnen.matching.models import Match
from buurtgezinnen.org.models import User

# The fields each step records (besides the reasoning, which every step has).
STEP_FIELDS: dict[int, tuple[str, ...]] = {
    Step.SIGNS: ("signs",),
    Step.CONSULT: ("colleague", "veilig_thuis_consulted", "veilig_thuis_advice"),
    Step.TALK: ("talked_with_parents", "not_talked_reason"),
    Step.WEIGH: tuple(f"q{n}_{part}" for n in range(1, 6) for part in ("answer", "explanation")),
    Step.DECIDE: (
        "help_organised",
        "help_note",
        "reported_to_veilig_thuis",
        "reported_on",
        "veilig_thuis_reference",
    ),
    Step.ACUTE: ("reported_on", "veilig_thuis_reference"),
}


def require_concern_reader(by: User | None, family: Family) -> None:
    """Every change to a family's concerns: its coordinator or their stand-in. The safety officer
    reads safety concerns (``access.concerns_for``) but does not change them (decision 30)."""
    require_concern_worker(by, family)


def _locked(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().select_related("family").get(pk=concern.pk)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@transaction.atomic
def record_concern(
    *,
    family: Family,
    by: User,
    description: str,
    kind: str = ConcernKind.WORRY,
    child: Child | None = None,
    match: Match | None = None,
) -> Concern:
    require_concern_reader(by, family)
    if kind not in ConcernKind.values:
        raise ValidationError({"kind": _("Choose the kind of concern.")})
    if _blank(description):
        raise ValidationError({"description": _("Describe the concern.")})
    if child is not None and child.family_id != family.pk:
        raise ValidationError({"child": _("Choose a child of this family.")})
    if match is not None and family.pk not in (match.request_family_id, match.support_family_id):
        raise ValidationError({"match": _("Choose a match of this family.")})
    with set_actor(by):
        concern = Concern.objects.create(
            family=family,
            child=child,
            match=match,
            kind=kind,
            description=description.strip(),
            reported_through=ReportedThrough.STAFF,
            reported_by=by,
            escalated_at=None,
        )
    return concern


@transaction.atomic
def escalate(*, concern: Concern, by: User) -> Concern:
    """A plain worry becomes a safety concern: from now on the reporting code applies."""
    concern = _locked(concern)
    require_concern_reader(by, concern.family)
    if not concern.is_open:
        raise ValidationError(_("This concern is closed."))
    if concern.kind == ConcernKind.SAFETY:
        raise ValidationError(_("This concern already follows the reporting code."))
    concern.kind = ConcernKind.SAFETY
    concern.escalated_at = timezone.now()
    with set_actor(by):
        concern.save(update_fields=["kind", "escalated_at", "updated_at"])
    return concern


def _validate_step(step: int, data: dict[str, Any], weighing: MeldcodeStep | None) -> None:
    errors: dict[str, str] = {}
    if _blank(data.get("reasoning")):
        errors["reasoning"] = _("Write down your reasoning.")
    if step == Step.SIGNS and _blank(data.get("signs")):
        errors["signs"] = _("Describe the signs.")
    if step == Step.CONSULT:
        if _blank(data.get("colleague")):
            errors["colleague"] = _("Whom did you consult? Name and role.")
        if data.get("veilig_thuis_consulted") is None:
            errors["veilig_thuis_consulted"] = _("Say whether you consulted Veilig Thuis.")
        elif data["veilig_thuis_consulted"] and _blank(data.get("veilig_thuis_advice")):
            errors["veilig_thuis_advice"] = _("What did Veilig Thuis advise?")
    if step == Step.TALK:
        if data.get("talked_with_parents") is None:
            errors["talked_with_parents"] = _("Say whether you talked with the parents.")
        elif not data["talked_with_parents"] and _blank(data.get("not_talked_reason")):
            errors["not_talked_reason"] = _(
                "Explain why talking with the parents would endanger safety."
            )
    if step == Step.WEIGH:
        for n in range(1, 6):
            if data.get(f"q{n}_answer") is None:
                errors[f"q{n}_answer"] = _("Answer yes or no.")
            if _blank(data.get(f"q{n}_explanation")):
                errors[f"q{n}_explanation"] = _("Explain your answer.")
    reports = step == Step.ACUTE or bool(data.get("reported_to_veilig_thuis"))
    if step == Step.DECIDE:
        if not data.get("help_organised") and not reports:
            errors["help_organised"] = _("Organise help, report to Veilig Thuis, or both.")
        if data.get("help_organised") and _blank(data.get("help_note")):
            errors["help_note"] = _("Which help is organised?")
        if weighing is not None and needs_report(weighing) and not reports:
            errors["reported_to_veilig_thuis"] = _(
                "Your answers in step 4 mean a report to Veilig Thuis is needed."
            )
    if reports:
        if data.get("reported_on") is None:
            errors["reported_on"] = _("On which date did you report?")
        elif data["reported_on"] > timezone.localdate():
            errors["reported_on"] = _("The date of the report cannot be in the future.")
        if _blank(data.get("veilig_thuis_reference")):
            errors["veilig_thuis_reference"] = _("Fill in the reference Veilig Thuis gave.")
    if errors:
        raise ValidationError(errors)


def needs_report(weighing: MeldcodeStep) -> bool:
    """The afwegingskader's norm: a suspicion with acute or structural unsafety, or help that
    cannot be given, is not accepted or does not work, is reported to Veilig Thuis."""
    return bool(weighing.q1_answer) and (
        weighing.q2_answer is True
        or weighing.q3_answer is False
        or weighing.q4_answer is False
        or weighing.q5_answer is False
    )


@transaction.atomic
def record_step(
    *,
    concern: Concern,
    by: User,
    step: int,
    reasoning: str,
    # Step 1
    signs: str | None = None,
    # Step 2
    colleague: str | None = None,
    veilig_thuis_consulted: bool | None = None,
    veilig_thuis_advice: str | None = None,
    # Step 3
    talked_with_parents: bool | None = None,
    not_talked_reason: str | None = None,
    # Step 4
    q1_answer: bool | None = None,
    q1_explanation: str | None = None,
    q2_answer: bool | None = None,
    q2_explanation: str | None = None,
    q3_answer: bool | None = None,
    q3_explanation: str | None = None,
    q4_answer: bool | None = None,
    q4_explanation: str | None = None,
    q5_answer: bool | None = None,
    q5_explanation: str | None = None,
    # Step 5 and the acute report
    help_organised: bool | None = None,
    help_note: str | None = None,
    reported_to_veilig_thuis: bool | None = None,
    reported_on: date | None = None,
    veilig_thuis_reference: str | None = None,
) -> MeldcodeStep:
    """Records ``step`` if it is the next one (or the acute report, possible at any step).

    ``None`` is "not given"; only the fields of ``step`` (``STEP_FIELDS``) may be given.
    """
    values: dict[str, Any] = {
        "signs": signs,
        "colleague": colleague,
        "veilig_thuis_consulted": veilig_thuis_consulted,
        "veilig_thuis_advice": veilig_thuis_advice,
        "talked_with_parents": talked_with_parents,
        "not_talked_reason": not_talked_reason,
        "q1_answer": q1_answer,
        "q1_explanation": q1_explanation,
        "q2_answer": q2_answer,
        "q2_explanation": q2_explanation,
        "q3_answer": q3_answer,
        "q3_explanation": q3_explanation,
        "q4_answer": q4_answer,
        "q4_explanation": q4_explanation,
        "q5_answer": q5_answer,
        "q5_explanation": q5_explanation,
        "help_organised": help_organised,
        "help_note": help_note,
        "reported_to_veilig_thuis": reported_to_veilig_thuis,
        "reported_on": reported_on,
        "veilig_thuis_reference": veilig_thuis_reference,
    }
    concern = _locked(concern)
    require_concern_reader(by, concern.family)
    if not concern.is_open:
        raise ValidationError(_("This concern is closed."))
    if concern.kind != ConcernKind.SAFETY:
        raise ValidationError(_("Only a safety concern follows the reporting code."))
    recorded = {s.step: s for s in concern.steps.all()}
    if not meldcode.may_record(recorded, step):
        expected = meldcode.next_step(recorded)
        if expected is None:
            raise ValidationError(_("The reporting code has been finished for this concern."))
        raise ValidationError(_("Record “%(step)s” first.") % {"step": Step(expected).label})
    own = STEP_FIELDS[step]
    other = sorted(name for name, value in values.items() if value is not None and name not in own)
    if other:
        raise TypeError(f"fields not part of step {step}: {other}")
    data = {name: values[name] for name in own if values[name] is not None}
    data["reasoning"] = reasoning
    if step == Step.ACUTE:
        data["reported_to_veilig_thuis"] = True
    _validate_step(step, data, recorded.get(Step.WEIGH))
    if isinstance(data.get("veilig_thuis_reference"), str):
        data["veilig_thuis_reference"] = data["veilig_thuis_reference"].strip()
    with set_actor(by):
        step_record = MeldcodeStep(concern=concern, step=step, by=by, reasoning=reasoning)
        write(step_record, data)
        step_record.save()
        return step_record


@transaction.atomic
def report_acute(
    *, concern: Concern, by: User, reported_on: date, veilig_thuis_reference: str, reasoning: str
) -> MeldcodeStep:
    """Acute unsafety: the report to Veilig Thuis now, from whatever step the concern is at."""
    if concern.kind != ConcernKind.SAFETY:
        escalate(concern=concern, by=by)
    return record_step(
        concern=concern,
        by=by,
        step=Step.ACUTE,
        reasoning=reasoning,
        reported_on=reported_on,
        veilig_thuis_reference=veilig_thuis_reference,
    )


@transaction.atomic
def close_concern(*, concern: Concern, by: User, note: str) -> Concern:
    concern = _locked(concern)
    require_concern_reader(by, concern.family)
    if not concern.is_open:
        raise ValidationError(_("This concern is closed already."))
    if _blank(note):
        raise ValidationError({"note": _("Write down how the concern was closed.")})
    recorded = set(concern.steps.values_list("step", flat=True))
    if concern.kind == ConcernKind.SAFETY and recorded and not meldcode.is_finished(recorded):
        raise ValidationError(
            _("Finish the reporting code first: record the decision (step 5) or an acute report.")
        )
    concern.status = ConcernStatus.CLOSED
    concern.closing_note = note.strip()
    concern.closed_at = timezone.now()
    concern.closed_by = by
    with set_actor(by):
        concern.save(
            update_fields=["status", "closing_note", "closed_at", "closed_by", "updated_at"]
        )
    return concern


# The support family's personal link.


@transaction.atomic
def send_concern_link(
    *, person: Person, by: User, today: date | None = None
) -> tuple[ConcernLink, str]:
    """A new personal link for a support parent, mailed to them. Returns the link and its token
    (the token itself is stored nowhere: only its sha256)."""
    family = person.family
    require_concern_reader(by, family)
    if family.kind != Kind.SUPPORT:
        raise ValidationError(_("Only a support family gets a link for reporting a worry."))
    if not person.email:
        raise ValidationError({"person": _("This parent has no e-mail address.")})
    token = tokens.new_secret()
    start = today or timezone.localdate()
    with set_actor(by):
        link = ConcernLink.objects.create(
            person=person,
            family=family,
            token_hash=tokens.hash_secret(token),
            expires_on=start + timedelta(days=policy.CONCERN_LINK_DAYS),
            created_by=by,
        )
    transaction.on_commit(lambda: tasks.send_concern_link(link.pk, token))
    return link, token


@transaction.atomic
def revoke_link(*, link: ConcernLink, by: User) -> ConcernLink:
    require_concern_reader(by, link.family)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        with set_actor(by):
            link.save(update_fields=["revoked_at"])
    return link


def link_for_token(token: str, today: date | None = None) -> ConcernLink | None:
    """The valid link for ``token``, or None (unknown, revoked or expired: all look the same)."""
    if not token or len(token) > 100:
        return None
    link = (
        ConcernLink.objects.select_related("family", "person")
        .filter(token_hash=tokens.hash_secret(token))
        .first()
    )
    if link is None or not link.is_valid_on(today or timezone.localdate()):
        return None
    return link


def reportable_matches(link: ConcernLink) -> list[Match]:
    """The open matches of the link's support family: whom the parent may report about."""
    return list(
        Match.objects.open()
        .filter(support_family_id=link.family_id)
        .select_related("request_family")
        .order_by("request_family__name", "pk")
    )


@transaction.atomic
def report_through_link(*, link: ConcernLink, match: Match, description: str) -> Concern:
    """A support parent reports a worry about the family they support; its coordinator hears
    of it by mail (without any content)."""
    link = ConcernLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_valid_on(timezone.localdate()):
        raise ValidationError(_("This link is no longer valid."))
    if match.support_family_id != link.family_id or not match.is_open:
        raise ValidationError({"match": _("Choose one of the families you support.")})
    if _blank(description):
        raise ValidationError({"description": _("Describe what worries you.")})
    with set_actor(None):
        concern = Concern.objects.create(
            family_id=match.request_family_id,
            match=match,
            kind=ConcernKind.WORRY,
            description=description.strip(),
            reported_through=ReportedThrough.SUPPORT_FAMILY,
            reported_by_person=link.person,
        )
        link.last_used_at = timezone.now()
        link.save(update_fields=["last_used_at"])
    transaction.on_commit(lambda: tasks.tell_coordinators_of_concern(concern.pk))
    return concern


# Referrals to formal help.


@transaction.atomic
def record_referral(
    *,
    family: Family,
    by: User,
    organisation: ServiceOrganisation,
    reason: str,
    referred_on: date,
    match: Match | None = None,
) -> Referral:
    require_case_worker(by, family)
    if organisation.municipality_id != family.municipality_id or not organisation.is_active:
        raise ValidationError(
            {"organisation": _("Choose an organisation of the municipality's service directory.")}
        )
    if match is not None and family.pk not in (match.request_family_id, match.support_family_id):
        raise ValidationError({"match": _("Choose a match of this family.")})
    if _blank(reason):
        raise ValidationError({"reason": _("Why is the family referred?")})
    if referred_on > timezone.localdate():
        raise ValidationError({"referred_on": _("The date cannot be in the future.")})
    with set_actor(by):
        return Referral.objects.create(
            family=family,
            match=match,
            organisation=organisation,
            reason=reason.strip(),
            referred_on=referred_on,
            created_by=by,
        )


@transaction.atomic
def record_referral_outcome(
    *, referral: Referral, by: User, outcome: str, note: str = "", on: date | None = None
) -> Referral:
    referral = Referral.objects.select_for_update().select_related("family").get(pk=referral.pk)
    require_case_worker(by, referral.family)
    if outcome not in ReferralOutcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if outcome == ReferralOutcome.OTHER and _blank(note):
        raise ValidationError({"outcome_note": _("Describe the outcome.")})
    referral.outcome = outcome
    referral.outcome_note = note.strip()
    referral.outcome_on = None if outcome == ReferralOutcome.PENDING else on or timezone.localdate()
    with set_actor(by):
        referral.save(update_fields=["outcome", "outcome_note", "outcome_on"])
    return referral
