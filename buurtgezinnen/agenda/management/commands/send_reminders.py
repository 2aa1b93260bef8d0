"""Send today's reminders by hand (the worker does it every morning); safe to run again."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from buurtgezinnen.agenda import reminders


class Command(BaseCommand):
    help = "Send the reminders that are due (what was sent before is not sent again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to send for, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("--date must be YYYY-MM-DD") from error
        try:
            outcome = reminders.send_reminders(day)
        except reminders.RemindersFailed as error:
            raise CommandError(f"{error}; run the command again later") from error
        self.stdout.write(f"sent {outcome.sent}, already sent {outcome.skipped}")
