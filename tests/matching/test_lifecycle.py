"""The life of a match with a frozen clock: trial, evaluation, reviews, closure, early end."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.agreements import actions as agreement_actions
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families.models import Family, Status
from buurtgezinnen.matching import actions, schedule
from buurtgezinnen.matching.models import (
    MATCH_TRANSITIONS,
    EndReason,
    Match,
    MatchStatus,
    Proposal,
    ProposalStatus,
    ReviewKind,
)
from tests.agreements.helpers import fill_in, links_in_outbox
from tests.conftest import World, client_for
from tests.matching.test_proposals import available, waiting

NOTES = {"request_family_notes": "Het gaat goed; de kinderen kijken uit naar woensdag."}


def clicked(world: World, places: int = 1) -> Match:
    anouk = world.users["coordinator_utrecht"]
    proposal = actions.propose(
        request_family=waiting(world), support_family=available(world, places=places), by=anouk
    )
    actions.record_outcome(proposal=proposal, by=anouk, click=True)
    return Match.objects.get(proposal=proposal)


def noon(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def test_the_lifecycle_table_is_what_we_mean() -> None:
    lines = sorted(f"{a} -> {', '.join(sorted(b))}" for a, b in MATCH_TRANSITIONS.items())
    assert lines == [
        "agreement -> ended_early, trial",
        "closing -> completed, ended_early",
        "running -> closing, ended_early",
        "trial -> ended_early, running",
    ]


def test_schedule_follows_policy() -> None:
    start = date(2027, 1, 31)
    assert schedule.next_review(MatchStatus.AGREEMENT, None, None) is None
    assert schedule.next_review(MatchStatus.TRIAL, start, None) == schedule.Due(
        ReviewKind.EVALUATION, date(2027, 3, 31)
    )
    # Six months after the last conversation held, not after the date it was due.
    assert schedule.next_review(MatchStatus.RUNNING, start, date(2027, 4, 15)) == schedule.Due(
        ReviewKind.PROGRESS, date(2027, 10, 15)
    )
    # A progress review that would fall after the two years becomes the closing conversation.
    assert schedule.next_review(MatchStatus.RUNNING, start, date(2028, 9, 1)) == schedule.Due(
        ReviewKind.CLOSING, date(2029, 1, 31)
    )
    assert schedule.next_review(MatchStatus.CLOSING, start, None).kind == ReviewKind.CLOSING
    assert schedule.next_review(MatchStatus.COMPLETED, start, None) is None
    assert policy.add_months(date(2028, 12, 31), 2) == date(2029, 2, 28)
    assert policy.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


@pytest.mark.django_db
def test_two_years_of_a_match_with_a_frozen_clock(world: World) -> None:
    """Signing by link starts the trial; the rhythm follows from policy; closure at two years.
    (Expired, reused and other families' links: tests/agreements/test_signing.py.)"""
    anouk = world.users["coordinator_utrecht"]
    match = clicked(world)
    assert match.status == MatchStatus.AGREEMENT
    assert actions.next_review(match) is None
    with pytest.raises(ValidationError):  # no evaluation before the trial started
        actions.record_review(
            match=match, by=anouk, kind=ReviewKind.EVALUATION, held_on=timezone.localdate(), **NOTES
        )
    start = timezone.localdate() + timedelta(days=10)
    with time_machine.travel(noon(start - timedelta(days=3)), tick=False) as clock:
        # The agreement: sent, each parent signs by the personal link, the coordinator last.
        agreement = fill_in(match, anouk)
        mail.outbox.clear()
        with TestCase.captureOnCommitCallbacks(execute=True):
            agreement = agreement_actions.send_for_signing(agreement=agreement, by=anouk)
        links = links_in_outbox()
        assert len(links) == 2  # one parent in each family
        clock.move_to(noon(start))
        for token in links.values():
            signature = agreement_actions.signature_for_token(token)
            response = client_for(None).post(
                reverse("agreements:sign", args=[token]),
                {"typed_name": signature.name, "consent": "on"},
            )
            assert response.status_code == 302
            match.refresh_from_db()
            assert match.status == MatchStatus.AGREEMENT  # not before everyone signed
        agreement_actions.sign_as_coordinator(
            agreement=agreement, by=anouk, typed_name="Anouk", consent=True
        )
        match.refresh_from_db()
        assert (match.status, match.trial_started_on) == (MatchStatus.TRIAL, start)
        due = actions.next_review(match)
        assert due == schedule.Due(ReviewKind.EVALUATION, policy.add_months(start, 2))

        # The evaluation, two months later: the trial period ends.
        clock.move_to(noon(due.on))
        actions.plan_review(
            match=match, by=anouk, kind=ReviewKind.EVALUATION, at=noon(due.on) + timedelta(hours=2)
        )
        actions.record_review(
            match=match, by=anouk, kind=ReviewKind.EVALUATION, held_on=due.on, **NOTES
        )
        match.refresh_from_db()
        assert match.status == MatchStatus.RUNNING
        assert match.reviews.count() == 1  # the planned one was held, not a second row
        held = due.on

        # Progress reviews every six months after the last one held (one held a week late).
        progress_dates = []
        while (due := actions.next_review(match)).kind == ReviewKind.PROGRESS:
            assert due.on == policy.add_months(held, 6)
            held = due.on + timedelta(days=7)
            clock.move_to(noon(held))
            actions.record_review(
                match=match, by=anouk, kind=ReviewKind.PROGRESS, held_on=held, **NOTES
            )
            match.refresh_from_db()
            progress_dates.append(held)
        assert len(progress_dates) == 3
        assert due == schedule.Due(ReviewKind.CLOSING, policy.add_months(start, 24))

        # Closing at two years.
        clock.move_to(noon(due.on))
        with pytest.raises(ValidationError):  # the closing conversation first
            actions.complete(
                match=match, by=anouk, continue_together=True, support_available_again=True
            )
        actions.record_review(
            match=match, by=anouk, kind=ReviewKind.CLOSING, held_on=due.on, **NOTES
        )
        match.refresh_from_db()
        assert match.status == MatchStatus.CLOSING
        actions.complete(
            match=match, by=anouk, continue_together=True, support_available_again=True
        )
    match.refresh_from_db()
    assert (match.status, match.closed_on, match.continue_together) == (
        MatchStatus.COMPLETED,
        due.on,
        True,
    )
    assert match.request_family.status == Status.COMPLETED
    assert Family.objects.get(pk=match.support_family_id).status == Status.AVAILABLE
    # Every step on the match's timeline and on both families' timelines.
    statuses = list(match.events.order_by("at", "pk").values_list("status_after", flat=True))
    assert [s for s in statuses if s] == ["agreement", "trial", "running", "closing", "completed"]
    for family in (match.request_family, match.support_family):
        details = list(family.events.values_list("detail", flat=True))
        for status in ("trial", "running", "closing", "completed"):
            label = str(MatchStatus(status).label)
            assert any(d.endswith(f": {label}") for d in details), (family, label)


@pytest.mark.django_db
def test_reviews_only_in_their_state_and_never_in_the_future(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    match = clicked(world)
    actions.start_trial(match=match, by=anouk)
    today = timezone.localdate()
    for kind in (ReviewKind.PROGRESS, ReviewKind.CLOSING):
        with pytest.raises(ValidationError):
            actions.record_review(match=match, by=anouk, kind=kind, held_on=today, **NOTES)
    with pytest.raises(ValidationError):
        actions.record_review(
            match=match,
            by=anouk,
            kind=ReviewKind.EVALUATION,
            held_on=today + timedelta(days=1),
            **NOTES,
        )
    with pytest.raises(ValidationError):  # without notes
        actions.record_review(match=match, by=anouk, kind=ReviewKind.EVALUATION, held_on=today)
    match.refresh_from_db()
    assert match.status == MatchStatus.TRIAL and not match.reviews.exists()
    with pytest.raises(ActionRefused):  # another municipality's coordinator
        actions.plan_review(
            match=match,
            by=world.users["coordinator_amersfoort"],
            kind=ReviewKind.EVALUATION,
            at=timezone.now(),
        )


@pytest.mark.django_db
def test_ending_early_frees_the_place_and_returns_the_family(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    match = clicked(world, places=1)
    support = match.support_family
    # The one place is held by the match: no second family can be proposed.
    other = waiting(world)
    with pytest.raises(ValidationError):
        actions.propose(request_family=other, support_family=support, by=anouk)
    with pytest.raises(ValidationError):  # "other" needs an explanation
        actions.end_early(
            match=match,
            by=anouk,
            reason=EndReason.OTHER,
            support_available_again=True,
            request_family_to=Status.WAITING,
        )
    actions.end_early(
        match=match,
        by=anouk,
        reason=EndReason.MOVED,
        support_available_again=True,
        request_family_to=Status.WAITING,
    )
    match.refresh_from_db()
    assert (match.status, match.end_reason) == (MatchStatus.ENDED_EARLY, EndReason.MOVED)
    first = Family.objects.get(pk=match.request_family_id)
    assert (first.status, first.waiting_since) == (Status.WAITING, timezone.localdate())
    # The place is free again.
    actions.propose(request_family=other, support_family=support, by=anouk)
    with pytest.raises(ValidationError):  # a closed match does not move
        actions.start_trial(match=match, by=anouk)


@pytest.mark.django_db
def test_a_support_family_that_stops_leaves_the_pool(world: World) -> None:
    anouk = world.users["coordinator_utrecht"]
    match = clicked(world)
    actions.end_early(
        match=match,
        by=anouk,
        reason=EndReason.HEAVIER_HELP,
        support_available_again=False,
        request_family_to=Status.REFERRED,
    )
    assert Family.objects.get(pk=match.support_family_id).status == Status.WITHDRAWN
    assert Family.objects.get(pk=match.request_family_id).status == Status.REFERRED


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_two_open_matches_on_one_place(world: World) -> None:
    match = clicked(world, places=2)
    second = waiting(world)

    def proposal() -> Proposal:
        return Proposal.objects.create(
            request_family=second,
            support_family=match.support_family,
            place=2,
            status=ProposalStatus.NO_CLICK,
        )

    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(
            proposal=proposal(),
            request_family=second,
            support_family=match.support_family,
            place=match.place,
            started_on=timezone.localdate(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():  # one open match per family
        Match.objects.create(
            proposal=proposal(),
            request_family=match.request_family,
            support_family=match.support_family,
            place=2,
            started_on=timezone.localdate(),
        )
