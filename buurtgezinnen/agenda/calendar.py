"""What the private calendar feed lists: planned conversations, introductions and reviews.

Titles are neutral ("Kennismakingsgesprek 1 (Buurtgezinnen)") and carry a link to the app, no
family name: feeds are synced to phones and to calendar servers outside the programme.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtgezinnen.agenda.ical import Event
from buurtgezinnen.families.models import Conversation, Kind
from buurtgezinnen.matching.links import match_url
from buurtgezinnen.matching.models import Proposal, ProposalStatus, Review, ReviewKind

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User

# The feed looks back this far, so a meeting of last week is still in the calendar.
FEED_PAST_DAYS = 30
# A meeting in the feed lasts this long (the app stores only when it starts).
MEETING_MINUTES = 60

REVIEW_TITLES = {
    ReviewKind.EVALUATION: gettext_lazy("Evaluation"),
    ReviewKind.PROGRESS: gettext_lazy("Progress review"),
    ReviewKind.CLOSING: gettext_lazy("Closing conversation"),
}


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def events_for(user: User, today: date) -> list[Event]:
    """The user's planned meetings in their case scope (three queries)."""
    since = timezone.make_aware(datetime.combine(today - timedelta(days=FEED_PAST_DAYS), time.min))
    length = timedelta(minutes=MEETING_MINUTES)
    events: list[Event] = []
    conversations = (
        Conversation.objects.for_user(user)
        .filter(held_on__isnull=True, planned_at__gte=since)
        .values_list("pk", "family_id", "family__kind", "number", "planned_at")
    )
    for pk, family_id, kind, number, at in conversations:
        assert at is not None  # planned_at__gte above
        label = _("Screening conversation") if kind == Kind.SUPPORT else _("Intake conversation")
        events.append(
            Event(
                uid=f"conversation-{pk}@buurtgezinnen",
                start=at,
                end=at + length,
                summary=_("%(conversation)s %(number)s (Buurtgezinnen)")
                % {"conversation": label, "number": number},
                url=_link(reverse("families:conversation", args=[family_id, number])),
            )
        )
    proposals = (
        Proposal.objects.for_user(user)
        .filter(status=ProposalStatus.INTRODUCTION, introduction_at__gte=since)
        .values_list("pk", "introduction_at")
    )
    for pk, at in proposals:
        assert at is not None  # introduction_at__gte above
        events.append(
            Event(
                uid=f"introduction-{pk}@buurtgezinnen",
                start=at,
                end=at + length,
                summary=_("Introduction meeting (Buurtgezinnen)"),
                url=_link(reverse("matching:proposal", args=[pk])),
            )
        )
    reviews = (
        Review.objects.for_user(user)
        .filter(held_on__isnull=True, planned_at__gte=since)
        .select_related("match")
    )
    for review in reviews:
        assert review.planned_at is not None
        events.append(
            Event(
                uid=f"review-{review.pk}@buurtgezinnen",
                start=review.planned_at,
                end=review.planned_at + length,
                summary=_("%(review)s (Buurtgezinnen)")
                % {"review": REVIEW_TITLES[ReviewKind(review.kind)]},
                url=_link(match_url(review.match)),
            )
        )
    return sorted(events, key=lambda e: (e.start, e.uid))
