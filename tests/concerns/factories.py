"""Concerns, matches and referrals for tests, made through the real actions."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from buurtgezinnen.concerns import actions
from buurtgezinnen.concerns.models import Concern, ConcernKind, Step
from buurtgezinnen.families.models import Family, ServiceOrganisation
from buurtgezinnen.matching import actions as matching_actions
from buurtgezinnen.matching.models import Match
from buurtgezinnen.org.models import Municipality, User
from tests.conftest import World
from tests.families.factories import make_family

TODAY = timezone.localdate()


def coordinator_of(world: World, municipality: Municipality) -> User:
    return world.users[
        "coordinator_amersfoort" if municipality == world.amersfoort else "coordinator_utrecht"
    ]


def make_match(world: World, municipality: Municipality | None = None) -> Match:
    from tests.matching.test_proposals import available, waiting

    municipality = municipality or world.utrecht
    by = coordinator_of(world, municipality)
    family = waiting(world, municipality)
    support = available(world, municipality=municipality)
    proposal = matching_actions.propose(request_family=family, support_family=support, by=by)
    matching_actions.record_outcome(proposal=proposal, by=by, click=True)
    return Match.objects.get(proposal=proposal)


def make_concern(
    world: World,
    municipality: Municipality | None = None,
    *,
    kind: str = ConcernKind.SAFETY,
    family: Family | None = None,
    description: str = "Blauwe plekken op de armen van het kind.",
) -> Concern:
    municipality = municipality or world.utrecht
    family = family or make_family(municipality)
    return actions.record_concern(
        family=family, by=coordinator_of(world, municipality), kind=kind, description=description
    )


def step_data(step: int, day: date = TODAY) -> dict[str, object]:
    """Valid data for each step."""
    return {
        Step.SIGNS: {"signs": "Het kind schrok toen de steunouder de hand opstak."},
        Step.CONSULT: {
            "colleague": "Ruud Jansen, regiocoördinator",
            "veilig_thuis_consulted": True,
            "veilig_thuis_advice": "Eerst met de ouders praten.",
        },
        Step.TALK: {"talked_with_parents": True, "not_talked_reason": ""},
        Step.WEIGH: {
            **{f"q{n}_answer": n in (1, 3, 4, 5) for n in range(1, 6)},
            **{f"q{n}_explanation": f"Toelichting {n}" for n in range(1, 6)},
        },
        Step.DECIDE: {
            "help_organised": True,
            "help_note": "Opvoedondersteuning via het buurtteam.",
            "reported_to_veilig_thuis": False,
        },
        Step.ACUTE: {"reported_on": day, "veilig_thuis_reference": "VT-2026-0042"},
    }[step]


def record_steps(world: World, concern: Concern, upto: int) -> None:
    by = coordinator_of(world, concern.family.municipality)
    for step in range(1, upto + 1):
        actions.record_step(
            concern=concern, by=by, step=step, reasoning=f"Reden {step}", **step_data(step)
        )


def make_organisation(municipality: Municipality, name: str = "Buurtteam") -> ServiceOrganisation:
    return ServiceOrganisation.objects.create(
        municipality=municipality, name=name, category="district_team"
    )


def make_referral(world: World, municipality: Municipality, days_ago: int = 0):
    family = make_family(municipality)
    return actions.record_referral(
        family=family,
        by=coordinator_of(world, municipality),
        organisation=make_organisation(municipality),
        reason="Schulden",
        referred_on=TODAY - timedelta(days=days_ago),
    )
