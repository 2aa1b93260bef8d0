"""The values a role is stored as: a plain enum, no Django, for the pure cores (the roles that
may move a family, ``families/workflow.py``). The model's choices are built from it and add the
Dutch labels."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    COORDINATOR = "coordinator"
    REGIONAL_COORDINATOR = "regional_coordinator"
    NATIONAL_OFFICE = "national_office"
    MUNICIPALITY_CONTACT = "municipality_contact"
    HELPLINE_VOLUNTEER = "helpline_volunteer"
