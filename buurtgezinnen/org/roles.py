"""The roles a user can hold (``RoleAssignment.role``).

Apart from the models so that ``org.scoping``, which the models' querysets import, can name them
without importing the models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    REGIONAL_COORDINATOR = "regional_coordinator", _("regional coordinator")
    NATIONAL_OFFICE = "national_office", _("national office")
    MUNICIPALITY_CONTACT = "municipality_contact", _("municipality contact")
    HELPLINE_VOLUNTEER = "helpline_volunteer", _("helpline volunteer")
