"""The roles a user can hold (``RoleAssignment.role``).

Apart from the models so that ``org.scoping``, which the models' querysets import, can name them
without importing the models. The stored values come from the plain enum in ``org.enums``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.org import enums


class Role(models.TextChoices):
    COORDINATOR = enums.Role.COORDINATOR, _("coordinator")
    REGIONAL_COORDINATOR = enums.Role.REGIONAL_COORDINATOR, _("regional coordinator")
    NATIONAL_OFFICE = enums.Role.NATIONAL_OFFICE, _("national office")
    MUNICIPALITY_CONTACT = enums.Role.MUNICIPALITY_CONTACT, _("municipality contact")
    HELPLINE_VOLUNTEER = enums.Role.HELPLINE_VOLUNTEER, _("helpline volunteer")
