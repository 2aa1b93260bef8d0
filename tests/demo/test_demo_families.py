"""The demo families: every state, real postcodes, dates that make the lists interesting."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.families import selectors
from buurtgezinnen.families.models import (
    Child,
    CompetenceAssessment,
    CompetenceCriterion,
    Conversation,
    Family,
    FamilyEvent,
    Person,
    ServiceOrganisation,
    Status,
    Vog,
)
from buurtgezinnen.geo import postcodes
from buurtgezinnen.org.models import User

MODELS = (
    Family,
    Person,
    Child,
    Conversation,
    Vog,
    CompetenceCriterion,
    CompetenceAssessment,
    ServiceOrganisation,
    FamilyEvent,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[float]:
    """The demo, loaded once for this module and rolled back after it; the load's seconds."""
    from buurtgezinnen.demo import data
    from buurtgezinnen.recruitment import deep_check

    deep_check.get_deduce()  # loaded once per process (seconds), not part of the demo's time
    with django_db_blocker.unblock(), override_settings(DEMO_MODE=True), transaction.atomic():
        started = time.perf_counter()
        data.load()
        seconds = time.perf_counter() - started
        print(f"demo load: {seconds:.2f} s, {counts()}")
        yield seconds
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_loading_again_changes_nothing(demo: float, settings: Any) -> None:
    from buurtgezinnen.demo import data

    settings.DEMO_MODE = True
    before = counts()
    assert before["Family"] > 50
    data.load()
    assert counts() == before


@pytest.mark.django_db
def test_every_state_occurs(demo: float) -> None:
    requesting = set(Family.objects.requesting().values_list("status", flat=True))
    assert requesting == {
        Status.NEW,
        Status.INTAKE,
        Status.WAITING,
        Status.MATCHED,
        Status.COMPLETED,
        Status.REFERRED,
        Status.DECLINED,
        Status.WITHDRAWN,
    }
    supporting = set(Family.objects.supporting().values_list("status", flat=True))
    assert supporting == {
        Status.NEW,
        Status.SCREENING,
        Status.AVAILABLE,
        Status.NOT_APPROVED,
        Status.WITHDRAWN,
    }


@pytest.mark.django_db
def test_only_active_municipalities_have_families(demo: float) -> None:
    codes = set(Family.objects.values_list("municipality__cbs_code", flat=True))
    assert codes == {"GM0344", "GM0355", "GM0310", "GM0321", "GM0307"}
    assert not Family.objects.filter(municipality__cbs_code__in=["GM0327", "GM0342"]).exists()


@pytest.mark.django_db
def test_postcodes_are_real_and_in_the_municipality(demo: float) -> None:
    for family in Family.objects.select_related("municipality"):
        inside = {ref.code for ref in postcodes.municipalities_for_postcode(family.postcode)}
        assert family.municipality.cbs_code in inside, family.postcode
        assert family.postcode[:4] == family.pc4 and family.latitude is not None
        assert family.postcode[5:] not in {"SA", "SD", "SS"}


@pytest.mark.django_db
def test_waiting_families_have_spread_waiting_times(demo: float) -> None:
    today = timezone.localdate()
    waiting = Family.objects.requesting().filter(status=Status.WAITING)
    days = sorted((today - family.waiting_since).days for family in waiting if family.waiting_since)
    assert len(days) == waiting.count()
    assert days and days[0] >= 5 and days[-1] <= 120 and len(set(days)) > 3
    for family in waiting:
        assert family.waiting_since and family.applied_on < family.waiting_since
        assert family.conversations.filter(held_on__isnull=False).count() == 2
    mentioned = waiting.filter(conversations__helpline_mentioned_on__isnull=False).distinct()
    assert 0 < mentioned.count() < waiting.count()


@pytest.mark.django_db
def test_vog_lists_have_something_to_catch(demo: float) -> None:
    today = timezone.localdate()
    anouk = User.objects.get(email="coordinator@demo.buurtgezinnen.nl")
    sanne = User.objects.get(email="coordinator.eemland@demo.buurtgezinnen.nl")
    for coordinator in (anouk, sanne):
        expiring = selectors.support_families(coordinator, which="vog_expiring")
        assert expiring.filter(status=Status.AVAILABLE).exists()
        missing = selectors.support_families(coordinator, which="vog_missing")
        assert missing.filter(status=Status.AVAILABLE).exists()  # expired, still available
        assert missing.filter(status=Status.SCREENING).exists()  # requested, not received
    soon = today + timedelta(days=policy.VOG_EXPIRY_WARNING_DAYS)
    valid = [vog for vog in Vog.objects.all() if vog.is_valid_on(today)]
    assert any(vog.issued_on and policy.vog_renewal_due(vog.issued_on) <= soon for vog in valid)
    assert Vog.objects.filter(issued_on__lte=policy.add_years(today, -3)).exists()
    assert Vog.objects.filter(received_on__isnull=False, checked_on__isnull=True).exists()


@pytest.mark.django_db
def test_available_families_are_fully_screened(demo: float) -> None:
    criteria = CompetenceCriterion.objects.filter(is_active=True).count()
    assert 6 <= criteria <= 8
    for family in Family.objects.supporting().filter(status=Status.AVAILABLE):
        assert family.conversations.filter(held_on__isnull=False).count() == 2
        assert family.assessments.count() == criteria
        assert family.offer.day_parts
        for person in family.people.all():
            assert person.vogs.filter(checked_on__isnull=False).exists()


@pytest.mark.django_db
def test_families_are_plausible(demo: float) -> None:
    today = timezone.localdate()
    for child in Child.objects.all():
        assert child.date_of_birth <= today
        assert 0 <= child.age(today) <= policy.CHILD_MAX_AGE
    assert not Family.objects.requesting().filter(children__isnull=True).exists()
    for family in Family.objects.requesting().prefetch_related("children"):
        births = [child.date_of_birth for child in family.children.all()]
        assert all((b - a).days >= 300 for a, b in pairwise(births)), family
    assert not Family.objects.filter(people__isnull=True).exists()
    referred = Family.objects.filter(status=Status.REFERRED)
    assert referred.exists()
    for family in referred:
        assert family.referred_to is not None
        assert family.referred_to.municipality_id == family.municipality_id
    sources = set(Family.objects.requesting().values_list("source", flat=True))
    assert sources == {"public_form", "phone", "referral"}
    languages = " ".join(Person.objects.values_list("languages", flat=True))
    for language in ("Nederlands", "Arabisch", "Turks", "Pools", "Tigrinya", "Engels"):
        assert language in languages
    for municipality_code in ("GM0344", "GM0355", "GM0310", "GM0321", "GM0307"):
        services = ServiceOrganisation.objects.filter(municipality__cbs_code=municipality_code)
        assert 5 <= services.count() <= 7


@pytest.mark.django_db
def test_timeline_is_in_the_past_and_in_order(demo: float) -> None:
    now = timezone.now()
    for family in Family.objects.prefetch_related("events"):
        events = list(family.events.all())
        assert events, family
        assert all(event.at < now for event in events)
        # dated in the order the actions wrote them
        assert sorted(events, key=lambda e: (e.at, e.pk)) == sorted(events, key=lambda e: e.pk)
        assert min(event.at for event in events).date() >= family.applied_on - timedelta(days=1)
        if family.decided_at:
            assert family.decided_at < now


def test_demo_has_profiles_responses_and_proposals_in_every_outcome(demo) -> None:
    from buurtgezinnen.matching.models import Match, Proposal, ProposalStatus
    from buurtgezinnen.recruitment.models import ProfileResponse, ProfileStatus, RecruitmentProfile

    statuses = set(RecruitmentProfile.objects.values_list("status", flat=True))
    assert {ProfileStatus.PUBLISHED, ProfileStatus.DRAFT} <= statuses
    assert set(ProfileResponse.objects.values_list("channel", flat=True)) == {
        "facebook",
        "instagram",
        "website",
    }
    outcomes = set(Proposal.objects.values_list("status", flat=True))
    assert {
        ProposalStatus.CLICK,
        ProposalStatus.NO_CLICK,
        ProposalStatus.INTRODUCTION,
        ProposalStatus.PROPOSED,
    } <= outcomes
    assert Match.objects.count() == Proposal.objects.filter(status=ProposalStatus.CLICK).count()


def test_demo_has_matches_in_every_state_with_reviews_overdue(demo) -> None:
    from buurtgezinnen.matching import actions
    from buurtgezinnen.matching.models import Match, MatchStatus

    today = timezone.localdate()
    matches = list(Match.objects.prefetch_related("reviews"))
    assert {m.status for m in matches} == set(MatchStatus.values)
    overdue = [m for m in matches if (due := actions.next_review(m)) and due.on < today]
    assert {m.status for m in overdue} >= {MatchStatus.TRIAL, MatchStatus.RUNNING}
    for match in matches:
        # The story's dates hang together: clicked, then the trial, then closed.
        if match.trial_started_on:
            assert match.started_on <= match.trial_started_on <= today
        if match.closed_on:
            assert match.closed_on >= (match.trial_started_on or match.started_on)
        held = [r.held_on for r in match.reviews.all() if r.held_on]
        assert all(match.trial_started_on <= day <= today for day in held)


def test_demo_has_signed_agreements_with_pdfs_and_one_awaiting_two_signatures(demo) -> None:
    import hashlib

    from buurtgezinnen.agreements.models import Agreement, AgreementStatus
    from buurtgezinnen.matching.models import MatchStatus

    signed = list(Agreement.objects.filter(status=AgreementStatus.SIGNED))
    assert signed
    for agreement in signed:
        # Signed by everyone: the trial started that day (and the match went on from there).
        assert agreement.match.status != MatchStatus.AGREEMENT
        assert agreement.signed_at.date() == agreement.match.trial_started_on
        assert hashlib.sha256(agreement.pdf.read()).hexdigest() == agreement.checksum
    awaiting = Agreement.objects.get(status=AgreementStatus.SIGNING)
    assert awaiting.signatures.filter(signed_at__isnull=True).count() == 2


DATE_IN_TEXT = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")


def named_dates(text: str) -> list[date]:
    return [date(int(y), int(m), int(d)) for d, m, y in DATE_IN_TEXT.findall(text)]


def test_timeline_lines_name_the_dates_of_their_own_story(demo) -> None:
    """The demo makes its matches today and moves them back in time (decision 28): a line that
    names a date names the story's date, not one computed from today."""
    from buurtgezinnen.matching.models import Match, MatchStatus

    matches = list(Match.objects.select_related("proposal", "request_family", "support_family"))
    started = [m.trial_started_on for m in matches if m.trial_started_on]
    assert min(started) < timezone.localdate() - timedelta(days=365)  # stories of years ago
    for match in matches:
        lines = [(e.at, e.detail) for e in match.events.all()]
        if match.trial_started_on:
            trial = match.events.get(status_after=MatchStatus.TRIAL)
            assert timezone.localdate(trial.at) == match.trial_started_on
            assert named_dates(trial.detail) == [policy.evaluation_due(match.trial_started_on)]
        for family in (match.request_family, match.support_family):
            lines += [(e.at, e.detail) for e in family.events.all()]
            planned = {
                str(c.number): timezone.localdate(c.planned_at)
                for c in family.conversations.all()
                if c.planned_at
            }
            for event in family.events.filter(kind="conversation_planned"):
                number = event.detail.split(":")[0]
                assert named_dates(event.detail) == [planned[number]], (family, event.detail)
        for at, detail in lines:
            # Nothing on a timeline looks further ahead than a trial period from its own day.
            for named in named_dates(detail):
                assert named <= policy.evaluation_due(timezone.localdate(at)), (match, detail)
        # The introduction the line planned is the proposal's, and it came before the click.
        introductions = {
            timezone.localdate(p.introduction_at)
            for p in match.request_family.proposals_received.all()
            if p.introduction_at
        }
        for event in match.request_family.events.filter(detail__startswith="Kennismaking"):
            assert set(named_dates(event.detail)) <= introductions, event.detail
        if match.proposal.introduction_at:
            assert match.proposal.introduction_at < match.proposal.decided_at


def test_the_demo_suggestion_leaves_out_an_expired_vog_with_the_reason(demo) -> None:
    """The demo has available support families whose VOG expired (one after its match ended):
    the suggestion never pairs them and names them with "VOG verlopen"."""
    from django.test import Client
    from django.urls import reverse

    from buurtgezinnen.families.models import Kind

    today = timezone.localdate()
    expired = set(
        Family.objects.filter(kind=Kind.SUPPORT, status=Status.AVAILABLE)
        .with_vog_state(today)
        .filter(vog_expired=True)
        .values_list("pk", flat=True)
    )
    assert Family.objects.filter(pk__in=expired, matches_given__isnull=False).exists()
    shown = set()
    for email in ("coordinator@demo.buurtgezinnen.nl", "coordinator.eemland@demo.buurtgezinnen.nl"):
        client = Client()
        client.force_login(User.objects.get(email=email))
        page = client.get(reverse("matching:suggestion"))
        assert not expired & {support.pk for _pair, _need, support in page.context["pairs"]}
        for item, support in page.context["left_out"]:
            assert item.failed == ("VOG verlopen",)
            shown.add(support.pk)
        assert "VOG verlopen" in page.content.decode()
    assert shown == expired


def test_demo_shows_a_profile_s_life_after_publication(demo) -> None:
    from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile

    profiles = RecruitmentProfile.objects.select_related("family")
    # A published profile with a changed text waiting for approval (the old one stays online).
    assert any(p.has_unpublished_changes for p in profiles.seeking())
    # A found profile within its "found!" period, and offline ones with posts still to remove.
    assert profiles.public().filter(status=ProfileStatus.FOUND).exists()
    assert profiles.offline().filter(posts__removed_at__isnull=True).exists()
    # Posts about profiles that went offline long ago were removed then.
    assert profiles.offline().filter(posts__removed_at__isnull=False).exists()


def test_a_demo_draft_shows_a_club_with_its_suggestion(demo) -> None:
    """Anouk's Friday: a draft names the club the child plays at; the check marks it, says why
    and offers the neutral phrase."""
    from buurtgezinnen.recruitment import actions
    from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile

    drafts = RecruitmentProfile.objects.filter(
        status=ProfileStatus.DRAFT, text__contains="VV Zwaluwen"
    )
    assert drafts.exists()
    for profile in drafts:
        covered = actions.findings(profile)
        assert not covered  # nothing from the record or the patterns: the club is the point
        clubs = [f for f in actions.quasi_findings(profile, covered) if f.kind == "club"]
        assert [profile.public_text()[f.start : f.end] for f in clubs] == ["VV Zwaluwen"]
        assert clubs[0].suggestion == "een voetbalclub in de buurt"
