"""The coordinator's pages about families."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from buurtgezinnen.families import selectors
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.org.scoping import role_required


@role_required(*CASE_WORKERS)
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "families/overview.html", {})


@role_required(*CASE_WORKERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    family = selectors.family_file(selectors.get_family_for_user(request, pk))
    return render(request, "families/detail.html", {"family": family})
