"""System checks: the demo's shortcuts must never run in a production configuration, and a
production configuration must know its reverse proxies."""

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


@checks.register(checks.Tags.security, "buurtgezinnen", deploy=True)
def client_address_behind_proxy(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """With HTTPS on, TLS ends at a reverse proxy (README). Without TRUSTED_PROXY_COUNT every
    visitor then has the proxy's address: one lockout and one rate limit for the whole country."""
    if not settings.HTTPS or settings.TRUSTED_PROXY_COUNT > 0:
        return []
    return [
        checks.Warning(
            "HTTPS is on but TRUSTED_PROXY_COUNT is 0: behind a reverse proxy every visitor has "
            "the proxy's address.",
            hint="Set TRUSTED_PROXY_COUNT to the number of reverse proxies in front of gunicorn "
            "(1 for one nginx), or silence buurtgezinnen.W001 if nothing stands in front of it.",
            id="buurtgezinnen.W001",
        )
    ]
