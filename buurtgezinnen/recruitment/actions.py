"""Every change to a recruitment profile goes through one of these functions."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen.families.actions import record_event, require_case_worker
from buurtgezinnen.families.models import EventKind, Family, Kind, Status
from buurtgezinnen.org.models import Municipality, Region, User
from buurtgezinnen.recruitment import anonymity, deep_check, quasi, tasks
from buurtgezinnen.recruitment.drafting import record_for
from buurtgezinnen.recruitment.models import (
    DeepCheck,
    DeepCheckDismissal,
    DeepCheckStatus,
    ProfileResponse,
    ProfileStatus,
    RecruitmentProfile,
    ResponseChannel,
    SocialPost,
)

PROFILE_FIELDS = ("headline", "area", "children", "support", "days", "text")

logger = logging.getLogger(__name__)


def findings(profile: RecruitmentProfile) -> list[anonymity.Finding]:
    """What in the profile's public text identifies the family (record and patterns): never
    dismissible."""
    return anonymity.check(profile.public_text(), record_for(profile.family))


def quasi_findings(
    profile: RecruitmentProfile, covered: list[anonymity.Finding] | None = None
) -> list[anonymity.Finding]:
    """The quasi-identifiers in the profile's public text (clubs, schools, streets, people …),
    without what the record or the patterns (``covered``) already mark. Dismissible."""
    if covered is None:
        covered = findings(profile)
    return quasi.check(
        profile.public_text(), allowed=deep_check.area_names(profile.area), covered=covered
    )


# --- the deeper check (deduce, in the worker) ------------------------------------------------


def allowed_for(profile: RecruitmentProfile) -> frozenset[str]:
    """What the deeper check may leave alone in this profile: every municipality, region and place,
    and the profile's own area (its neighbourhood or village)."""
    return deep_check.allowed_names(
        [
            *Municipality.objects.values_list("name", flat=True),
            *Region.objects.values_list("name", flat=True),
            *deep_check.area_names(profile.area),
        ]
    )


def current_deep_check(profile: RecruitmentProfile) -> DeepCheck | None:
    """The deeper check of the profile's text as it is now (with its dismissals), if any."""
    return (
        DeepCheck.objects.filter(
            profile=profile, text_hash=deep_check.text_hash(profile.public_text())
        )
        .prefetch_related("dismissals__by")
        .first()
    )


@dataclass
class DeepState:
    """Where the dismissible findings of the current text stand, for the page and for publishing:
    the quasi-identifiers (found in the request) and the deeper check's (deduce, in the worker).
    Dismissals of both belong to the current text's ``DeepCheck`` row."""

    check: DeepCheck | None
    open: list[anonymity.Finding] = field(default_factory=list)  # deduce's, not dismissed
    dismissed: list[tuple[anonymity.Finding, DeepCheckDismissal]] = field(default_factory=list)
    quasi_open: list[anonymity.Finding] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.check is not None and self.check.status == DeepCheckStatus.DONE


def deep_state(
    profile: RecruitmentProfile, covered: list[anonymity.Finding] | None = None
) -> DeepState:
    """The quasi-identifiers and the current deeper check's findings, without what the record or
    patterns (``covered``) mark now, each split into open and dismissed."""
    check = current_deep_check(profile)
    if covered is None:
        covered = findings(profile)
    quasi_found = quasi_findings(profile, covered)
    dismissals = {(d.start, d.end): d for d in check.dismissals.all()} if check else {}
    state = DeepState(check)
    for finding in quasi_found:
        dismissal = dismissals.get((finding.start, finding.end))
        if dismissal is None:
            state.quasi_open.append(finding)
        else:
            state.dismissed.append((finding, dismissal))
    if check is None or check.status != DeepCheckStatus.DONE:
        return state
    stored = deep_check.without_covered(
        (deep_check.from_json(item) for item in check.findings), covered + quasi_found
    )
    for finding in stored:
        dismissal = dismissals.get((finding.start, finding.end))
        if dismissal is None:
            state.open.append(finding)
        else:
            state.dismissed.append((finding, dismissal))
    state.dismissed.sort(key=lambda pair: pair[0].start)
    return state


def request_deep_check(*, profile: RecruitmentProfile, again: bool = False) -> DeepCheck:
    """Makes sure a deeper check of the current text exists; queues it in the worker when it is
    new (or, with ``again``, when it failed or seems stuck). Call inside a transaction."""
    digest = deep_check.text_hash(profile.public_text())
    check, created = DeepCheck.objects.get_or_create(profile=profile, text_hash=digest)
    if not created and not (again and check.status != DeepCheckStatus.DONE):
        return check
    if not created:
        check.status = DeepCheckStatus.PENDING
        check.error = ""
        check.requested_at = timezone.now()
        check.save(update_fields=["status", "error", "requested_at"])
    profile_id = profile.pk
    transaction.on_commit(lambda: tasks.deep_check_profile(profile_id))
    return check


@transaction.atomic
def ensure_deep_check(*, profile: RecruitmentProfile) -> DeepCheck:
    """The profile page found no check of the current text: one is queued (a system write)."""
    return request_deep_check(profile=profile)


@transaction.atomic
def rerun_deep_check(*, profile: RecruitmentProfile, by: User) -> DeepCheck:
    """The coordinator runs a failed (or stuck) deeper check again."""
    require_case_worker(by, profile.family)
    profile = RecruitmentProfile.objects.select_for_update().get(pk=profile.pk)
    current = current_deep_check(profile)
    if current is not None and current.status == DeepCheckStatus.DONE:
        raise ValidationError(_("The deeper check of this text is already done."))
    check = request_deep_check(profile=profile, again=True)
    record_event(profile.family, by, EventKind.CHANGED, detail=_("Deeper check started again."))
    return check


def run_deep_check(*, profile_id: int) -> DeepCheck | None:
    """The worker's part: deduce over the profile's current text; stores done or failed.

    deduce runs outside any transaction (its first load takes seconds); only the result is
    written, atomically. A failure is stored, never raised: the page offers "run again".
    """
    profile = RecruitmentProfile.objects.select_related("family").filter(pk=profile_id).first()
    if profile is None:
        return None
    text = profile.public_text()
    digest = deep_check.text_hash(text)
    existing = DeepCheck.objects.filter(profile=profile, text_hash=digest).first()
    if existing is not None and existing.status == DeepCheckStatus.DONE:
        return existing
    try:
        covered = findings(profile)
        covered += quasi_findings(profile, covered)
        found = deep_check.check(text, allowed=allowed_for(profile), covered=covered)
    except Exception as error:
        # The text may be in the error's message: log only its type.
        logger.error("deep check of profile %s failed: %s", profile.pk, type(error).__name__)
        return _store_deep_check(
            profile, digest, DeepCheckStatus.FAILED, error=type(error).__name__
        )
    return _store_deep_check(
        profile,
        digest,
        DeepCheckStatus.DONE,
        found=[deep_check.to_json(finding, text) for finding in found],
    )


@transaction.atomic
def _store_deep_check(
    profile: RecruitmentProfile,
    digest: str,
    status: str,
    *,
    found: list[dict[str, Any]] | None = None,
    error: str = "",
) -> DeepCheck:
    check, _created = DeepCheck.objects.select_for_update().get_or_create(
        profile=profile, text_hash=digest
    )
    check.status = status
    check.findings = found or []
    check.error = error[:200]
    check.checked_at = timezone.now()
    check.save(update_fields=["status", "findings", "error", "checked_at"])
    # Checks still waiting for a text that has changed since will never be looked at.
    DeepCheck.objects.filter(profile=profile, status=DeepCheckStatus.PENDING).exclude(
        pk=check.pk
    ).delete()
    return check


@transaction.atomic
def dismiss_finding(
    *,
    profile: RecruitmentProfile,
    by: User,
    text_hash: str,
    start: int,
    end: int,
    reason: str,
) -> DeepCheckDismissal:
    """The coordinator decides a finding does not identify the family.

    Only the quasi-identifiers' and deduce's findings can be dismissed, with a reason, for the
    text the coordinator read (``text_hash``); what the family's record or the patterns find can
    never be.
    """
    require_case_worker(by, profile.family)
    profile = (
        RecruitmentProfile.objects.select_for_update().select_related("family").get(pk=profile.pk)
    )
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for dismissing the finding."))
    text = profile.public_text()
    if deep_check.text_hash(text) != text_hash:
        raise ValidationError(_("The text has changed since; look at the findings again."))
    covered = findings(profile)
    if any(f.start < end and start < f.end for f in covered):
        raise ValidationError(
            _(
                "A finding from the family's record or from the patterns cannot be dismissed: "
                "change the text."
            )
        )
    is_quasi = any(f.start == start and f.end == end for f in quasi_findings(profile, covered))
    check = current_deep_check(profile)
    if is_quasi:
        if check is None:
            check = request_deep_check(profile=profile)
    else:
        if check is None or check.status != DeepCheckStatus.DONE:
            raise ValidationError(_("The deeper check is still running; look again in a moment."))
        if not any(item["start"] == start and item["end"] == end for item in check.findings):
            raise ValidationError(_("The deeper check has no such finding."))
    if any(d.start == start and d.end == end for d in check.dismissals.all()):
        raise ValidationError(_("This finding has already been dismissed."))
    with set_actor(by):
        dismissal = DeepCheckDismissal(
            deep_check=check, start=start, end=end, text=text[start:end][:200], reason=reason, by=by
        )
        dismissal.full_clean()
        dismissal.save()
    detail = (
        _("A finding of the anonymity check was dismissed: %(reason)s")
        if is_quasi
        else _("A finding of the deeper check was dismissed: %(reason)s")
    )
    record_event(profile.family, by, EventKind.CHANGED, detail=detail % {"reason": reason})
    return dismissal


@transaction.atomic
def apply_suggestion(
    *,
    profile: RecruitmentProfile,
    by: User,
    text_hash: str,
    start: int,
    end: int,
    replacement: str,
) -> RecruitmentProfile:
    """The coordinator takes a finding's suggestion: exactly that span of the text the
    coordinator read (``text_hash``) becomes the neutral phrase, and the profile is saved (and
    so checked again) the normal way."""
    require_case_worker(by, profile.family)
    profile = (
        RecruitmentProfile.objects.select_for_update().select_related("family").get(pk=profile.pk)
    )
    text = profile.public_text()
    if deep_check.text_hash(text) != text_hash:
        raise ValidationError(_("The text has changed since; look at the findings again."))
    covered = findings(profile)
    offered = [
        f
        for f in covered + quasi_findings(profile, covered)
        if (f.start, f.end, f.suggestion) == (start, end, replacement)
    ]
    if not offered:
        raise ValidationError(_("The check offers no such suggestion for this text."))
    offset = 0
    values = {name: str(getattr(profile, name)) for name in PROFILE_FIELDS}
    for name in PROFILE_FIELDS:
        value = values[name]
        if offset <= start and end <= offset + len(value):
            values[name] = value[: start - offset] + replacement + value[end - offset :]
            break
        offset += len(value) + 1
    else:
        raise ValidationError(_("The check offers no such suggestion for this text."))
    saved = save_profile(
        family=profile.family,
        by=by,
        headline=values["headline"],
        area=values["area"],
        children=values["children"],
        support=values["support"],
        days=values["days"],
        text=values["text"],
    )
    record_event(
        profile.family,
        by,
        EventKind.CHANGED,
        detail=_("A suggestion of the anonymity check was taken: “%(replacement)s”.")
        % {"replacement": replacement},
    )
    return saved


@transaction.atomic
def save_profile(*, family: Family, by: User, **fields: Any) -> RecruitmentProfile:
    require_case_worker(by, family)
    family = Family.objects.select_for_update().get(pk=family.pk)
    if family.kind != Kind.REQUEST or family.status != Status.WAITING:
        raise ValidationError(_("Only a family on the waiting list gets a recruitment profile."))
    profile = RecruitmentProfile.objects.filter(family=family).first() or RecruitmentProfile(
        family=family
    )
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    if profile.status == ProfileStatus.PUBLISHED:
        # A changed text goes back to draft: it is checked and approved again.
        profile.status = ProfileStatus.DRAFT
        profile.approved_at = profile.approved_by = profile.published_at = None
    with set_actor(by):
        profile.full_clean()
        profile.save()
    request_deep_check(profile=profile)
    return profile


@transaction.atomic
def publish_profile(*, profile: RecruitmentProfile, by: User, consent: bool) -> RecruitmentProfile:
    """Publishing needs the family's consent, zero findings and the coordinator's approval.

    Zero findings: none from the record or the patterns, and the deeper check of this very text
    done with every one of its findings dismissed (with a reason)."""
    require_case_worker(by, profile.family)
    profile = RecruitmentProfile.objects.select_for_update().get(pk=profile.pk)
    if not consent:
        raise ValidationError(_("Record that the family agrees to publication."))
    open_findings = findings(profile)
    if open_findings:
        raise ValidationError(
            _("The text still identifies the family (%(count)s findings). Change it first.")
            % {"count": len(open_findings)}
        )
    deep = deep_state(profile, covered=open_findings)
    if deep.quasi_open:
        raise ValidationError(
            _(
                "The check found %(count)s details that may identify the family (a club, a "
                "street, a name …). Take the suggestion, change the text or dismiss each one "
                "with a reason."
            )
            % {"count": len(deep.quasi_open)}
        )
    if deep.check is None or deep.check.status == DeepCheckStatus.PENDING:
        raise ValidationError(_("The deeper check is still running; look again in a moment."))
    if deep.check.status == DeepCheckStatus.FAILED:
        raise ValidationError(_("The deeper check failed. Run it again before publishing."))
    if deep.open:
        raise ValidationError(
            _(
                "The deeper check found %(count)s things that may identify the family. Change "
                "the text or dismiss each one with a reason."
            )
            % {"count": len(deep.open)}
        )
    now = timezone.now()
    profile.consent_at = profile.consent_at or now
    profile.approved_by = by
    profile.approved_at = now
    profile.published_at = now
    profile.status = ProfileStatus.PUBLISHED
    with set_actor(by):
        profile.save()
    record_event(profile.family, by, EventKind.CHANGED, detail=_("Recruitment profile published."))
    return profile


@transaction.atomic
def withdraw_profile(*, profile: RecruitmentProfile, by: User) -> RecruitmentProfile:
    require_case_worker(by, profile.family)
    profile.status = ProfileStatus.WITHDRAWN
    with set_actor(by):
        profile.save(update_fields=["status", "updated_at"])
    record_event(profile.family, by, EventKind.CHANGED, detail=_("Recruitment profile withdrawn."))
    return profile


def responding_profile(public_id: str) -> RecruitmentProfile | None:
    """The published profile a public form was opened from, if any (else nothing happens)."""
    return (
        RecruitmentProfile.objects.filter(public_id=public_id[:32], status=ProfileStatus.PUBLISHED)
        .select_related("family")
        .first()
    )


@transaction.atomic
def record_response(
    *, profile: RecruitmentProfile, support_family: Family, channel: str
) -> ProfileResponse:
    """A support family's application came in through a profile (public form, by=None)."""
    if channel not in ResponseChannel.values:
        channel = ResponseChannel.WEBSITE
    response = ProfileResponse.objects.create(
        profile=profile, family=support_family, channel=channel
    )
    detail = _("Answered a recruitment profile (%(channel)s).") % {
        "channel": response.get_channel_display()
    }
    record_event(support_family, None, EventKind.CHANGED, detail=detail)
    record_event(
        profile.family, None, EventKind.CHANGED, detail=_("A support family answered the profile.")
    )
    return response


@transaction.atomic
def mark_posted(
    *, profile: RecruitmentProfile, by: User, channel: str, posted_on: date
) -> SocialPost:
    require_case_worker(by, profile.family)
    if profile.status != ProfileStatus.PUBLISHED:
        raise ValidationError(_("Only a published profile can be posted."))
    with set_actor(by):
        post = SocialPost(profile=profile, channel=channel, posted_on=posted_on, by=by)
        post.full_clean()
        post.save()
    return post
