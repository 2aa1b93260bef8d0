"""Every change to a family goes through one of these functions.

Keyword-only, atomic, with ``by=`` the acting user (``None`` for a family using a public form).
Each validates, writes a timeline event, lets django-auditlog record the change with its actor,
and queues mail after commit. A status move locks the family's row first.

Every field an action may change is one of its parameters (decision 32): no action takes a bag of
fields. The status, the decision and the waiting time are nobody's parameter: they move only
through ``_move`` (the table in ``workflow.py``), in ``decide`` and in the matching actions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.core.unchanged import UNCHANGED, Unchanged, write
from buurtgezinnen.families import tasks, workflow
from buurtgezinnen.families.models import (
    Child,
    CompetenceAssessment,
    CompetenceCriterion,
    Conversation,
    EventKind,
    Family,
    FamilyEvent,
    InterestRegistration,
    Kind,
    Offer,
    Person,
    ServiceOrganisation,
    Source,
    Status,
    Vog,
)
from buurtgezinnen.geo import postcodes
from buurtgezinnen.org.models import Municipality, Role, User
from buurtgezinnen.org.scoping import scope_for


@dataclass(frozen=True)
class PersonData:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    languages: str = ""

    @classmethod
    def from_form(cls, data: Mapping[str, Any], prefix: str = "") -> PersonData:
        """From a form's cleaned data; ``prefix`` for a second person ("partner_")."""
        return cls(
            first_name=data[f"{prefix}first_name"],
            last_name=data[f"{prefix}last_name"],
            email=data.get(f"{prefix}email", ""),
            phone=data.get(f"{prefix}phone", ""),
            languages=data.get(f"{prefix}languages", ""),
        )


@dataclass(frozen=True)
class ChildData:
    first_name: str
    date_of_birth: date


@dataclass(frozen=True)
class HouseholdFacts:
    """What a family tells about its household that matters for a match."""

    has_pets: bool = False
    pets_note: str = ""
    smoking: bool = False
    no_pets_wanted: bool = False
    no_smoking_wanted: bool = False
    religion_or_culture: str = ""
    network: str = ""


@dataclass(frozen=True)
class Application:
    """What an application holds, from the public form, a coordinator or an import."""

    kind: str
    name: str
    postcode: str
    people: list[PersonData]
    street: str = ""
    house_number: str = ""
    place: str = ""
    children: list[ChildData] = field(default_factory=list)
    source: str = Source.PUBLIC_FORM
    channel: str = ""
    referrer_type: str = ""
    referrer_name: str = ""
    referrer_organisation: str = ""
    referrer_phone: str = ""
    referrer_email: str = ""
    note: str = ""
    consent: bool = False
    applied_on: date | None = None
    facts: HouseholdFacts = field(default_factory=HouseholdFacts)


def record_event(
    family: Family,
    by: User | None,
    kind: str,
    detail: str = "",
    before: str = "",
    after: str = "",
) -> FamilyEvent:
    return FamilyEvent.objects.create(
        family=family, by=by, kind=kind, detail=detail, status_before=before, status_after=after
    )


def require_case_worker(by: User | None, family: Family) -> None:
    if by is None:
        return
    scope = scope_for(by)
    if (
        not scope.roles & workflow.CASE_WORKERS
        or family.municipality_id not in scope.case_municipality_ids
    ):
        raise ActionRefused(_("You do not work on this family's municipality."))


# What the apps above families do when a family's status has moved, called by every move (``_move``
# here, the click and the match's closing in matching/actions.py) inside the move's transaction
# as ``f(family=, before=, after=, by=)``. Dotted paths, like the agenda's providers, so that
# families imports none of them.
AFTER_MOVE: tuple[str, ...] = (
    # A requesting family that leaves the waiting list takes its recruitment profile offline.
    "buurtgezinnen.recruitment.actions.after_family_move",
)


def after_move(family: Family, before: str, after: str, by: User | None) -> None:
    for path in AFTER_MOVE:
        import_string(path)(family=family, before=before, after=after, by=by)


def _locked(family: Family) -> Family:
    return Family.objects.select_for_update().get(pk=family.pk)


def _move(
    family: Family, target: str, by: User | None, detail: str = "", kind: str = EventKind.STATUS
) -> None:
    if not workflow.can_move(family.kind, family.status, target):
        raise ValidationError(
            _("This step is not possible now (the family is “%(status)s”).")
            % {"status": family.get_status_display()}
        )
    before = family.status
    family.status = target
    record_event(family, by, kind, detail, before=before, after=target)
    after_move(family, before, target, by)


def locate(postcode: str) -> tuple[str, postcodes.PostcodeArea]:
    """The normalised full postcode (or PC4) and its area; raises PostcodeError."""
    pc4 = postcodes.normalize_pc4(postcode)
    compact = "".join(str(postcode).split()).upper()
    display = f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else pc4
    return display, postcodes.lookup(pc4)


def validate_children(children: Iterable[ChildData], today: date | None = None) -> None:
    today = today or timezone.localdate()
    for child in children:
        if child.date_of_birth > today:
            raise ValidationError(_("A date of birth cannot be in the future."))
        if policy.age_on(child.date_of_birth, today) > policy.CHILD_MAX_AGE:
            raise ValidationError(
                _("Buurtgezinnen is for children up to %(age)s years old.")
                % {"age": policy.CHILD_MAX_AGE}
            )


@transaction.atomic
def submit_application(
    *, application: Application, municipality: Municipality, by: User | None
) -> Family:
    """A new family: from the public form (by=None), by phone, a referral or an import."""
    if by is not None:
        require_case_worker(by, Family(municipality=municipality))
    if not application.people:
        raise ValidationError(_("Fill in at least one parent or caregiver."))
    if application.kind == Kind.REQUEST:
        if not application.children:
            raise ValidationError(_("Fill in at least one child."))
        validate_children(application.children)
    display_postcode, area = locate(application.postcode)
    facts = application.facts
    with set_actor(by):
        family = Family(
            kind=application.kind,
            municipality=municipality,
            name=application.name,
            street=application.street,
            house_number=application.house_number,
            postcode=display_postcode,
            pc4=area.pc4,
            place=application.place,
            latitude=area.latitude,
            longitude=area.longitude,
            source=application.source,
            channel=application.channel,
            referrer_type=application.referrer_type,
            referrer_name=application.referrer_name,
            referrer_organisation=application.referrer_organisation,
            referrer_phone=application.referrer_phone,
            referrer_email=application.referrer_email,
            application_note=application.note,
            applied_on=application.applied_on or timezone.localdate(),
            consent_at=timezone.now() if application.consent else None,
            has_pets=facts.has_pets,
            pets_note=facts.pets_note,
            smoking=facts.smoking,
            no_pets_wanted=facts.no_pets_wanted,
            no_smoking_wanted=facts.no_smoking_wanted,
            religion_or_culture=facts.religion_or_culture,
            network=facts.network,
        )
        family.full_clean()
        family.save()
        for number, person in enumerate(application.people):
            Person.objects.create(
                family=family,
                is_contact=number == 0,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                phone=person.phone,
                languages=person.languages,
            )
        for child in application.children:
            Child.objects.create(
                family=family, first_name=child.first_name, date_of_birth=child.date_of_birth
            )
        if application.kind == Kind.SUPPORT:
            Offer.objects.create(family=family)
    kind = EventKind.IMPORTED if application.source == Source.IMPORT else EventKind.APPLIED
    record_event(family, by, kind, detail=str(Source(application.source).label))
    if application.source == Source.PUBLIC_FORM:
        transaction.on_commit(lambda: tasks.confirm_application(family.pk))
    if by is None:
        transaction.on_commit(lambda: tasks.tell_coordinators_of_application(family.pk))
    return family


@transaction.atomic
def register_interest(
    *, kind: str, postcode: str, name: str, email: str = "", phone: str = ""
) -> InterestRegistration:
    """Contact details left for a municipality where the programme has not started yet."""
    _display, area = locate(postcode)
    ref = area.municipality
    return InterestRegistration.objects.create(
        cbs_code=ref.code,
        municipality=Municipality.objects.filter(cbs_code=ref.code).first(),
        kind=kind,
        name=name,
        email=email,
        phone=phone,
        pc4=area.pc4,
    )


@transaction.atomic
def update_family(
    *,
    family: Family,
    by: User,
    name: str | Unchanged = UNCHANGED,
    street: str | Unchanged = UNCHANGED,
    house_number: str | Unchanged = UNCHANGED,
    postcode: str | Unchanged = UNCHANGED,
    place: str | Unchanged = UNCHANGED,
    has_pets: bool | Unchanged = UNCHANGED,
    pets_note: str | Unchanged = UNCHANGED,
    smoking: bool | Unchanged = UNCHANGED,
    no_pets_wanted: bool | Unchanged = UNCHANGED,
    no_smoking_wanted: bool | Unchanged = UNCHANGED,
    religion_or_culture: str | Unchanged = UNCHANGED,
    network: str | Unchanged = UNCHANGED,
    channel: str | Unchanged = UNCHANGED,
) -> Family:
    """Corrects the family's details; what is not given stays as it is.

    The status, the decision and the waiting time are not parameters: they move only through
    the workflow (``decide``, ``_move``).
    """
    require_case_worker(by, family)
    family = _locked(family)
    write(
        family,
        {
            "name": name,
            "street": street,
            "house_number": house_number,
            "place": place,
            "has_pets": has_pets,
            "pets_note": pets_note,
            "smoking": smoking,
            "no_pets_wanted": no_pets_wanted,
            "no_smoking_wanted": no_smoking_wanted,
            "religion_or_culture": religion_or_culture,
            "network": network,
            "channel": channel,
        },
    )
    if not isinstance(postcode, Unchanged):
        display, area = locate(postcode)
        family.postcode, family.pc4 = display, area.pc4
        family.latitude, family.longitude = area.latitude, area.longitude
    with set_actor(by):
        family.full_clean()
        family.save()
    record_event(family, by, EventKind.CHANGED)
    return family


# What a conversation records, in the order the form shows it.
CONVERSATION_FIELDS = (
    "planned_at",
    "held_on",
    "attendees",
    "goes_well",
    "is_hard",
    "support_wanted",
    "support_other",
    "day_parts",
    "network",
    "poverty",
    "finances_note",
    "helpline_mentioned_on",
    "notes",
)


@transaction.atomic
def record_conversation(
    *,
    family: Family,
    by: User,
    number: int,
    planned_at: datetime | Unchanged | None = UNCHANGED,
    held_on: date | Unchanged | None = UNCHANGED,
    attendees: str | Unchanged = UNCHANGED,
    goes_well: str | Unchanged = UNCHANGED,
    is_hard: str | Unchanged = UNCHANGED,
    support_wanted: list[str] | Unchanged = UNCHANGED,
    support_other: str | Unchanged = UNCHANGED,
    day_parts: list[str] | Unchanged = UNCHANGED,
    network: str | Unchanged = UNCHANGED,
    poverty: str | Unchanged = UNCHANGED,
    finances_note: str | Unchanged = UNCHANGED,
    helpline_mentioned_on: date | Unchanged | None = UNCHANGED,
    notes: str | Unchanged = UNCHANGED,
) -> Conversation:
    """Plans or records conversation ``number``; what is not given stays as it is."""
    require_case_worker(by, family)
    family = _locked(family)
    with set_actor(by):
        conversation, _created = Conversation.objects.get_or_create(family=family, number=number)
        write(
            conversation,
            {
                "planned_at": planned_at,
                "held_on": held_on,
                "attendees": attendees,
                "goes_well": goes_well,
                "is_hard": is_hard,
                "support_wanted": support_wanted,
                "support_other": support_other,
                "day_parts": day_parts,
                "network": network,
                "poverty": poverty,
                "finances_note": finances_note,
                "helpline_mentioned_on": helpline_mentioned_on,
                "notes": notes,
            },
        )
        conversation.recorded_by = by
        conversation.full_clean()
        conversation.save()
    _start_intake(family, by)
    if conversation.held_on is None and conversation.planned_at is not None:
        planned = timezone.localtime(conversation.planned_at)
        record_event(
            family, by, EventKind.CONVERSATION_PLANNED, detail=f"{number}: {planned:%d-%m-%Y %H:%M}"
        )
    else:
        record_event(family, by, EventKind.CONVERSATION_HELD, detail=str(number))
    return conversation


def plan_conversation(
    *, family: Family, by: User, number: int, planned_at: datetime
) -> Conversation:
    """Only the date and time: the same write as recording, with nothing held yet."""
    return record_conversation(family=family, by=by, number=number, planned_at=planned_at)


def _start_intake(family: Family, by: User) -> None:
    if family.status == Status.NEW:
        _move(family, workflow.FIRST_CONVERSATION[family.kind], by)
        family.save(update_fields=["status", "updated_at"])


def _held_conversations(family: Family) -> int:
    return family.conversations.filter(held_on__isnull=False).count()


@transaction.atomic
def decide(
    *,
    family: Family,
    by: User,
    outcome: str,
    reason: str,
    referred_to: ServiceOrganisation | None = None,
) -> Family:
    """The suitability decision (requesting) or the screening decision (support)."""
    require_case_worker(by, family)
    family = _locked(family)
    if outcome not in workflow.DECISIONS[family.kind]:
        raise ValidationError(_("Choose one of the outcomes."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for this decision."))
    if outcome in (Status.WAITING, Status.AVAILABLE):
        if _held_conversations(family) < policy.INTAKE_CONVERSATIONS:
            raise ValidationError(
                _("Record both conversations before deciding that the family can take part.")
            )
        if outcome == Status.AVAILABLE:
            _check_screening_complete(family)
    if outcome == Status.REFERRED and (
        referred_to is None or referred_to.municipality_id != family.municipality_id
    ):
        raise ValidationError(
            _("Choose the organisation from this municipality's service directory.")
        )
    _move(family, outcome, by, detail=reason, kind=EventKind.DECIDED)
    family.decided_at = timezone.now()
    family.decided_by = by
    family.decision_reason = reason
    family.referred_to = referred_to if outcome == Status.REFERRED else None
    family.waiting_since = timezone.localdate() if outcome == Status.WAITING else None
    with set_actor(by):
        family.save()
    return family


def _check_screening_complete(family: Family) -> None:
    today = timezone.localdate()
    criteria = set(CompetenceCriterion.objects.filter(is_active=True).values_list("pk", flat=True))
    assessed = set(family.assessments.values_list("criterion_id", flat=True))
    problems = []
    if criteria - assessed:
        problems.append(_("assess every criterion of the competence profile"))
    parents = list(family.people.prefetch_related("vogs"))
    if not parents or not all(any(v.is_valid_on(today) for v in p.vogs.all()) for p in parents):
        problems.append(_("a valid, checked VOG for every support parent"))
    if not hasattr(family, "offer") or not family.offer.day_parts:
        problems.append(_("what the family offers, with at least one part of the day"))
    if problems:
        raise ValidationError(
            _("Before approval, record: %(missing)s.") % {"missing": "; ".join(problems)}
        )


@transaction.atomic
def record_vog(
    *,
    person: Person,
    by: User,
    vog: Vog | None = None,
    requested_on: date | None = None,
    received_on: date | None = None,
    issued_on: date | None = None,
    checked: bool = False,
) -> Vog:
    require_case_worker(by, person.family)
    vog = vog or Vog(person=person)
    vog.requested_on = requested_on
    vog.received_on = received_on
    vog.issued_on = issued_on
    if checked and vog.checked_on is None:
        vog.checked_by = by
        vog.checked_on = timezone.localdate()
    elif not checked:
        vog.checked_by = None
        vog.checked_on = None
    if issued_on and issued_on > timezone.localdate():
        raise ValidationError(_("A date of issue cannot be in the future."))
    with set_actor(by):
        vog.full_clean()
        vog.save()
    record_event(person.family, by, EventKind.VOG, detail=str(person))
    return vog


@transaction.atomic
def assess_competences(*, family: Family, by: User, ratings: Mapping[int, tuple[str, str]]) -> None:
    """``ratings`` maps a criterion id to (rating, note); an empty rating removes it."""
    require_case_worker(by, family)
    with set_actor(by):
        for criterion_id, (rating, note) in ratings.items():
            if not rating:
                CompetenceAssessment.objects.filter(
                    family=family, criterion_id=criterion_id
                ).delete()
                continue
            CompetenceAssessment.objects.update_or_create(
                family=family, criterion_id=criterion_id, defaults={"rating": rating, "note": note}
            )
    record_event(family, by, EventKind.ASSESSED)


@transaction.atomic
def save_offer(
    *,
    family: Family,
    by: User,
    day_parts: list[str] | Unchanged = UNCHANGED,
    frequency: str | Unchanged = UNCHANGED,
    sleepovers: bool | Unchanged = UNCHANGED,
    max_children: int | Unchanged = UNCHANGED,
    min_child_age: int | Unchanged = UNCHANGED,
    max_child_age: int | Unchanged = UNCHANGED,
    max_travel_km: int | Unchanged = UNCHANGED,
    max_families: int | Unchanged = UNCHANGED,
    support_types: list[str] | Unchanged = UNCHANGED,
    note: str | Unchanged = UNCHANGED,
) -> Offer:
    """What a support family offers; what is not given stays as it is (a new offer: defaults)."""
    require_case_worker(by, family)
    if family.kind != Kind.SUPPORT:
        raise ValidationError(_("Only a support family makes an offer."))
    offer, _created = Offer.objects.get_or_create(family=family)
    write(
        offer,
        {
            "day_parts": day_parts,
            "frequency": frequency,
            "sleepovers": sleepovers,
            "max_children": max_children,
            "min_child_age": min_child_age,
            "max_child_age": max_child_age,
            "max_travel_km": max_travel_km,
            "max_families": max_families,
            "support_types": support_types,
            "note": note,
        },
    )
    with set_actor(by):
        offer.full_clean()
        offer.save()
    record_event(family, by, EventKind.OFFER)
    return offer


@transaction.atomic
def save_service_organisation(
    *,
    organisation: ServiceOrganisation | None = None,
    by: User,
    municipality: Municipality | Unchanged = UNCHANGED,
    name: str | Unchanged = UNCHANGED,
    category: str | Unchanged = UNCHANGED,
    phone: str | Unchanged = UNCHANGED,
    email: str | Unchanged = UNCHANGED,
    website: str | Unchanged = UNCHANGED,
    address: str | Unchanged = UNCHANGED,
    note: str | Unchanged = UNCHANGED,
    is_active: bool | Unchanged = UNCHANGED,
) -> ServiceOrganisation:
    """An entry of a municipality's service directory, kept by its case workers."""
    scope = scope_for(by)
    refused = ActionRefused(_("You do not work on this municipality."))
    if organisation is not None and organisation.municipality_id not in scope.case_municipality_ids:
        raise refused
    organisation = organisation or ServiceOrganisation()
    write(
        organisation,
        {
            "municipality": municipality,
            "name": name,
            "category": category,
            "phone": phone,
            "email": email,
            "website": website,
            "address": address,
            "note": note,
            "is_active": is_active,
        },
    )
    if organisation.municipality_id not in scope.case_municipality_ids:
        raise refused
    with set_actor(by):
        organisation.full_clean()
        organisation.save()
    return organisation


@transaction.atomic
def save_criterion(
    *,
    criterion: CompetenceCriterion | None = None,
    by: User,
    name: str | Unchanged = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    position: int | Unchanged = UNCHANGED,
    is_active: bool | Unchanged = UNCHANGED,
) -> CompetenceCriterion:
    """The national office keeps the competence profile."""
    if Role.NATIONAL_OFFICE not in scope_for(by).roles:
        raise ActionRefused(_("Only the national office keeps the competence profile."))
    criterion = criterion or CompetenceCriterion()
    write(
        criterion,
        {"name": name, "description": description, "position": position, "is_active": is_active},
    )
    with set_actor(by):
        criterion.full_clean()
        criterion.save()
    return criterion


@transaction.atomic
def save_person(
    *,
    family: Family,
    by: User,
    person: Person | None = None,
    first_name: str | Unchanged = UNCHANGED,
    last_name: str | Unchanged = UNCHANGED,
    email: str | Unchanged = UNCHANGED,
    phone: str | Unchanged = UNCHANGED,
    languages: str | Unchanged = UNCHANGED,
    is_contact: bool | Unchanged = UNCHANGED,
) -> Person:
    """Adds or corrects a parent, caregiver or support parent."""
    require_case_worker(by, family)
    if person is not None and person.family_id != family.pk:
        raise ActionRefused(_("This person is not part of this family."))
    person = person or Person(family=family, is_contact=not family.people.exists())
    write(
        person,
        {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "phone": phone,
            "languages": languages,
            "is_contact": is_contact,
        },
    )
    with set_actor(by):
        person.full_clean()
        person.save()
    record_event(family, by, EventKind.CHANGED, detail=str(person))
    return person


@transaction.atomic
def save_child(
    *,
    family: Family,
    by: User,
    child: Child | None = None,
    first_name: str | Unchanged = UNCHANGED,
    date_of_birth: date | Unchanged = UNCHANGED,
) -> Child:
    require_case_worker(by, family)
    if family.kind != Kind.REQUEST:
        raise ValidationError(_("Only a requesting family has children in the programme."))
    if child is not None and child.family_id != family.pk:
        raise ActionRefused(_("This child is not part of this family."))
    child = child or Child(family=family)
    write(child, {"first_name": first_name, "date_of_birth": date_of_birth})
    if child.date_of_birth is not None:
        validate_children([ChildData(child.first_name, child.date_of_birth)])
    with set_actor(by):
        child.full_clean()
        child.save()
    record_event(family, by, EventKind.CHANGED, detail=child.first_name)
    return child
