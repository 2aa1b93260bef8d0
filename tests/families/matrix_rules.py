"""Who may use the coordinator's family pages: coordinators and regional coordinators, in scope."""

from __future__ import annotations

import itertools
from typing import Any

from buurtgezinnen.org.models import Role
from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule, family_kwargs, support_family_kwargs


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

RULES: dict[str, Rule] = {
    "families:overview": Rule(roles=CASE_WORKERS, max_queries=12),
    "families:application_create": Rule(roles=CASE_WORKERS, max_queries=12),
    "families:detail": Rule(objects=family_kwargs, logs_read=True, max_queries=20, **CASE),
    "families:edit": Rule(objects=family_kwargs, logs_read=True, max_queries=14, **CASE),
    "families:person_create": Rule(objects=family_kwargs, logs_read=True, max_queries=14, **CASE),
    "families:person_edit": Rule(objects=person_kwargs, logs_read=True, max_queries=14, **CASE),
    "families:child_create": Rule(objects=family_kwargs, logs_read=True, max_queries=14, **CASE),
    "families:child_edit": Rule(objects=child_kwargs, logs_read=True, max_queries=14, **CASE),
    "families:conversation": Rule(objects=conversation_kwargs, max_queries=14, **CASE),
    "families:decision": Rule(objects=family_kwargs, max_queries=14, **CASE),
    "families:assessments": Rule(objects=support_family_kwargs, max_queries=14, **CASE),
    "families:offer": Rule(objects=support_family_kwargs, max_queries=14, **CASE),
    "families:vog": Rule(objects=vog_kwargs, max_queries=14, **CASE),
    "families:directory": Rule(roles=CASE_WORKERS, max_queries=12),
    "families:directory_create": Rule(roles=CASE_WORKERS, max_queries=12),
    "families:directory_edit": Rule(objects=organisation_kwargs, max_queries=14, **CASE),
    "families:criteria": Rule(roles=frozenset({Role.NATIONAL_OFFICE}), max_queries=10),
    "families:criterion_create": Rule(roles=frozenset({Role.NATIONAL_OFFICE}), max_queries=10),
    "families:criterion_edit": Rule(
        roles=frozenset({Role.NATIONAL_OFFICE}), objects=criterion_kwargs, max_queries=10
    ),
}

from tests.families.matrix_rules_import import RULES as IMPORT_RULES  # noqa: E402

RULES.update(IMPORT_RULES)
