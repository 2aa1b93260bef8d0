"""The public home page and the error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from buurtgezinnen.core.errors import ActionRefused


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


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
