"""Mail about families, sent by the huey worker after the change is committed."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from huey.contrib.djhuey import db_task

from buurtgezinnen.core import mail
from buurtgezinnen.org.models import Role


def _send(template: str, context: dict[str, object], to: list[str]) -> None:
    mail.send(f"families/mail/{template}", context, to)


@db_task(retries=3, retry_delay=60)
def confirm_application(family_id: int) -> None:
    """The applicant's confirmation: what happens next. Names no child and no address."""
    from buurtgezinnen.families.models import Family

    family = Family.objects.select_related("municipality").filter(pk=family_id).first()
    if family is None:
        return
    contact = family.people.filter(is_contact=True).exclude(email="").first()
    if contact is None:
        return
    _send(
        "confirmation",
        {"first_name": contact.first_name, "family": family, "municipality": family.municipality},
        [contact.email],
    )


@db_task(retries=3, retry_delay=60)
def tell_coordinators_of_application(family_id: int) -> None:
    """The municipality's coordinators hear of a new application, with a link and no details."""
    from buurtgezinnen.families.models import Family

    family = Family.objects.select_related("municipality").filter(pk=family_id).first()
    if family is None:
        return
    emails = sorted(
        set(
            family.municipality.role_assignments.filter(
                role=Role.COORDINATOR, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )
    if not emails:
        return
    link = f"{settings.SITE_URL}{reverse('families:detail', args=[family.pk])}"
    _send("new_application", {"family": family, "link": link}, emails)
