"""Recruitment profiles: the anonymised text that asks for a support family for one family."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.families.models import Family


def new_public_id() -> str:
    """An identifier for the public page that cannot be guessed or counted."""
    return secrets.token_urlsafe(12)


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    FOUND = "found", _("support family found")
    WITHDRAWN = "withdrawn", _("withdrawn")


class RecruitmentProfileQuerySet(models.QuerySet["RecruitmentProfile"]):
    def for_user(self, user: object) -> RecruitmentProfileQuerySet:
        from buurtgezinnen.org.scoping import scope_for

        return self.filter(family__municipality_id__in=scope_for(user).case_municipality_ids)

    def public(self) -> RecruitmentProfileQuerySet:
        return self.filter(status__in=[ProfileStatus.PUBLISHED, ProfileStatus.FOUND])


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
    consent_at = models.DateTimeField(_("family agreed to publication on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
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
            )
        ]

    def __str__(self) -> str:
        return self.headline

    def public_text(self) -> str:
        """Every field a visitor sees, in order: what the anonymity check reads."""
        return "\n".join(
            [self.headline, self.area, self.children, self.support, self.days, self.text]
        )


class ResponseChannel(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    WEBSITE = "website", _("website")


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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.profile} ← {self.get_channel_display()}"


class SocialPost(models.Model):
    """When and where the coordinator posted a profile."""

    profile = models.ForeignKey(RecruitmentProfile, on_delete=models.CASCADE, related_name="posts")
    channel = models.CharField(_("where"), max_length=12, choices=ResponseChannel.choices)
    posted_on = models.DateField(_("posted on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

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

    class Meta:
        verbose_name = _("deeper check")
        verbose_name_plural = _("deeper checks")
        constraints = [
            models.UniqueConstraint(fields=["profile", "text_hash"], name="deep_check_per_text")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} {self.text_hash[:8]} {self.status}"


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
