"""Recruitment profiles to write or publish, for the agenda (one query)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from buurtgezinnen.agenda.items import Item
from buurtgezinnen.families.models import Family, Kind, Status
from buurtgezinnen.recruitment.models import ProfileStatus


def profiles(user: Any, today: date) -> Iterator[Item]:
    """A waiting family without a published profile: write one, or publish the draft."""
    families = (
        Family.objects.for_user(user)
        .filter(kind=Kind.REQUEST, status=Status.WAITING)
        .filter(
            Q(recruitment_profile__isnull=True) | Q(recruitment_profile__status=ProfileStatus.DRAFT)
        )
        .select_related("recruitment_profile")
        .order_by("waiting_since", "pk")
    )
    for family in families:
        profile = getattr(family, "recruitment_profile", None)
        yield Item(
            kind="profile_to_publish",
            title=_("Recruitment profile: check and publish the draft")
            if profile is not None
            else _("Recruitment profile: write one"),
            subject=family.name,
            url=reverse("families:profile", args=[family.pk]),
            municipality_id=family.municipality_id,
        )
