"""Every change to a recruitment profile goes through one of these functions."""

from __future__ import annotations

from datetime import date
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen.families.actions import record_event, require_case_worker
from buurtgezinnen.families.models import EventKind, Family, Kind, Status
from buurtgezinnen.org.models import User
from buurtgezinnen.recruitment import anonymity
from buurtgezinnen.recruitment.drafting import record_for
from buurtgezinnen.recruitment.models import (
    ProfileResponse,
    ProfileStatus,
    RecruitmentProfile,
    ResponseChannel,
    SocialPost,
)

PROFILE_FIELDS = ("headline", "area", "children", "support", "days", "text")


def findings(profile: RecruitmentProfile) -> list[anonymity.Finding]:
    """What in the profile's public text identifies the family (record and patterns)."""
    return anonymity.check(profile.public_text(), record_for(profile.family))


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
    return profile


@transaction.atomic
def publish_profile(*, profile: RecruitmentProfile, by: User, consent: bool) -> RecruitmentProfile:
    """Publishing needs the family's consent, zero findings and the coordinator's approval."""
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
