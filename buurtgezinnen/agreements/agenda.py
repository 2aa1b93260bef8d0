"""Agreements awaiting signatures, for the agenda: who has not signed yet (first names only).

Three queries whatever the number of matches (the scope, the agreements, their signatures)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.agreements.models import Agreement, AgreementStatus, Signature
from buurtgezinnen.core.agenda_item import Item

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User


def items(user: User, today: date) -> Iterable[Item]:
    agreements = (
        Agreement.objects.for_user(user)
        .filter(status=AgreementStatus.SIGNING)
        .select_related("match__request_family", "match__support_family")
        .prefetch_related(
            Prefetch(
                "signatures",
                queryset=Signature.objects.filter(signed_at__isnull=True).only(
                    "pk", "agreement_id", "first_name"
                ),
                to_attr="unsigned",
            )
        )
        .order_by("sent_at", "pk")
    )
    for agreement in agreements:
        match = agreement.match
        waiting = [s.first_name for s in agreement.unsigned]  # type: ignore[attr-defined]  # Prefetch to_attr
        detail = (
            _("not signed yet: %(names)s") % {"names": ", ".join(waiting)}
            if waiting
            else _("all parents signed: the coordinator signs last")
        )
        sent = timezone.localdate(agreement.sent_at) if agreement.sent_at else today
        yield Item(
            kind="agreement_signatures",
            title=_("Agreement awaiting signatures"),
            subject=f"{match.request_family.name} - {match.support_family.name}",
            url=reverse("agreements:match", args=[match.pk]),
            municipality_id=match.request_family.municipality_id,
            due=sent + timedelta(days=policy.SIGNING_LINK_DAYS),
            detail=detail,
        )
