"""Mail about concerns. A mail never says what the concern is, nor whom it is about."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from huey.contrib.djhuey import db_task

from buurtgezinnen.org.models import Role


def _send(template: str, context: dict[str, object], to: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"concerns/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"concerns/mail/{template}_message.txt", context)
    send_mail(subject, body, None, to)


@db_task(retries=3, retry_delay=60)
def tell_coordinators_of_concern(concern_id: int) -> None:
    """The coordinators of the family's municipality: "a concern was reported, look in the app"."""
    from buurtgezinnen.concerns.models import Concern

    concern = Concern.objects.select_related("family").filter(pk=concern_id).first()
    if concern is None:
        return
    emails = sorted(
        set(
            concern.family.municipality.role_assignments.filter(
                role=Role.COORDINATOR, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )
    if emails:
        link = f"{settings.SITE_URL}{reverse('concerns:detail', args=[concern.pk])}"
        _send("new_concern", {"link": link}, emails)


@db_task(retries=3, retry_delay=60)
def send_concern_link(link_id: int, token: str) -> None:
    """The support parent's personal link. The token travels only in this mail."""
    from buurtgezinnen.concerns.models import ConcernLink

    link = ConcernLink.objects.select_related("person").filter(pk=link_id).first()
    if link is None or link.revoked_at is not None or not link.person.email:
        return
    url = f"{settings.SITE_URL}{reverse('concern_report', args=[token])}"
    _send(
        "link",
        {"first_name": link.person.first_name, "url": url, "expires_on": link.expires_on},
        [link.person.email],
    )
