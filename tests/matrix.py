"""Building blocks of the permission matrix (tests/test_permission_matrix.py).

Each app lists its URLs in ``tests/<app>/matrix_rules.py`` as ``RULES = {url name: Rule(...)}``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from buurtgezinnen.org import actions
from buurtgezinnen.org.models import Role
from tests.conftest import ACTORS, World, make_user

ACTOR_NAMES = ["anonymous", *ACTORS]
CASE_WORKERS = frozenset({Role.COORDINATOR, Role.REGIONAL_COORDINATOR})
NATIONAL = frozenset({Role.NATIONAL_OFFICE})
SEES_MUNICIPALITIES = frozenset(
    {Role.NATIONAL_OFFICE, Role.COORDINATOR, Role.REGIONAL_COORDINATOR, Role.MUNICIPALITY_CONTACT}
)
# Which municipalities' organisation data each actor may see (written out, not computed).
ORGANISATION_SCOPE: dict[str, set[str]] = {
    "coordinator_utrecht": {"utrecht"},
    "coordinator_amersfoort": {"amersfoort"},
    "regional_utrecht": {"utrecht", "zeist"},
    "regional_eemland": {"amersfoort"},
    "national_office": {"utrecht", "zeist", "amersfoort"},
    "contact_utrecht": {"utrecht"},
    "contact_amersfoort": {"amersfoort"},
    "helpline": set(),
    "no_role": set(),
}

# Which municipalities' family data (case files) each actor may see.
CASE_SCOPE: dict[str, set[str]] = {
    "coordinator_utrecht": {"utrecht"},
    "coordinator_amersfoort": {"amersfoort"},
    "regional_utrecht": {"utrecht", "zeist"},
    "regional_eemland": {"amersfoort"},
    "national_office": set(),
    "contact_utrecht": set(),
    "contact_amersfoort": set(),
    "helpline": set(),
    "no_role": set(),
}

# Whose concerns each actor may read (scope "concern"): only a coordinator's own municipalities
# (and a stand-in's, while it runs; no actor here is one: tests/org/test_stand_in.py); the
# regional coordinator does not. The national office's designated safety officer reads every
# safety concern; no actor here is one (tests/concerns/test_safety_officer.py covers that user).
CONCERN_SCOPE: dict[str, set[str]] = {
    "coordinator_utrecht": {"utrecht"},
    "coordinator_amersfoort": {"amersfoort"},
    "regional_utrecht": set(),
    "regional_eemland": set(),
    "national_office": set(),
    "contact_utrecht": set(),
    "contact_amersfoort": set(),
    "helpline": set(),
    "no_role": set(),
}

# Whose stand-ins each actor may see and end (scope "stand_in"): the national office every one,
# a regional coordinator those for coordinators of their region's municipalities.
STAND_IN_SCOPE: dict[str, set[str]] = {
    "national_office": {"utrecht", "zeist", "amersfoort"},
    "regional_utrecht": {"utrecht", "zeist"},
    "regional_eemland": {"amersfoort"},
}

# ``Rule.scope`` names one of these.
SCOPES: dict[str, dict[str, set[str]]] = {
    "organisation": ORGANISATION_SCOPE,
    "case": CASE_SCOPE,
    "concern": CONCERN_SCOPE,
    "stand_in": STAND_IN_SCOPE,
}

ObjectFactory = Callable[[World, str], tuple[dict[str, Any], str | None]]


def municipality_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {"pk": target.pk}, target.slug


def region_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    target = world.utrecht_region if side == "utrecht" else world.eemland
    return {"pk": target.pk}, None


def user_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    key = "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    return {"pk": world.users[key].pk}, None


_serial = itertools.count()


def fresh_assignment_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    # Each request gets its own assignment: a successful removal must not spoil the next one.
    target = world.utrecht if side == "utrecht" else world.amersfoort
    person = make_user(f"colleague_{next(_serial)}", with_totp=False)
    assignment = actions.assign_role(
        user=person, by=None, role=Role.COORDINATOR, municipality=target
    )
    return {"pk": assignment.pk}, None


@dataclass(frozen=True)
class Rule:
    """Who may use a URL. ``roles`` empty with ``public`` False means: any logged-in user."""

    public: bool = False
    roles: frozenset[str] = frozenset()
    objects: ObjectFactory | None = None
    method: str = "GET"
    data: dict[str, Any] = field(default_factory=dict)
    ok: tuple[int, ...] = (200,)
    max_queries: int = 20
    scoped: bool = False  # objects outside the actor's scope answer 404
    scope: str = "organisation"  # or "case" or "concern": which of ``SCOPES`` ``scoped`` checks
    logs_read: bool = False
    fixed_kwargs: dict[str, Any] = field(default_factory=dict)
    anonymous_to_login: bool = True


PUBLIC_PAGE = Rule(public=True, ok=(200, 302), max_queries=16)


def family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A fresh requesting family in Utrecht or Amersfoort."""
    from tests.families.factories import make_family

    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {"pk": make_family(target).pk}, target.slug


def support_family_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    from buurtgezinnen.families.models import Kind
    from tests.families.factories import make_family

    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {"pk": make_family(target, kind=Kind.SUPPORT).pk}, target.slug
