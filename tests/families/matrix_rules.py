"""Who may use the coordinator's family pages: coordinators and regional coordinators, in scope."""

from __future__ import annotations

import itertools
from typing import Any

from buurtgezinnen.families.views import LISTS
from buurtgezinnen.org.models import Role
from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule, day, family_kwargs, support_family_kwargs


def conversation_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    kwargs, slug = family_kwargs(world, side)
    return {**kwargs, "number": 1}, slug


def vog_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.families.models import Family

    kwargs, slug = support_family_kwargs(world, side)
    person = Family.objects.get(pk=kwargs["pk"]).people.get()
    return {**kwargs, "person_pk": person.pk}, slug


def person_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.families.models import Family

    kwargs, slug = family_kwargs(world, side)
    return {**kwargs, "person_pk": Family.objects.get(pk=kwargs["pk"]).people.get().pk}, slug


def child_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.families.models import Family

    kwargs, slug = family_kwargs(world, side)
    return {**kwargs, "child_pk": Family.objects.get(pk=kwargs["pk"]).children.first().pk}, slug


def organisation_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.families.models import ServiceOrganisation

    target = world.utrecht if side == "utrecht" else world.amersfoort
    organisation = ServiceOrganisation.objects.create(
        municipality=target, name="Buurtteam", category="district_team"
    )
    return {"pk": organisation.pk}, target.slug


def criterion_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.families.models import CompetenceCriterion

    criterion = CompetenceCriterion.objects.create(name=f"Criterium {next(_serial)}")
    return {"pk": criterion.pk}, None


_serial = itertools.count(1)
CASE = {"roles": CASE_WORKERS, "scoped": True, "scope": "case"}
NATIONAL = frozenset({Role.NATIONAL_OFFICE})
POSTCODES = {"utrecht": "3511 AB", "amersfoort": "3811 CD"}

# Valid submissions of the forms (test_forms_refuse_other_municipality).
FAMILY = {"name": "Jansen", "street": "Oudegracht", "house_number": "2", "place": "Utrecht"}
PERSON = {
    "first_name": "Piet",
    "last_name": "Jansen",
    "email": "piet.jansen@example.nl",
    "phone": "0612345679",
    "languages": "Nederlands",
}
CHILD = {"first_name": "Mila", "date_of_birth": "2018-05-01"}
OFFER = {
    "day_parts": ["wed_afternoon"],
    "frequency": "weekly",
    "max_children": "2",
    "min_child_age": "0",
    "max_child_age": "12",
    "max_travel_km": "5",
    "max_families": "1",
    "support_types": ["fixed_afternoon"],
}
CRITERION = {"name": "Geduldig", "position": "3", "is_active": "on"}


def family_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {**FAMILY, "postcode": POSTCODES[side]}


def application_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Names the municipality of ``side``: outside the actor's scope, the form refuses it."""
    from tests.matrix import side_municipality

    return {
        "kind": "request",
        "municipality": side_municipality(world, side).pk,
        "source": "phone",
        "name": "Jansen",
        "first_name": "Piet",
        "last_name": "Jansen",
        "phone": "0612345679",
        "postcode": POSTCODES[side],
        "consent": "on",
        "children-TOTAL_FORMS": "1",
        "children-INITIAL_FORMS": "0",
        "children-0-first_name": "Mila",
        "children-0-date_of_birth": "2018-05-01",
    }


def assessment_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    from buurtgezinnen.families.models import CompetenceCriterion

    criterion, _ = CompetenceCriterion.objects.get_or_create(name="Stabiel gezin")
    return {f"rating_{criterion.pk}": "meets", f"note_{criterion.pk}": "Rustig huis"}


def directory_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    from tests.matrix import side_municipality

    return {
        "municipality": side_municipality(world, side).pk,
        "name": "Schuldhulp",
        "category": "district_team",
        "is_active": "on",
    }


def vog_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        "requested_on": day(-20),
        "received_on": day(-2),
        "issued_on": day(-5),
        "checked": "on",
    }


RULES: dict[str, Rule] = {
    "families:overview": Rule(
        roles=CASE_WORKERS,
        # base (8) + count (a search: the ids found), municipalities for the filter, page (3) = 11
        max_queries=12,
        shows="case",
        shows_own=("case",),
        variants=(
            *({"lijst": key} for key, _label in LISTS[1:]),
            {"q": "{search}"},
            {"q": "{search}", "gemeente": "{amersfoort}"},
            {"gemeente": "{amersfoort}"},
            {"gemeente": "{zeist}"},
        ),
    ),
    "families:application_create": Rule(
        roles=CASE_WORKERS,
        scoped=True,
        scope="case",
        # base (8) + municipalities for the form x2 (2) = 10
        max_queries=12,
        shows="none",
        post=application_post,
    ),
    # base (8) + family, access log (2) + 10 sections (family, people, talks, matches...) = 20
    "families:detail": Rule(objects=family_kwargs, logs_read=True, max_queries=20, **CASE),
    # base (8) + family, access log, family for the form (3) = 11
    "families:edit": Rule(
        objects=family_kwargs, logs_read=True, max_queries=14, post=family_post, **CASE
    ),
    # base (8) + family, access log (2) = 10, +2 margin
    "families:person_create": Rule(
        objects=family_kwargs, logs_read=True, max_queries=12, post=PERSON, **CASE
    ),
    # base (8) + family, access log, person (3) = 11
    "families:person_edit": Rule(
        objects=person_kwargs, logs_read=True, max_queries=14, post=PERSON, **CASE
    ),
    # base (8) + family, access log (2) = 10, +2 margin
    "families:child_create": Rule(
        objects=family_kwargs, logs_read=True, max_queries=12, post=CHILD, **CASE
    ),
    # base (8) + family, access log, child (3) = 11
    "families:child_edit": Rule(
        objects=child_kwargs, logs_read=True, max_queries=14, post=CHILD, **CASE
    ),
    "families:conversation": Rule(
        objects=conversation_kwargs,
        # base (8) + family, access log, conversation (3) = 11
        max_queries=14,
        post={"held_on": day(-1), "attendees": "Moeder", "goes_well": "Veel"},
        **CASE,
    ),
    "families:decision": Rule(
        objects=family_kwargs,
        # base (8) + family, access log, organisations (3) = 11
        max_queries=14,
        post={"outcome": "withdrawn", "reason": "Het gezin wil toch niet."},
        **CASE,
    ),
    # base (8) + family, access log, criteria, assessments (4) = 12
    "families:assessments": Rule(
        objects=support_family_kwargs, max_queries=14, post=assessment_post, **CASE
    ),
    # base (8) + family, access log, offer (3) = 11
    "families:offer": Rule(objects=support_family_kwargs, max_queries=14, post=OFFER, **CASE),
    # base (8) + family, access log, person, VOGs (4) = 12
    "families:vog": Rule(objects=vog_kwargs, max_queries=14, post=vog_post, **CASE),
    # base (8) + count, page of organisations (2) = 10
    "families:directory": Rule(
        roles=CASE_WORKERS, max_queries=12, shows="organisation", shows_own=("organisation",)
    ),
    "families:directory_create": Rule(
        roles=CASE_WORKERS,
        scoped=True,
        scope="case",
        # base (8) + municipalities for the form (1) = 9
        max_queries=12,
        shows="none",
        post=directory_post,
    ),
    # base (8) + organisation, municipalities for the form (2) = 10, +2 margin
    "families:directory_edit": Rule(
        objects=organisation_kwargs, max_queries=12, post=directory_post, **CASE
    ),
    # base (8) + criteria (1) = 9
    "families:criteria": Rule(roles=NATIONAL, max_queries=10, shows="none"),
    # base (8) = 8
    "families:criterion_create": Rule(roles=NATIONAL, max_queries=10, shows="none", post=CRITERION),
    # base (8) + criterion (1) = 9
    "families:criterion_edit": Rule(
        roles=NATIONAL, objects=criterion_kwargs, max_queries=10, post=CRITERION
    ),
}

from tests.families.matrix_rules_import import RULES as IMPORT_RULES  # noqa: E402

RULES.update(IMPORT_RULES)
