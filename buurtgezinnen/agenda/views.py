"""The calendar link's page (make, show once, revoke) and the private feed itself."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from buurtgezinnen.agenda import actions, ical
from buurtgezinnen.agenda.calendar import events_for
from buurtgezinnen.agenda.models import CalendarToken
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.org.scoping import role_required, scope_for


def _page(request: HttpRequest, feed_url: str = "") -> HttpResponse:
    token = CalendarToken.objects.active().filter(user=request.user).first()
    return render(request, "agenda/calendar.html", {"token": token, "feed_url": feed_url})


@role_required(*CASE_WORKERS)
@never_cache
def calendar_link(request: HttpRequest) -> HttpResponse:
    return _page(request)


@role_required(*CASE_WORKERS)
@require_POST
@never_cache
def calendar_link_new(request: HttpRequest) -> HttpResponse:
    """Shows the new address once, in this response only (it is not stored)."""
    secret = actions.create_calendar_token(by=request.user)  # type: ignore[arg-type]
    feed_url = f"{settings.SITE_URL}{reverse('calendar_feed', args=[secret])}"
    return _page(request, feed_url)


@role_required(*CASE_WORKERS)
@require_POST
def calendar_link_revoke(request: HttpRequest) -> HttpResponse:
    if actions.revoke_calendar_token(by=request.user):  # type: ignore[arg-type]
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
