"""The staff start page ("Vandaag": figures and the agenda), the calendar link's page (make, show
once, revoke) and the private feed itself."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from buurtgezinnen.agenda import actions, ical, page
from buurtgezinnen.agenda.calendar import events_for
from buurtgezinnen.agenda.models import CalendarToken
from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.families.models import Family, Kind, Status
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.org.models import Municipality, Role, StandIn, User
from buurtgezinnen.org.scoping import CASE_ROLES, role_required, scope_for


@login_required
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """'Vandaag': real figures for the user's own scope."""
    scope = scope_for(request.user)
    municipalities = (
        Municipality.objects.for_user(request.user)
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
        "coordinators": sum(m.coordinator_count for m in rows),  # type: ignore[attr-defined]  # annotate() above
        "regions": len({m.region_id for m in rows}),
    }
    return render(
        request,
        "agenda/start.html",
        {
            "scope": scope,
            "municipalities": rows,
            "figures": figures,
            "today": today,
            "family_counts": _family_counts(request.user) if scope.case_municipality_ids else [],
            "agenda": (
                page.agenda(request.user, today, request.GET.get("gemeente", ""))
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


def _family_counts(user: User) -> list[dict[str, Any]]:
    """Families per kind and status in the user's case scope, in one query."""
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


def _page(request: AuthenticatedHttpRequest, feed_url: str = "") -> HttpResponse:
    token = CalendarToken.objects.active().filter(user=request.user).first()
    return render(request, "agenda/calendar.html", {"token": token, "feed_url": feed_url})


@role_required(*CASE_WORKERS)
@never_cache
def calendar_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _page(request)


@role_required(*CASE_WORKERS)
@require_POST
@never_cache
def calendar_link_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Shows the new address once, in this response only (it is not stored)."""
    secret = actions.create_calendar_token(by=request.user)
    feed_url = f"{settings.SITE_URL}{reverse('agenda:calendar_feed', args=[secret])}"
    return _page(request, feed_url)


@role_required(*CASE_WORKERS)
@require_POST
def calendar_link_revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    if actions.revoke_calendar_token(by=request.user):
        messages.success(request, _("The calendar link no longer works."))
    return redirect("agenda:calendar")


@require_GET
@never_cache
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed: no login, the token is the key; a revoked or unknown token is a 404."""
    user = actions.user_for_token(token)
    if user is None or not scope_for(user).case_municipality_ids:
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):
        text = ical.calendar(
            events_for(user, timezone.localdate()),
            name=_("Buurtgezinnen"),
            now=timezone.now(),
        )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="buurtgezinnen.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
