"""The values a family's status, kind, support types and parts of the day are stored as: plain
enums, no Django, so the pure cores (``workflow.py``, ``matching/scoring.py``) can use them.

The models' choices (``models.py``) are built from these members and add the Dutch labels, so
each value is written once; a test checks that both list the same values.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    REQUEST = "request"
    SUPPORT = "support"


class Status(StrEnum):
    NEW = "new"
    INTAKE = "intake"
    SCREENING = "screening"
    WAITING = "waiting"
    AVAILABLE = "available"
    REFERRED = "referred"
    DECLINED = "declined"
    NOT_APPROVED = "not_approved"
    WITHDRAWN = "withdrawn"
    MATCHED = "matched"
    COMPLETED = "completed"
    ENDED = "ended"


class SupportType(StrEnum):
    FIXED_AFTERNOON = "fixed_afternoon"
    SLEEPOVERS = "sleepovers"
    SPORTS_ACTIVITIES = "sports_activities"
    HOMEWORK = "homework"
    PARENTS_EVENINGS = "parents_evenings"
    OTHER = "other"


class DayPart(StrEnum):
    """In the order of the week: the matching reasons name shared parts of the day in this order."""

    MON_MORNING = "mon_morning"
    MON_AFTERNOON = "mon_afternoon"
    MON_EVENING = "mon_evening"
    TUE_MORNING = "tue_morning"
    TUE_AFTERNOON = "tue_afternoon"
    TUE_EVENING = "tue_evening"
    WED_MORNING = "wed_morning"
    WED_AFTERNOON = "wed_afternoon"
    WED_EVENING = "wed_evening"
    THU_MORNING = "thu_morning"
    THU_AFTERNOON = "thu_afternoon"
    THU_EVENING = "thu_evening"
    FRI_MORNING = "fri_morning"
    FRI_AFTERNOON = "fri_afternoon"
    FRI_EVENING = "fri_evening"
    SAT_MORNING = "sat_morning"
    SAT_AFTERNOON = "sat_afternoon"
    SAT_EVENING = "sat_evening"
    SUN_MORNING = "sun_morning"
    SUN_AFTERNOON = "sun_afternoon"
    SUN_EVENING = "sun_evening"
