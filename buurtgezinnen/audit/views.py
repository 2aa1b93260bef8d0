"""The national office searches the change log and the access log.

Both logs grow without end (millions of rows), so nothing here reads the whole table on a request:
the record types to filter on are the registered models (``audit.registry``), not a DISTINCT over
the log; pages are keyset pages (``core.keyset``) without a count; "who" is text matched in SQL,
not a choice of every user.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.audit.registry import VALUES_SHOWN
from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.core.keyset import keyset_page
from buurtgezinnen.org.forms import LogSearchForm
from buurtgezinnen.org.models import Role, User
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


def logged_labels() -> list[str]:
    """The models of the change log, which are also those of the access log: every model that
    holds people's data is registered (``audit.registry``), and a read is logged only of such a
    record (the permission matrix checks that every read it logs has one of these types)."""
    from auditlog.registry import auditlog

    return [model._meta.label_lower for model in auditlog.get_models()]


def _who(text: str) -> list[int]:
    """The users whose name or e-mail address holds every word of ``text``, read first (one
    query on the users), so the log is filtered on a list of ids the database can plan for: a
    text that names nobody then reads nothing of the log."""
    condition = Q()
    for word in text.split():
        condition &= (
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return list(User.objects.filter(condition).values_list("pk", flat=True))


def _search(
    entries: QuerySet[Any], data: dict[str, Any], *, who: str, record: str, when: str
) -> QuerySet[Any]:
    """The filters both logs share; ``who``, ``record`` and ``when`` name their fields."""
    if data["actor"].strip():
        users = _who(data["actor"])
        entries = entries.filter(**{f"{who}__in": users}) if users else entries.none()
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
    form = LogSearchForm(request.GET or None, model_choices=_model_choices(logged_labels()))
    entries: QuerySet[LogEntry] = LogEntry.objects.select_related("actor", "content_type")
    if form.is_valid():
        data = form.cleaned_data
        entries = _search(entries, data, who="actor", record="object_pk", when="timestamp")
        if data["model"]:
            app_label, model = data["model"].split(".")
            entries = entries.filter(
                content_type=ContentType.objects.get_by_natural_key(app_label, model)
            )
    page = keyset_page(entries, request.GET, moment="timestamp", size=PAGE_SIZE)
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
    form = LogSearchForm(request.GET or None, model_choices=_model_choices(logged_labels()))
    entries: QuerySet[AccessLog] = AccessLog.objects.select_related("user")
    if form.is_valid():
        data = form.cleaned_data
        entries = _search(entries, data, who="user", record="record_id", when="at")
        if data["model"]:
            entries = entries.filter(record_type=data["model"])
    page = keyset_page(entries, request.GET, moment="at", size=PAGE_SIZE)
    return render(request, "audit/access_log.html", {"form": form, "page": page})
