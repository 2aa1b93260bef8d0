"""The private calendar feed's tokens and the reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CalendarTokenQuerySet(models.QuerySet["CalendarToken"]):
    def active(self) -> CalendarTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class CalendarToken(models.Model):
    """The key of one user's calendar feed. Only its SHA-256 is stored: the address is shown
    once, when it is made; whoever has it can read the feed until it is revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_token_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class ReminderStatus(models.TextChoices):
    CLAIMED = "claimed", _("being sent")
    SENT = "sent", _("sent")


class SentReminder(models.Model):
    """One reminder to one recipient, claimed before sending and confirmed after.

    ``key`` names what and for whom, by ids only (e.g. ``conversation:12:person:34:2026-03-02``);
    its uniqueness is what makes a second run send nothing twice.
    """

    key = models.CharField(max_length=120, unique=True)
    status = models.CharField(max_length=8, choices=ReminderStatus.choices)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return self.key
