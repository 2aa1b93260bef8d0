"""Mail about concerns. A mail never says what the concern is, nor whom it is about."""

from __future__ import annotations

from django.utils import timezone
from huey.contrib.djhuey import db_task

from buurtgezinnen.core import mail
from buurtgezinnen.org.models import Role


def _send(template: str, context: dict[str, object], to: list[str]) -> None:
    mail.send(f"concerns/mail/{template}", context, to)


@db_task(retries=3, retry_delay=60)
def tell_coordinators_of_concern(concern_id: int) -> None:
    """The coordinators of the family's municipality, and whoever stands in for one of them
    today: "a concern was reported, look in the app"."""
    from buurtgezinnen.concerns.models import Concern
    from buurtgezinnen.org.models import StandIn

    concern = Concern.objects.select_related("family").filter(pk=concern_id).first()
    if concern is None:
        return
    stand_ins = (
        StandIn.objects.active_on(timezone.localdate())
        .filter(
            stand_in__is_active=True,
            coordinator__role_assignments__role=Role.COORDINATOR,
            coordinator__role_assignments__municipality_id=concern.family.municipality_id,
        )
        .values_list("stand_in__email", flat=True)
    )
    emails = sorted(
        set(
            concern.family.municipality.role_assignments.filter(
                role=Role.COORDINATOR, user__is_active=True
            ).values_list("user__email", flat=True)
        )
        | set(stand_ins)
    )
    if emails:
        link = mail.absolute("concerns:detail", concern.pk)
        _send("new_concern", {"link": link}, emails)


@db_task(retries=3, retry_delay=60)
def send_concern_link(link_id: int, token: str) -> None:
    """The support parent's personal link. The token travels only in this mail."""
    from buurtgezinnen.concerns.models import ConcernLink

    link = ConcernLink.objects.select_related("person").filter(pk=link_id).first()
    if link is None or link.revoked_at is not None or not link.person.email:
        return
    url = mail.absolute("concerns:report", token)
    _send(
        "link",
        {"first_name": link.person.first_name, "url": url, "expires_on": link.expires_on},
        [link.person.email],
    )
