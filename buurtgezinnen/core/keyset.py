"""Keyset pagination of a table that grows without end (the logs), newest first.

A page is the rows before (older than) or after (newer than) a cursor, the ``(moment, pk)`` of the
row where the previous page ended, read with one query of ``size + 1`` rows: no ``COUNT`` and no
``OFFSET``, so the thousandth page costs what the first does. The cursor travels in the query
string (``ouder=`` or ``nieuwer=``); a cursor that cannot be read gives the newest page.

The links are drawn by ``templates/includes/keyset_pagination.html``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)

OLDER = "ouder"
NEWER = "nieuwer"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def cursor_of(moment: datetime, pk: int) -> str:
    """``moment`` in whole microseconds since 1970 (exact, unlike a float) and the row's pk."""
    return f"{(moment - _EPOCH) // _MICROSECOND}-{pk}"


def parse_cursor(value: str | None) -> tuple[datetime, int] | None:
    micros, _dash, pk = (value or "").partition("-")
    if not (micros.isdigit() and pk.isdigit()) or len(micros) > 18 or len(pk) > 18:
        return None
    try:
        return _EPOCH + int(micros) * _MICROSECOND, int(pk)
    except OverflowError:
        return None


@dataclass
class KeysetPage(Generic[M]):
    rows: list[M]
    # The cursors of the links; None where there is nothing more that way.
    newer: str | None
    older: str | None

    def __iter__(self) -> Iterator[M]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_other_pages(self) -> bool:
        return bool(self.newer or self.older)


def keyset_page(
    rows: QuerySet[M], params: Mapping[str, Any], *, moment: str, size: int
) -> KeysetPage[M]:
    """The page of ``rows`` that ``params`` (the request's GET) asks for, newest first by
    ``(moment, pk)``. ``moment`` names a datetime field, ideally indexed."""
    older_than = parse_cursor(params.get(OLDER))
    newer_than = None if older_than else parse_cursor(params.get(NEWER))
    if newer_than:
        at, pk = newer_than
        # "moment >= at" first, so the database can start its index scan there.
        after = Q(**{f"{moment}__gte": at}) & (Q(**{f"{moment}__gt": at}) | Q(pk__gt=pk))
        found = list(rows.filter(after).order_by(moment, "pk")[: size + 1])
        more_newer = len(found) > size
        page = list(reversed(found[:size]))
        has_newer, has_older = more_newer, True
    else:
        if older_than:
            at, pk = older_than
            rows = rows.filter(
                Q(**{f"{moment}__lte": at}) & (Q(**{f"{moment}__lt": at}) | Q(pk__lt=pk))
            )
        found = list(rows.order_by(f"-{moment}", "-pk")[: size + 1])
        page = found[:size]
        has_newer, has_older = older_than is not None, len(found) > size
    first, last = (page[0], page[-1]) if page else (None, None)
    return KeysetPage(
        rows=page,
        newer=cursor_of(getattr(first, moment), first.pk) if first and has_newer else None,
        older=cursor_of(getattr(last, moment), last.pk) if last and has_older else None,
    )
