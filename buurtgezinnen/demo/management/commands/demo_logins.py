import time
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand

from buurtgezinnen.demo import data

TOTP_PERIOD = 30


class Command(BaseCommand):
    help = "Prints how to log in as each demo role, with the TOTP secret and the current code."

    def handle(self, *args: Any, **options: Any) -> None:
        counter = int(time.time()) // TOTP_PERIOD
        left = TOTP_PERIOD - int(time.time()) % TOTP_PERIOD
        write = self.stdout.write
        write("")
        write(f"Buurtgezinnen demo: {settings.SITE_URL}/account/login/")
        write(f"Password for every demo user: {data.DEMO_PASSWORD}")
        write("Second step: add the TOTP secret to an authenticator app, or type the code shown")
        write(f"(valid {left} s more; `make demo-codes` prints fresh ones).")
        write("")
        write(f"{'role':<28} {'e-mail':<42} {'TOTP secret':<34} code")
        for demo in data.DEMO_USERS:
            code = format_hotp_value(hotp_value(demo.totp_secret, counter))
            write(f"{demo.role.label!s:<28} {demo.email:<42} {demo.totp_secret:<34} {code}")
        write("")
        self._stand_ins(write)

    def _stand_ins(self, write: Any) -> None:
        """Who stands in for whom today, and who is the safety officer."""
        from django.utils import timezone

        from buurtgezinnen.org.models import StandIn, User

        running = StandIn.objects.active_on(timezone.localdate()).filter(
            stand_in__is_demo=True, coordinator__is_demo=True
        )
        for item in running.select_related("stand_in", "coordinator"):
            write(
                f"Stand-in: {item.stand_in.email} stands in for {item.coordinator.email} "
                f"until {item.ends_on:%Y-%m-%d} (sees and works their families and concerns)."
            )
        for email in User.objects.filter(is_demo=True, is_safety_officer=True).values_list(
            "email", flat=True
        ):
            write(
                f"Safety officer: {email} (reads the concerns that follow the reporting code, "
                "nothing else)."
            )
        write("")
