"""What is due: every app that knows of work to do offers it to the agenda as ``Item``s.

An app's provider is a function ``(user, today) -> Iterable[Item]`` that returns the items in the
user's scope, computed from state and ``policy`` (nothing due is stored). The item lives here, at
the bottom, so that every app can make one; the agenda app, above every other, lists the
providers and gathers their items (``agenda.items``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Item:
    kind: str  # a stable key, e.g. "review_due"; groups items on the agenda
    title: str  # what is to be done, in Dutch, e.g. "Evaluatie van de proefperiode"
    subject: str  # whom it is about, e.g. "Jansen - De Vries"
    url: str  # where it is done
    municipality_id: int
    due: date | None = None  # None: to do, without a date
    detail: str = ""  # e.g. "nog niet getekend: Sanne"

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


Provider = Callable[[Any, date], Iterable[Item]]
