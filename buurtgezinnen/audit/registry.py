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

    from buurtgezinnen.families import models as families

    auditlog.register(
        families.Family,
        exclude_fields=["updated_at", "latitude", "longitude"],
        mask_fields=["street", "house_number", "postcode", "network", "application_note"],
    )
    auditlog.register(families.Person, mask_fields=["email", "phone"])
    auditlog.register(families.Child, mask_fields=["date_of_birth"])
    auditlog.register(
        families.Conversation,
        mask_fields=["goes_well", "is_hard", "network", "finances_note", "notes"],
    )
    auditlog.register(families.Offer)
    auditlog.register(families.CompetenceAssessment, mask_fields=["note"])
    auditlog.register(families.Vog)
    auditlog.register(families.ServiceOrganisation)
    auditlog.register(families.CompetenceCriterion)

    from buurtgezinnen.recruitment import models as recruitment

    auditlog.register(recruitment.RecruitmentProfile, mask_fields=["text"])
    auditlog.register(recruitment.ProfileResponse)

    from buurtgezinnen.matching import models as matching

    auditlog.register(matching.Proposal, mask_fields=["request_side", "support_side"])
    auditlog.register(matching.Match)

    from buurtgezinnen.agreements import models as agreements

    auditlog.register(agreements.StandardText)
    auditlog.register(agreements.Topic)
    auditlog.register(agreements.Agreement, mask_fields=["content"])
    auditlog.register(
        agreements.Signature,
        exclude_fields=["token_hash"],
        mask_fields=["name", "first_name", "typed_name", "ip_address"],
    )
