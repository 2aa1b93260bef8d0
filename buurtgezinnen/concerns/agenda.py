"""What is due about concerns and referrals, for the agenda (``agenda.items.PROVIDERS``).

Items name the family (the user may see it) but never what the concern is. Two queries, whatever
the number of concerns and referrals.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.concerns.access import concern_scope, concerns_for
from buurtgezinnen.concerns.meldcode import FINAL_STEPS
from buurtgezinnen.concerns.models import (
    ConcernKind,
    ConcernStatus,
    Referral,
    ReferralOutcome,
)
from buurtgezinnen.core.agenda_item import Item

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User


def items(user: User, today: date) -> Iterable[Item]:
    result: list[Item] = []
    if concern_scope(user).sees_any:
        concerns = (
            concerns_for(user)
            .filter(status=ConcernStatus.OPEN)
            .select_related("family")
            .annotate(last_step=Max("steps__step"))
        )
        for concern in concerns:
            if concern.kind == ConcernKind.SAFETY and concern.last_step not in FINAL_STEPS:
                title = _("Concern: next step of the reporting code")
            elif concern.kind == ConcernKind.SAFETY:
                title = _("Concern: reporting code finished, close the concern")
            else:
                title = _("Concern: open worry")
            result.append(
                Item(
                    kind="concern_open",
                    title=title,
                    subject=concern.family.name,
                    url=reverse("concerns:detail", args=[concern.pk]),
                    municipality_id=concern.family.municipality_id,
                )
            )
    cutoff = today - timedelta(days=policy.REFERRAL_FOLLOW_UP_DAYS)
    referrals = (
        Referral.objects.for_user(user)
        .filter(outcome=ReferralOutcome.PENDING, referred_on__lte=cutoff)
        .select_related("family")
    )
    for referral in referrals:
        result.append(
            Item(
                kind="referral_outcome",
                title=_("Referral: record the outcome"),
                subject=referral.family.name,
                url=reverse("concerns:referral", args=[referral.pk]),
                municipality_id=referral.family.municipality_id,
                due=referral.referred_on + timedelta(days=policy.REFERRAL_FOLLOW_UP_DAYS),
            )
        )
    return result
