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


def draft_family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A family with a saved (draft) profile whose deeper check is done."""
    from buurtgezinnen.recruitment import actions
    from buurtgezinnen.recruitment.drafting import draft
    from tests.recruitment.test_profiles import waiting_family

    target = world.utrecht if side == "utrecht" else world.amersfoort
    family = waiting_family(world, target)
    coordinator = world.users[
        "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    ]
    profile = actions.save_profile(family=family, by=coordinator, **draft(family))
    actions.run_deep_check(profile_id=profile.pk)
    return {"pk": family.pk}, target.slug


def offline_with_posts_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A family whose profile was posted on Facebook and then withdrawn: posts to take down."""
    from django.utils import timezone

    from buurtgezinnen.recruitment import actions
    from tests.recruitment.test_profiles import published_profile

    target = world.utrecht if side == "utrecht" else world.amersfoort
    coordinator = world.users[
        "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    ]
    profile = published_profile(world, target)
    actions.mark_posted(
        profile=profile, by=coordinator, channel="facebook", posted_on=timezone.localdate()
    )
    actions.withdraw_profile(profile=profile, by=coordinator)
    return {"pk": profile.family_id}, target.slug


RULES: dict[str, Rule] = {
    "families:profile": Rule(
        roles=CASE_WORKERS,
        objects=family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        max_queries=20,
    ),
    # Refused (no such finding, or already done): still a redirect back to the profile page.
    "families:profile_dismiss_finding": Rule(
        roles=CASE_WORKERS,
        objects=draft_family_kwargs,
        method="POST",
        data={"text_hash": "0" * 64, "start": 0, "end": 3, "reason": "Geen naam"},
        ok=(302,),
        scoped=True,
        scope="case",
        max_queries=30,
    ),
    # The check section alone, polled by the profile page while the deeper check runs.
    "families:profile_check": Rule(
        roles=CASE_WORKERS,
        objects=draft_family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        max_queries=16,
    ),
    # Refused (the hash is not the text's): still a redirect back to the profile page.
    "families:profile_apply_suggestion": Rule(
        roles=CASE_WORKERS,
        objects=draft_family_kwargs,
        method="POST",
        data={"text_hash": "0" * 64, "start": 0, "end": 3, "replacement": "een club"},
        ok=(302,),
        scoped=True,
        scope="case",
        max_queries=30,
    ),
    "families:profile_rerun_check": Rule(
        roles=CASE_WORKERS,
        objects=draft_family_kwargs,
        method="POST",
        ok=(302,),
        scoped=True,
        scope="case",
        max_queries=30,
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
    "families:profile_posts_removed": Rule(
        roles=CASE_WORKERS,
        objects=offline_with_posts_kwargs,
        method="POST",
        ok=(302,),
        scoped=True,
        scope="case",
        max_queries=20,
    ),
    "public_profile": Rule(public=True, objects=published_profile_kwargs, max_queries=12),
}
