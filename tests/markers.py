"""Marked families in every municipality, for the list check of the permission matrix.

``mark_world(world)`` gives Utrecht, Zeist and Amersfoort each a set of families in the states
the lists, the agenda and the calendar feed show (new, in intake with a planned conversation,
waiting, a support family screened but without a VOG, available ones and one whose VOG expires,
a proposal with an introduction, matches in agreement, in trial and closed, an agreement out for
signing, an open safety concern, a referral awaiting its outcome, an organisation of the service
directory and a draft profile); ``test_marked_world_fills_every_list`` checks that it does.
Every name in them holds a random token of the municipality, so a page that shows anything of a
municipality outside the viewer's scope gives itself away:

* ``case``: the token (family, parent and child names) and the addresses of the family, match,
  proposal and referral pages;
* ``concern``: a second token (the concern's description and its first step) and the concern's
  address;
* ``organisation``: a third token (the name of an organisation in the service directory) and the
  address of the municipality's page.

The rows are written directly (no actions: the matrix builds this world once per URL, so it
must be quick). Only the audit pages read django-auditlog's entries, and writing them costs two
thirds of the time, so they are written only when asked for (``audited``).
"""

from __future__ import annotations

import contextlib
import secrets
import string
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from auditlog.context import disable_auditlog
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.agreements.models import Agreement, AgreementStatus, Signature, SignerRole
from buurtgezinnen.concerns.models import Concern, ConcernKind, MeldcodeStep, Referral, Step
from buurtgezinnen.families.models import (
    Child,
    CompetenceAssessment,
    CompetenceCriterion,
    Conversation,
    Family,
    Kind,
    Offer,
    Person,
    Rating,
    ServiceOrganisation,
    Source,
    Status,
    Vog,
)
from buurtgezinnen.geo import postcodes
from buurtgezinnen.matching.models import (
    Match,
    MatchStatus,
    Proposal,
    ProposalStatus,
    Review,
    ReviewKind,
)
from buurtgezinnen.org.models import Municipality, User
from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile, SocialPost
from tests.conftest import World

# Every marked family's name starts with this: a search for it finds all of them.
SEARCH = "zq"
PLACES = ("utrecht", "zeist", "amersfoort")
KINDS = ("case", "concern", "organisation")
POSTCODES = {"utrecht": "3511 AB", "zeist": "3707 BA", "amersfoort": "3811 CD"}


def _token() -> str:
    return SEARCH + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10))


@dataclass
class Marked:
    """What each municipality's marked data looks like in a page (all lower case)."""

    markers: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    municipality_ids: dict[str, int] = field(default_factory=dict)

    def found(self, content: str, place: str, kind: str) -> list[str]:
        return [marker for marker in self.markers[place][kind] if marker in content]

    def fill(self, data: dict[str, str]) -> dict[str, str]:
        """A query string with "{amersfoort}" and "{search}" filled in."""
        values = {**{k: str(v) for k, v in self.municipality_ids.items()}, "search": SEARCH}
        return {key: value.format_map(values) for key, value in data.items()}


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class _Builder:
    def __init__(self, municipality: Municipality, coordinator: User, today: date) -> None:
        self.municipality = municipality
        self.by = coordinator
        self.today = today
        self.token = _token()
        self.concern_token = _token()
        self.organisation_token = _token()
        self.area = postcodes.lookup(POSTCODES[municipality.slug])
        self.case: list[str] = [self.token]
        self.concern: list[str] = [self.concern_token]
        self.organisation: list[str] = [
            self.organisation_token,
            reverse("org:municipality_detail", args=[municipality.pk]),
        ]

    def family(self, label: str, kind: str = Kind.REQUEST, status: str = Status.NEW, **extra):
        name = f"{self.token.capitalize()} {label}"
        extra.setdefault("applied_on", self.today - timedelta(days=20))
        family = Family.objects.create(
            kind=kind,
            status=status,
            municipality=self.municipality,
            name=name,
            street="Oudegracht",
            house_number="1",
            postcode=POSTCODES[self.municipality.slug],
            pc4=self.area.pc4,
            place=self.municipality.name,
            latitude=self.area.latitude,
            longitude=self.area.longitude,
            source=Source.PHONE,
            **extra,
        )
        Person.objects.create(
            family=family,
            first_name=f"{self.token.capitalize()}ouder",
            last_name=name,
            email=f"{self.token}@example.nl",
            phone="0612345678",
            languages="Nederlands",
            is_contact=True,
        )
        if kind == Kind.REQUEST:
            Child.objects.create(
                family=family,
                first_name=f"{self.token.capitalize()}kind",
                date_of_birth=self.today - timedelta(days=365 * 7),
            )
        self.case.append(reverse("families:detail", args=[family.pk]))
        return family

    def held(self, family: Family) -> None:
        for number in (1, 2):
            Conversation.objects.create(
                family=family,
                number=number,
                held_on=self.today - timedelta(days=30 - number),
                support_wanted=["fixed_afternoon"],
                day_parts=["wed_afternoon"],
                recorded_by=self.by,
            )

    def available(self, label: str, issued: date, places: int = 3) -> Family:
        family = self.family(
            label,
            kind=Kind.SUPPORT,
            status=Status.AVAILABLE,
            decided_at=timezone.now(),
            decided_by=self.by,
        )
        self.held(family)
        criterion, _ = CompetenceCriterion.objects.get_or_create(name="Stabiel gezin")
        CompetenceAssessment.objects.create(family=family, criterion=criterion, rating=Rating.MEETS)
        Offer.objects.create(
            family=family,
            day_parts=["wed_afternoon"],
            support_types=["fixed_afternoon"],
            max_travel_km=25,
            max_families=places,
            max_child_age=18,
        )
        Vog.objects.create(
            person=family.people.get(),
            issued_on=issued,
            received_on=issued,
            checked_on=issued,
            checked_by=self.by,
        )
        return family

    def waiting(self, label: str, days: int) -> Family:
        family = self.family(
            label,
            status=Status.WAITING,
            waiting_since=self.today - timedelta(days=days),
            decided_at=timezone.now(),
            decided_by=self.by,
        )
        self.held(family)
        return family

    def match(self, request: Family, support: Family, place: int, **fields) -> Match:
        proposal = Proposal.objects.create(
            request_family=request,
            support_family=support,
            place=place,
            status=ProposalStatus.CLICK,
            created_by=self.by,
            decided_at=timezone.now(),
        )
        match = Match.objects.create(
            proposal=proposal,
            request_family=request,
            support_family=support,
            place=place,
            started_on=self.today - timedelta(days=70),
            created_by=self.by,
            **fields,
        )
        self.case.append(reverse("matching:detail", args=[match.pk]))
        return match

    def build(self) -> None:
        today = self.today
        new = self.family("Nieuw", applied_on=today - timedelta(days=2))
        intake = self.family("Kennismaking", status=Status.INTAKE)
        Conversation.objects.create(family=intake, number=1, planned_at=_at(today + timedelta(1)))
        waiting = self.waiting("Wacht", days=120)
        RecruitmentProfile.objects.create(
            family=waiting,
            headline=f"{self.token} zoekt een steungezin",
            area="In de wijk",
            children="Een kind van 6 tot 8 jaar",
            support="Een vaste middag",
            text=f"Profiel van {self.token}.",
        )
        # Screened (both conversations held), to be decided on; no VOG yet.
        self.held(self.family("Screening", kind=Kind.SUPPORT, status=Status.SCREENING))
        support = self.available("Steun", issued=today - timedelta(days=10))
        expiring_on = policy.add_years(today, -policy.VOG_MAX_AGE_YEARS) + timedelta(days=20)
        self.available("Verloopt", issued=expiring_on)

        # A proposal with its introduction tomorrow.
        proposed = self.waiting("Voorstel", days=60)
        proposal = Proposal.objects.create(
            request_family=proposed,
            support_family=support,
            place=1,
            status=ProposalStatus.INTRODUCTION,
            introduction_at=_at(today + timedelta(days=1), 15),
            created_by=self.by,
        )
        self.case.append(reverse("matching:proposal", args=[proposal.pk]))

        # Matches: one making its agreement (out for signing), one whose evaluation is due and
        # planned, one closed.
        giver = self.available("Koppeling", issued=today - timedelta(days=10))
        signing = self.match(self.family("Afspraken", status=Status.MATCHED), giver, place=1)
        agreement = Agreement.objects.create(
            match=signing,
            version=1,
            status=AgreementStatus.SIGNING,
            content={"topics": []},
            sent_at=timezone.now() - timedelta(days=2),
            created_by=self.by,
        )
        parent = signing.request_family.people.get()
        Signature.objects.create(
            agreement=agreement,
            role=SignerRole.REQUEST_PARENT,
            person=parent,
            name=f"{parent.first_name} {parent.last_name}",
            first_name=parent.first_name,
            link_sent_at=timezone.now(),
            link_expires_at=timezone.now() + timedelta(days=policy.SIGNING_LINK_DAYS),
        )
        trial_start = policy.add_months(today, -policy.TRIAL_PERIOD_MONTHS) + timedelta(days=2)
        in_trial = self.match(
            self.family("Proef", status=Status.MATCHED),
            giver,
            place=2,
            status=MatchStatus.TRIAL,
            trial_started_on=trial_start,
        )
        Review.objects.create(
            match=in_trial, kind=ReviewKind.EVALUATION, planned_at=_at(today + timedelta(1), 19)
        )
        self.match(
            self.family("Afgesloten", status=Status.COMPLETED),
            giver,
            place=3,
            status=MatchStatus.COMPLETED,
            trial_started_on=today - timedelta(days=800),
            running_since=today - timedelta(days=740),
            closed_on=today - timedelta(days=10),
            continue_together=True,
            support_available_again=True,
        )

        # An open match whose support parent's VOG expires soon (on the agenda as the match's).
        ageing = self.available("Verloopt in koppeling", issued=expiring_on)
        self.match(
            self.family("Proef verloopt", status=Status.MATCHED),
            ageing,
            place=1,
            status=MatchStatus.TRIAL,
            trial_started_on=trial_start,
        )

        # A profile taken offline (its family withdrew) with a Facebook post still to remove.
        stopped = self.family("Gestopt", status=Status.WITHDRAWN)
        offline = RecruitmentProfile.objects.create(
            family=stopped,
            status=ProfileStatus.WITHDRAWN,
            headline=f"{self.token} zocht een steungezin",
            area="In de wijk",
            children="Een kind van 6 tot 8 jaar",
            support="Een vaste middag",
            text=f"Profiel van {self.token}.",
            closed_at=timezone.now() - timedelta(days=1),
        )
        SocialPost.objects.create(
            profile=offline, channel="facebook", posted_on=today - timedelta(days=30), by=self.by
        )

        # A safety concern (open, its first step recorded) and a referral awaiting its outcome.
        concern = Concern.objects.create(
            family=new,
            child=new.children.get(),
            kind=ConcernKind.SAFETY,
            description=f"Zorg {self.concern_token}",
            reported_by=self.by,
        )
        MeldcodeStep.objects.create(
            concern=concern,
            step=Step.SIGNS,
            signs=f"Signalen {self.concern_token}",
            reasoning=f"Reden {self.concern_token}",
            by=self.by,
        )
        self.concern.append(reverse("concerns:detail", args=[concern.pk]))
        organisation = ServiceOrganisation.objects.create(
            municipality=self.municipality,
            name=f"Buurtteam {self.organisation_token}",
            category="district_team",
        )
        referral = Referral.objects.create(
            family=intake,
            organisation=organisation,
            reason=f"Schulden {self.token}",
            referred_on=today - timedelta(days=policy.REFERRAL_FOLLOW_UP_DAYS + 5),
            created_by=self.by,
        )
        self.case.append(reverse("concerns:referral", args=[referral.pk]))


def mark_world(world: World, *, audited: bool = False) -> Marked:
    with contextlib.nullcontext() if audited else disable_auditlog():
        return _mark(world)


def _mark(world: World) -> Marked:
    today = timezone.localdate()
    marked = Marked()
    coordinators = {
        "utrecht": world.users["coordinator_utrecht"],
        "zeist": world.users["regional_utrecht"],
        "amersfoort": world.users["coordinator_amersfoort"],
    }
    for place in PLACES:
        municipality: Municipality = getattr(world, place)
        builder = _Builder(municipality, coordinators[place], today)
        builder.build()
        marked.municipality_ids[place] = municipality.pk
        marked.markers[place] = {
            "case": [m.lower() for m in builder.case],
            "concern": [m.lower() for m in builder.concern],
            "organisation": [m.lower() for m in builder.organisation],
        }
    return marked
