"""Which models django-auditlog records, and which of their values are masked.

Every model that holds people's data is registered here. Masked fields keep only a hint of the
old and new value (auditlog's mask), so the change log itself does not become a copy of the data.
"""

from auditlog.registry import auditlog


def register_models() -> None:
    from buurtgezinnen.org.models import Municipality, Region, RoleAssignment, User

    auditlog.register(
        User,
        exclude_fields=["last_login", "password"],
        mask_fields=["phone"],
    )
    auditlog.register(RoleAssignment)
    auditlog.register(Municipality)
    auditlog.register(Region)
