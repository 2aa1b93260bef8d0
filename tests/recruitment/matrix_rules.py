"""Who may use the recruitment pages."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule, day


def published_profile_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.recruitment.test_profiles import published_profile

    target = world.utrecht if side == "utrecht" else world.amersfoort
    profile = published_profile(world, target)
    return {"slug": target.slug, "public_id": profile.public_id}, None


def published_family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.recruitment.test_profiles import published_profile

    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {"pk": published_profile(world, target).family_id}, target.slug


def waiting_family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.recruitment.test_profiles import waiting_family

    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {"pk": waiting_family(world, target).pk}, target.slug


def saved_family_kwargs(
    world: World, side: str, text: str | None = None, *, checked: bool = False
) -> tuple[dict[str, Any], str | None]:
    """A family with a saved (draft) profile; ``checked``: its deeper check is done."""
    from buurtgezinnen.families.models import Family
    from buurtgezinnen.recruitment import actions
    from buurtgezinnen.recruitment.drafting import draft

    kwargs, slug = waiting_family_kwargs(world, side)
    family = Family.objects.get(pk=kwargs["pk"])
    coordinator = world.users[
        "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    ]
    fields = {**draft(family), **({"text": text} if text else {})}
    profile = actions.save_profile(family=family, by=coordinator, **fields)
    if checked:
        actions.run_deep_check(profile_id=profile.pk)
    return kwargs, slug


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


def draft_family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A family with a saved (draft) profile whose deeper check is done."""
    return saved_family_kwargs(world, side, checked=True)


def finding_family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A saved profile with a finding that may be dismissed (a grandfather by name)."""
    return saved_family_kwargs(world, side, "Opa Johan komt elke week langs.", checked=True)


def dismiss_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    from buurtgezinnen.recruitment import actions, deep_check
    from buurtgezinnen.recruitment.models import RecruitmentProfile

    profile = RecruitmentProfile.objects.get(family_id=kwargs["pk"])
    covered = actions.findings(profile)
    # "Opa Johan": a person by name (the quasi layer; deduce no longer marks it a second time).
    finding, *_rest = [
        *actions.quasi_findings(profile, covered),
        *actions.deep_state(profile, covered=covered).open,
    ]
    return {
        "text_hash": deep_check.text_hash(profile.public_text()),
        "start": finding.start,
        "end": finding.end,
        "reason": "Opa staat niet in het dossier.",
    }


def club_family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A saved profile that names a football club: a finding with a suggestion."""
    return saved_family_kwargs(world, side, "Hij voetbalt bij VV De Meern.", checked=True)


def suggestion_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    from buurtgezinnen.recruitment import actions, deep_check
    from buurtgezinnen.recruitment.models import RecruitmentProfile

    profile = RecruitmentProfile.objects.get(family_id=kwargs["pk"])
    covered = actions.findings(profile)
    (finding,) = [f for f in actions.quasi_findings(profile, covered) if f.suggestion]
    return {
        "text_hash": deep_check.text_hash(profile.public_text()),
        "start": finding.start,
        "end": finding.end,
        "replacement": finding.suggestion,
    }


PROFILE = {
    "headline": "Een gezin zoekt een steungezin",
    "area": "In de wijk",
    "children": "Een kind van 6 tot 8 jaar",
    "support": "Een vaste middag in de week",
    "days": "woensdag",
    "text": "Een moeder met een zoon zoekt een gezin voor een vaste middag.",
}

RULES: dict[str, Rule] = {
    "recruitment:profile": Rule(
        roles=CASE_WORKERS,
        objects=waiting_family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        # base (8) + family, access log, profile, children x2, talks, parents (7) = 15, +2
        max_queries=17,
        post=PROFILE,
    ),
    # Refused (no such finding, or already done): still a redirect back to the profile page.
    "recruitment:profile_dismiss_finding": Rule(
        roles=CASE_WORKERS,
        objects=finding_family_kwargs,
        method="POST",
        data={"text_hash": "0" * 64, "start": 0, "end": 3, "reason": "Geen naam"},
        ok=(302,),
        scoped=True,
        scope="case",
        # base (8) + family, access log, profile x2 (4) + 3 sp = 15, +2
        max_queries=17,
        post=dismiss_post,
    ),
    # The check section alone, polled by the profile page while the deeper check runs.
    "recruitment:profile_check": Rule(
        roles=CASE_WORKERS,
        objects=draft_family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        # base (8) + family, access log, profile, parents, children, deep check, dismissals (7) = 15
        max_queries=16,
    ),
    # Refused (the hash is not the text's): still a redirect back to the profile page.
    "recruitment:profile_apply_suggestion": Rule(
        roles=CASE_WORKERS,
        objects=club_family_kwargs,
        method="POST",
        data={"text_hash": "0" * 64, "start": 0, "end": 3, "replacement": "een club"},
        ok=(302,),
        scoped=True,
        scope="case",
        # base (8) + family, access log, profile x2 (4) + 3 sp = 15, +2
        max_queries=17,
        post=suggestion_post,
    ),
    "recruitment:profile_rerun_check": Rule(
        roles=CASE_WORKERS,
        objects=saved_family_kwargs,
        method="POST",
        ok=(302,),
        scoped=True,
        scope="case",
        # base (8) + family x2, log, profile x2, check x2, dismissals, update, event + 2 sp = 20, +2
        max_queries=22,
        post={},
    ),
    "recruitment:profile_social": Rule(
        roles=CASE_WORKERS,
        objects=published_family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        # base (8) + family, access log, profile, posts (4) = 12, +2 margin
        max_queries=14,
        post={"channel": "facebook", "posted_on": day()},
    ),
    "recruitment:profile_card": Rule(
        roles=CASE_WORKERS,
        objects=published_family_kwargs,
        scoped=True,
        scope="case",
        logs_read=True,
        # base (8) + family, access log, profile (3) = 11, +2 margin
        max_queries=13,
    ),
    "recruitment:profile_posts_removed": Rule(
        roles=CASE_WORKERS,
        objects=offline_with_posts_kwargs,
        method="POST",
        ok=(302,),
        scoped=True,
        scope="case",
        # base (8) + family, access log, profile x3, posts, update, event (8) + 2 sp = 18
        max_queries=20,
        post={},
    ),
    # base (8) + profile (1) = 9
    "recruitment:public_profile": Rule(
        public=True, objects=published_profile_kwargs, max_queries=12
    ),
}
