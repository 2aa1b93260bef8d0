"""Who may see what: the one place where a user's scope is decided.

Deny by default: a user without role assignments sees nothing. Two scopes exist:

* the **case scope**: municipalities whose family data (case files) the user may see. Coordinators
  get their own municipalities, regional coordinators every municipality of their regions.
  The national office, municipality contacts and helpline volunteers get none here; where a later
  task gives the national office a case file, it goes through a logged, task-specific path.
* the **organisation scope**: municipalities whose organisation data (the municipality itself and
  the people who work there) the user may see: the case scope, plus everything for the national
  office and the own municipality for a municipality contact.

A **stand-in** (``StandIn``: a regional coordinator or the national office acting for an absent
coordinator) gets, on each day the stand-in runs, the coordinator's municipalities in the case
scope and among the coordinator's municipalities (so concerns follow), and acts in the
coordinator role. The date is checked on every request, so a stand-in ends by itself.

**One way to apply it.** The queryset of every model with personal data is a ``ScopedQuerySet``
that declares once, in ``scope_path``, the model's way to its municipality (e.g.
``"family__municipality"``) and, in ``scope_set``, which of the sets above applies (family data: the
case scope). Lists use ``Model.objects.for_user(user)``; single objects come from one
``get_<thing>_for_user(user, pk)`` per kind (``families.selectors.get_family_for_user``, ...), built
on ``get_in_scope_or_404``, so an object outside the scope answers 404 and nobody learns that it
exists. Where the rule is not "the municipality is in one of the user's sets" (the safety officer's
concerns, a match on the support family's agenda) the code says so where it reads, with the same
pieces (``scope_q``, ``in_municipalities_q``). ``tests/test_scoped_models.py`` fails for a model of
ours that is neither scoped nor named as exempt, with its reason.

This module imports no models, because the models' querysets import it: ``_compute_scope`` finds
the organisation's models in the app registry when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self, TypeVar, cast

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils import timezone

from buurtgezinnen.org.roles import Role

if TYPE_CHECKING:
    from buurtgezinnen.org.models import Municipality, RoleAssignment, StandIn, User

M = TypeVar("M", bound=Model)
_CACHE_ATTR = "_buurtgezinnen_scope"

CASE_ROLES = frozenset({Role.COORDINATOR, Role.REGIONAL_COORDINATOR})
STAFF_ROLES = frozenset(Role.values)


@dataclass(frozen=True, slots=True)
class Scope:
    # The roles the user acts in: the assigned ones, plus coordinator while standing in.
    roles: frozenset[str]
    case_municipality_ids: frozenset[int]
    organisation_municipality_ids: frozenset[int]
    region_ids: frozenset[int]
    # Municipalities where the user is the coordinator (not through a region), or stands in for
    # its coordinator today: who may read the concerns about a family (concerns/access.py).
    coordinator_municipality_ids: frozenset[int] = frozenset()
    # The absent coordinators' municipalities of the stand-ins that run today.
    stand_in_municipality_ids: frozenset[int] = frozenset()
    # The roles of the user's role assignments (``roles`` without what standing in adds).
    assigned_roles: frozenset[str] = frozenset()

    @property
    def is_national_office(self) -> bool:
        return Role.NATIONAL_OFFICE in self.roles

    @property
    def is_stand_in(self) -> bool:
        return bool(self.stand_in_municipality_ids)

    @property
    def log_roles(self) -> str:
        """For the access log: the roles assigned, and "stand_in" while standing in for someone."""
        names = sorted(self.assigned_roles)
        return ", ".join([*names, "stand_in"] if self.is_stand_in else names)


EMPTY_SCOPE = Scope(frozenset(), frozenset(), frozenset(), frozenset())


def scope_for(user: Any) -> Scope:
    """The user's scope, computed once per user object (so once per request) in two queries."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cached: Scope | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: Any) -> None:
    """Call after changing a user's assignments when the same user object is used again."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _org_models() -> tuple[type[Municipality], type[RoleAssignment], type[StandIn]]:
    """The models this module reads, from the app registry (it cannot import them)."""
    return (
        cast("type[Municipality]", apps.get_model("org", "Municipality")),
        cast("type[RoleAssignment]", apps.get_model("org", "RoleAssignment")),
        cast("type[StandIn]", apps.get_model("org", "StandIn")),
    )


def _compute_scope(user: User) -> Scope:
    Municipality, RoleAssignment, StandIn = _org_models()
    assignments = list(
        RoleAssignment.objects.filter(user=user).values_list("role", "municipality_id", "region_id")
    )
    roles = frozenset(role for role, _m, _r in assignments)
    own = {m for role, m, _r in assignments if role == Role.COORDINATOR and m}
    contact = {m for role, m, _r in assignments if role == Role.MUNICIPALITY_CONTACT and m}
    region_ids = frozenset(
        r for role, _m, r in assignments if role in (Role.REGIONAL_COORDINATOR,) and r
    )

    regional: set[int] = set()
    everything: set[int] = set()
    standing_in: set[int] = set()
    national = Role.NATIONAL_OFFICE in roles
    # Only the national office and regional coordinators can stand in (org.actions), so only
    # they look for stand-ins, in the same second query: each municipality says whether the user
    # stands in today for one of its coordinators.
    if national or region_ids:
        stands_in = Exists(
            StandIn.objects.active_on(timezone.localdate()).filter(
                stand_in=user,
                coordinator__role_assignments__role=Role.COORDINATOR,
                coordinator__role_assignments__municipality=OuterRef("pk"),
            )
        )
        municipalities = Municipality.objects.annotate(stands_in=stands_in)
        if not national:
            municipalities = municipalities.filter(Q(region_id__in=region_ids) | Q(stands_in=True))
        for pk, region_id, stands in municipalities.values_list("pk", "region_id", "stands_in"):
            if national:
                everything.add(pk)
            if region_id in region_ids:
                regional.add(pk)
            if stands:
                standing_in.add(pk)
    case_ids = frozenset(own | regional | standing_in)
    return Scope(
        roles=(roles | {Role.COORDINATOR}) if standing_in else roles,
        case_municipality_ids=case_ids,
        organisation_municipality_ids=frozenset(case_ids | contact | everything),
        region_ids=region_ids,
        coordinator_municipality_ids=frozenset(own | standing_in),
        stand_in_municipality_ids=frozenset(standing_in),
        assigned_roles=roles,
    )


# Which of the user's sets of municipalities a scoped model follows (a field of ``Scope``).
ScopeSet = Literal[
    "case_municipality_ids", "organisation_municipality_ids", "coordinator_municipality_ids"
]


class ScopedQuerySet(QuerySet[M]):
    """The rows of a model that belong to a municipality, and so to the users whose scope holds it.

    A subclass declares, once per model, ``scope_path``: the way from the model to its
    ``Municipality`` (``"municipality"``, ``"family__municipality"``, ``"pk"`` for the municipality
    itself); and, where it is not the case scope, ``scope_set``. Deny by default: an empty set
    gives no rows.
    """

    scope_path: ClassVar[str] = ""
    scope_set: ClassVar[ScopeSet] = "case_municipality_ids"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.scope_path:
            raise TypeError(f"{cls.__name__} declares no scope_path (its way to the municipality)")

    def in_municipalities_q(self, municipality_ids: Collection[int]) -> Q:
        """The rows whose municipality is one of ``municipality_ids``: the one filter."""
        return Q(**{f"{self.scope_path}__in": municipality_ids})

    def scope_q(self, user: User) -> Q:
        """The condition of ``for_user``, for a special case that adds to it."""
        return self.in_municipalities_q(getattr(scope_for(user), self.scope_set))

    def for_user(self, user: User) -> Self:
        """The rows in the user's scope; none for a user without role assignments."""
        return self.filter(self.scope_q(user))


def get_in_scope_or_404(queryset: ScopedQuerySet[M], user: User, **lookup: Any) -> M:
    """One object of ``queryset`` within the user's scope, or 404 (never 403: nobody learns that
    it exists). What every ``get_<thing>_for_user`` is made of."""
    try:
        return queryset.for_user(user).get(**lookup)
    except (ObjectDoesNotExist, ValueError) as exc:
        raise Http404 from exc


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def role_required(*roles: str) -> Callable[[ViewFunc], ViewFunc]:
    """Logged in (else to the login page) and holding one of ``roles`` (else 403)."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not scope_for(request.user).roles.intersection(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]  # a function attribute
        return cast(ViewFunc, login_required(wrapped))

    return decorator
