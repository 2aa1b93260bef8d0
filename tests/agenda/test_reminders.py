"""Reminders: sent once even when the task runs twice; a failing mail server loses nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from buurtgezinnen.agenda import reminders, tasks
from buurtgezinnen.agenda.models import ReminderStatus, SentReminder
from tests.agenda.helpers import plan
from tests.conftest import World
from tests.families.factories import make_family

TODAY = timezone.localdate()


class FlakyBackend(EmailBackend):
    """Refuses the first message it is given, then works."""

    failures_left = 1

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        if FlakyBackend.failures_left:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


def _situation(world: World):
    user = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht, name="Jansen")
    plan(family, user, TODAY + timedelta(days=1))  # tomorrow: the family hears of it
    late = make_family(world.utrecht, name="Pietersen")
    plan(late, user, TODAY - timedelta(days=2))  # overdue: in the coordinator's mail
    mail.outbox.clear()  # the applications' own confirmations
    return user, family


def _to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


@pytest.mark.django_db
def test_sent_once_when_the_task_runs_twice(world: World) -> None:
    user, family = _situation(world)
    parent = family.people.get()

    reminders.send_reminders(TODAY)
    first = len(mail.outbox)
    outcome = reminders.send_reminders(TODAY)

    assert outcome.sent == 0 and outcome.skipped == first
    assert len(mail.outbox) == first
    [week] = _to(user.email)
    # Counts and a link; no family names leave the system in the coordinator's mail.
    assert "Jansen" not in week.body and "Pietersen" not in week.body
    assert "/start/" in week.body and "Te laat" in week.body
    [appointment] = _to(parent.email)
    tomorrow = timezone.localtime(family.conversations.get().planned_at)
    assert f"{tomorrow:%H:%M}" in appointment.body and "Jansen" not in appointment.body
    # The coordinator of another municipality has nothing due: no mail.
    assert not _to(world.users["coordinator_amersfoort"].email)
    assert SentReminder.objects.filter(status=ReminderStatus.SENT).count() == first


@pytest.mark.django_db
def test_a_failing_mail_server_loses_nothing_and_sends_nothing_twice(
    world: World, settings
) -> None:
    _situation(world)
    settings.EMAIL_BACKEND = "tests.agenda.test_reminders.FlakyBackend"
    FlakyBackend.failures_left = 1

    with pytest.raises(reminders.RemindersFailed):
        reminders.send_reminders(TODAY)
    # Coordinator, regional coordinator and parent: the first failed, the others went out.
    assert len(mail.outbox) == 2
    assert not SentReminder.objects.filter(status=ReminderStatus.CLAIMED).exists()

    outcome = reminders.send_reminders(TODAY)  # huey's retry, or the command run again
    assert outcome.sent == 1 and outcome.skipped == 2
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == 3 and len(set(recipients)) == 3  # everyone, nobody twice
    assert reminders.send_reminders(TODAY).sent == 0


@pytest.mark.django_db
def test_a_claim_left_by_a_run_that_died_is_sent_after_it_expires(world: World) -> None:
    user, _family = _situation(world)
    key = f"week:user:{user.pk}:{TODAY.isoformat()}"
    SentReminder.objects.create(
        key=key, status=ReminderStatus.CLAIMED, claimed_at=timezone.now() - timedelta(minutes=5)
    )
    reminders.send_reminders(TODAY)
    assert not _to(user.email)  # another run may be sending it right now
    SentReminder.objects.filter(key=key).update(
        claimed_at=timezone.now() - reminders.CLAIM_EXPIRES - timedelta(minutes=1)
    )
    reminders.send_reminders(TODAY)
    assert len(_to(user.email)) == 1


@pytest.mark.django_db
def test_the_task_and_the_command(world: World) -> None:
    _situation(world)
    tasks.send_reminders.call_local(TODAY.isoformat())
    sent = len(mail.outbox)
    assert sent == 3  # coordinator, regional coordinator, parent
    call_command("send_reminders", "--date", TODAY.isoformat())
    assert len(mail.outbox) == sent


def test_the_daily_task_runs_at_half_past_six_local_time() -> None:
    from datetime import datetime

    check = tasks.at_local_time(6, 30)
    assert check(datetime(2026, 1, 15, 5, 30))  # winter: UTC+1
    assert check(datetime(2026, 7, 15, 4, 30))  # summer: UTC+2
    assert not check(datetime(2026, 7, 15, 5, 30))
