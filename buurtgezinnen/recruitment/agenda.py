"""Recruitment profiles to write or publish, and posts to take down, for the agenda (one query
and two queries)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.core.agenda_item import Item
from buurtgezinnen.families.models import Family, Kind, Status
from buurtgezinnen.recruitment.models import (
    TEXT_FIELDS,
    ProfileStatus,
    RecruitmentProfile,
    SocialPost,
)

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User

# A published profile whose text was changed since: the change waits for approval.
_CHANGED = Q(recruitment_profile__status=ProfileStatus.PUBLISHED) & Q(
    *(
        ~Q(**{f"recruitment_profile__{name}": F(f"recruitment_profile__published_{name}")})
        for name in TEXT_FIELDS
    ),
    _connector=Q.OR,
)


def profiles(user: User, today: date) -> Iterator[Item]:
    """A waiting family without a profile online: write one, publish the draft, publish it again
    (back on the waiting list after a match), or publish the changed text."""
    families = (
        Family.objects.for_user(user)
        .filter(kind=Kind.REQUEST, status=Status.WAITING)
        .filter(
            Q(recruitment_profile__isnull=True)
            | Q(recruitment_profile__status__in=[ProfileStatus.DRAFT, ProfileStatus.FOUND])
            | _CHANGED
        )
        .select_related("recruitment_profile")
        .order_by("waiting_since", "pk")
    )
    for family in families:
        profile = getattr(family, "recruitment_profile", None)
        if profile is None:
            title = _("Recruitment profile: write one")
        elif profile.status == ProfileStatus.DRAFT:
            title = _("Recruitment profile: check and publish the draft")
        elif profile.status == ProfileStatus.FOUND:
            title = _("Recruitment profile: the family is waiting again, publish it again")
        else:
            title = _("Recruitment profile: the changed text is not online yet")
        yield Item(
            kind="profile_to_publish",
            title=title,
            subject=family.name,
            url=reverse("recruitment:profile", args=[family.pk]),
            municipality_id=family.municipality_id,
        )


def posts_to_remove(user: User, today: date) -> Iterator[Item]:
    """A profile that went offline while posts about it are still on Facebook or Instagram: take
    them down and confirm it. Due when its public address stops working (at once when withdrawn;
    after the "found!" period when a support family was found)."""
    open_posts = SocialPost.objects.filter(removed_at__isnull=True)
    offline = (
        RecruitmentProfile.objects.for_user(user)
        .offline()
        .filter(Exists(open_posts.filter(profile=OuterRef("pk"))))
        .select_related("family")
        .prefetch_related(
            Prefetch("posts", queryset=open_posts.order_by("posted_on", "pk"), to_attr="open_posts")
        )
        .order_by("closed_at", "pk")
    )
    for profile in offline:
        closed = timezone.localdate(profile.closed_at) if profile.closed_at else None
        if closed is not None and profile.status == ProfileStatus.FOUND:
            closed += timedelta(days=policy.PROFILE_FOUND_DAYS)
        yield Item(
            kind="posts_to_remove",
            title=_("Recruitment profile offline: remove the posts on Facebook and Instagram"),
            subject=profile.family.name,
            url=reverse("recruitment:profile", args=[profile.family_id]),
            municipality_id=profile.family.municipality_id,
            due=closed,
            detail=", ".join(
                f"{post.get_channel_display()} {date_format(post.posted_on, 'j F Y')}"
                for post in profile.open_posts  # type: ignore[attr-defined]  # Prefetch to_attr, see above
            ),
        )
