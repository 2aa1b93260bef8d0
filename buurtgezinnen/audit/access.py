"""One mechanism for logging reads of personal records.

Every view that shows a person's record (a staff member now; a family's file, a child, a concern
later) calls ``log_read(request, obj)`` after fetching the object through the scoping layer. The
permission-matrix tests check that reading such a page leaves an entry.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.org.scoping import scope_for


def record_type_of(obj: Model) -> str:
    return obj._meta.label_lower


def log_read(request: HttpRequest, obj: Model, *, purpose: str = "") -> AccessLog:
    """Record that ``request.user`` read ``obj``; returns the entry."""
    user: Any = request.user
    match = getattr(request, "resolver_match", None)
    return AccessLog.objects.create(
        user=user,
        roles=", ".join(sorted(scope_for(user).roles)),
        record_type=record_type_of(obj),
        record_id=str(obj.pk),
        purpose=purpose or (match.view_name if match else ""),
    )
