"""Reads of families: one family for a user (scoped) and the lists coordinators use."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.core.search import phone_digits, phone_query
from buurtgezinnen.families.models import (
    Conversation,
    Family,
    FamilyEvent,
    Kind,
    Person,
    ServiceOrganisation,
    Status,
    Vog,
)
from buurtgezinnen.org.scoping import get_in_scope_or_404

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User


def get_family_for_user(user: User, pk: int) -> Family:
    """The family, if it is in the user's case scope (else 404). A page that shows it logs the
    read (``org.access_log.log_read``)."""
    return get_in_scope_or_404(Family.objects.select_related("municipality"), user, pk=pk)


def get_service_organisation_for_user(user: User, pk: int) -> ServiceOrganisation:
    """An organisation of the service directory of a municipality in the user's case scope."""
    return get_in_scope_or_404(ServiceOrganisation.objects.all(), user, pk=pk)


def family_file(family: Family) -> Family:
    """Everything the family page shows, in a fixed number of queries."""
    return (
        Family.objects.select_related("municipality", "decided_by", "referred_to", "offer")
        # One Prefetch per call: django-stubs wants every Prefetch of one call to share a type.
        .prefetch_related(
            Prefetch(
                "people",
                # Who checked each VOG comes with it: the page names them (no query per parent).
                queryset=Person.objects.prefetch_related(
                    Prefetch("vogs", queryset=Vog.objects.select_related("checked_by"))
                ),
            ),
            "children",
        )
        .prefetch_related(
            Prefetch("conversations", queryset=Conversation.objects.select_related("recorded_by"))
        )
        .prefetch_related(
            Prefetch("events", queryset=FamilyEvent.objects.select_related("by")),
            "assessments__criterion",
            "matches_received__support_family",
            "matches_given__request_family",
        )
        .get(pk=family.pk)
    )


def _with_list_columns(families: QuerySet[Family]) -> QuerySet[Family]:
    return families.select_related("municipality").annotate(
        held=Count("conversations", filter=Q(conversations__held_on__isnull=False), distinct=True),
        next_planned=Max(
            "conversations__planned_at", filter=Q(conversations__held_on__isnull=True)
        ),
        helpline_mentioned_on=Max("conversations__helpline_mentioned_on"),
        child_count=Count("children", distinct=True),
    )


def new_applications(user: User) -> QuerySet[Family]:
    return _with_list_columns(Family.objects.for_user(user).filter(status=Status.NEW)).order_by(
        "applied_on", "pk"
    )


def in_intake(user: User, kind: str = Kind.REQUEST) -> QuerySet[Family]:
    status = Status.INTAKE if kind == Kind.REQUEST else Status.SCREENING
    return _with_list_columns(
        Family.objects.for_user(user).filter(kind=kind, status=status)
    ).order_by("applied_on", "pk")


def waiting_list(user: User) -> QuerySet[Family]:
    """Suitable requesting families, who waited longest first."""
    return _with_list_columns(
        Family.objects.for_user(user).filter(kind=Kind.REQUEST, status=Status.WAITING)
    ).order_by("waiting_since", "pk")


def support_families(user: User, *, which: str, today: date | None = None) -> QuerySet[Family]:
    """Support families: ``screening``, ``available``, ``vog_missing`` or ``vog_expiring``."""
    today = today or timezone.localdate()
    families = Family.objects.for_user(user).filter(kind=Kind.SUPPORT)
    # The subqueries are scoped as well: the database then reads only the people and VOGs of the
    # user's municipalities, not those of the whole country, to find the few that lack one.
    valid_vog = Vog.objects.for_user(user).valid_on(today).filter(person=OuterRef("pk"))
    lasting_vog = valid_vog.filter(issued_on__gt=policy.vog_expiring_from(today))
    parents = Person.objects.for_user(user).filter(family=OuterRef("pk"))
    without_valid = parents.exclude(Exists(valid_vog))
    expiring = parents.filter(Exists(valid_vog), ~Exists(lasting_vog))
    open_statuses = [Status.NEW, Status.SCREENING, Status.AVAILABLE]
    if which == "screening":
        families = families.filter(status__in=[Status.NEW, Status.SCREENING])
    elif which == "available":
        families = families.filter(status=Status.AVAILABLE)
    elif which == "vog_missing":
        families = families.filter(status__in=open_statuses).filter(Exists(without_valid))
    elif which == "vog_expiring":
        families = families.filter(status__in=open_statuses).filter(Exists(expiring))
    else:
        raise ValueError(which)
    return (
        _with_list_columns(families)
        .annotate(vog_oldest_issue=Max("people__vogs__issued_on"))
        .order_by("applied_on", "pk")
    )


# The most families a search shows (20 pages); more means the query should say more.
SEARCH_LIMIT = 1000


def search(user: User, query: str) -> QuerySet[Family]:
    """By family name, a parent's name, postcode or phone, within the user's scope: each family
    once, by name. The columns of the lists are not on it: the search page reads the ids found
    (at most ``SEARCH_LIMIT``) and ``search_results`` reads one page of them with the columns.

    Each way (the name, a parent's name, the postcode, a parent's phone) is a subquery of ids; the
    families are matched on ``pk IN`` their UNION, not joined to parents, so no family is repeated
    and no DISTINCT is needed. On PostgreSQL the names and phones are found through trigram indexes
    (``core.search``, decision 46).
    """
    query = query.strip()[:100]
    families = Family.objects.for_user(user)
    if not query:
        return families.none()
    compact = "".join(query.split()).upper()
    # The ids of the families found each way, in one UNION: on PostgreSQL each part is a search
    # of its own index, and only the families found are read.
    found = Family.objects.filter(name__folded=query).order_by().values("pk")
    parents = Q(first_name__folded=query) | Q(last_name__folded=query)
    ways: list[QuerySet[Any, Any]] = [Person.objects.filter(parents).order_by().values("family_id")]
    if len(compact) >= 4 and compact[:4].isdigit():
        postcode = Family.objects.filter(pc4=compact[:4])
        if len(compact) > 4:
            postcode = postcode.filter(postcode__iexact=f"{compact[:4]} {compact[4:]}")
        ways.append(postcode.order_by().values("pk"))
    if digits := phone_query(query):
        phones = Person.objects.alias(digits=phone_digits("phone")).filter(digits__contains=digits)
        ways.append(phones.order_by().values("family_id"))
    return families.filter(pk__in=found.union(*ways)).order_by("name", "pk")


def search_results(user: User, ids: Sequence[int]) -> list[Family]:
    """The families ``ids`` (a page of a search) with the columns of the lists, in that order."""
    rows = _with_list_columns(Family.objects.for_user(user).filter(pk__in=ids)).in_bulk()
    return [rows[pk] for pk in ids if pk in rows]
