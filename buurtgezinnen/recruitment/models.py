"""Recruitment profiles: the anonymised text that asks for a support family for one family."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtgezinnen import policy
from buurtgezinnen.families.models import Family, Status
from buurtgezinnen.org.scoping import ScopedQuerySet


def new_public_id() -> str:
    """An identifier for the public page that cannot be guessed or counted."""
    return secrets.token_urlsafe(12)


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("draft")  # never published
    PUBLISHED = "published", _("published")
    FOUND = "found", _("support family found")
    WITHDRAWN = "withdrawn", _("withdrawn")


# The fields of the text: the ones being written (``headline``…) and their published copies
# (``published_headline``…), in the order a visitor reads them.
TEXT_FIELDS = ("headline", "area", "children", "support", "days", "text")


def found_shown_since(now: datetime | None = None) -> datetime:
    """A profile whose family found support after this moment still says "found!" publicly."""
    return (now or timezone.now()) - timedelta(days=policy.PROFILE_FOUND_DAYS)


class RecruitmentProfileQuerySet(ScopedQuerySet["RecruitmentProfile"]):
    """``for_user``: the profiles of the families in the user's case scope. The public pages
    read ``seeking()`` and ``public()``, which show only the published copy."""

    scope_path = "family__municipality"

    def seeking(self) -> RecruitmentProfileQuerySet:
        """Online and open to responses: published, and the family is still on the waiting list.

        The family's status is checked here as well as stored in the profile's status, so that a
        family that left the waiting list is never listed, whatever moved it."""
        return self.filter(status=ProfileStatus.PUBLISHED, family__status=Status.WAITING)

    def public(self, now: datetime | None = None) -> RecruitmentProfileQuerySet:
        """Every profile with a public address: the seeking ones, and for
        ``policy.PROFILE_FOUND_DAYS`` those whose family found a support family (that page says
        only that)."""
        return self.filter(
            models.Q(status=ProfileStatus.PUBLISHED, family__status=Status.WAITING)
            | models.Q(status=ProfileStatus.FOUND, closed_at__gt=found_shown_since(now))
        )

    def offline(self) -> RecruitmentProfileQuerySet:
        """Profiles that were online and no longer seek: found, withdrawn, or whose family left
        the waiting list."""
        return self.exclude(status=ProfileStatus.DRAFT).exclude(
            status=ProfileStatus.PUBLISHED, family__status=Status.WAITING
        )


class RecruitmentProfile(models.Model):
    family = models.OneToOneField(
        Family, on_delete=models.CASCADE, related_name="recruitment_profile"
    )
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ProfileStatus.choices, default=ProfileStatus.DRAFT
    )
    headline = models.CharField(_("headline"), max_length=120)
    area = models.CharField(
        _("neighbourhood or village"), max_length=100, help_text=_("Never the street.")
    )
    children = models.CharField(
        _("children"), max_length=200, help_text=_("Age ranges, never dates of birth.")
    )
    support = models.CharField(_("support wanted"), max_length=300)
    days = models.CharField(_("days"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    # What is online: a copy of the text above, taken when it passed every check and was
    # approved. The public pages and the social media texts read only these; editing the text
    # above never changes them, so a published profile stays online as it was approved.
    published_headline = models.CharField(max_length=120, blank=True, editable=False)
    published_area = models.CharField(max_length=100, blank=True, editable=False)
    published_children = models.CharField(max_length=200, blank=True, editable=False)
    published_support = models.CharField(max_length=300, blank=True, editable=False)
    published_days = models.CharField(max_length=200, blank=True, editable=False)
    published_text = models.TextField(blank=True, editable=False)
    consent_at = models.DateTimeField(_("family agreed to publication on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # When it went offline (found or withdrawn); the "found!" period counts from here.
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecruitmentProfileQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("recruitment profile")
        verbose_name_plural = _("recruitment profiles")
        constraints = [
            models.CheckConstraint(
                name="profile_published_was_approved",
                condition=models.Q(status=ProfileStatus.DRAFT)
                | models.Q(status=ProfileStatus.WITHDRAWN)
                | models.Q(approved_at__isnull=False, consent_at__isnull=False),
            ),
            models.CheckConstraint(
                name="profile_online_has_published_text",
                condition=~models.Q(status__in=[ProfileStatus.PUBLISHED, ProfileStatus.FOUND])
                | (models.Q(published_at__isnull=False) & ~models.Q(published_headline="")),
            ),
            models.CheckConstraint(
                name="profile_closed_has_date",
                condition=~models.Q(status__in=[ProfileStatus.FOUND, ProfileStatus.WITHDRAWN])
                | models.Q(closed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def public_text(self) -> str:
        """Every field a visitor will see, in order: what the anonymity check reads (the text
        being written, not the copy that is online)."""
        return "\n".join(getattr(self, name) for name in TEXT_FIELDS)

    def published_fields(self) -> dict[str, str]:
        """The text that is online (empty before the first publication)."""
        return {name: getattr(self, f"published_{name}") for name in TEXT_FIELDS}

    def copy_text_to_published(self) -> None:
        for name in TEXT_FIELDS:
            setattr(self, f"published_{name}", getattr(self, name))

    @property
    def has_unpublished_changes(self) -> bool:
        """The text being written differs from the one online."""
        return any(
            getattr(self, name) != getattr(self, f"published_{name}") for name in TEXT_FIELDS
        )


class ResponseChannel(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    WEBSITE = "website", _("website")


class ProfileResponseQuerySet(ScopedQuerySet["ProfileResponse"]):
    # Read as part of the profile it answered (its counts per channel), so the profile's family.
    scope_path = "profile__family__municipality"


class ProfileResponse(models.Model):
    """A would-be support family that answered a profile, and the channel that brought them."""

    profile = models.ForeignKey(
        RecruitmentProfile, on_delete=models.CASCADE, related_name="responses"
    )
    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="profile_response")
    channel = models.CharField(
        _("channel"),
        max_length=12,
        choices=ResponseChannel.choices,
        default=ResponseChannel.WEBSITE,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProfileResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.profile} ← {self.get_channel_display()}"


class SocialPostQuerySet(ScopedQuerySet["SocialPost"]):
    scope_path = "profile__family__municipality"


class SocialPost(models.Model):
    """When and where the coordinator posted a profile."""

    profile = models.ForeignKey(RecruitmentProfile, on_delete=models.CASCADE, related_name="posts")
    channel = models.CharField(_("where"), max_length=12, choices=ResponseChannel.choices)
    posted_on = models.DateField(_("posted on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The coordinator confirmed the post was taken down after the profile went offline.
    removed_at = models.DateTimeField(_("removed on"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SocialPostQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_on", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.posted_on}"


class DeepCheckStatus(models.TextChoices):
    PENDING = "pending", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class DeepCheckQuerySet(ScopedQuerySet["DeepCheck"]):
    scope_path = "profile__family__municipality"


class DeepCheck(models.Model):
    """The deeper check (deduce) of one version of a profile's public text.

    The text is known by its hash: a changed text needs a new check, and what a coordinator
    dismissed belongs to the text they read.
    """

    profile = models.ForeignKey(
        RecruitmentProfile, on_delete=models.CASCADE, related_name="deep_checks"
    )
    text_hash = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=8, choices=DeepCheckStatus.choices, default=DeepCheckStatus.PENDING
    )
    # [{"start": 0, "end": 3, "kind": "name", "text": "Sem"}], positions in public_text().
    findings = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=200, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    objects = DeepCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("deeper check")
        verbose_name_plural = _("deeper checks")
        constraints = [
            models.UniqueConstraint(fields=["profile", "text_hash"], name="deep_check_per_text")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} {self.text_hash[:8]} {self.status}"


class DeepCheckDismissalQuerySet(ScopedQuerySet["DeepCheckDismissal"]):
    scope_path = "deep_check__profile__family__municipality"


class DeepCheckDismissal(models.Model):
    """A coordinator decided that one finding of the quasi-identifier check or of the deeper check
    does not identify the family (for the text of its ``DeepCheck``)."""

    deep_check = models.ForeignKey(DeepCheck, on_delete=models.CASCADE, related_name="dismissals")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=200)
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeepCheckDismissalQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("dismissed finding")
        verbose_name_plural = _("dismissed findings")
        constraints = [
            models.UniqueConstraint(
                fields=["deep_check", "start", "end"], name="one_dismissal_per_finding"
            ),
            models.CheckConstraint(name="dismissal_has_a_reason", condition=~models.Q(reason="")),
        ]

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"
