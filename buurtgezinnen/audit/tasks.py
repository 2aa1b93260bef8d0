"""Background work of the audit app (huey)."""

from __future__ import annotations

from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="29", hour="3"))
def forget_old_addresses() -> None:
    """Nightly: staff members' addresses are kept policy.ACCESS_LOG_ADDRESS_DAYS days, in the
    access log of reads and in django-axes' record of logins."""
    from axes.handlers.proxy import AxesProxyHandler
    from django.utils import timezone

    from buurtgezinnen import policy
    from buurtgezinnen.audit.models import AccessLog

    cutoff = timezone.now() - timedelta(days=policy.ACCESS_LOG_ADDRESS_DAYS)
    AccessLog.objects.filter(at__lt=cutoff, client_address__isnull=False).update(
        client_address=None
    )
    AxesProxyHandler.reset_logs(age_days=policy.ACCESS_LOG_ADDRESS_DAYS)
