"""The demo families' stories, read from ``families.toml`` beside this file.

The TOML file holds the texts and names the builder in ``families.py`` deals from; this module
reads it once into typed structures, turning the choices' values ("district_team",
"wed_afternoon") into the models' choices. Its tables:

- ``criteria``: the competence profile, each with ``name``, ``description`` and ``notes``;
- ``services.<CBS code>``: the service directory, each with ``key`` (the e-mail name), ``name``,
  ``category`` and ``note``;
- ``origins.<origin>``: ``languages``, and (not for "nl", whose names come from Faker) ``women``,
  ``men``, ``girls``, ``boys`` and ``surnames``; ``own_surnames`` when partners keep their own;
- ``applications``: ``phone_tips`` ([tip, channel]), ``schools``, ``gp_practices`` and
  ``referrers.<referrer>`` with ``role`` and ``note``;
- ``conversations.day_sets``: the day parts a family asks for when its story names none;
- ``suitable``, ``referred``, ``declined``: requesting families (``Story``, with the household's
  fields at the top level of each entry);
- ``support``, ``not_approved``: support families (``SupportStory``; ``ratings`` as a list of
  ``criterion``, ``rating`` and ``note``);
- ``decisions``: reasons: ``waiting``, ``approved``, ``support_withdrawn`` (during screening,
  after approval) and ``withdrawn.<scenario>``.

A key the structures do not know fails the load (``TypeError``, ``KeyError``), and so does a
value that is not one of the choices (``ValueError``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from buurtgezinnen.families.actions import HouseholdFacts
from buurtgezinnen.families.models import (
    Category,
    Channel,
    DayPart,
    Frequency,
    Poverty,
    Rating,
    Referrer,
    SupportType,
)

DATA_FILE = Path(__file__).parent / "families.toml"


@dataclass(frozen=True)
class Household:
    """Who lives in a requesting family: placeholders {ouder}, {partner}, {kind}, {jongste}."""

    origins: tuple[str, ...]
    partner: bool
    children: tuple[int, int]
    ages: tuple[int, int]
    contact: str = "v"  # v(rouw) or m(an)
    child_genders: tuple[str, ...] = ()  # fixed genders, oldest first ("v"/"m")


@dataclass(frozen=True)
class Story:
    """A requesting family's situation; the conversations fill in Conversation fields."""

    household: Household
    note: str  # the application in the family's own words
    asks: str  # one line for a phone note
    c1: dict[str, Any]
    c2: dict[str, Any] = field(default_factory=dict)
    day_parts: tuple[tuple[str, ...], ...] = ()
    facts: HouseholdFacts = field(default_factory=HouseholdFacts)
    category: str = ""  # referred: where to
    reason: str = ""  # referred / declined: the decision's reason
    held: int = 1  # referred / declined: conversations held before the decision


@dataclass(frozen=True)
class SupportStory:
    """A support family; placeholders {ouder} and {partner}."""

    origins: tuple[str, ...]  # per parent; one entry: a single parent
    genders: tuple[str, ...]
    note: str
    channels: tuple[str, ...]
    c1: dict[str, Any]
    c2: dict[str, Any]
    offer: dict[str, Any]
    facts: HouseholdFacts = field(default_factory=HouseholdFacts)
    languages: str = ""  # overrides the origin's language
    # not approved: criterion name -> (rating, note); and the reason
    ratings: dict[str, tuple[str, str]] = field(default_factory=dict)
    reason: str = ""


# origin -> (women, men, surnames); Polish surnames as (female form, male form).
Names = tuple[tuple[str, ...], tuple[str, ...], tuple[str | tuple[str, str], ...]]


@dataclass(frozen=True)
class Stories:
    """Everything in ``families.toml``, in the shapes the builder uses."""

    criteria: tuple[tuple[str, str], ...]  # (name, description), in the profile's order
    criterion_notes: dict[str, tuple[str, ...]]
    services: dict[str, tuple[tuple[str, str, str, str], ...]]  # (key, name, category, note)
    names: dict[str, Names]
    child_names: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # (girls, boys)
    languages: dict[str, tuple[str, ...]]
    own_surnames: frozenset[str]  # origins whose partners do not share a surname
    phone_tips: tuple[tuple[str, str], ...]  # (who tipped the family off, that channel)
    schools: tuple[str, ...]
    gp_practices: tuple[str, ...]
    referrer_roles: dict[str, str]
    referral_notes: dict[str, str]
    day_sets: tuple[tuple[str, ...], ...]
    suitable: tuple[Story, ...]
    referred: tuple[Story, ...]
    declined: tuple[Story, ...]
    support: tuple[SupportStory, ...]
    not_approved: tuple[SupportStory, ...]
    waiting_reasons: tuple[str, ...]
    approval_reasons: tuple[str, ...]
    support_withdrawn: tuple[str, ...]  # (during screening, after approval)
    withdrawn_reasons: dict[str, str]  # scenario -> reason


@cache
def load(path: Path = DATA_FILE) -> Stories:
    """The stories in ``path``, read once per process."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    origins = data["origins"]
    applications = data["applications"]
    referrers = {Referrer(kind): entry for kind, entry in applications["referrers"].items()}
    decisions = data["decisions"]
    return Stories(
        criteria=tuple((entry["name"], entry["description"]) for entry in data["criteria"]),
        criterion_notes={
            entry["name"]: tuple(entry["notes"]) for entry in data["criteria"] if entry["notes"]
        },
        services={
            code: tuple(
                (entry["key"], entry["name"], Category(entry["category"]), entry["note"])
                for entry in entries
            )
            for code, entries in data["services"].items()
        },
        names={
            origin: (
                tuple(entry["women"]),
                tuple(entry["men"]),
                tuple(_surname(surname) for surname in entry["surnames"]),
            )
            for origin, entry in origins.items()
            if "women" in entry
        },
        child_names={
            origin: (tuple(entry["girls"]), tuple(entry["boys"]))
            for origin, entry in origins.items()
            if "girls" in entry
        },
        languages={origin: tuple(entry["languages"]) for origin, entry in origins.items()},
        own_surnames=frozenset(
            origin for origin, entry in origins.items() if entry.get("own_surnames")
        ),
        phone_tips=tuple((tip, Channel(channel)) for tip, channel in applications["phone_tips"]),
        schools=tuple(applications["schools"]),
        gp_practices=tuple(applications["gp_practices"]),
        referrer_roles={kind: entry["role"] for kind, entry in referrers.items()},
        referral_notes={kind: entry["note"] for kind, entry in referrers.items()},
        day_sets=_day_sets(data["conversations"]["day_sets"]),
        suitable=tuple(_story(entry) for entry in data["suitable"]),
        referred=tuple(_story(entry) for entry in data["referred"]),
        declined=tuple(_story(entry) for entry in data["declined"]),
        support=tuple(_support_story(entry) for entry in data["support"]),
        not_approved=tuple(_support_story(entry) for entry in data["not_approved"]),
        waiting_reasons=tuple(decisions["waiting"]),
        approval_reasons=tuple(decisions["approved"]),
        support_withdrawn=tuple(decisions["support_withdrawn"]),
        withdrawn_reasons=dict(decisions["withdrawn"]),
    )


def _surname(surname: str | list[str]) -> str | tuple[str, str]:
    if isinstance(surname, str):
        return surname
    female, male = surname
    return female, male


def _day_sets(sets: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(DayPart(part) for part in day_parts) for day_parts in sets)


def _pair(values: list[int]) -> tuple[int, int]:
    low, high = values
    return low, high


def _conversation(fields: dict[str, Any]) -> dict[str, Any]:
    """A conversation's fields, with its choices as the models' choices."""
    result = dict(fields)
    if "poverty" in result:
        result["poverty"] = Poverty(result["poverty"])
    if "support_wanted" in result:
        result["support_wanted"] = [SupportType(value) for value in result["support_wanted"]]
    return result


def _offer(fields: dict[str, Any]) -> dict[str, Any]:
    result = dict(fields)
    if "day_parts" in result:
        result["day_parts"] = [DayPart(value) for value in result["day_parts"]]
    if "frequency" in result:
        result["frequency"] = Frequency(result["frequency"])
    if "support_types" in result:
        result["support_types"] = [SupportType(value) for value in result["support_types"]]
    return result


def _story(entry: dict[str, Any]) -> Story:
    """A requesting family's story; the household's fields sit at the entry's top level."""
    rest = dict(entry)
    household = Household(
        origins=tuple(rest.pop("origins")),
        partner=rest.pop("partner"),
        children=_pair(rest.pop("children")),
        ages=_pair(rest.pop("ages")),
        contact=rest.pop("contact", "v"),
        child_genders=tuple(rest.pop("child_genders", ())),
    )
    category = rest.pop("category", "")
    return Story(
        household=household,
        c1=_conversation(rest.pop("c1")),
        c2=_conversation(rest.pop("c2", {})),
        day_parts=_day_sets(rest.pop("day_parts", [])),
        facts=HouseholdFacts(**rest.pop("facts", {})),
        category=Category(category) if category else "",
        **rest,
    )


def _support_story(entry: dict[str, Any]) -> SupportStory:
    rest = dict(entry)
    return SupportStory(
        origins=tuple(rest.pop("origins")),
        genders=tuple(rest.pop("genders")),
        channels=tuple(Channel(channel) for channel in rest.pop("channels")),
        c1=_conversation(rest.pop("c1")),
        c2=_conversation(rest.pop("c2")),
        offer=_offer(rest.pop("offer")),
        facts=HouseholdFacts(**rest.pop("facts", {})),
        ratings={
            rating["criterion"]: (Rating(rating["rating"]), rating["note"])
            for rating in rest.pop("ratings", [])
        },
        **rest,
    )
