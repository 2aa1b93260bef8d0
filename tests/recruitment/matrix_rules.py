"""Who may use the recruitment pages."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule, family_kwargs


def published_profile_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.recruitment.test_profiles import published_profile

    target = world.utrecht if side == "utrecht" else world.amersfoort
    profile = published_profile(world, target)
    return {"slug": target.slug, "public_id": profile.public_id}, None


def published_family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.recruitment.test_profiles import published_profile

    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {"pk": published_profile(world, target).family_id}, target.slug


RULES: dict[str, Rule] = {
    "families:profile": Rule(
        roles=CASE_WORKERS,
        objects=family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        max_queries=20,
    ),
    "families:profile_social": Rule(
        roles=CASE_WORKERS,
        objects=published_family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        max_queries=20,
    ),
    "families:profile_card": Rule(
        roles=CASE_WORKERS,
        objects=published_family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        max_queries=16,
    ),
    "public_profile": Rule(public=True, objects=published_profile_kwargs, max_queries=12),
}
