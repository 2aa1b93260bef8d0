"""The daily reminders (huey). ``manage.py serve`` runs the consumer, which runs periodic tasks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey.contrib.djhuey import db_periodic_task, db_task

from buurtgezinnen import policy


def at_local_time(hour: int, minute: int) -> Callable[[datetime], bool]:
    """huey checks periodic tasks every minute against UTC (``utc=True``); this runs a task at
    a local (Europe/Amsterdam) time, the same in summer and winter."""
    zone = ZoneInfo(settings.TIME_ZONE)

    def validate(moment: datetime) -> bool:
        local = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)
        return (local.hour, local.minute) == (hour, minute)

    return validate


@db_task(retries=3, retry_delay=900)
def send_reminders(day: str) -> None:
    """All reminders of ``day`` (ISO date). A reminder that fails is retried; one that was sent
    is never sent again (``agenda.reminders``)."""
    from buurtgezinnen.agenda import reminders

    reminders.send_reminders(date.fromisoformat(day))


@db_periodic_task(at_local_time(policy.REMINDER_HOUR, policy.REMINDER_MINUTE))
def daily_reminders() -> None:
    from django.utils import timezone

    send_reminders(timezone.localdate().isoformat())
