"""Pages of the organisation: regions, municipalities, people and their roles.

The national office manages all of it; coordinators, regional coordinators and municipality
contacts see the municipalities in their scope.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtgezinnen.audit.access import log_read
from buurtgezinnen.geo import postcodes
from buurtgezinnen.org import actions
from buurtgezinnen.org.forms import (
    MunicipalityForm,
    NewUserForm,
    RegionForm,
    RoleAssignmentForm,
    UserForm,
)
from buurtgezinnen.org.models import Municipality, Region, Role, RoleAssignment, User
from buurtgezinnen.org.scoping import get_for_user_or_404, role_required

NATIONAL = (Role.NATIONAL_OFFICE,)
SEES_MUNICIPALITIES = (
    Role.NATIONAL_OFFICE,
    Role.COORDINATOR,
    Role.REGIONAL_COORDINATOR,
    Role.MUNICIPALITY_CONTACT,
)
PAGE_SIZE = 50


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE). The same page for every limit and for
    accounts that do not exist: it tells nobody which limit was reached or whether the account
    is real."""
    context = {"cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}
    return render(request, "account/locked_out.html", context, status=429)


def _people_prefetch() -> Prefetch:
    return Prefetch(
        "role_assignments",
        queryset=RoleAssignment.objects.select_related("user").order_by(
            "role", "user__last_name", "user__first_name"
        ),
    )


# --- regions -----------------------------------------------------------------------------------


@role_required(*NATIONAL)
def region_list(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.annotate(municipality_count=Count("municipalities"))
    return render(request, "org/region_list.html", {"regions": regions})


@role_required(*NATIONAL)
def region_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = get_for_user_or_404(Region.objects.all(), pk=pk) if pk else None
    form = RegionForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        actions.save_region(region=region, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("The region has been saved."))
        return redirect("org:region_list")
    title = _("Edit region") if region else _("New region")
    return render(
        request, "org/form.html", {"form": form, "title": title, "back": "org:region_list"}
    )


# --- municipalities ----------------------------------------------------------------------------


@role_required(*SEES_MUNICIPALITIES)
def municipality_list(request: HttpRequest) -> HttpResponse:
    municipalities = (
        Municipality.objects.for_user(request.user)  # type: ignore[arg-type]
        .select_related("region")
        .annotate(
            coordinator_count=Count(
                "role_assignments", filter=Q(role_assignments__role=Role.COORDINATOR)
            )
        )
    )
    page = Paginator(municipalities.order_by("name"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/municipality_list.html", {"page": page})


@role_required(*SEES_MUNICIPALITIES)
def municipality_detail(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = get_for_user_or_404(
        Municipality.objects.for_user(request.user)  # type: ignore[arg-type]
        .select_related("region")
        .prefetch_related(_people_prefetch()),
        pk=pk,
    )
    return render(
        request,
        "org/municipality_detail.html",
        {"municipality": municipality, "postcodes": postcodes.postcodes_of(municipality.cbs_code)},
    )


@role_required(*NATIONAL)
def municipality_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    municipality = get_for_user_or_404(Municipality.objects.all(), pk=pk) if pk else None
    form = MunicipalityForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_municipality(
            municipality=municipality,
            by=request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )
        messages.success(request, _("The municipality has been saved."))
        return redirect("org:municipality_detail", pk=saved.pk)
    title = _("Edit municipality") if municipality else _("New municipality")
    return render(
        request, "org/form.html", {"form": form, "title": title, "back": "org:municipality_list"}
    )


# --- people ------------------------------------------------------------------------------------


@role_required(*NATIONAL)
def user_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    users = User.objects.prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("municipality", "region"),
        )
    )
    if query:
        users = users.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/user_list.html", {"page": page, "query": query})


@role_required(*NATIONAL)
def user_create(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = actions.create_user(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(
            request,
            _("The account has been made. An invitation to choose a password is on its way."),
        )
        return redirect("org:user_detail", pk=user.pk)
    return render(
        request, "org/form.html", {"form": form, "title": _("New user"), "back": "org:user_list"}
    )


@role_required(*NATIONAL)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_for_user_or_404(
        User.objects.prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("municipality", "region"),
            )
        ),
        pk=pk,
    )
    log_read(request, person)
    return render(
        request,
        "org/user_detail.html",
        {"person": person, "assignment_form": RoleAssignmentForm(user=person)},
    )


@role_required(*NATIONAL)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_for_user_or_404(User.objects.all(), pk=pk)
    form = UserForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        actions.update_user(user=person, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("The changes have been saved."))
        return redirect("org:user_detail", pk=person.pk)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": _("Edit user"), "back": "org:user_list"},
    )


@require_POST
@role_required(*NATIONAL)
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_for_user_or_404(User.objects.all(), pk=pk)
    form = RoleAssignmentForm(request.POST, user=person)
    if form.is_valid():
        try:
            actions.assign_role(user=person, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role has been added."))
            return redirect("org:user_detail", pk=person.pk)
    log_read(request, person)
    return render(
        request,
        "org/user_detail.html",
        {"person": person, "assignment_form": form},
        status=400,
    )


@require_POST
@role_required(*NATIONAL)
def assignment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_for_user_or_404(RoleAssignment.objects.select_related("user"), pk=pk)
    actions.remove_role(assignment=assignment, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The role has been removed."))
    return redirect("org:user_detail", pk=assignment.user_id)
