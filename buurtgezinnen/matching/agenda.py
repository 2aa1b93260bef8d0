"""Proposals and matches, for the agenda: introductions, outcomes, reviews due, and the VOGs of
support parents, in an open match or not (each provider a fixed number of queries).

The VOGs of support families are here, not in ``families.agenda``: whether a family is in an open
match decides how its VOGs are listed, and matching sits above families."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.core.agenda_item import Item
from buurtgezinnen.families import selectors
from buurtgezinnen.families.models import Family, Person, Vog
from buurtgezinnen.matching import actions
from buurtgezinnen.matching.links import match_url
from buurtgezinnen.matching.models import (
    OPEN,
    Match,
    MatchStatus,
    Proposal,
    Review,
    ReviewKind,
)

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User


def proposals(user: User, today: date) -> Iterator[Item]:
    """Open proposals: an introduction to plan, one coming up, or one held that needs an outcome."""
    open_proposals = (
        Proposal.objects.for_user(user)
        .filter(status__in=OPEN)
        .select_related("request_family", "support_family")
        .order_by("introduction_at", "pk")
    )
    for proposal in open_proposals:
        url = reverse("matching:proposal", args=[proposal.pk])
        subject = f"{proposal.request_family.name} - {proposal.support_family.name}"
        municipality_id = proposal.request_family.municipality_id
        if proposal.introduction_at is None:
            yield Item(
                kind="introduction_to_plan",
                title=_("Proposal: plan the introduction meeting"),
                subject=subject,
                url=url,
                municipality_id=municipality_id,
            )
            continue
        on = timezone.localdate(proposal.introduction_at)
        if on < today:
            yield Item(
                kind="proposal_outcome",
                title=_("Introduction held: did it click?"),
                subject=subject,
                url=url,
                municipality_id=municipality_id,
                due=on,
            )
        elif on <= today + timedelta(days=policy.DUE_SOON_DAYS):
            yield Item(
                kind="introduction_planned",
                title=_("Introduction meeting"),
                subject=subject,
                url=url,
                municipality_id=municipality_id,
                due=on,
                detail=f"{timezone.localtime(proposal.introduction_at):%H:%M}",
            )


def reviews(user: User, today: date) -> Iterator[Item]:
    """Evaluations, progress reviews and closing conversations due within ``DUE_SOON_DAYS``
    or overdue; a planned one says when."""
    matches = (
        Match.objects.for_user(user)
        .filter(status__in=[MatchStatus.TRIAL, MatchStatus.RUNNING, MatchStatus.CLOSING])
        .select_related("request_family", "support_family")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.order_by("planned_at")))
    )
    soon = today + timedelta(days=policy.DUE_SOON_DAYS)
    for match in matches:
        due = actions.next_review(match)
        if due is None or due.on > soon:
            continue
        planned = [
            r
            for r in match.reviews.all()
            if r.held_on is None and r.planned_at and r.kind == due.kind
        ]
        detail = (
            _("planned: %(when)s")
            % {"when": date_format(timezone.localtime(planned[0].planned_at), "j F H:i")}
            if planned
            else _("not planned yet")
        )
        yield Item(
            kind="review_due",
            title=str(ReviewKind(due.kind).label).capitalize(),
            subject=f"{match.request_family.name} - {match.support_family.name}",
            url=match_url(match),
            municipality_id=match.request_family.municipality_id,
            due=due.on,
            detail=detail,
        )


def _vog_people(families: Any) -> Any:
    return families.prefetch_related(
        Prefetch(
            "people",
            queryset=Person.objects.order_by("pk").prefetch_related(
                Prefetch("vogs", queryset=Vog.objects.order_by("-issued_on", "-pk"))
            ),
        )
    )


def _not_in_an_open_match(families: Any) -> Any:
    """A support family in an open match has its VOGs on the agenda as the match's, dated on
    the day each expires (``match_vogs``); here it is left out, so no VOG is listed twice."""
    return families.exclude(Exists(Match.objects.open().filter(support_family=OuterRef("pk"))))


def vogs(user: User, today: date) -> Iterator[Item]:
    """Support parents without a valid VOG, and VOGs that expire soon, of support families
    that are not in an open match (six queries)."""
    missing = _vog_people(
        _not_in_an_open_match(selectors.support_families(user, which="vog_missing", today=today))
    )
    for family in missing:
        for person in family.people.all():
            if any(vog.is_valid_on(today) for vog in person.vogs.all()):
                continue
            yield Item(
                kind="vog_missing",
                title=_("VOG missing or expired"),
                subject=family.name,
                url=reverse("families:vog", args=[family.pk, person.pk]),
                municipality_id=family.municipality_id,
                detail=person.first_name,
            )
    expiring = _vog_people(
        _not_in_an_open_match(selectors.support_families(user, which="vog_expiring", today=today))
    )
    for family in expiring:
        for person in family.people.all():
            valid = [vog for vog in person.vogs.all() if vog.is_valid_on(today)]
            if not valid:
                continue
            renew_on = policy.vog_renewal_due(max(vog.issued_on for vog in valid))
            if renew_on > today + timedelta(days=policy.VOG_EXPIRY_WARNING_DAYS):
                continue
            yield Item(
                kind="vog_expiring",
                title=_("VOG to renew"),
                subject=family.name,
                url=reverse("families:vog", args=[family.pk, person.pk]),
                municipality_id=family.municipality_id,
                due=renew_on,
                detail=person.first_name,
            )


def match_vogs(user: User, today: date) -> Iterator[Item]:
    """The VOG of a support parent in an open match that expires within the warning period, or
    has expired: one item per parent, dated on the day the VOG expires (one query).

    The support family's municipality decides whose agenda it is on (the VOG is theirs); the
    families' own VOG provider leaves these families out, so no VOG is listed twice. A parent
    without any checked VOG has no date to show; the item is then undated."""
    rows = (
        Match.objects.open()
        .filter(
            # Not ``Match.objects.for_user``: the support family's scope, not the requesting one's.
            support_family__in=Family.objects.for_user(user),
            support_family__people__isnull=False,
        )
        .values(
            "pk",
            request_name=F("request_family__name"),
            support_id=F("support_family_id"),
            support=F("support_family__name"),
            municipality_id=F("support_family__municipality_id"),
            person_id=F("support_family__people"),
            first_name=F("support_family__people__first_name"),
        )
        # The newest checked VOG decides (``Vog.objects.checked``, ``Vog.is_valid_on``).
        .annotate(
            last_issued=Max(
                "support_family__people__vogs__issued_on",
                filter=Q(
                    support_family__people__vogs__received_on__isnull=False,
                    support_family__people__vogs__checked_on__isnull=False,
                ),
            )
        )
        .filter(Q(last_issued__isnull=True) | Q(last_issued__lte=policy.vog_expiring_from(today)))
        .order_by("support_id", "person_id", "pk")
    )
    # A row per match and parent; an item per parent, naming every open match it is in.
    people: dict[int, dict[str, Any]] = {}
    for row in rows:
        person = people.setdefault(row["person_id"], {**row, "requesting": []})
        person["requesting"].append(row["request_name"])
    for pk, person in people.items():
        last_issued = person["last_issued"]
        expires = policy.vog_renewal_due(last_issued) if last_issued else None
        if expires is None:
            kind, title = "match_vog_missing", _("VOG missing: support parent in a match")
        elif expires <= today:
            kind, title = "match_vog_expired", _("VOG expired: support parent in a match")
        else:
            kind, title = "match_vog_expiring", _("VOG expires: support parent in a match")
        yield Item(
            kind=kind,
            title=title,
            subject="{} - {}".format(", ".join(person["requesting"]), person["support"]),
            url=reverse("families:vog", args=[person["support_id"], pk]),
            municipality_id=person["municipality_id"],
            due=expires,
            detail=person["first_name"],
        )
