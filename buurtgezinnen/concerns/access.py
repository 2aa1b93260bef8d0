"""Who may read concerns: narrower than the case scope, decided here and nowhere else.

* The **family's coordinator** (the role, not the regional coordinator) reads and works every
  concern of the families of their municipalities: records a concern, follows the reporting code,
  closes it, sends and revokes a support parent's reporting link. A **stand-in** (``StandIn``,
  org.scoping) does the same for the absent coordinator's municipalities while the stand-in runs.
* The national office's **designated safety officer** (``User.is_safety_officer``) reads the
  concerns that follow the reporting code, in every municipality, and on their pages what those
  concerns need: the family's name and municipality, the child concerned, the steps. Nothing
  else: not a family's other concerns, not a family without a safety concern, not the support
  family's links, not the form to record a concern; she does not act on a concern (decision 30).

Everyone else gets 404 for every concern page, so nobody learns that a concern exists. Reads are
logged: one entry per concern shown, also on lists.

The pieces are those of every scoped model (``org.scoping.ScopedQuerySet``): ``Concern`` and
``ConcernLink`` follow ``Scope.coordinator_municipality_ids``; what the safety officer adds is
written out here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from buurtgezinnen.concerns.models import Concern, ConcernKind, ConcernLink
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families.models import Family
from buurtgezinnen.org.scoping import get_in_scope_or_404, scope_for

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User


@dataclass(frozen=True, slots=True)
class ConcernScope:
    # The municipalities whose families' concerns the user works: own, or as stand-in.
    coordinator_municipality_ids: frozenset[int]
    safety_officer: bool

    def sees(self, municipality_id: int) -> bool:
        """Every concern of a family in this municipality, and the right to work on them."""
        return municipality_id in self.coordinator_municipality_ids

    @property
    def sees_any(self) -> bool:
        return self.safety_officer or bool(self.coordinator_municipality_ids)


def concern_scope(user: Any) -> ConcernScope:
    """From the user's scope (org.scoping, computed once per request); no query of its own."""
    scope = scope_for(user)
    return ConcernScope(
        coordinator_municipality_ids=scope.coordinator_municipality_ids,
        safety_officer=scope.is_national_office and bool(getattr(user, "is_safety_officer", False)),
    )


def concerns_for(user: User) -> QuerySet[Concern]:
    """Every concern the user may read: the coordinator's (or stand-in's) municipalities
    (``Concern.objects.for_user``), and for the safety officer every concern that follows the
    reporting code."""
    if not concern_scope(user).safety_officer:
        return Concern.objects.for_user(user)
    return Concern.objects.filter(Concern.objects.scope_q(user) | Q(kind=ConcernKind.SAFETY))


def get_concern_for_user(user: User, pk: int) -> Concern:
    """The concern if the user may read it (else 404). A page that shows it logs the read."""
    return get_object_or_404(
        concerns_for(user).select_related("family__municipality", "child", "match", "reported_by"),
        pk=pk,
    )


def get_concern_family_for_user(user: User, pk: int) -> Family:
    """A family whose concerns page the user may open (else 404): the coordinator's (or
    stand-in's) families, and for the safety officer a family with a safety concern."""
    scope = concern_scope(user)
    families = Family.objects.select_related("municipality")
    allowed = families.in_municipalities_q(scope.coordinator_municipality_ids)
    if scope.safety_officer:
        safety = Concern.objects.filter(family=OuterRef("pk"), kind=ConcernKind.SAFETY)
        allowed |= Q(Exists(safety))
    return get_object_or_404(families.filter(allowed), pk=pk)


def get_link_for_user(user: User, pk: int) -> ConcernLink:
    """A support parent's reporting link, for the family's coordinator or stand-in (else 404)."""
    return get_in_scope_or_404(ConcernLink.objects.select_related("family"), user, pk=pk)


def require_family_access(request: HttpRequest, municipality_id: int) -> None:
    """The family's concerns as a whole (its links, all its concerns): its coordinator only."""
    if not concern_scope(request.user).sees(municipality_id):
        raise Http404


def require_concern_worker(user: User | None, family: Family) -> None:
    """Recording, following the reporting code, closing, links: the family's coordinator or the
    coordinator's stand-in. ``None`` is a support parent's link or the system."""
    if user is not None and not concern_scope(user).sees(family.municipality_id):
        raise ActionRefused(
            _("Only the family's coordinator, or their stand-in, works on its concerns.")
        )
