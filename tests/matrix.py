"""Building blocks of the permission matrix (tests/test_permission_matrix.py).

Each app lists its URLs in ``tests/<app>/matrix_rules.py`` as ``RULES = {url name: Rule(...)}``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

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
# A valid submission of a form: the fields, or a function (world, side, url kwargs) -> fields for
# data that depends on the object or names a municipality ("side": "utrecht" or "amersfoort").
PostData = dict[str, Any] | Callable[[World, str, dict[str, Any]], dict[str, Any]]
# ``Rule.shows``: what a GET page lists. "case", "concern" or "organisation": data of that scope;
# "none": not a list (a form, a settings or account page).
SHOWS = frozenset({"case", "concern", "organisation", "none"})


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
    # The most queries one request may make (test_permission_matrix counts them for every actor
    # whose answer is in ``ok``). Every rule sets its own, with a comment that says which queries
    # it counts (where: tests/test_query_bounds.py). They write the part every request of the
    # matrix pays, by a fresh client of a logged-in user, as "base (8)": session, user,
    # 2FA check (3), the scope: role assignments, municipalities stood in for (2; one for a
    # coordinator, who cannot stand in: "base (7)"), and the session's first write (3: "sp" is a
    # savepoint or its release, which each transaction.atomic adds inside the test's transaction).
    # "x3" is one query three times, "+2" a margin of two over the measured count. The default:
    # base (8) + up to 12 of the page's own.
    max_queries: int = 20
    # Objects outside the actor's scope answer 404; a form without an object refuses a
    # municipality outside it (and shows the form again).
    scoped: bool = False
    scope: str = "organisation"  # or "case" or "concern": which of ``SCOPES`` ``scoped`` checks
    logs_read: bool = False
    fixed_kwargs: dict[str, Any] = field(default_factory=dict)
    anonymous_to_login: bool = True
    # --- What the page lists (tests/markers.py marks every municipality's data) ---------------
    # Required for every GET page without an object (see ``SHOWS``). Every GET page, listed or
    # not, must show no marked data of a municipality outside the viewer's scope; "concern"
    # narrows the family data it may show to the concern scope.
    shows: str | None = None
    # Kinds of marked data ("case", "concern", "organisation") of every municipality in the
    # actor's own scope that the page must show: the check cannot pass by showing nothing.
    shows_own: tuple[str, ...] = ()
    # More query strings of the same list, each checked like the page itself; "{amersfoort}"
    # stands for that municipality's id, "{search}" for a query that finds every marked family.
    variants: tuple[dict[str, str], ...] = ()
    # Whose scope the page shows, by the object's side, when it is not the visitor's (the
    # calendar feed shows its owner's).
    viewer: dict[str, str] = field(default_factory=dict)
    # --- What the form accepts (test_forms_refuse_other_municipality) --------------------------
    # A valid submission. Required for every view that accepts POST, unless ``post_exempt`` says
    # why it is not checked. Every actor posts it against the other municipality's object (or,
    # without an object, naming the other municipality) and the database must stay the same; an
    # actor in scope posts it once more and the database must change (so the data is valid).
    post: PostData | None = None
    post_exempt: str = ""
    # False where a valid submission keeps its result elsewhere (the import's upload, in the
    # session): then the check in scope looks only at the answer.
    post_writes: bool = True


def day(offset: int = 0) -> str:
    """Today (plus ``offset`` days) as a form's date field takes it."""
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


def moment(offset: int = 3, hour: int = 10) -> str:
    """A day and time as a form's datetime-local field takes it."""
    return f"{day(offset)}T{hour:02d}:00"


def side_municipality(world: World, side: str) -> Any:
    return world.utrecht if side == "utrecht" else world.amersfoort


# base (8) at most (less for an anonymous visitor): nothing of its own = 8, +2 margin
PUBLIC_PAGE = Rule(public=True, ok=(200, 302), max_queries=10, shows="none")


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
