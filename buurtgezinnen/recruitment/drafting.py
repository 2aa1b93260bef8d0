"""The first draft of a recruitment profile, from the family's intake; and what in the family's
record identifies it (for the anonymity check)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen.families.models import DayPart, Family, SupportType, labels
from buurtgezinnen.recruitment.anonymity import Record


def age_range(age: int) -> str:
    """An age as a range of three years, so the exact age does not show: 7 → "6-8 jaar"."""
    low = max(0, age - age % 3)
    return _("%(low)s to %(high)s years") % {"low": low, "high": low + 2}


def draft(family: Family) -> dict[str, str]:
    today = timezone.localdate()
    ages = sorted((child.age(today) for child in family.children.all()), reverse=True)
    conversations = list(family.conversations.all())
    wanted = sorted({s for c in conversations for s in c.support_wanted})
    day_parts = [d for d in DayPart.values if any(d in c.day_parts for c in conversations)]
    children = ", ".join(dict.fromkeys(age_range(age) for age in ages))
    count = len(ages)
    support = ", ".join(labels(wanted, SupportType)) or _("some extra attention for the children")
    days = ", ".join(labels(day_parts, DayPart))
    headline = (
        _("Family in %(area)s looks for a support family") % {"area": family.place}
        if family.place
        else _("A family in the neighbourhood looks for a support family")
    )
    text = _(
        "In %(area)s lives a family with %(count)s child(ren) (%(children)s) who would love some "
        "extra attention. The parent does a lot alone and would be helped by a warm family nearby "
        "for %(support)s. Would you like to make a difference, close to home? Buurtgezinnen guides "
        "you along the way."
    ) % {
        "area": family.place or _("the neighbourhood"),
        "count": count,
        "children": children,
        "support": support,
    }
    return {
        "headline": headline[:120],
        "area": family.place,
        "children": children,
        "support": support,
        "days": days,
        "text": text,
    }


def record_for(family: Family) -> Record:
    """Everything in the family's record that identifies it."""
    people = list(family.people.all())
    children = list(family.children.all())
    names = {family.name}
    for person in people:
        names.update({person.first_name, person.last_name})
    names.update(child.first_name for child in children)
    return Record(
        names=tuple(sorted(n for n in names if n)),
        streets=(family.street,) if family.street else (),
        house_numbers=(family.house_number,) if family.house_number else (),
        postcodes=(family.postcode,) if family.postcode else (),
        phones=tuple(p.phone for p in people if p.phone),
        emails=tuple(p.email for p in people if p.email),
        dates_of_birth=tuple(child.date_of_birth for child in children),
    )
