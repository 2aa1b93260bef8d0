"""The national data set (``manage.py generate_dataset``, ``demo/national.py``) at a small size:
every state, valid moves, dates in order and in the past, a skewed spread, the same data from the
same seed, and a refusal of a database that is not empty."""

from __future__ import annotations

import hashlib
import os
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.agreements.models import Agreement, AgreementStatus, Signature
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.concerns.models import Concern, Referral
from buurtgezinnen.demo import national
from buurtgezinnen.families import workflow
from buurtgezinnen.families.models import (
    Child,
    Conversation,
    Family,
    FamilyEvent,
    Kind,
    Person,
    Status,
    Vog,
)
from buurtgezinnen.geo import postcodes
from buurtgezinnen.matching.models import (
    MATCH_TRANSITIONS,
    OPEN_MATCH,
    Match,
    MatchEvent,
    MatchStatus,
    Proposal,
)
from buurtgezinnen.org.models import Municipality, Role, RoleAssignment, User

# Each test runs in its own transaction within the module's, which holds the generated set.
pytestmark = pytest.mark.django_db

FAMILIES = int(os.environ.get("DATASET_TEST_FAMILIES", "1000"))
SEED = 7
REQUEST_STATUSES = {s for (kind, s) in workflow.TRANSITIONS if kind == Kind.REQUEST} | {
    t
    for (kind, _), targets in workflow.TRANSITIONS.items()
    if kind == Kind.REQUEST
    for t in targets
}
SUPPORT_STATUSES = {s for (kind, s) in workflow.TRANSITIONS if kind == Kind.SUPPORT} | {
    t
    for (kind, _), targets in workflow.TRANSITIONS.items()
    if kind == Kind.SUPPORT
    for t in targets
}


@dataclass
class Generated:
    today: date
    counts: dict[str, int]
    digest: str
    digest_again: str


def digest() -> str:
    """A fingerprint of the data without primary keys (they differ between runs)."""
    rows: list[Any] = []
    rows += sorted(
        Family.objects.values_list(
            "municipality__cbs_code", "kind", "status", "name", "applied_on", "postcode"
        )
    )
    rows += sorted(Person.objects.values_list("family__name", "first_name", "last_name"))
    rows += sorted(Match.objects.values_list("request_family__name", "status", "started_on"))
    rows += sorted(
        Vog.objects.values_list("person__last_name", "issued_on", "checked_on"), key=repr
    )
    rows += sorted(AccessLog.objects.values_list("at", "record_type", "user__email"))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def generate(seed: int, today: date) -> dict[str, int]:
    return national.generate(
        families=FAMILIES, seed=seed, access_log_rows=FAMILIES * 10, today=today, say=lambda _: None
    ).rows


@pytest.fixture(scope="module")
def generated(django_db_setup: None, django_db_blocker: Any) -> Iterator[Generated]:
    today = timezone.localdate()
    with django_db_blocker.unblock(), transaction.atomic():
        with transaction.atomic():
            generate(SEED, today)
            first = digest()
            transaction.set_rollback(True)
        counts = generate(SEED, today)
        yield Generated(today, counts, first, digest())
        transaction.set_rollback(True)


@pytest.fixture
def data(generated: Generated) -> Generated:
    return generated


def test_counts_are_in_proportion(data: Generated) -> None:
    counts = data.counts
    assert counts["org.Municipality"] == national.MUNICIPALITIES
    assert counts["org.Region"] == national.REGIONS
    assert counts["families.Family"] == FAMILIES
    assert counts["audit.AccessLog"] == FAMILIES * 10
    requests = Family.objects.filter(kind=Kind.REQUEST).count()
    assert 0.55 < requests / FAMILIES < 0.65
    assert 1.2 < counts["families.Person"] / FAMILIES < 1.9
    assert 0.9 < counts["families.Child"] / requests < 2.8
    assert 0.25 < counts["matching.Match"] / requests < 0.5
    assert counts["matching.Proposal"] >= counts["matching.Match"]
    assert counts["agreements.Agreement"] >= counts["matching.Match"]
    assert 5 < counts["families.FamilyEvent"] / FAMILIES < 20
    assert counts["matching.Review"] > counts["matching.Match"]
    assert counts["concerns.Referral"] > 0
    assert counts["recruitment.RecruitmentProfile"] > 0
    assert set(counts) >= {"families.Vog", "families.Conversation", "agreements.Signature"}
    # Staff: a coordinator and a contact for every municipality, one regional coordinator per
    # region, the national office with one safety officer.
    roles = Counter(RoleAssignment.objects.values_list("role", flat=True))
    assert roles[Role.COORDINATOR] >= national.MUNICIPALITIES
    assert roles[Role.MUNICIPALITY_CONTACT] == national.MUNICIPALITIES
    assert roles[Role.REGIONAL_COORDINATOR] == national.REGIONS
    assert User.objects.filter(is_safety_officer=True).count() == 1
    assert User.objects.get(is_safety_officer=True).role_assignments.get().role == (
        Role.NATIONAL_OFFICE
    )
    user = User.objects.order_by("pk").first()
    assert user is not None and user.check_password(national.BENCH_PASSWORD)


def test_every_state_occurs(data: Generated) -> None:
    request = set(Family.objects.filter(kind=Kind.REQUEST).values_list("status", flat=True))
    support = set(Family.objects.filter(kind=Kind.SUPPORT).values_list("status", flat=True))
    assert request == REQUEST_STATUSES
    assert support == SUPPORT_STATUSES
    assert set(Match.objects.values_list("status", flat=True)) == set(MatchStatus.values)
    assert set(Agreement.objects.values_list("status", flat=True)) >= {
        AgreementStatus.DRAFT,
        AgreementStatus.SIGNED,
    }
    assert set(Proposal.objects.values_list("status", flat=True)) >= {"click", "proposed"}


def test_statuses_follow_the_transition_tables(data: Generated) -> None:
    moves: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for family_id, before, after in (
        FamilyEvent.objects.exclude(status_after="")
        .order_by("family_id", "at", "pk")
        .values_list("family_id", "status_before", "status_after")
    ):
        moves[family_id].append((before, after))
    for family in Family.objects.only("pk", "kind", "status"):
        state = Status.NEW
        for before, after in moves[family.pk]:
            assert before == state, family.pk
            assert workflow.can_move(family.kind, before, after), (family.pk, before, after)
            state = after
        assert state == family.status, family.pk
        assert (family.status == Status.WAITING) == (family.waiting_since is not None)
    match_moves: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for match_id, before, after in (
        MatchEvent.objects.exclude(status_after="")
        .order_by("match_id", "at", "pk")
        .values_list("match_id", "status_before", "status_after")
    ):
        match_moves[match_id].append((before, after))
    for match in Match.objects.all():
        steps = match_moves[match.pk]
        assert steps[0] == ("", MatchStatus.AGREEMENT)
        for before, after in steps[1:]:
            assert after in MATCH_TRANSITIONS[before], (match.pk, before, after)
        assert steps[-1][1] == match.status


def test_a_match_puts_its_families_in_the_states_it_implies(data: Generated) -> None:
    latest: dict[int, Match] = {}
    matches = Match.objects.select_related("request_family", "support_family").order_by(
        "started_on", "pk"
    )
    for match in matches:
        latest[match.request_family_id] = match
        request, support = match.request_family, match.support_family
        assert match.proposal.status == "click"
        assert match.proposal.support_family_id == support.pk
        assert support.kind == Kind.SUPPORT and request.kind == Kind.REQUEST
        assert support.municipality.region_id == request.municipality.region_id
        if match.status in OPEN_MATCH:
            assert request.status == Status.MATCHED
            assert support.status == Status.AVAILABLE
        # Every support parent had a valid, checked VOG on the day it clicked.
        for person in support.people.all():
            assert any(
                vog.checked_on is not None
                and vog.issued_on is not None
                and vog.checked_on <= match.started_on < policy.vog_renewal_due(vog.issued_on)
                for vog in person.vogs.all()
            ), (match.pk, person.pk)
        if match.status in (MatchStatus.TRIAL, MatchStatus.RUNNING, MatchStatus.CLOSING):
            signed = match.agreements.get(status=AgreementStatus.SIGNED)
            assert signed.signatures.filter(signed_at__isnull=True).count() == 0
            assert signed.pdf and signed.checksum
    for family_id, match in latest.items():
        status = Family.objects.get(pk=family_id).status
        expected = {
            MatchStatus.COMPLETED: {Status.COMPLETED},
            MatchStatus.ENDED_EARLY: {Status.ENDED, Status.WAITING, Status.REFERRED},
        }.get(match.status, {Status.MATCHED})
        assert status in expected, (family_id, match.status, status)
    matched = Family.objects.filter(status=Status.MATCHED)
    assert matched.count() == Match.objects.filter(status__in=OPEN_MATCH).count()


def test_dates_are_in_the_past_and_in_order(data: Generated) -> None:
    today = data.today
    for family in Family.objects.all():
        assert family.applied_on <= today
        assert family.created_at.date() == family.applied_on
        assert family.municipality.programme_started_on is not None
        assert family.municipality.programme_started_on <= family.applied_on
        if family.decided_at:
            assert family.applied_on <= timezone.localtime(family.decided_at).date() <= today
        if family.waiting_since:
            assert family.applied_on <= family.waiting_since <= today
    for family_id, applied, at in FamilyEvent.objects.values_list(
        "family_id", "family__applied_on", "at"
    ):
        assert applied <= timezone.localtime(at).date() <= today, family_id
    for conversation in Conversation.objects.select_related("family"):
        if conversation.held_on:
            assert conversation.family.applied_on <= conversation.held_on <= today
    for vog in Vog.objects.all():
        assert vog.requested_on is not None and vog.requested_on <= today
        if vog.issued_on:
            assert vog.issued_on <= today
            assert vog.received_on is not None and vog.issued_on <= vog.received_on <= today
        if vog.checked_on:
            assert vog.received_on is not None and vog.received_on <= vog.checked_on <= today
    for match in Match.objects.select_related("request_family"):
        dates = [
            match.request_family.applied_on,
            match.started_on,
            match.trial_started_on,
            match.running_since,
            match.closed_on,
            today,
        ]
        known = [day for day in dates if day is not None]
        assert known == sorted(known), match.pk
        for review in match.reviews.all():
            if review.held_on:
                assert match.trial_started_on is not None
                assert match.trial_started_on <= review.held_on <= today
        events = list(match.events.order_by("pk").values_list("at", flat=True))
        assert all(a <= b for a, b in pairwise(events)), match.pk
    for child in Child.objects.all():
        assert 0 <= policy.age_on(child.date_of_birth, today) <= policy.CHILD_MAX_AGE
    assert not Signature.objects.filter(signed_at__date__gt=today).exists()
    assert not AccessLog.objects.filter(at__date__gt=today).exists()
    assert not Concern.objects.filter(created_at__date__gt=today).exists()
    assert not Referral.objects.filter(referred_on__gt=today).exists()


def test_places_are_real_and_everything_stays_in_its_municipality(data: Generated) -> None:
    for family in Family.objects.select_related("municipality__region"):
        assert family.municipality.region.name
        assert postcodes.lookup(family.pc4).municipality.code == family.municipality.cbs_code
        assert family.postcode.startswith(family.pc4)
        assert family.latitude and family.longitude
    # The scope of a coordinator of the largest municipality sees exactly its families' people.
    largest = Municipality.objects.annotate(n=Count("families")).order_by("-n").first()
    assert largest is not None
    assignment = RoleAssignment.objects.filter(role=Role.COORDINATOR, municipality=largest).first()
    assert assignment is not None
    user = assignment.user
    families = Family.objects.filter(municipality=largest)
    assert Family.objects.for_user(user).count() == families.count()
    assert (
        Person.objects.for_user(user).count() == Person.objects.filter(family__in=families).count()
    )
    assert Child.objects.for_user(user).count() == Child.objects.filter(family__in=families).count()
    for family in Family.objects.exclude(referred_to=None).select_related("referred_to"):
        assert family.referred_to is not None
        assert family.referred_to.municipality_id == family.municipality_id


def test_sizes_are_skewed(data: Generated) -> None:
    sizes = sorted(
        Municipality.objects.annotate(n=Count("families")).values_list("n", flat=True),
        reverse=True,
    )
    assert sizes[0] > 5 * max(1, statistics.median(sizes))
    assert sum(sizes[:3]) > 0.2 * FAMILIES
    names = list(
        Municipality.objects.annotate(n=Count("families"))
        .order_by("-n")
        .values_list("name", flat=True)[:4]
    )
    assert names[0] == "Amsterdam"


def test_the_same_seed_gives_the_same_data(data: Generated) -> None:
    assert data.digest == data.digest_again


def test_a_database_that_is_not_empty_is_refused_and_left_alone(data: Generated) -> None:
    before = digest(), Family.objects.count(), User.objects.count(), AccessLog.objects.count()
    with pytest.raises(CommandError, match="not empty"):
        call_command("generate_dataset", families=10)
    after = digest(), Family.objects.count(), User.objects.count(), AccessLog.objects.count()
    assert before == after
