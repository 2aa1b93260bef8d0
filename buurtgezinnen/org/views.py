"""Pages of the organisation: regions, municipalities, people and their roles.

The national office manages all of it; coordinators, regional coordinators and municipality
contacts see the municipalities in their scope.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.geo import postcodes
from buurtgezinnen.org import actions
from buurtgezinnen.org.access_log import log_read
from buurtgezinnen.org.forms import (
    MunicipalityForm,
    NewUserForm,
    RegionForm,
    RoleAssignmentForm,
    StandInForm,
    UserForm,
    UserSearchForm,
)
from buurtgezinnen.org.models import Municipality, Region, Role, RoleAssignment, StandIn, User
from buurtgezinnen.org.scoping import role_required
from buurtgezinnen.org.selectors import get_municipality_for_user, get_stand_in_for_user

NATIONAL = (Role.NATIONAL_OFFICE,)
SEES_MUNICIPALITIES = (
    Role.NATIONAL_OFFICE,
    Role.COORDINATOR,
    Role.REGIONAL_COORDINATOR,
    Role.MUNICIPALITY_CONTACT,
)
# Who arranges stand-ins for an absent coordinator (the rules are in org.actions).
ARRANGES_STAND_INS = (Role.NATIONAL_OFFICE, Role.REGIONAL_COORDINATOR)
PAGE_SIZE = 50
# The stand-ins shown on a person's page (the list page has them all).
USER_PAGE_STAND_INS = 10


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
def region_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    regions = Region.objects.annotate(municipality_count=Count("municipalities"))
    page = Paginator(regions.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/region_list.html", {"page": page})


@role_required(*NATIONAL)
def region_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    region = get_object_or_404(Region, pk=pk) if pk else None
    form = RegionForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        actions.save_region(region=region, by=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("The region has been saved."))
        return redirect("org:region_list")
    title = _("Edit region") if region else _("New region")
    return render(
        request, "org/form.html", {"form": form, "title": title, "back": "org:region_list"}
    )


# --- municipalities ----------------------------------------------------------------------------


@role_required(*SEES_MUNICIPALITIES)
def municipality_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    municipalities = (
        Municipality.objects.for_user(request.user)
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
def municipality_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    municipality = get_municipality_for_user(request.user, pk)
    prefetch_related_objects([municipality], _people_prefetch())
    return render(
        request,
        "org/municipality_detail.html",
        {"municipality": municipality, "postcodes": postcodes.postcodes_of(municipality.cbs_code)},
    )


@role_required(*NATIONAL)
def municipality_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    municipality = get_municipality_for_user(request.user, pk) if pk else None
    form = MunicipalityForm(request.POST or None, instance=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = actions.save_municipality(
            municipality=municipality,
            by=request.user,
            cbs_code=data["cbs_code"],
            name=data["name"],
            slug=data["slug"],
            region=data["region"],
            programme_started_on=data["programme_started_on"],
            facebook_url=data["facebook_url"],
            instagram_url=data["instagram_url"],
        )
        messages.success(request, _("The municipality has been saved."))
        return redirect("org:municipality_detail", pk=saved.pk)
    title = _("Edit municipality") if municipality else _("New municipality")
    return render(
        request, "org/form.html", {"form": form, "title": title, "back": "org:municipality_list"}
    )


# --- people ------------------------------------------------------------------------------------


@role_required(*NATIONAL)
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    users = User.objects.prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("municipality", "region"),
        )
    )
    if query:
        users = users.filter(
            # Trigram indexes on PostgreSQL; case folded beyond ASCII on SQLite (decision 46).
            Q(first_name__folded=query) | Q(last_name__folded=query) | Q(email__folded=query)
        )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    form = UserSearchForm(initial={"q": query})
    return render(request, "org/user_list.html", {"page": page, "form": form})


@role_required(*NATIONAL)
def user_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = actions.create_user(
            by=request.user,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
        )
        messages.success(
            request,
            _("The account has been made. An invitation to choose a password is on its way."),
        )
        return redirect("org:user_detail", pk=user.pk)
    return render(
        request, "org/form.html", {"form": form, "title": _("New user"), "back": "org:user_list"}
    )


@role_required(*NATIONAL)
def user_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # Colleagues are not in a municipality's scope: the national office's role decides.
    person = get_object_or_404(
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
        {
            "person": person,
            "assignment_form": RoleAssignmentForm(user=person),
            "stand_ins": _stand_ins_of(person),
        },
    )


def _stand_ins_of(person: User) -> list[tuple[StandIn, str]]:
    """The latest stand-ins for this person (away) or by this person (standing in)."""
    today = timezone.localdate()
    stand_ins = (
        StandIn.objects.filter(Q(coordinator=person) | Q(stand_in=person))
        .select_related("coordinator", "stand_in")
        .order_by("-ends_on", "-pk")[:USER_PAGE_STAND_INS]
    )
    return [(item, item.state_on(today)) for item in stand_ins]


@role_required(*NATIONAL)
def user_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by = request.user
        try:
            with transaction.atomic():
                actions.update_user(
                    user=person,
                    by=by,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                )
                actions.set_user_active(user=person, by=by, active=data["is_active"])
                actions.set_safety_officer(
                    user=person,
                    by=by,
                    designated=data["is_safety_officer"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("org:user_detail", pk=person.pk)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": _("Edit user"), "back": "org:user_list"},
    )


@require_POST
@role_required(*NATIONAL)
def assignment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    form = RoleAssignmentForm(request.POST, user=person)
    if form.is_valid():
        try:
            actions.assign_role(
                user=person,
                by=request.user,
                role=form.cleaned_data["role"],
                municipality=form.cleaned_data["municipality"],
                region=form.cleaned_data["region"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role has been added."))
            return redirect("org:user_detail", pk=person.pk)
    log_read(request, person)
    return render(
        request,
        "org/user_detail.html",
        {
            "person": person,
            "assignment_form": form,
            "stand_ins": _stand_ins_of(person),
        },
        status=400,
    )


@require_POST
@role_required(*NATIONAL)
def assignment_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user"), pk=pk)
    actions.remove_role(assignment=assignment, by=request.user)
    messages.success(request, _("The role has been removed."))
    return redirect("org:user_detail", pk=assignment.user_id)


# --- stand-ins (waarnemers) --------------------------------------------------------------------


@role_required(*ARRANGES_STAND_INS)
def stand_in_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The stand-ins the user may see (org.models.StandInQuerySet.for_user), newest end first."""
    stand_ins = (
        StandIn.objects.for_user(request.user)
        .select_related("coordinator", "stand_in", "created_by", "ended_by")
        .order_by("-ends_on", "-pk")
    )
    page = Paginator(stand_ins, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(item, item.state_on(today)) for item in page]
    return render(request, "org/stand_in_list.html", {"page": page, "rows": rows})


@role_required(*ARRANGES_STAND_INS)
def stand_in_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = StandInForm(
        request.POST or None,
        by=request.user,
        initial={"starts_on": today, "ends_on": today + timedelta(days=13)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.assign_stand_in(
                coordinator=data["coordinator"],
                stand_in=data.get("stand_in") or request.user,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("The stand-in has been arranged."))
            return redirect("org:stand_in_list")
    return render(
        request,
        "org/form.html",
        {"form": form, "title": _("Arrange a stand-in"), "back": "org:stand_in_list"},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@role_required(*ARRANGES_STAND_INS)
def stand_in_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    stand_in = get_stand_in_for_user(request.user, pk)
    try:
        actions.end_stand_in(stand_in=stand_in, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The stand-in has ended."))
    return redirect("org:stand_in_list")
