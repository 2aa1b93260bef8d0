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
    TEXT_FIELDS,
    DeepCheck,
    DeepCheckDismissal,
    DeepCheckStatus,
    ProfileResponse,
    ProfileStatus,
    RecruitmentProfile,
    ResponseChannel,
    SocialPost,
)

PROFILE_FIELDS = TEXT_FIELDS

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
def save_profile(
    *,
    family: Family,
    by: User,
    headline: str,
    area: str,
    children: str,
    support: str,
    days: str,
    text: str,
) -> RecruitmentProfile:
    """Saves the text being written and queues its deeper check.

    Never changes the status or the text that is online: a published profile stays online with
    its approved text until ``publish_profile`` accepts the new one."""
    require_case_worker(by, family)
    family = Family.objects.select_for_update().get(pk=family.pk)
    if family.kind != Kind.REQUEST or family.status != Status.WAITING:
        raise ValidationError(_("Only a family on the waiting list gets a recruitment profile."))
    profile = RecruitmentProfile.objects.filter(family=family).first() or RecruitmentProfile(
        family=family
    )
    profile.headline = headline
    profile.area = area
    profile.children = children
    profile.support = support
    profile.days = days
    profile.text = text
    with set_actor(by):
        profile.full_clean()
        profile.save()
    request_deep_check(profile=profile)
    return profile


@transaction.atomic
def publish_profile(*, profile: RecruitmentProfile, by: User, consent: bool) -> RecruitmentProfile:
    """Puts the text being written online: it needs the family's consent, zero findings and the
    coordinator's approval.

    Zero findings: none from the record or the patterns, and the deeper check of this very text
    done with every one of its findings dismissed (with a reason). Only then is the text copied
    over the published one; a refusal changes nothing (what was online stays online)."""
    require_case_worker(by, profile.family)
    # The family first, as every status move locks it: it cannot leave the waiting list halfway.
    family = Family.objects.select_for_update().get(pk=profile.family_id)
    profile = RecruitmentProfile.objects.select_for_update().get(pk=profile.pk)
    if family.kind != Kind.REQUEST or family.status != Status.WAITING:
        raise ValidationError(_("Only the profile of a family on the waiting list can go online."))
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
    was_online = profile.status == ProfileStatus.PUBLISHED
    now = timezone.now()
    profile.copy_text_to_published()
    profile.consent_at = profile.consent_at or now
    profile.approved_by = by
    profile.approved_at = now
    profile.published_at = now
    profile.closed_at = None
    profile.status = ProfileStatus.PUBLISHED
    with set_actor(by):
        profile.save()
    detail = (
        _("The changed recruitment profile is online.")
        if was_online
        else _("Recruitment profile published.")
    )
    record_event(profile.family, by, EventKind.CHANGED, detail=detail)
    return profile


@transaction.atomic
def withdraw_profile(*, profile: RecruitmentProfile, by: User) -> RecruitmentProfile:
    """The coordinator takes the profile offline at once (also during the "found!" period)."""
    require_case_worker(by, profile.family)
    profile = RecruitmentProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status not in (ProfileStatus.PUBLISHED, ProfileStatus.FOUND):
        raise ValidationError(_("Only a profile that is online can be withdrawn."))
    profile.status = ProfileStatus.WITHDRAWN
    profile.closed_at = profile.closed_at or timezone.now()
    with set_actor(by):
        profile.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(profile.family, by, EventKind.CHANGED, detail=_("Recruitment profile withdrawn."))
    return profile


@transaction.atomic
def close_profile(*, family: Family, by: User | None, found: bool) -> RecruitmentProfile | None:
    """The family no longer seeks a support family: its published profile goes offline.

    ``found``: the public address says only "a support family was found" for
    ``policy.PROFILE_FOUND_DAYS``, then it is gone; otherwise it is gone at once. A draft never
    was online and stays as it is. The posts on social media stay until the coordinator confirms
    they were removed (the agenda asks for it)."""
    require_case_worker(by, family)
    profile = RecruitmentProfile.objects.select_for_update().filter(family=family).first()
    if profile is None or profile.status != ProfileStatus.PUBLISHED:
        return profile
    profile.status = ProfileStatus.FOUND if found else ProfileStatus.WITHDRAWN
    profile.closed_at = timezone.now()
    with set_actor(by):
        profile.save(update_fields=["status", "closed_at", "updated_at"])
    detail = (
        _("Recruitment profile offline: a support family was found.")
        if found
        else _("Recruitment profile offline: the family is no longer on the waiting list.")
    )
    record_event(family, by, EventKind.CHANGED, detail=detail)
    return profile


def after_family_move(*, family: Family, before: str, after: str, by: User | None) -> None:
    """Called by every status move of a family (``families.actions.AFTER_MOVE``): a requesting
    family that leaves the waiting list, for whatever reason, takes its profile offline."""
    if family.kind == Kind.REQUEST and before == Status.WAITING and after != Status.WAITING:
        close_profile(family=family, by=by, found=after == Status.MATCHED)


@transaction.atomic
def confirm_posts_removed(*, profile: RecruitmentProfile, by: User) -> list[SocialPost]:
    """The coordinator took the posts about an offline profile off Facebook and Instagram."""
    require_case_worker(by, profile.family)
    profile = (
        RecruitmentProfile.objects.select_for_update().select_related("family").get(pk=profile.pk)
    )
    if RecruitmentProfile.objects.seeking().filter(pk=profile.pk).exists():
        raise ValidationError(_("The profile is still online: its posts may stay."))
    posts = list(profile.posts.filter(removed_at__isnull=True).order_by("posted_on", "pk"))
    if not posts:
        raise ValidationError(_("Every post about this profile has been removed already."))
    now = timezone.now()
    with set_actor(by):
        for post in posts:
            post.removed_at = now
            post.removed_by = by
            post.save(update_fields=["removed_at", "removed_by"])
    channels = ", ".join(dict.fromkeys(str(post.get_channel_display()) for post in posts))
    record_event(
        profile.family,
        by,
        EventKind.CHANGED,
        detail=_("The posts about the recruitment profile were removed (%(channels)s).")
        % {"channels": channels},
    )
    return posts


def responding_profile(public_id: str) -> RecruitmentProfile | None:
    """The seeking profile a public form was opened from, if any (else nothing happens): a
    profile that went offline attaches nothing."""
    return (
        RecruitmentProfile.objects.seeking()
        .filter(public_id=public_id[:32])
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
    if not RecruitmentProfile.objects.seeking().filter(pk=profile.pk).exists():
        raise ValidationError(_("Only a published profile can be posted."))
    with set_actor(by):
        post = SocialPost(profile=profile, channel=channel, posted_on=posted_on, by=by)
        post.full_clean()
        post.save()
    return post
