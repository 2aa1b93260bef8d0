"""Who may read concerns: narrower than the case scope, decided here and nowhere else.

Only (a) a coordinator (the role, not the regional coordinator) of the family's municipality and
(b) a national-office user marked as the designated safety officer (``User.is_safety_officer``).
Everyone else gets 404 for every concern page, so nobody learns that a concern exists. Reads are
logged: one entry per concern shown, also on lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from buurtgezinnen.audit.access import log_read
from buurtgezinnen.concerns.models import Concern
from buurtgezinnen.org.scoping import scope_for


@dataclass(frozen=True, slots=True)
class ConcernScope:
    coordinator_municipality_ids: frozenset[int]
    safety_officer: bool

    def sees(self, municipality_id: int) -> bool:
        return self.safety_officer or municipality_id in self.coordinator_municipality_ids

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


def concerns_for(user: Any) -> QuerySet[Concern]:
    scope = concern_scope(user)
    concerns = Concern.objects.all()
    if scope.safety_officer:
        return concerns
    return concerns.filter(family__municipality_id__in=scope.coordinator_municipality_ids)


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


def require_family_access(request: HttpRequest, municipality_id: int) -> None:
    if not concern_scope(request.user).sees(municipality_id):
        raise Http404
