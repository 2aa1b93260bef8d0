"""Reminder mail: each coordinator's week, and families' planned conversations.

Sending is idempotent and loses nothing. Each reminder has a key (ids and a date only) and is
*claimed* in ``SentReminder`` before it is sent and *confirmed* after: a second run skips a
confirmed key; a failed send removes its claim, so the retry (or the next run) sends it again.
Only a crash between the mail server's acceptance and the confirmation can send one twice, after
``CLAIM_EXPIRES`` (at least once, never silently lost).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from buurtgezinnen import policy
from buurtgezinnen.agenda.items import items_for
from buurtgezinnen.agenda.models import ReminderStatus, SentReminder
from buurtgezinnen.core import mail
from buurtgezinnen.core.agenda_item import Item

logger = logging.getLogger(__name__)

# A claim older than this belongs to a run that died while sending: it may be sent again.
CLAIM_EXPIRES = timedelta(hours=1)


@dataclass(frozen=True)
class Reminder:
    key: str  # ids and dates only: it is stored and may be logged
    to: str
    template: str
    context: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0
    failed: int = 0


class RemindersFailed(Exception):
    """Some reminders could not be sent; raised so that huey retries the task."""


def coordinator_reminders(today: date) -> Iterator[Reminder]:
    """Each coordinator's week: counts per kind of work and a link, no names (mail leaves the
    system). Nothing is sent to someone with nothing overdue or due this week."""
    from buurtgezinnen.org.models import Role, User

    users = (
        User.objects.filter(
            is_active=True,
            role_assignments__role__in=[Role.COORDINATOR, Role.REGIONAL_COORDINATOR],
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    week_end = today + timedelta(days=policy.DUE_SOON_DAYS)
    for user in users:
        items = items_for(user, today)
        overdue = [i for i in items if i.overdue(today)]
        this_week = [i for i in items if i.due is not None and today <= i.due <= week_end]
        if not overdue and not this_week:
            continue
        undated = sum(1 for i in items if i.due is None)
        yield Reminder(
            key=f"week:user:{user.pk}:{today.isoformat()}",
            to=user.email,
            template="week",
            context={
                "first_name": user.first_name,
                "overdue": _counts(overdue),
                "this_week": _counts(this_week),
                "undated": undated,
                "link": f"{settings.SITE_URL}{reverse('agenda:start')}",
            },
        )


def _counts(items: list[Item]) -> list[tuple[str, int]]:
    """(label, count) per kind; the label is the first item's title, without names."""
    counter: Counter[str] = Counter(i.kind for i in items)
    titles: dict[str, str] = {}
    for item in items:
        titles.setdefault(item.kind, item.title)
    return [(titles[kind], n) for kind, n in counter.most_common()]


def family_reminders(today: date) -> Iterator[Reminder]:
    """A parent with an e-mail address hears the day before of a planned intake conversation,
    introduction meeting or review: the date and time, nothing else."""
    from buurtgezinnen.families.models import Conversation, Person
    from buurtgezinnen.matching.models import (
        OPEN_MATCH,
        Proposal,
        ProposalStatus,
        Review,
    )

    day = today + timedelta(days=policy.FAMILY_REMINDER_DAYS_BEFORE)
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    end = start + timedelta(days=1)
    # (what, id, when, family ids)
    meetings: list[tuple[str, int, datetime, tuple[int, ...]]] = []
    for pk, family_id, at in Conversation.objects.filter(
        held_on__isnull=True, planned_at__gte=start, planned_at__lt=end
    ).values_list("pk", "family_id", "planned_at"):
        assert at is not None  # planned_at__gte above
        meetings.append(("conversation", pk, at, (family_id,)))
    for pk, request_id, support_id, at in Proposal.objects.filter(
        status=ProposalStatus.INTRODUCTION, introduction_at__gte=start, introduction_at__lt=end
    ).values_list("pk", "request_family_id", "support_family_id", "introduction_at"):
        assert at is not None  # introduction_at__gte above
        meetings.append(("introduction", pk, at, (request_id, support_id)))
    for pk, request_id, support_id, at in Review.objects.filter(
        held_on__isnull=True,
        planned_at__gte=start,
        planned_at__lt=end,
        match__status__in=OPEN_MATCH,
    ).values_list("pk", "match__request_family_id", "match__support_family_id", "planned_at"):
        assert at is not None  # planned_at__gte above
        meetings.append(("review", pk, at, (request_id, support_id)))
    family_ids = {f for *_rest, families in meetings for f in families}
    people: dict[int, list[tuple[int, str, str]]] = {}
    for person_pk, family_id, first_name, email in (
        Person.objects.filter(family_id__in=family_ids)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", "family_id", "first_name", "email")
    ):
        people.setdefault(family_id, []).append((person_pk, first_name, email))
    for what, pk, at, families in meetings:
        local = timezone.localtime(at)
        for family_id in families:
            for person_pk, first_name, email in people.get(family_id, []):
                yield Reminder(
                    key=f"{what}:{pk}:{local:%Y%m%d%H%M}:person:{person_pk}",
                    to=email,
                    template="appointment",
                    context={"first_name": first_name, "at": local},
                )


def _claim(key: str, now: datetime) -> bool:
    with transaction.atomic():
        row, created = SentReminder.objects.select_for_update().get_or_create(
            key=key, defaults={"status": ReminderStatus.CLAIMED, "claimed_at": now}
        )
        if created:
            return True
        if row.status == ReminderStatus.CLAIMED and now - row.claimed_at > CLAIM_EXPIRES:
            row.claimed_at = now
            row.save(update_fields=["claimed_at"])
            return True
        return False


def _render(reminder: Reminder) -> tuple[str, str]:
    context = dict(reminder.context)
    if "at" in context:
        at = context["at"]
        assert isinstance(at, datetime)  # family_reminders puts a local datetime there
        with translation.override(settings.LANGUAGE_CODE):
            context["day"] = date_format(at, "l j F Y")
            context["time"] = date_format(at, "H:i")
    return mail.render(f"agenda/mail/{reminder.template}", context)


def send(reminders: Iterator[Reminder], *, now: datetime | None = None) -> Outcome:
    outcome = Outcome()
    for reminder in reminders:
        now = now or timezone.now()
        if not _claim(reminder.key, now):
            outcome.skipped += 1
            continue
        try:
            subject, body = _render(reminder)
            send_mail(subject, body, None, [reminder.to])
        except Exception:
            SentReminder.objects.filter(key=reminder.key, status=ReminderStatus.CLAIMED).delete()
            logger.warning("reminder %s not sent; it will be retried", reminder.key)
            outcome.failed += 1
            continue
        SentReminder.objects.filter(key=reminder.key).update(
            status=ReminderStatus.SENT, sent_at=timezone.now()
        )
        outcome.sent += 1
    return outcome


def send_reminders(today: date) -> Outcome:
    """Everything due on ``today``; raises ``RemindersFailed`` after trying every reminder when
    some could not be sent (the others are sent and confirmed)."""
    outcome = send(coordinator_reminders(today))
    families = send(family_reminders(today))
    outcome.sent += families.sent
    outcome.skipped += families.skipped
    outcome.failed += families.failed
    if outcome.failed:
        raise RemindersFailed(f"{outcome.failed} reminders not sent")
    return outcome
