"""The agenda on the start page ("Vandaag"): overdue, this week, later and without a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.agenda.items import items_for
from buurtgezinnen.core.agenda_item import Item
from buurtgezinnen.org.models import Municipality, User
from buurtgezinnen.org.scoping import scope_for


@dataclass
class Group:
    key: str  # "overdue", "week" or "later": the template colours overdue red
    title: str
    items: list[Item]
    names: dict[int, str]

    def rows(self) -> list[tuple[Item, str]]:
        return [(item, self.names.get(item.municipality_id, "")) for item in self.items]


def agenda(user: User, today: date, municipality: str = "") -> dict[str, Any]:
    """The agenda's context: the groups, the municipalities to filter on and the one chosen."""
    items = items_for(user, today)
    # From the scope, without a query: one municipality needs no filter.
    scope_ids = scope_for(user).case_municipality_ids
    municipalities = (
        list(Municipality.objects.for_case_work(user).order_by("name"))
        if len(scope_ids) > 1
        else []
    )
    chosen = (
        int(municipality) if municipality.isdigit() and int(municipality) in scope_ids else None
    )
    if chosen is not None:
        items = [i for i in items if i.municipality_id == chosen]
    # With more than one municipality and no filter, each item says where it is.
    names = {m.pk: m.name for m in municipalities} if chosen is None else {}
    week_end = today + timedelta(days=policy.DUE_SOON_DAYS)
    groups = [
        Group("overdue", _("Overdue"), [i for i in items if i.overdue(today)], names),
        Group(
            "week",
            _("Today and this week"),
            [i for i in items if i.due is not None and today <= i.due <= week_end],
            names,
        ),
        Group(
            "later",
            _("Later and without a date"),
            [i for i in items if i.due is None or i.due > week_end],
            names,
        ),
    ]
    return {
        "groups": groups,
        "total": len(items),
        "municipalities": municipalities,
        "chosen": chosen,
    }
