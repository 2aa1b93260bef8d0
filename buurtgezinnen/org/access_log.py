"""One mechanism for logging reads of personal records.

Every view that shows a person's record (a staff member, a family's file, a child, a concern)
calls ``log_read(request, obj)`` after fetching the object through the scoping layer. The
permission-matrix tests check that reading such a page leaves an entry. The entry keeps the
reader's roles; while the reader stands in for an absent coordinator (``org.models.StandIn``) they
end in "stand_in", e.g. "regional_coordinator, stand_in".

Every layer's pages read records, org's own among them, so the writer lives here, at the bottom
with the roles it records (``org.scoping``). The entries are the audit app's ``AccessLog`` (its
table, its search page, its nightly clean-up), named by its label like a foreign key: the audit
app sits on top, as its change-log registry imports every app's models (docs/architecture.md,
"Layers"), so org does not import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.http import HttpRequest

from buurtgezinnen.core.client import client_address
from buurtgezinnen.org.scoping import scope_for

ACCESS_LOG = "audit.AccessLog"


def record_type_of(obj: Model) -> str:
    return obj._meta.label_lower


def log_read(request: HttpRequest, obj: Model, *, purpose: str = "") -> None:
    """Record that ``request.user`` read ``obj``."""
    user: Any = request.user
    match = getattr(request, "resolver_match", None)
    apps.get_model(ACCESS_LOG).objects.create(
        user=user,
        roles=scope_for(user).log_roles,
        record_type=record_type_of(obj),
        record_id=str(obj.pk),
        purpose=purpose or (match.view_name if match else ""),
        client_address=client_address(request),
    )


def log_reads(request: HttpRequest, objs: Iterable[Model], *, purpose: str = "") -> None:
    """``log_read`` for every record shown on a list, written in one query."""
    access_log = apps.get_model(ACCESS_LOG)
    user: Any = request.user
    match = getattr(request, "resolver_match", None)
    roles = scope_for(user).log_roles
    address = client_address(request)
    entries = [
        access_log(
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
        access_log.objects.bulk_create(entries)
