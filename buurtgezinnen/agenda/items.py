"""What is due: the providers of every app, gathered for the agenda.

Each app that knows of work to do has a provider (``core.agenda_item``): a function
``(user, today) -> Iterable[Item]``, listed in ``PROVIDERS`` below. The agenda ("Vandaag"), the
weekly reminder mail and the tests all read ``items_for``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils.module_loading import import_string

from buurtgezinnen.core.agenda_item import Item

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User

# Dotted paths of the providers, in the order the agenda shows their groups.
PROVIDERS: list[str] = [
    "buurtgezinnen.families.agenda.intakes",
    "buurtgezinnen.matching.agenda.reviews",
    "buurtgezinnen.matching.agenda.proposals",
    "buurtgezinnen.recruitment.agenda.profiles",
    "buurtgezinnen.recruitment.agenda.posts_to_remove",
    "buurtgezinnen.matching.agenda.vogs",
    "buurtgezinnen.matching.agenda.match_vogs",
    "buurtgezinnen.families.agenda.longest_waiting",
    "buurtgezinnen.concerns.agenda.items",
    "buurtgezinnen.agreements.agenda.items",
]


def items_for(user: User, today: date) -> list[Item]:
    """Everything due and to do for ``user``: overdue first, then by date, undated last."""
    items = [item for path in PROVIDERS for item in import_string(path)(user, today)]
    return sorted(items, key=lambda i: (i.due is None, i.due or today, i.title, i.subject))
