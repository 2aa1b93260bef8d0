"""One mechanism for logging reads of personal records.

Every view that shows a person's record (a staff member now; a family's file, a child, a concern
later) calls ``log_read(request, obj)`` after fetching the object through the scoping layer. The
permission-matrix tests check that reading such a page leaves an entry. The entry keeps the
reader's roles; while the reader stands in for an absent coordinator (``org.models.StandIn``) they
end in "stand_in", e.g. "regional_coordinator, stand_in".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.core.client import client_address
from buurtgezinnen.org.scoping import scope_for


def record_type_of(obj: Model) -> str:
    return obj._meta.label_lower


def log_read(request: HttpRequest, obj: Model, *, purpose: str = "") -> AccessLog:
    """Record that ``request.user`` read ``obj``; returns the entry."""
    user: Any = request.user
    match = getattr(request, "resolver_match", None)
    return AccessLog.objects.create(
        user=user,
        roles=scope_for(user).log_roles,
        record_type=record_type_of(obj),
        record_id=str(obj.pk),
        purpose=purpose or (match.view_name if match else ""),
        client_address=client_address(request),
    )


def log_reads(request: HttpRequest, objs: Iterable[Model], *, purpose: str = "") -> None:
    """``log_read`` for every record shown on a list, written in one query."""
    user: Any = request.user
    match = getattr(request, "resolver_match", None)
    roles = scope_for(user).log_roles
    address = client_address(request)
    entries = [
        AccessLog(
            user=user,
            roles=roles,
            record_type=record_type_of(obj),
            record_id=str(obj.pk),
            purpose=purpose or (match.view_name if match else ""),
            client_address=address,
        )
        for obj in objs
    ]
    if entries:
        AccessLog.objects.bulk_create(entries)
