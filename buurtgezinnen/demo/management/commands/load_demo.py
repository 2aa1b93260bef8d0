from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from buurtgezinnen.demo import data


class Command(BaseCommand):
    help = "Loads the demo data (idempotent). Only with DEMO_MODE on."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("The demo data is only loaded with DEMO_MODE=true.")
        data.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
