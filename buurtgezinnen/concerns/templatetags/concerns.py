"""What the pages of the apps below concerns may ask about concerns, in their templates.

A family's file (families) links to the family's concerns only for whom may read them. That rule
is concerns' own (``concerns.access``), and families sits below concerns, so its page asks here
(``{% load concerns %}``) rather than importing it (docs/architecture.md, "Layers").
"""

from __future__ import annotations

from typing import Any

from django import template

from buurtgezinnen.concerns.access import concern_scope

register = template.Library()


@register.filter
def sees_concerns_of(user: Any, family: Any) -> bool:
    """Whether ``user`` reads and works every concern about ``family`` (no query of its own)."""
    return concern_scope(user).sees(family.municipality_id)
