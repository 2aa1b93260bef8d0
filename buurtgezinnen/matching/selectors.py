"""Reads of proposals and matches: one for a user (scoped), and from the database to the plain
data the matching engine works on (and back to names)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Abs, Coalesce
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
from buurtgezinnen.matching.scoring import (
    VOG_EXPIRED,
    VOG_MISSING,
    VOG_VALID,
    Need,
    Offer,
    travel_box,
)
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


def _support_families(user: User, municipality_id: int | None) -> FamilyQuerySet:
    return _in_scope(user, municipality_id).filter(kind=Kind.SUPPORT, status=Status.AVAILABLE)


def _places_taken() -> Coalesce:
    """A support family's places held by open proposals and open matches (subqueries: no join
    multiplies the rows, and a filter on it needs no GROUP BY)."""

    def count(queryset: QuerySet[Proposal] | QuerySet[Match]) -> Coalesce:
        per_family = queryset.filter(support_family=OuterRef("pk")).order_by()
        counted = per_family.values("support_family").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return Coalesce(
        count(Proposal.objects.filter(status__in=OPEN))
        + count(Match.objects.filter(status__in=OPEN_MATCH)),
        0,
    )


def _can_take_a_family(families: FamilyQuerySet, today: date) -> FamilyQuerySet:
    """Only those with a place left and a valid VOG for every support parent: the rest can pair
    with no one (the engine would leave them out too). With what ``offer_for`` reads but the
    people (``with_people``)."""
    return (
        families.with_valid_vogs(today)
        .annotate(
            places_taken=_places_taken(),
            vog_expired=Value(False, output_field=BooleanField()),
            vog_missing=Value(False, output_field=BooleanField()),
        )
        .filter(offer__max_families__gt=F("places_taken"))
        .select_related("offer")
    )


def _gap(column: str, centre: float) -> Abs:
    # A family without a centroid is at 0,0 for the engine (``need_for``, ``offer_for``).
    return Abs(Coalesce(column, Value(0.0), output_field=FloatField()) - Value(centre))


def _within_reach(families: FamilyQuerySet, need: Need) -> FamilyQuerySet:
    """The hard constraints of ``scoring`` the database can decide for ``need``: the number and
    ages of its children, sleepovers, pets and smoking, and the distance by a box around the
    need's centroid as large as each offer's own ``max_travel_km`` (``scoring.travel_box``).
    A superset of the offers the engine finds feasible (``tests/matching/test_preselect.py``):
    the engine still decides, with the exact distance and the shared language."""
    box = travel_box(need)
    reach = ExpressionWrapper(F("offer__max_travel_km") * Value(1.0), output_field=FloatField())
    families = families.alias(
        lat_gap=_gap("latitude", box.latitude), lon_gap=_gap("longitude", box.longitude)
    ).filter(
        lat_gap__lte=reach * Value(box.lat_per_km) + Value(box.slack),
        lon_gap__lte=reach * Value(box.lon_per_km) + Value(box.slack),
        offer__max_children__gte=len(need.child_ages),
        offer__min_child_age__lte=min(need.child_ages, default=0),
        offer__max_child_age__gte=max(need.child_ages, default=0),
    )
    if need.wants_sleepovers:
        families = families.filter(offer__sleepovers=True)
    if need.no_pets:
        families = families.filter(has_pets=False)
    if need.no_smoking:
        families = families.filter(smoking=False)
    return families


def pairable_support_families(
    user: User, *, municipality_id: int | None = None, today: date | None = None
) -> FamilyQuerySet:
    """Available support families in the user's scope that can take a family today (a place left,
    valid VOGs), ready for ``offer_for`` once ``with_people`` has run; the regional suggestion
    needs no others."""
    today = today or timezone.localdate()
    return _can_take_a_family(_support_families(user, municipality_id), today).order_by("pk")


def preselected_support_families(
    user: User, need: Need, *, today: date | None = None
) -> FamilyQuerySet:
    """The support families in the user's scope that may fit ``need``, preselected in SQL
    (``_can_take_a_family``, ``_within_reach``): every one the engine finds feasible, and a few
    more it will leave out."""
    today = today or timezone.localdate()
    families = _can_take_a_family(_support_families(user, None), today)
    return _within_reach(families, need).order_by("pk")


def nearest_left_out(
    user: User, need: Need, *, limit: int, today: date | None = None
) -> FamilyQuerySet:
    """The ``limit`` available support families nearest to ``need`` that the preselection leaves
    out, to say why (the engine gives their reasons). Together with the preselected ones they
    hold the ``limit`` nearest of all that fail: every family left out here fails too."""
    today = today or timezone.localdate()
    preselected = _within_reach(_can_take_a_family(_support_families(user, None), today), need)
    box = travel_box(need)
    # Nearest by the engine's measure (degrees of longitude shortened at the need's latitude).
    lon_scale = box.lat_per_km / box.lon_per_km
    north = Coalesce("latitude", Value(0.0), output_field=FloatField()) - Value(box.latitude)
    east = (
        Coalesce("longitude", Value(0.0), output_field=FloatField()) - Value(box.longitude)
    ) * Value(lon_scale)
    return (
        _support_families(user, None)
        .with_vog_state(today)
        .select_related("offer")
        .annotate(places_taken=_places_taken())
        .exclude(pk__in=preselected.values("pk"))
        .alias(gap=north * north + east * east)
        .order_by("gap", "pk")[:limit]
    )


def left_out_support_families(
    user: User, *, municipality_id: int | None = None, today: date | None = None
) -> FamilyQuerySet:
    """Available support families in the user's scope that no pair can include (an expired or
    missing VOG), in order, each with ``left_out_total`` (how many there are: one query for a
    bounded list and its count); read their state with ``vog_state``."""
    today = today or timezone.localdate()
    return (
        _support_families(user, municipality_id)
        .with_vog_state(today)
        .filter(Q(vog_expired=True) | Q(vog_missing=True))
        .annotate(left_out_total=Window(Count("pk")))
        .order_by("pk")
    )


def with_people(*families: Iterable[Family]) -> None:
    """The people of all these families in one query (their languages, for ``offer_for``)."""
    prefetch_related_objects([f for group in families for f in group], "people")


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
        vog=vog_state(family),
    )


def vog_state(family: Family) -> str:
    """From the annotations of ``Family.objects.with_vog_state``."""
    if family.vog_expired:  # type: ignore[attr-defined]  # annotated by with_vog_state()
        return VOG_EXPIRED
    if family.vog_missing:  # type: ignore[attr-defined]  # annotated by with_vog_state()
        return VOG_MISSING
    return VOG_VALID
