"""Reads of proposals and matches: one for a user (scoped), and from the database to the plain
data the matching engine works on (and back to names)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from buurtgezinnen.families.models import (
    Conversation,
    Family,
    FamilyQuerySet,
    Kind,
    Person,
    Status,
)
from buurtgezinnen.matching.models import OPEN, OPEN_MATCH, Match, Proposal
from buurtgezinnen.matching.scoring import VOG_EXPIRED, VOG_MISSING, VOG_VALID, Need, Offer
from buurtgezinnen.org.scoping import get_in_scope_or_404

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User

DUTCH = "Nederlands"


def get_proposal_for_user(user: User, pk: int) -> Proposal:
    """The proposal, if its requesting family is in the user's case scope (else 404)."""
    return get_in_scope_or_404(
        Proposal.objects.select_related("request_family", "support_family"), user, pk=pk
    )


def get_match_for_user(user: User, pk: int) -> Match:
    """The match, if its requesting family is in the user's case scope (else 404). A page that
    shows it logs the read."""
    return get_in_scope_or_404(
        Match.objects.select_related("request_family__municipality", "support_family"), user, pk=pk
    )


def _languages(people: Iterable[Person]) -> frozenset[str]:
    return frozenset(language for person in people for language in person.language_list)


def _in_scope(user: User, municipality_id: int | None) -> FamilyQuerySet:
    """The user's families (case scope), or those of one of their municipalities."""
    families = Family.objects.for_user(user)
    return families if municipality_id is None else families.filter(municipality=municipality_id)


def waiting_families(user: User, *, municipality_id: int | None = None) -> QuerySet[Family]:
    """Requesting families on the waiting list without an open proposal, in the user's scope."""
    return (
        _in_scope(user, municipality_id)
        .filter(kind=Kind.REQUEST, status=Status.WAITING)
        .exclude(proposals_received__status__in=OPEN)
        .prefetch_related(
            "children",
            "people",
            Prefetch(
                "conversations",
                queryset=Conversation.objects.only("family_id", "support_wanted", "day_parts"),
            ),
        )
        .order_by("waiting_since", "pk")
    )


def available_support_families(
    user: User, *, municipality_id: int | None = None, today: date | None = None
) -> QuerySet[Family]:
    """Available support families in the user's scope with their places taken and the state of
    their VOGs today (in SQL; a family whose VOG expired stays "available" but the engine leaves
    it out)."""
    return (
        _in_scope(user, municipality_id)
        .filter(kind=Kind.SUPPORT, status=Status.AVAILABLE)
        .with_vog_state(today or timezone.localdate())
        .select_related("offer")
        .prefetch_related("people")
        .annotate(
            places_taken=Count(
                "proposals_made", filter=Q(proposals_made__status__in=OPEN), distinct=True
            )
            + Count("matches_given", filter=Q(matches_given__status__in=OPEN_MATCH), distinct=True)
        )
        .order_by("pk")
    )


def need_for(family: Family) -> Need:
    today = timezone.localdate()
    conversations = list(family.conversations.all())
    wanted = frozenset(s for c in conversations for s in c.support_wanted)
    languages = _languages(family.people.all())
    return Need(
        id=family.pk,
        latitude=family.latitude or 0.0,
        longitude=family.longitude or 0.0,
        child_ages=tuple(child.age(today) for child in family.children.all()) or (0,),
        day_parts=frozenset(d for c in conversations for d in c.day_parts),
        support_types=wanted,
        wants_sleepovers="sleepovers" in wanted,
        no_pets=family.no_pets_wanted,
        no_smoking=family.no_smoking_wanted,
        languages=languages,
        # A family that speaks no Dutch needs a support family that speaks its language.
        needs_shared_language=bool(languages) and DUTCH not in languages,
        days_waiting=family.days_waiting(today) or 0,
    )


def offer_for(family: Family) -> Offer:
    offer = family.offer
    return Offer(
        id=family.pk,
        latitude=family.latitude or 0.0,
        longitude=family.longitude or 0.0,
        max_travel_km=offer.max_travel_km,
        day_parts=frozenset(offer.day_parts),
        support_types=frozenset(offer.support_types),
        sleepovers=offer.sleepovers,
        max_children=offer.max_children,
        min_age=offer.min_child_age,
        max_age=offer.max_child_age,
        has_pets=family.has_pets,
        smoking=family.smoking,
        languages=_languages(family.people.all()) | {DUTCH},
        capacity=max(offer.max_families - getattr(family, "places_taken", 0), 0),
        vog=_vog(family),
    )


def _vog(family: Family) -> str:
    """From the annotations of ``Family.objects.with_vog_state``."""
    if family.vog_expired:  # type: ignore[attr-defined]  # annotated by with_vog_state()
        return VOG_EXPIRED
    if family.vog_missing:  # type: ignore[attr-defined]  # annotated by with_vog_state()
        return VOG_MISSING
    return VOG_VALID
