"""Who may use ranking, suggestion and proposals: coordinators and regional coordinators."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule, day, moment


def waiting_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.matching.test_proposals import waiting

    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {"pk": waiting(world, target).pk}, target.slug


def pair_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from tests.matching.test_proposals import available, waiting

    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {
        "pk": waiting(world, target).pk,
        "support_pk": available(world, municipality=target).pk,
    }, target.slug


def proposal_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.matching.models import Proposal

    kwargs, slug = pair_kwargs(world, side)
    proposal = Proposal.objects.create(
        request_family_id=kwargs["pk"], support_family_id=kwargs["support_pk"], place=1
    )
    return {"pk": proposal.pk}, slug


def match_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A match in its trial period (so every match page has something to do)."""
    from buurtgezinnen.matching import actions
    from buurtgezinnen.matching.models import Match

    kwargs, slug = pair_kwargs(world, side)
    by = world.users["coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"]
    from buurtgezinnen.families.models import Family

    proposal = actions.propose(
        request_family=Family.objects.get(pk=kwargs["pk"]),
        support_family=Family.objects.get(pk=kwargs["support_pk"]),
        by=by,
    )
    actions.record_outcome(proposal=proposal, by=by, click=True)
    match = Match.objects.get(proposal=proposal)
    actions.start_trial(match=match, by=by)
    return {"pk": match.pk}, slug


CASE = {"roles": CASE_WORKERS, "scoped": True, "scope": "case"}

RULES: dict[str, Rule] = {
    # base (8) + family, access log, waiting family, children, parents, talks, preselected,
    # nearest left out, their parents, open proposal (10) = 18, +2
    "matching:candidates": Rule(objects=waiting_kwargs, logs_read=True, max_queries=20, **CASE),
    # base (8) + 2 families, access logs (4) + families x3, places x3 (6) + 5 writes + 4 sp = 27, +2
    "matching:propose": Rule(
        objects=pair_kwargs, method="POST", ok=(302,), max_queries=29, post={}, **CASE
    ),
    "matching:proposal": Rule(
        objects=proposal_kwargs,
        # base (8) + proposal (1) = 9, +2 margin
        max_queries=11,
        post={"plan": "1", "at": moment(3)},
        **CASE,
    ),
    "matching:suggestion": Rule(
        roles=CASE_WORKERS,
        # base (8) + municipalities, families, children, parents, conversations, pairable support
        # families, their parents, left out with their count (8) = 16, +2
        max_queries=18,
        shows="case",
        shows_own=("case",),
        variants=({"gemeente": "{amersfoort}"}, {"gemeente": "{zeist}"}),
    ),
    "matching:list": Rule(
        roles=CASE_WORKERS,
        # base (8) + count, page of matches with their latest review held (2) = 10
        max_queries=10,
        shows="case",
        shows_own=("case",),
        variants=({"afgesloten": "1"},),
    ),
    "matching:detail": Rule(
        objects=match_kwargs,
        logs_read=True,
        # base (8) + match, access log, reviews x2, events (5) = 13
        max_queries=14,
        post={"kind": "evaluation", "at": moment(20)},
        **CASE,
    ),
    "matching:review": Rule(
        objects=match_kwargs,
        logs_read=True,
        # base (8) + match, access log, reviews (3) = 11
        max_queries=12,
        post={"kind": "evaluation", "held_on": day(), "request_family_notes": "Gaat goed."},
        **CASE,
    ),
    "matching:close": Rule(
        objects=match_kwargs,
        logs_read=True,
        # base (8) + match, access log (2) = 10
        max_queries=12,
        post={
            "end": "1",
            "reason": "moved",
            "request_family_to": "waiting",
            "support_available_again": "yes",
        },
        **CASE,
    ),
}
