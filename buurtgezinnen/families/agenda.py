"""What is due about families, for the agenda: applications, intakes, decisions, VOGs, waiting.

Each provider runs a fixed number of queries, however many families the user's scope holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtgezinnen import policy
from buurtgezinnen.agenda.items import Item
from buurtgezinnen.families import selectors
from buurtgezinnen.families.models import Conversation, Family, Kind, Person, Status, Vog

# How many of the families who waited longest the agenda shows, per municipality.
LONGEST_WAITING_SHOWN = 5


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _detail_url(family: Family) -> str:
    return reverse("families:detail", args=[family.pk])


def intakes(user: Any, today: date) -> Iterator[Item]:
    """New applications, conversations to plan or to record, decisions to take (two queries)."""
    families = list(
        selectors._with_list_columns(
            Family.objects.for_user(user).filter(
                status__in=[Status.NEW, Status.INTAKE, Status.SCREENING]
            )
        ).order_by("applied_on", "pk")
    )
    horizon = _start_of(today + timedelta(days=policy.DUE_SOON_DAYS + 1))
    planned = list(
        Conversation.objects.filter(
            family__in=Family.objects.for_user(user),
            held_on__isnull=True,
            planned_at__isnull=False,
            planned_at__lt=horizon,
        )
        .select_related("family")
        .order_by("planned_at")
    )
    for conversation in planned:
        family = conversation.family
        on = timezone.localdate(conversation.planned_at)
        screening = family.kind == Kind.SUPPORT
        label = _("Screening conversation") if screening else _("Intake conversation")
        if on < today:
            title = _("%(conversation)s %(number)s held? Record it") % {
                "conversation": label,
                "number": conversation.number,
            }
            kind = "conversation_to_record"
        else:
            title = _("%(conversation)s %(number)s") % {
                "conversation": label,
                "number": conversation.number,
            }
            kind = "conversation_planned"
        yield Item(
            kind=kind,
            title=title,
            subject=family.name,
            url=reverse("families:conversation", args=[family.pk, conversation.number]),
            municipality_id=family.municipality_id,
            due=on,
            detail=f"{timezone.localtime(conversation.planned_at):%H:%M}",
        )
    for family in families:
        held = family.held  # type: ignore[attr-defined]
        screening = family.kind == Kind.SUPPORT
        if held >= policy.INTAKE_CONVERSATIONS:
            yield Item(
                kind="decision_pending",
                title=_("Screening done: decide") if screening else _("Intake done: decide"),
                subject=family.name,
                url=reverse("families:decision", args=[family.pk]),
                municipality_id=family.municipality_id,
                detail=_("both conversations held"),
            )
        elif family.next_planned is None:  # type: ignore[attr-defined]
            number = held + 1
            if family.status == Status.NEW:
                kind = "application_new"
                title = (
                    _("New support family: plan the first conversation")
                    if screening
                    else _("New application: plan the first conversation")
                )
            else:
                kind = "intake_to_plan"
                title = _("Plan conversation %(number)s") % {"number": number}
            yield Item(
                kind=kind,
                title=title,
                subject=family.name,
                url=reverse("families:conversation", args=[family.pk, number]),
                municipality_id=family.municipality_id,
                detail=_("applied on %(day)s via %(source)s")
                % {
                    "day": date_format(family.applied_on, "j F"),
                    "source": (family.get_channel_display() or family.get_source_display()),
                },
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
    the day each expires (``matching.agenda.match_vogs``); here it is left out, so no VOG is
    listed twice. The agenda sits above every app, so it may look at matches."""
    from buurtgezinnen.matching.models import Match

    return families.exclude(Exists(Match.objects.open().filter(support_family=OuterRef("pk"))))


def vogs(user: Any, today: date) -> Iterator[Item]:
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
            renew_on = policy.vog_renewal_due(max(vog.issued_on for vog in valid))  # type: ignore[type-var]
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


def longest_waiting(user: Any, today: date) -> Iterator[Item]:
    """The families who waited longest, per municipality (one query)."""
    ranked = (
        Family.objects.for_user(user)
        .filter(kind=Kind.REQUEST, status=Status.WAITING, waiting_since__isnull=False)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("municipality_id")],
                order_by=[F("waiting_since").asc(), F("pk").asc()],
            )
        )
        .filter(position__lte=LONGEST_WAITING_SHOWN)
        .order_by("waiting_since", "pk")
    )
    for family in ranked:
        days = family.days_waiting(today) or 0
        yield Item(
            kind="waiting_longest",
            title=_("Waited longest: propose a support family"),
            subject=family.name,
            url=reverse("families:candidates", args=[family.pk]),
            municipality_id=family.municipality_id,
            detail=ngettext("%(days)s day waiting", "%(days)s days waiting", days) % {"days": days},
        )
