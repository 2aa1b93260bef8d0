"""Demo families: requesting and support families in every state, for the active municipalities.

Called at the end of ``demo.data.load()``. Everything is written through the real actions
(``families.actions``), acting as each municipality's demo coordinator, so every family passes
the same validation as one typed in by hand. Only what the actions date "today" (a decision, a
checked VOG, the timeline) is moved into the past afterwards with a queryset ``update()``, so the
lists look like months of real work: waiting times from a week to four months, a VOG that expires
next month and one that has expired.

The stories (names, services, what each family tells and what the coordinator writes down) are in
``families.toml`` beside this module, read by ``demo.stories``; this module holds the plan of each
municipality and the builders that deal the stories out and take each family to its state.

Idempotent (a municipality that already has families is left alone) and deterministic
(``random.Random(2026)`` and Faker ``nl_NL`` seeded with 2026; dates are relative to today).
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.utils import timezone
from faker import Faker

from buurtgezinnen import policy
from buurtgezinnen.core.unchanged import UNCHANGED
from buurtgezinnen.demo import stories
from buurtgezinnen.demo.stories import Household, Stories, SupportStory
from buurtgezinnen.families import actions
from buurtgezinnen.families.actions import Application, ChildData, PersonData
from buurtgezinnen.families.models import (
    Category,
    Channel,
    CompetenceCriterion,
    Family,
    FamilyEvent,
    Kind,
    Person,
    Rating,
    Referrer,
    ServiceOrganisation,
    Source,
    Status,
    Vog,
)
from buurtgezinnen.geo import postcodes
from buurtgezinnen.org.models import Municipality, Role, RoleAssignment, User

SEED = 2026

# The municipalities where the programme runs today (not Leusden: starts 2027; not Soest).
ACTIVE = ("GM0344", "GM0307", "GM0355", "GM0310", "GM0321")

# What each municipality gets, one scenario per family (see _RequestBuilder / _SupportBuilder).
REQUEST_PLAN: dict[str, tuple[str, ...]] = {
    "GM0344": (
        "new_form",
        "new_form",
        "new_phone",
        "new_referral",
        "intake_planned",
        "intake_held",
        "waiting",
        "waiting",
        "waiting",
        "waiting",
        "referred",
        "declined",
        "withdrawn_waiting",
    ),
    "GM0307": (
        "new_form",
        "new_referral",
        "new_phone",
        "intake_planned",
        "intake_held",
        "waiting",
        "waiting",
        "waiting",
        "referred",
        "referred",
        "declined",
        "withdrawn_intake",
    ),
    "GM0355": ("new_form", "intake_held", "waiting", "waiting", "referred"),
    "GM0310": ("new_referral", "intake_planned", "waiting", "declined"),
    "GM0321": ("new_form", "intake_held", "waiting", "withdrawn_new"),
}
SUPPORT_PLAN: dict[str, tuple[str, ...]] = {
    "GM0344": (
        "new",
        "new",
        "screening_requested",
        "screening_unchecked",
        "available",
        "available",
        "available_expiring",
        "available_expired",
        "not_approved",
        "withdrawn",
    ),
    "GM0307": (
        "new",
        "screening_requested",
        "screening_unchecked",
        "available",
        "available",
        "available_expiring",
        "available_expired",
        "not_approved",
        "withdrawn",
    ),
    "GM0355": ("new", "screening_unchecked", "available", "available_expiring"),
    "GM0310": ("screening_requested", "available", "withdrawn"),
    "GM0321": ("new", "screening_requested", "available"),
}

# Phone numbers' area codes (the others: 030) and the letters a postcode may end in.
AREA_CODES = {"GM0307": "033"}
LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


# --- loading ------------------------------------------------------------------------------------


@transaction.atomic
def load_families() -> None:
    """Families for the active demo municipalities; one that has families already is skipped."""
    municipalities = {m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=ACTIVE)}
    rng = random.Random(SEED)
    fake = Faker("nl_NL")
    fake.seed_instance(SEED)
    data = stories.load()
    _competence_profile(data.criteria)
    criteria = list(CompetenceCriterion.objects.filter(is_active=True))
    decks = _Decks(rng)
    for code in ACTIVE:
        municipality = municipalities.get(code)
        if municipality is None:
            continue
        coordinator = coordinator_of(municipality)
        if coordinator is None:
            continue
        if not municipality.service_organisations.exists():
            _service_directory(municipality, coordinator, rng, fake, data.services.get(code, ()))
        if Family.objects.filter(municipality=municipality).exists():
            continue
        world = _World(municipality, coordinator, rng, fake, criteria, decks, data)
        for scenario in REQUEST_PLAN[code]:
            _RequestBuilder(world, scenario).build()
        for scenario in SUPPORT_PLAN[code]:
            _SupportBuilder(world, scenario).build()


def _demo_user(role: str, municipality: Municipality | None = None) -> User | None:
    assignment = (
        RoleAssignment.objects.filter(role=role, municipality=municipality, user__is_demo=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment else None


# The fields a story's offer may name (the parameters of ``actions.save_offer``).
OFFER_FIELDS = (
    "day_parts",
    "frequency",
    "sleepovers",
    "max_children",
    "min_child_age",
    "max_child_age",
    "max_travel_km",
    "max_families",
    "support_types",
    "note",
)


def _story_fields(data: Mapping[str, Any], names: Sequence[str]) -> Callable[[str], Any]:
    """A story's value per field, ``UNCHANGED`` where the story leaves it out; a story that names
    another field is a mistake in the demo data."""
    unknown = set(data) - set(names)
    if unknown:
        raise ValueError(f"the story names fields the action does not take: {sorted(unknown)}")
    return lambda name: data.get(name, UNCHANGED)


def coordinator_of(municipality: Municipality) -> User | None:
    return _demo_user(Role.COORDINATOR, municipality)


def _competence_profile(criteria: Sequence[tuple[str, str]]) -> None:
    if CompetenceCriterion.objects.exists():
        return
    office = _demo_user(Role.NATIONAL_OFFICE)
    if office is None:
        return
    for position, (name, description) in enumerate(criteria, start=1):
        actions.save_criterion(by=office, name=name, description=description, position=position)


def _service_directory(
    municipality: Municipality,
    by: User,
    rng: random.Random,
    fake: Faker,
    services: Sequence[tuple[str, str, str, str]],
) -> None:
    area = AREA_CODES.get(municipality.cbs_code, "030")
    places = _places(municipality.cbs_code)
    for key, name, category, note in services:
        pc4, place = rng.choice(places)
        actions.save_service_organisation(
            by=by,
            municipality=municipality,
            name=name,
            category=category,
            phone=f"{area}-{rng.randint(2000000, 2999999)}",
            email=f"{key}@example.nl",
            address=f"{fake.street_name()} {rng.randint(1, 120)}, {_postcode(rng, pc4)} {place}",
            note=note,
        )


@cache
def _places(code: str) -> tuple[tuple[str, str], ...]:
    """The municipality's PC4s with their place name (from the same table as geo.postcodes)."""
    wanted = set(postcodes.postcodes_of(code))
    text = resources.files("buurtgezinnen.geo").joinpath("data/nl_pc4.csv").read_text("utf-8")
    places = {
        row["pc4"]: row["place"]
        for row in csv.DictReader(io.StringIO(text))
        if row["pc4"] in wanted and row["municipality_code"] == code
    }
    return tuple((pc4, places.get(pc4, "")) for pc4 in sorted(wanted))


def _postcode(rng: random.Random, pc4: str) -> str:
    while True:
        letters = rng.choice(LETTERS) + rng.choice(LETTERS)
        if letters not in {"SA", "SD", "SS"}:
            return f"{pc4} {letters}"


class _Decks:
    """Stories dealt from shuffled decks, so neighbouring families differ."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.decks: dict[str, list[Any]] = {}
        self.waits = [94, 12, 57, 31, 118, 6, 73, 22, 45, 103, 9, 64, 38, 85]
        rng.shuffle(self.waits)
        self.toggles: dict[str, bool] = {}

    def deal(self, name: str, pool: Sequence[Any]) -> Any:
        deck = self.decks.setdefault(name, [])
        if not deck:
            deck.extend(pool)
            self.rng.shuffle(deck)
        return deck.pop()

    def wait(self) -> int:
        days = self.waits.pop(0)
        self.waits.append(days)
        return days

    def mention_helpline(self) -> bool:
        """About half of the waiting families heard of the parent helpline."""
        return self.toggle("helpline")

    def toggle(self, name: str) -> bool:
        self.toggles[name] = not self.toggles.get(name, False)
        return self.toggles[name]


@dataclass
class _World:
    municipality: Municipality
    coordinator: User
    rng: random.Random
    fake: Faker
    criteria: list[CompetenceCriterion]
    decks: _Decks
    stories: Stories
    today: date = field(default_factory=timezone.localdate)
    started: datetime = field(default_factory=timezone.now)

    def __post_init__(self) -> None:
        self.places = _places(self.municipality.cbs_code)
        self.services: dict[str, ServiceOrganisation] = {}
        for organisation in self.municipality.service_organisations.filter(is_active=True):
            self.services.setdefault(organisation.category, organisation)
        start = self.municipality.programme_started_on or self.today - timedelta(days=1500)
        self.days_running = (self.today - start).days


def _ascii(text: str) -> str:
    text = text.translate(str.maketrans("ıłŁ", "ilL"))
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _weekday(day: date, forward: bool = False) -> date:
    """Coordinators work on weekdays: move a weekend day to Friday (or on to Monday)."""
    while day.weekday() >= 5:
        day += timedelta(days=1 if forward else -1)
    return day


class _Builder:
    def __init__(self, world: _World, scenario: str) -> None:
        self.world = world
        self.scenario = scenario
        self.rng = world.rng
        self.fake = world.fake
        self.stories = world.stories
        self.by = world.coordinator
        self.today = world.today
        self.family: Family
        self.applied: date
        self.last: datetime | None = None

    def run(self) -> None:
        """The scenario's method: ``not_approved``, or ``available`` for "available_expired"."""
        step = getattr(self, self.scenario, None) or getattr(self, self.scenario.split("_")[0])
        step()

    # --- time ---

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def stamp(self, day: date, hour: int | None = None) -> datetime:
        """Date the events the last action wrote (all dated "now") to ``day``."""
        hour = hour if hour is not None else self.rng.randint(9, 16)
        when = self.at(day, hour, 5 * self.rng.randint(0, 11))
        if self.last is not None and when <= self.last:  # same day: one thing after another
            when = self.last + timedelta(minutes=5 * self.rng.randint(1, 4))
        FamilyEvent.objects.filter(family=self.family, at__gte=self.world.started).update(at=when)
        self.last = when
        return when

    def future(self, days: int) -> datetime:
        day = _weekday(self.today + timedelta(days=days), forward=True)
        return self.at(day, self.rng.choice((9, 10, 13, 15)), self.rng.choice((0, 30)))

    def finish(self) -> None:
        Family.objects.filter(pk=self.family.pk).update(
            created_at=self.at(self.applied, 12), updated_at=self.last or self.world.started
        )

    # --- people ---

    def name(self, origin: str, gender: str, surname: Any = None) -> tuple[str, str, Any]:
        female = gender == "v"
        if origin == "nl":
            first = self.fake.first_name_female() if female else self.fake.first_name_male()
            surname = surname or self.fake.last_name()
            return first, surname, surname
        women, men, surnames = self.stories.names[origin]
        first = self.rng.choice(women if female else men)
        surname = surname or self.rng.choice(surnames)
        last = surname[0 if female else 1] if isinstance(surname, tuple) else surname
        return first, last, surname

    def person(self, first: str, last: str, languages: str) -> PersonData:
        return PersonData(
            first_name=first,
            last_name=last,
            email=f"{_ascii(first)}.{_ascii(last)}@example.nl",
            phone=f"06-{self.rng.randint(10000000, 99999999)}",
            languages=languages,
        )

    def address(self) -> dict[str, Any]:
        """Street, house number, postcode and place: the Application's address fields."""
        pc4, place = self.rng.choice(self.world.places)
        number = str(self.rng.randint(1, 160))
        if self.rng.random() < 0.15:
            number += self.rng.choice(("a", "b", "-2", " bis"))
        return {
            "street": self.fake.street_name(),
            "house_number": number,
            "postcode": _postcode(self.rng, pc4),
            "place": place or self.world.municipality.name,
        }

    def submit(self, application: Application, *, by: User | None, hour: int) -> Family:
        self.family = actions.submit_application(
            application=application, municipality=self.world.municipality, by=by
        )
        self.stamp(self.applied, hour)
        return self.family

    def plan(self, number: int, planned_at: datetime, on: date) -> None:
        actions.plan_conversation(
            family=self.family, by=self.by, number=number, planned_at=planned_at
        )
        self.stamp(on)

    def hold(self, number: int, on: date, notes: Mapping[str, Any]) -> None:
        """Conversation ``number`` held on ``on``, with the story's notes (keys: its fields)."""
        note = _story_fields(notes, actions.CONVERSATION_FIELDS)
        conversation = actions.record_conversation(
            family=self.family,
            by=self.by,
            number=number,
            held_on=on,
            attendees=note("attendees"),
            goes_well=note("goes_well"),
            is_hard=note("is_hard"),
            support_wanted=note("support_wanted"),
            support_other=note("support_other"),
            day_parts=note("day_parts"),
            network=note("network"),
            poverty=note("poverty"),
            finances_note=note("finances_note"),
            helpline_mentioned_on=note("helpline_mentioned_on"),
            notes=note("notes"),
        )
        planned = conversation.planned_at
        hour = timezone.localtime(planned).hour + 2 if planned else 12
        self.stamp(on, min(hour, 21))

    def decide(
        self, outcome: str, reason: str, on: date, referred_to: ServiceOrganisation | None = None
    ) -> None:
        self.family = actions.decide(
            family=self.family, by=self.by, outcome=outcome, reason=reason, referred_to=referred_to
        )
        when = self.stamp(on)
        changes: dict[str, Any] = {"decided_at": when}
        if outcome == Status.WAITING:
            changes["waiting_since"] = on
        Family.objects.filter(pk=self.family.pk).update(**changes)


class _RequestBuilder(_Builder):
    """One requesting family, from application to its scenario's state."""

    def build(self) -> None:
        scenario = self.scenario
        if scenario == "referred":
            story = self.world.decks.deal("referred", self.stories.referred)
        elif scenario == "declined":
            story = self.world.decks.deal("declined", self.stories.declined)
        else:
            story = self.world.decks.deal("suitable", self.stories.suitable)
        self.story = story
        self.household(story.household)
        self.run()
        self.finish()

    # --- the household and its texts ---

    def household(self, household: Household) -> None:
        origin = self.rng.choice(household.origins)
        self.origin = origin
        contact_first, contact_last, surname = self.name(origin, household.contact)
        languages = self.rng.choice(self.stories.languages[origin])
        people = [self.person(contact_first, contact_last, languages)]
        self.names = {"ouder": contact_first, "partner": ""}
        if household.partner:
            other = "m" if household.contact == "v" else "v"
            own = origin in self.stories.own_surnames or (
                origin == "nl" and self.rng.random() < 0.5
            )
            first, last, _ = self.name(origin, other, None if own else surname)
            people.append(self.person(first, last, languages))
            self.names["partner"] = first
        births = self.births(self.rng.randint(*household.children), household.ages)
        children: list[ChildData] = []
        used: set[str] = set()
        for index, born in enumerate(births):
            gender = (
                household.child_genders[index]
                if index < len(household.child_genders)
                else self.rng.choice("vm")
            )
            first = self.child_name(origin, gender)
            while first in used:
                first = self.child_name(origin, gender)
            used.add(first)
            children.append(ChildData(first_name=first, date_of_birth=born))
        self.names["kind"] = children[0].first_name
        self.names["jongste"] = children[-1].first_name
        self.family_name = contact_last
        self.people = people
        self.children = children

    def births(self, count: int, ages: tuple[int, int]) -> list[date]:
        """Dates of birth, oldest first, with ages in range and siblings ten months apart."""
        while True:
            births = sorted(
                policy.add_years(self.today, -self.rng.randint(*ages))
                - timedelta(days=self.rng.randint(20, 340))
                for _ in range(count)
            )
            if all((b - a).days >= 300 for a, b in pairwise(births)):
                return births

    def child_name(self, origin: str, gender: str) -> str:
        if origin == "nl":
            return self.fake.first_name_female() if gender == "v" else self.fake.first_name_male()
        girls, boys = self.stories.child_names[origin]
        return self.rng.choice(girls if gender == "v" else boys)

    def text(self, value: str) -> str:
        return value.format(**self.names)

    def conversation(self, number: int) -> dict[str, Any]:
        story = self.story
        fields = dict(story.c1)
        if number == 2:
            fields.update(story.c2)
        result: dict[str, Any] = {}
        for name, value in fields.items():
            result[name] = self.text(value) if isinstance(value, str) else list(value)
        result.setdefault(
            "attendees", self.text("{ouder} en {partner}" if self.names["partner"] else "{ouder}")
        )
        day_sets = story.day_parts or self.stories.day_sets
        result["day_parts"] = list(self.rng.choice(day_sets))
        return result

    def apply(self, source: str, applied_days: int) -> None:
        story, rng = self.story, self.rng
        self.applied = self.ago(applied_days)
        fields: dict[str, Any] = {}
        if source == Source.PUBLIC_FORM:
            fields["channel"] = rng.choice(
                (Channel.FACEBOOK, Channel.INSTAGRAM, Channel.SCHOOL, Channel.WEBSITE)
            )
            note = story.note
            by, hour = None, rng.choice((8, 13, 20, 21, 22))
        elif source == Source.PHONE:
            tip, fields["channel"] = rng.choice(self.stories.phone_tips)
            note = f"Telefonisch aangemeld na een tip van {tip}. {story.asks}"
            by, hour = self.by, rng.randint(9, 16)
            self.applied = _weekday(self.applied)
        else:
            fields.update(self.referrer(), channel=Channel.PROFESSIONAL)
            kind, organisation = fields["referrer_type"], fields["referrer_organisation"]
            note = (
                f"Ik ben {self.stories.referrer_roles[kind]} bij {organisation}. "
                f"{self.stories.referral_notes[kind]}"
            )
            by, hour = self.by, rng.randint(9, 16)
            self.applied = _weekday(self.applied)
        household_facts = replace(story.facts, network=self.text(story.c1.get("network", "")))
        application = Application(
            kind=Kind.REQUEST,
            name=self.family_name,
            people=self.people,
            children=self.children,
            source=source,
            note=self.text(note),
            consent=True,
            applied_on=self.applied,
            facts=household_facts,
            **self.address(),
            **fields,
        )
        self.submit(application, by=by, hour=hour)

    def referrer(self) -> dict[str, str]:
        rng = self.rng
        kind = rng.choice(
            (Referrer.SCHOOL, Referrer.DISTRICT_TEAM, Referrer.GP, Referrer.YOUTH_CARE)
        )
        first, last = self.fake.first_name(), self.fake.last_name()
        if kind == Referrer.SCHOOL:
            organisation = rng.choice(self.stories.schools)
        elif kind == Referrer.GP:
            organisation = rng.choice(self.stories.gp_practices)
        else:
            service = self.world.services.get(
                Category.DISTRICT_TEAM if kind == Referrer.DISTRICT_TEAM else Category.YOUTH_CARE
            )
            organisation = service.name if service else "Buurtteam"
        area = AREA_CODES.get(self.world.municipality.cbs_code, "030")
        return {
            "referrer_type": kind,
            "referrer_name": f"{first} {last}",
            "referrer_organisation": organisation,
            "referrer_phone": f"{area}-{rng.randint(2000000, 2999999)}",
            "referrer_email": f"{_ascii(first)}.{_ascii(last)}@example.nl",
        }

    def source(self) -> str:
        return self.rng.choice((Source.PUBLIC_FORM, Source.PHONE, Source.REFERRAL))

    # --- scenarios ---

    def new(self) -> None:
        source = {
            "new_form": Source.PUBLIC_FORM,
            "new_phone": Source.PHONE,
            "new_referral": Source.REFERRAL,
        }[self.scenario]
        self.apply(source, self.rng.randint(1, 9))

    def intake(self) -> None:
        rng = self.rng
        if self.scenario == "intake_planned":
            self.apply(self.source(), rng.randint(4, 10))
            self.plan(1, self.future(rng.randint(1, 6)), _weekday(self.applied + timedelta(days=2)))
            return
        self.apply(self.source(), rng.randint(16, 30))
        held = _weekday(self.applied + timedelta(days=rng.randint(5, 9)))
        self.plan(1, self.at(held, 10), _weekday(self.applied + timedelta(days=2)))
        self.hold(1, held, self.conversation(1))
        self.plan(2, self.future(rng.randint(2, 8)), held)

    def conversations_until(self, second: date, *, helpline: bool) -> None:
        """Apply, plan and hold both conversations, the second on ``second``."""
        rng = self.rng
        first = _weekday(second - timedelta(days=rng.randint(7, 14)))
        planned_on = _weekday(first - timedelta(days=rng.randint(4, 7)))
        self.apply(self.source(), (self.today - planned_on).days + rng.randint(1, 5))
        self.plan(1, self.at(first, 10), planned_on)
        self.hold(1, first, self.conversation(1))
        self.plan(2, self.at(second, 10), first)
        fields = self.conversation(2)
        if helpline:
            fields["helpline_mentioned_on"] = second
        self.hold(2, second, fields)

    def waiting(self) -> None:
        decided = _weekday(self.ago(self.world.decks.wait()))
        second = _weekday(decided - timedelta(days=self.rng.randint(0, 2)))
        self.conversations_until(second, helpline=self.world.decks.mention_helpline())
        reason = self.rng.choice(self.stories.waiting_reasons)
        self.decide(Status.WAITING, reason, decided)

    def referred(self) -> None:
        rng = self.rng
        self.apply(self.source(), rng.randint(20, 70))
        held = _weekday(self.applied + timedelta(days=rng.randint(4, 9)))
        self.plan(1, self.at(held, 10), _weekday(self.applied + timedelta(days=1)))
        self.hold(1, held, self.conversation(1))
        organisation = (
            self.world.services.get(self.story.category)
            or self.world.services.get(Category.SOCIAL_WORK)
            or self.world.services.get(Category.DISTRICT_TEAM)
        )
        on = _weekday(held + timedelta(days=rng.randint(1, 3)))
        self.decide(Status.REFERRED, self.text(self.story.reason), on, referred_to=organisation)

    def declined(self) -> None:
        rng = self.rng
        self.apply(self.source(), rng.randint(25, 80))
        first = _weekday(self.applied + timedelta(days=rng.randint(4, 8)))
        self.plan(1, self.at(first, 10), _weekday(self.applied + timedelta(days=1)))
        if self.story.held:
            self.hold(1, first, self.conversation(1))
            on = _weekday(first + timedelta(days=rng.randint(1, 4)))
        else:
            # Not at home twice more: the last try is planned, never held.
            for tries in (1, 2):
                again = _weekday(first + timedelta(days=7 * tries))
                self.plan(1, self.at(again, 14), _weekday(again - timedelta(days=3)))
            on = _weekday(first + timedelta(days=17))
        self.decide(Status.DECLINED, self.text(self.story.reason), on)

    def withdrawn(self) -> None:
        rng = self.rng
        reason = self.text(self.stories.withdrawn_reasons[self.scenario])
        if self.scenario == "withdrawn_waiting":
            decided = _weekday(self.ago(rng.randint(90, 140)))
            self.conversations_until(decided, helpline=True)
            self.decide(Status.WAITING, "Gemotiveerd gezin; past bij Buurtgezinnen.", decided)
            self.decide(Status.WITHDRAWN, reason, _weekday(self.ago(rng.randint(5, 30))))
        elif self.scenario == "withdrawn_intake":
            self.apply(self.source(), rng.randint(30, 60))
            held = _weekday(self.applied + timedelta(days=rng.randint(4, 8)))
            self.plan(1, self.at(held, 10), _weekday(self.applied + timedelta(days=1)))
            self.hold(1, held, self.conversation(1))
            self.decide(Status.WITHDRAWN, reason, _weekday(held + timedelta(days=6)))
        else:
            self.apply(self.source(), rng.randint(10, 20))
            self.decide(Status.WITHDRAWN, reason, _weekday(self.applied + timedelta(days=3)))


class _SupportBuilder(_Builder):
    """One support family, from application to its scenario's state, with VOGs."""

    def build(self) -> None:
        if self.scenario == "not_approved":
            story = self.world.decks.deal("not_approved", self.stories.not_approved)
        else:
            story = self.world.decks.deal("support", self.stories.support)
        self.story: SupportStory = story
        self.names = {"ouder": "", "partner": ""}
        self.run()
        self.finish()

    def text(self, value: str) -> str:
        return value.format(**self.names)

    def apply(self, applied_days: int) -> None:
        story, rng = self.story, self.rng
        self.applied = self.ago(applied_days)
        people = []
        surname = None
        for index, (origin, gender) in enumerate(zip(story.origins, story.genders, strict=True)):
            share = index > 0 and origin == story.origins[0] and rng.random() < 0.5
            first, last, new_surname = self.name(origin, gender, surname if share else None)
            surname = surname or new_surname
            languages = story.languages or rng.choice(self.stories.languages[origin])
            people.append(self.person(first, last, languages))
            self.names["partner" if index else "ouder"] = first
        channel = rng.choice(story.channels)
        if channel in (Channel.FACEBOOK, Channel.INSTAGRAM, Channel.WEBSITE):
            source, by, hour = Source.PUBLIC_FORM, None, rng.choice((12, 20, 21))
        else:
            source, by, hour = Source.PHONE, self.by, rng.randint(9, 16)
            self.applied = _weekday(self.applied)
        application = Application(
            kind=Kind.SUPPORT,
            name=people[0].last_name,
            people=people,
            source=source,
            channel=channel,
            note=story.note,
            consent=True,
            applied_on=self.applied,
            facts=story.facts,
            **self.address(),
        )
        self.submit(application, by=by, hour=hour)

    def conversation(self, number: int) -> dict[str, Any]:
        fields = self.story.c1 if number == 1 else self.story.c2
        result = {name: self.text(value) for name, value in fields.items()}
        attendees = "{ouder} en {partner}" if self.names["partner"] else "{ouder}"
        result["attendees"] = self.text(attendees)
        return result

    def people(self) -> list[Person]:
        return list(self.family.people.order_by("pk"))

    def request_vogs(self, on: date) -> list[Vog]:
        vogs = [
            actions.record_vog(person=person, by=self.by, requested_on=on)
            for person in self.people()
        ]
        self.stamp(on)
        return vogs

    def receive_vogs(
        self, vogs: list[Vog], requested: date, issued: date, received: date, *, checked: bool
    ) -> None:
        for vog in vogs:
            actions.record_vog(
                person=vog.person,
                by=self.by,
                vog=vog,
                requested_on=requested,
                received_on=received,
                issued_on=issued,
                checked=checked,
            )
        if checked:
            Vog.objects.filter(pk__in=[vog.pk for vog in vogs]).update(checked_on=received)
        self.stamp(received)

    def assess(self, on: date, *, complete: bool = True) -> None:
        criteria = self.world.criteria if complete else self.world.criteria[:4]
        ratings: dict[int, tuple[str, str]] = {}
        for criterion in criteria:
            rating, note = self.story.ratings.get(criterion.name, (Rating.MEETS, ""))
            if not note and self.rng.random() < 0.6:
                note = self.rng.choice(self.stories.criterion_notes.get(criterion.name, ("",)))
            ratings[criterion.pk] = (rating, note)
        actions.assess_competences(family=self.family, by=self.by, ratings=ratings)
        self.stamp(on)

    def save_offer(self, on: date) -> None:
        offer = _story_fields(self.story.offer, OFFER_FIELDS)
        actions.save_offer(
            family=self.family,
            by=self.by,
            day_parts=offer("day_parts"),
            frequency=offer("frequency"),
            sleepovers=offer("sleepovers"),
            max_children=offer("max_children"),
            min_child_age=offer("min_child_age"),
            max_child_age=offer("max_child_age"),
            max_travel_km=offer("max_travel_km"),
            max_families=offer("max_families"),
            support_types=offer("support_types"),
            note=offer("note"),
        )
        self.stamp(on)

    def screen(self, first: date, second: date | None) -> None:
        """Plan and hold the first conversation (and the second, when given)."""
        self.plan(1, self.at(first, 19, 30), _weekday(self.applied + timedelta(days=2)))
        self.hold(1, first, self.conversation(1))
        if second is not None:
            self.plan(2, self.at(second, 19, 30), first)
            self.hold(2, second, self.conversation(2))

    # --- scenarios ---

    def new(self) -> None:
        self.apply(self.rng.randint(1, 10))

    def screening(self) -> None:
        rng = self.rng
        if self.scenario == "screening_requested":
            self.apply(rng.randint(18, 35))
            first = _weekday(self.applied + timedelta(days=rng.randint(5, 9)))
            self.screen(first, None)
            self.request_vogs(first)
            self.plan(2, self.future(rng.randint(2, 9)), first)
            return
        self.apply(rng.randint(40, 60))
        first = _weekday(self.applied + timedelta(days=rng.randint(5, 8)))
        second = _weekday(first + timedelta(days=rng.randint(9, 14)))
        self.screen(first, second)
        vogs = self.request_vogs(first)
        issued = first + timedelta(days=rng.randint(10, 16))
        received = _weekday(issued + timedelta(days=rng.randint(2, 4)))
        self.receive_vogs(vogs, first, issued, received, checked=False)
        self.assess(second, complete=False)
        self.save_offer(second)

    def approve(self, approved: date, issued: date, *, expired: bool = False) -> list[Vog]:
        """The whole screening, approved on ``approved``, with VOGs issued on ``issued``.

        ``expired``: the VOGs are recorded as issued today (``decide`` needs them valid) and get
        their real, too old, date of issue after the approval.
        """
        rng = self.rng
        received = _weekday(issued + timedelta(days=rng.randint(2, 4)), forward=True)
        requested = _weekday(issued - timedelta(days=rng.randint(10, 16)))
        first = requested
        second = _weekday(first + timedelta(days=rng.randint(8, 12)))
        self.apply((self.today - first).days + rng.randint(6, 12))
        self.screen(first, second)
        vogs = self.request_vogs(first)
        self.assess(second)
        self.save_offer(second)
        self.receive_vogs(
            vogs, requested, self.today if expired else issued, received, checked=True
        )
        reason = rng.choice(self.stories.approval_reasons)
        self.decide(Status.AVAILABLE, reason, _weekday(max(approved, received, second)))
        if expired:
            Vog.objects.filter(pk__in=[vog.pk for vog in vogs]).update(issued_on=issued)
        return vogs

    def available(self) -> None:
        rng = self.rng
        years_ago = policy.add_years(self.today, -policy.VOG_MAX_AGE_YEARS)
        if self.scenario == "available_expiring":
            # Issued about 2 years 11 months ago: due for renewal within the warning period.
            issued = years_ago + timedelta(
                days=rng.randint(15, policy.VOG_EXPIRY_WARNING_DAYS - 10)
            )
            self.approve(issued + timedelta(days=rng.randint(6, 10)), issued)
        elif self.scenario == "available_expired":
            # Approved over three years ago and still available: the VOG list must catch it.
            issued = years_ago - timedelta(days=rng.randint(5, 40))
            self.approve(issued + timedelta(days=rng.randint(6, 10)), issued, expired=True)
        else:
            limit = min(600, self.world.days_running - 90)
            approved = _weekday(self.ago(rng.randint(20, max(limit, 30))))
            self.approve(approved, approved - timedelta(days=rng.randint(5, 8)))

    def not_approved(self) -> None:
        rng = self.rng
        self.apply(rng.randint(60, 200))
        first = _weekday(self.applied + timedelta(days=rng.randint(5, 9)))
        second = _weekday(first + timedelta(days=rng.randint(8, 14)))
        self.screen(first, second)
        self.request_vogs(first)
        self.assess(second)
        self.decide(
            Status.NOT_APPROVED,
            self.text(self.story.reason),
            _weekday(second + timedelta(days=rng.randint(2, 6))),
        )

    def withdrawn(self) -> None:
        rng = self.rng
        if self.world.decks.toggle("support_withdrawn"):
            self.apply(rng.randint(30, 90))
            first = _weekday(self.applied + timedelta(days=rng.randint(5, 9)))
            self.screen(first, None)
            reason = self.text(self.stories.support_withdrawn[0])
            self.decide(Status.WITHDRAWN, reason, _weekday(first + timedelta(days=5)))
        else:
            approved = _weekday(self.ago(rng.randint(200, 400)))
            self.approve(approved, approved - timedelta(days=6))
            reason = self.text(self.stories.support_withdrawn[1])
            self.decide(Status.WITHDRAWN, reason, _weekday(self.ago(rng.randint(10, 40))))
