"""The access log: who read which personal record, when, in which role."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """One read of a personal record. Written by ``org.access_log.log_read`` and nothing else."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    # The roles the reader held at that moment, e.g. "coordinator, regional_coordinator".
    roles = models.CharField(_("role"), max_length=200)
    record_type = models.CharField(_("record type"), max_length=100, db_index=True)
    record_id = models.CharField(_("record"), max_length=64)
    # Which page or purpose (a URL name such as "org:user_detail"): never the URL with its query.
    purpose = models.CharField(_("purpose"), max_length=100)
    # The reader's address (core.client), so a read from a stolen session or account stands out.
    # Personal data of staff: cleared after policy.ACCESS_LOG_ADDRESS_DAYS (audit.tasks).
    client_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["record_type", "record_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.record_type}#{self.record_id}"
