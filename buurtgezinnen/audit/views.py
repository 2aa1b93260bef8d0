"""The national office searches the change log and the access log."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.org.forms import AccessLogSearchForm, ChangeLogSearchForm
from buurtgezinnen.org.models import Role
from buurtgezinnen.org.scoping import role_required

PAGE_SIZE = 50


def _model_choices(labels: list[str]) -> list[tuple[str, str]]:
    choices = []
    for label in labels:
        model = apps.get_model(label)
        choices.append((label, str(model._meta.verbose_name).capitalize()))
    return sorted(choices, key=lambda choice: choice[1])


def _day_bounds(data: dict[str, Any]) -> tuple[datetime | None, datetime | None]:
    start = data.get("date_from")
    end = data.get("date_to")
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz) if start else None,
        datetime.combine(end, time.max, tzinfo=tz) if end else None,
    )


def _logged_labels() -> list[str]:
    from auditlog.registry import auditlog

    return [model._meta.label_lower for model in auditlog.get_models()]


@role_required(Role.NATIONAL_OFFICE)
def change_log(request: HttpRequest) -> HttpResponse:
    labels = _logged_labels()
    form = ChangeLogSearchForm(request.GET or None, model_choices=_model_choices(labels))
    entries: QuerySet[LogEntry] = LogEntry.objects.select_related("actor", "content_type")
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor=data["actor"])
        if data["model"]:
            app_label, model = data["model"].split(".")
            entries = entries.filter(
                content_type=ContentType.objects.get_by_natural_key(app_label, model)
            )
        if data["object_id"]:
            entries = entries.filter(object_pk=data["object_id"])
        start, end = _day_bounds(data)
        if start:
            entries = entries.filter(timestamp__gte=start)
        if end:
            entries = entries.filter(timestamp__lte=end)
    page = Paginator(entries.order_by("-timestamp", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "audit/change_log.html", {"form": form, "page": page})


@role_required(Role.NATIONAL_OFFICE)
def access_log(request: HttpRequest) -> HttpResponse:
    labels = sorted(set(AccessLog.objects.values_list("record_type", flat=True).distinct()))
    form = AccessLogSearchForm(request.GET or None, model_choices=_model_choices(labels))
    entries: QuerySet[AccessLog] = AccessLog.objects.select_related("user")
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            entries = entries.filter(user=data["actor"])
        if data["model"]:
            entries = entries.filter(record_type=data["model"])
        if data["object_id"]:
            entries = entries.filter(record_id=data["object_id"])
        start, end = _day_bounds(data)
        if start:
            entries = entries.filter(at__gte=start)
        if end:
            entries = entries.filter(at__lte=end)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/access_log.html", {"form": form, "page": page})
