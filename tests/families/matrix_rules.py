"""Who may use the coordinator's family pages: coordinators and regional coordinators, in scope."""

from __future__ import annotations

from tests.matrix import CASE_WORKERS, Rule, family_kwargs

RULES: dict[str, Rule] = {
    "families:overview": Rule(roles=CASE_WORKERS, max_queries=12),
    "families:detail": Rule(
        roles=CASE_WORKERS,
        objects=family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        max_queries=20,
    ),
}
