"""Which models django-auditlog records, and which of their values are masked.

Every model that holds people's data is registered here. Masked fields keep only a hint of the
old and new value (auditlog's mask), so the change log itself does not become a copy of the data.
"""

from auditlog.registry import auditlog


def register_models() -> None:
    from buurtgezinnen.org.models import Municipality, Region, RoleAssignment, StandIn, User

    auditlog.register(
        User,
        exclude_fields=["last_login", "password"],
        mask_fields=["phone"],
    )
    auditlog.register(RoleAssignment)
    auditlog.register(Municipality)
    auditlog.register(Region)
    # Who stood in for whom, when, made and ended by whom; the reason is free text, so masked.
    auditlog.register(StandIn, mask_fields=["reason"])

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
    auditlog.register(recruitment.DeepCheckDismissal, mask_fields=["text"])

    from buurtgezinnen.matching import models as matching

    auditlog.register(matching.Proposal, mask_fields=["request_side", "support_side"])
    auditlog.register(matching.Match)

    from buurtgezinnen.agenda import models as agenda

    # Who made or revoked a calendar link, and when; never the hash of its secret.
    auditlog.register(agenda.CalendarToken, exclude_fields=["token_hash", "last_used_at"])
    from buurtgezinnen.concerns import models as concerns

    auditlog.register(concerns.Concern, mask_fields=["description", "closing_note"])
    auditlog.register(
        concerns.MeldcodeStep,
        mask_fields=[
            "signs",
            "colleague",
            "veilig_thuis_advice",
            "not_talked_reason",
            *(f"q{n}_explanation" for n in range(1, 6)),
            "help_note",
            "veilig_thuis_reference",
            "reasoning",
        ],
    )
    auditlog.register(concerns.ConcernLink, exclude_fields=["token_hash"])
    auditlog.register(concerns.Referral, mask_fields=["reason", "outcome_note"])
    from buurtgezinnen.agreements import models as agreements

    auditlog.register(agreements.StandardText)
    auditlog.register(agreements.Topic)
    auditlog.register(agreements.Agreement, mask_fields=["content"])
    auditlog.register(
        agreements.Signature,
        exclude_fields=["token_hash"],
        mask_fields=["name", "first_name", "typed_name", "ip_address"],
    )
