"""The public home page, the staff start page and the error pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from buurtgezinnen.agenda import page as agenda_page
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.org.models import Municipality, Role, StandIn
from buurtgezinnen.org.scoping import CASE_ROLES, scope_for


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """'Vandaag': real figures for the user's own scope."""
    scope = scope_for(request.user)
    municipalities = (
        Municipality.objects.for_user(request.user)  # type: ignore[arg-type]
        .select_related("region")
        .annotate(
            coordinator_count=Count(
                "role_assignments",
                filter=Q(role_assignments__role=Role.COORDINATOR),
            ),
            contact_count=Count(
                "role_assignments",
                filter=Q(role_assignments__role=Role.MUNICIPALITY_CONTACT),
            ),
        )
    )
    rows = list(municipalities)
    today = timezone.localdate()
    figures: dict[str, Any] = {
        "municipalities": len(rows),
        "active": sum(1 for m in rows if m.is_active_on(today)),
        "coordinators": sum(m.coordinator_count for m in rows),
        "regions": len({m.region_id for m in rows}),
    }
    return render(
        request,
        "core/start.html",
        {
            "scope": scope,
            "municipalities": rows,
            "figures": figures,
            "today": today,
            "family_counts": _family_counts(request.user) if scope.case_municipality_ids else [],
            "agenda": (
                agenda_page.agenda(request.user, today, request.GET.get("gemeente", ""))
                if scope.roles & CASE_ROLES
                else None
            ),
            # Whom the user stands in for today (a query only while standing in).
            "standing_in": (
                list(
                    StandIn.objects.active_on(today)
                    .filter(stand_in_id=request.user.pk)
                    .select_related("coordinator")
                )
                if scope.is_stand_in
                else []
            ),
        },
    )


def _family_counts(user: Any) -> list[dict[str, Any]]:
    """Families per kind and status in the user's case scope, in one query."""
    from buurtgezinnen.families.models import Family, Kind, Status

    counts = {
        (row["kind"], row["status"]): row["n"]
        for row in Family.objects.for_user(user).values("kind", "status").annotate(n=Count("pk"))
    }
    return [
        {
            "kind": kind.label,
            "rows": [
                {
                    "status": status.label,
                    "value": status.value,
                    "count": counts.get((kind, status), 0),
                }
                for status in Status
                if (kind, status) in counts
            ],
        }
        for kind in Kind
    ]


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A refused action says what may not be done (in Dutch); other refusals say nothing more.
    reason = exception.message if isinstance(exception, ActionRefused) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever broke must not break the error page too.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
