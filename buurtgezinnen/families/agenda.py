"""What is due about families, for the agenda: applications, intakes, decisions, waiting.

Each provider runs a fixed number of queries, however many families the user's scope holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import F
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtgezinnen import policy
from buurtgezinnen.core.agenda_item import Item
from buurtgezinnen.families import selectors
from buurtgezinnen.families.models import Conversation, Family, Kind, Status

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User

# How many of the families who waited longest the agenda shows, per municipality.
LONGEST_WAITING_SHOWN = 5


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _detail_url(family: Family) -> str:
    return reverse("families:detail", args=[family.pk])


def intakes(user: User, today: date) -> Iterator[Item]:
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
        held = family.held  # type: ignore[attr-defined]  # annotated by _with_list_columns
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
        elif family.next_planned is None:  # type: ignore[attr-defined]  # as held, above
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


def longest_waiting(user: User, today: date) -> Iterator[Item]:
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
            url=reverse("matching:candidates", args=[family.pk]),
            municipality_id=family.municipality_id,
            detail=ngettext("%(days)s day waiting", "%(days)s days waiting", days) % {"days": days},
        )
