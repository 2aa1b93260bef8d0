"""The numbers the steps of the reporting code are stored as: a plain enum, no Django, for the
pure ``meldcode.py``. The model's choices are built from it and add the Dutch step names."""

from __future__ import annotations

from enum import IntEnum


class Step(IntEnum):
    SIGNS = 1
    CONSULT = 2
    TALK = 3
    WEIGH = 4
    DECIDE = 5
    ACUTE = 9
