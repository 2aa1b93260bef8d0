"""Who may use the concern pages (only the family's coordinator; everyone else 404), the support
parent's reporting page (public, by token) and referrals (case workers of the municipality)."""

from __future__ import annotations

import itertools
from typing import Any

from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule, day, family_kwargs

CONCERN = {"scoped": True, "scope": "concern"}
CASE = {"roles": CASE_WORKERS, "scoped": True, "scope": "case"}
_serial = itertools.count()


def _place(world: World, side: str) -> Any:
    return world.utrecht if side == "utrecht" else world.amersfoort


def concern_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.concerns.factories import make_concern, record_steps

    target = _place(world, side)
    concern = make_concern(world, target)
    record_steps(world, concern, 2)
    return {"pk": concern.pk}, target.slug


def worry_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.concerns.models import ConcernKind
    from tests.concerns.factories import make_concern

    target = _place(world, side)
    return {"pk": make_concern(world, target, kind=ConcernKind.WORRY).pk}, target.slug


def support_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.matrix import support_family_kwargs

    return support_family_kwargs(world, side)


def link_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.concerns import actions
    from buurtgezinnen.families.models import Family
    from tests.concerns.factories import coordinator_of
    from tests.matrix import support_family_kwargs

    target = _place(world, side)
    kwargs, slug = support_family_kwargs(world, side)
    person = Family.objects.get(pk=kwargs["pk"]).people.get()
    link, _token = actions.send_concern_link(person=person, by=coordinator_of(world, target))
    return {"pk": link.pk}, slug


def referral_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.concerns.factories import make_referral

    target = _place(world, side)
    return {"pk": make_referral(world, target).pk}, target.slug


def link_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    from buurtgezinnen.families.models import Person

    return {"person": Person.objects.get(family_id=kwargs["pk"]).pk}


def referral_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    from buurtgezinnen.families.models import Family
    from tests.concerns.factories import make_organisation

    family = Family.objects.get(pk=kwargs["pk"])
    organisation = make_organisation(family.municipality, name="Schuldhulp")
    return {"organisation": organisation.pk, "reason": "Schulden", "referred_on": day()}


RULES: dict[str, Rule] = {
    # Nobody in the matrix is the safety officer: everyone gets 404 (test_access.py: the officer).
    # base (8) for the 404 page = 8, +2 margin
    "concerns:safety_list": Rule(ok=(404,), max_queries=10, shows="concern"),
    "concerns:family": Rule(
        objects=family_kwargs,
        logs_read=True,
        # base (7) + family, concerns, access log, children, matches (5) = 12, +2 margin
        max_queries=14,
        post={"kind": "worry", "description": "Het kind is vaak moe."},
        **CONCERN,
    ),
    # base (7) + concern, access log, meldcode steps (3) = 10, +2 margin
    "concerns:detail": Rule(objects=concern_kwargs, logs_read=True, max_queries=12, **CONCERN),
    "concerns:step": Rule(
        objects=concern_kwargs,
        method="POST",
        ok=(400,),
        # base (7) + concern, access log, steps (3) + check (2) + the page again (5) + 3 sp = 20, +2
        max_queries=22,
        post={"step-talked_with_parents": "yes", "step-reasoning": "Met moeder gesproken."},
        **CONCERN,
    ),
    "concerns:acute": Rule(
        objects=concern_kwargs,
        method="POST",
        ok=(400,),
        # base (7) + concern, access log, steps (3) + the page again (5) = 15, +2
        max_queries=17,
        post={
            "acute-reported_on": day(),
            "acute-veilig_thuis_reference": "VT-2026-0042",
            "acute-reasoning": "Direct gevaar.",
        },
        **CONCERN,
    ),
    # base (7) + concern, access log, concern x2, change log, update (6) + 2 sp = 15, +2
    "concerns:escalate": Rule(
        objects=worry_kwargs, method="POST", ok=(302,), max_queries=17, post={}, **CONCERN
    ),
    # A safety concern cannot be closed before its decision; the form check closes a worry.
    "concerns:close": Rule(
        objects=worry_kwargs,
        method="POST",
        ok=(400,),
        # base (7) + concern, access log, meldcode steps (3) = 10, +2 margin
        max_queries=12,
        post={"close-note": "Besproken; geen zorg meer."},
        **CONCERN,
    ),
    # base (7) + family (1) = 8, +2 margin
    "concerns:link_send": Rule(
        objects=support_kwargs, method="POST", ok=(302,), max_queries=10, post=link_post, **CONCERN
    ),
    # base (7) + link x2, change log, update (4) + 2 sp = 13, +2 margin
    "concerns:link_revoke": Rule(
        objects=link_kwargs, method="POST", ok=(302,), max_queries=15, post={}, **CONCERN
    ),
    # base (8) + family, access log, organisations, matches (4) = 12, +2 margin
    "concerns:referral_create": Rule(
        objects=family_kwargs, logs_read=True, max_queries=14, post=referral_post, **CASE
    ),
    "concerns:referral": Rule(
        objects=referral_kwargs,
        logs_read=True,
        # base (8) + referral, access log (2) = 10, +2 margin
        max_queries=12,
        post={"outcome": "accepted", "outcome_note": "Gestart."},
        **CASE,
    ),
    # An unknown token: the same "this link does not work" page for everyone.
    "concerns:report": Rule(
        public=True,
        ok=(404,),
        fixed_kwargs={"token": "ongeldig"},
        # base (8) + the link by its token (1) = 9, +2 margin
        max_queries=11,
        shows="none",
        post_exempt="the token is the key: its holder may report (tests/concerns/test_link.py)",
    ),
}
