"""What is due: every app that knows of work to do offers it as ``Item``s.

An app lists its provider in ``PROVIDERS`` below: a function ``(user, today) -> Iterable[Item]``
that returns the items in the user's scope, computed from state and ``policy`` (nothing due is
stored). The agenda ("Vandaag"), the weekly reminder mail and the tests all read ``items_for``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.module_loading import import_string


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

# Dotted paths of the providers, in the order the agenda shows their groups.
PROVIDERS: list[str] = [
    "buurtgezinnen.families.agenda.intakes",
    "buurtgezinnen.matching.agenda.reviews",
    "buurtgezinnen.matching.agenda.proposals",
    "buurtgezinnen.recruitment.agenda.profiles",
    "buurtgezinnen.recruitment.agenda.posts_to_remove",
    "buurtgezinnen.families.agenda.vogs",
    "buurtgezinnen.families.agenda.longest_waiting",
    "buurtgezinnen.concerns.agenda.items",
    "buurtgezinnen.agreements.agenda.items",
]


def items_for(user: Any, today: date) -> list[Item]:
    """Everything due and to do for ``user``: overdue first, then by date, undated last."""
    items = [item for path in PROVIDERS for item in import_string(path)(user, today)]
    return sorted(items, key=lambda i: (i.due is None, i.due or today, i.title, i.subject))
