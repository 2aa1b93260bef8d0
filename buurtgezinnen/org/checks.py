"""System checks: the demo's shortcuts must never run in a production configuration."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "testserver"}


@checks.register(checks.Tags.security, "buurtgezinnen")
def demo_mode_only_locally(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not settings.DEMO_MODE:
        return []
    problems = []
    if settings.HTTPS:
        problems.append("HTTPS is on")
    public_hosts = sorted(set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS)
    if public_hosts:
        problems.append(f"ALLOWED_HOSTS names {', '.join(public_hosts)}")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        problems.append("the database is not the local SQLite file")
    if not problems:
        return []
    return [
        checks.Error(
            "DEMO_MODE is on in a production configuration (" + "; ".join(problems) + ").",
            hint="Demo users log in with printed passwords and TOTP secrets. Unset DEMO_MODE.",
            id="buurtgezinnen.E001",
        )
    ]
