"""The national office searches the change log and the access log."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.audit.registry import VALUES_SHOWN
from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.org.forms import LogSearchForm
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


def _search(
    entries: QuerySet[Any], data: dict[str, Any], *, who: str, record: str, when: str
) -> QuerySet[Any]:
    """The filters both logs share; ``who``, ``record`` and ``when`` name their fields."""
    if data["actor"]:
        entries = entries.filter(**{who: data["actor"]})
    if data["object_id"]:
        entries = entries.filter(**{record: data["object_id"]})
    start, end = _day_bounds(data)
    if start:
        entries = entries.filter(**{f"{when}__gte": start})
    if end:
        entries = entries.filter(**{f"{when}__lte": end})
    return entries


@role_required(Role.NATIONAL_OFFICE)
def change_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LogSearchForm(request.GET or None, model_choices=_model_choices(_logged_labels()))
    entries: QuerySet[LogEntry] = LogEntry.objects.select_related("actor", "content_type")
    if form.is_valid():
        data = form.cleaned_data
        entries = _search(entries, data, who="actor", record="object_pk", when="timestamp")
        if data["model"]:
            app_label, model = data["model"].split(".")
            entries = entries.filter(
                content_type=ContentType.objects.get_by_natural_key(app_label, model)
            )
    page = Paginator(entries.order_by("-timestamp", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for entry in page:
        entry.shown_changes = _shown_changes(entry)
    return render(request, "audit/change_log.html", {"form": form, "page": page})


def _shown_changes(entry: LogEntry) -> dict[str, Any]:
    """The values of a change to the organisation's data; of a family's record only the fields
    (its values are a case file, outside the national office's scope)."""
    label = f"{entry.content_type.app_label}.{entry.content_type.model}"
    if label in VALUES_SHOWN:
        return entry.changes_dict
    return dict.fromkeys(entry.changes_dict)


@role_required(Role.NATIONAL_OFFICE)
def access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    labels = sorted(set(AccessLog.objects.values_list("record_type", flat=True).distinct()))
    form = LogSearchForm(request.GET or None, model_choices=_model_choices(labels))
    entries: QuerySet[AccessLog] = AccessLog.objects.select_related("user")
    if form.is_valid():
        data = form.cleaned_data
        entries = _search(entries, data, who="user", record="record_id", when="at")
        if data["model"]:
            entries = entries.filter(record_type=data["model"])
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/access_log.html", {"form": form, "page": page})
