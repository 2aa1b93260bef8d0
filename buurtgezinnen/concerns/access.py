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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from buurtgezinnen.concerns.models import Concern, ConcernKind
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families.models import Family
from buurtgezinnen.org.access_log import log_read
from buurtgezinnen.org.scoping import get_for_user_or_404, scope_for


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


def _readable(scope: ConcernScope) -> Q:
    readable = Q(family__municipality_id__in=scope.coordinator_municipality_ids)
    if scope.safety_officer:
        readable |= Q(kind=ConcernKind.SAFETY)
    return readable


def concerns_for(user: Any) -> QuerySet[Concern]:
    """Every concern the user may read: the coordinator's (or stand-in's) municipalities, and for
    the safety officer every concern that follows the reporting code."""
    return Concern.objects.filter(_readable(concern_scope(user)))


def get_concern_or_404(request: HttpRequest, pk: int) -> Concern:
    """The concern if the user may read it (else 404); the read is logged."""
    try:
        concern = (
            concerns_for(request.user)
            .select_related("family__municipality", "child", "match", "reported_by")
            .get(pk=pk)
        )
    except (Concern.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    log_read(request, concern)
    return concern


def get_family_or_404(request: HttpRequest, pk: int) -> Family:
    """A family whose concerns page the user may open (else 404): the coordinator's (or
    stand-in's) families, and for the safety officer a family with a safety concern."""
    scope = concern_scope(request.user)
    allowed = Q(municipality_id__in=scope.coordinator_municipality_ids)
    if scope.safety_officer:
        allowed |= Q(Exists(Concern.objects.filter(family=OuterRef("pk"), kind=ConcernKind.SAFETY)))
    return get_for_user_or_404(Family.objects.select_related("municipality").filter(allowed), pk=pk)


def require_family_access(request: HttpRequest, municipality_id: int) -> None:
    """The family's concerns as a whole (its links, all its concerns): its coordinator only."""
    if not concern_scope(request.user).sees(municipality_id):
        raise Http404


def require_concern_worker(user: Any, family: Family) -> None:
    """Recording, following the reporting code, closing, links: the family's coordinator or the
    coordinator's stand-in. ``None`` is a support parent's link or the system."""
    if user is not None and not concern_scope(user).sees(family.municipality_id):
        raise ActionRefused(
            _("Only the family's coordinator, or their stand-in, works on its concerns.")
        )
