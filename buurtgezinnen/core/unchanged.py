"""“Not given” in an edit action (decision 32).

An edit action names every field it may change as a keyword-only parameter. Where a caller may
change only some of them (plan a conversation without touching its notes, add social media links
to a municipality), the parameters default to ``UNCHANGED``: a field that is not given keeps its
value, and a new record gets the model's default. ``UNCHANGED`` is not ``None``, because ``None``
is a value some fields may be set to (an empty date).

Only the action's own parameters pass through ``write``; a caller cannot name any other field,
because there is no parameter for it (Python raises ``TypeError`` at the call).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Final


class Unchanged(enum.Enum):
    UNCHANGED = "unchanged"

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = Unchanged.UNCHANGED


def given(values: Mapping[str, object]) -> dict[str, object]:
    """The values that were given (not ``UNCHANGED``), in the order of ``values``."""
    return {name: value for name, value in values.items() if value is not UNCHANGED}


def write(obj: Any, values: Mapping[str, object]) -> list[str]:
    """Sets every given value on ``obj`` and returns the names it set.

    ``values`` is the action's own parameter list written out (``{"name": name, ...}``), never a
    caller's mapping.
    """
    changes = given(values)
    for name, value in changes.items():
        setattr(obj, name, value)
    return list(changes)
