"""Who may use the calendar link's pages (case workers) and the feed (whoever has the token)."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule


def token_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.agenda import actions

    key = "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    return {"token": actions.create_calendar_token(by=world.users[key])}, None


def revoke_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The coordinator of Utrecht (the actor in scope) has a link to revoke."""
    from buurtgezinnen.agenda import actions

    actions.create_calendar_token(by=world.users["coordinator_utrecht"])
    return {}


RULES: dict[str, Rule] = {
    # base (8) + the user's calendar link (1) = 9
    "agenda:calendar": Rule(roles=CASE_WORKERS, max_queries=10, shows="none"),
    # Each acts on the user's own link only.
    # base (8) + link, insert, change log, link again (4) + 4 sp = 16
    "agenda:calendar_new": Rule(roles=CASE_WORKERS, method="POST", max_queries=16, post={}),
    # base (8) + the user's link (1) + 2 sp = 11
    "agenda:calendar_revoke": Rule(
        roles=CASE_WORKERS, method="POST", ok=(302,), max_queries=12, post=revoke_post
    ),
    # No login: the secret in the address is the key (a revoked one is a 404, tested apart).
    # It lists its owner's planned meetings (with links to them, no names).
    "agenda:calendar_feed": Rule(
        public=True,
        objects=token_kwargs,
        # session, user, 2FA check, session write (6) + link, its use, roles, meetings x3 (6) = 12
        max_queries=14,
        shows="case",
        shows_own=("case",),
        viewer={"utrecht": "coordinator_utrecht", "amersfoort": "coordinator_amersfoort"},
    ),
}
