"""Who may use the calendar link's pages (case workers) and the feed (whoever has the token)."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule


def token_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.agenda import actions

    key = "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    return {"token": actions.create_calendar_token(by=world.users[key])}, None


RULES: dict[str, Rule] = {
    "agenda:calendar": Rule(roles=CASE_WORKERS, max_queries=10),
    "agenda:calendar_new": Rule(roles=CASE_WORKERS, method="POST", max_queries=16),
    "agenda:calendar_revoke": Rule(roles=CASE_WORKERS, method="POST", ok=(302,), max_queries=12),
    # No login: the secret in the address is the key (a revoked one is a 404, tested apart).
    "calendar_feed": Rule(public=True, objects=token_kwargs, max_queries=14),
}
