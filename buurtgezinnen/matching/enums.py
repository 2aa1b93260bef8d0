"""The values a match's status and a review's kind are stored as: plain enums, no Django, for
the pure ``schedule.py``. The models' choices are built from them and add the Dutch labels."""

from __future__ import annotations

from enum import StrEnum


class MatchStatus(StrEnum):
    AGREEMENT = "agreement"
    TRIAL = "trial"
    RUNNING = "running"
    CLOSING = "closing"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"


class ReviewKind(StrEnum):
    EVALUATION = "evaluation"
    PROGRESS = "progress"
    CLOSING = "closing"
