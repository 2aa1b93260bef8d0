"""The match pages as a coordinator uses them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.core.sql import AddMonths
from buurtgezinnen.families.models import Family, Status
from buurtgezinnen.matching import actions, match_views, schedule
from buurtgezinnen.matching.models import Match, MatchStatus, Review, ReviewKind
from tests.conftest import World, client_for
from tests.matching.test_lifecycle import clicked


@pytest.mark.django_db
def test_record_the_evaluation_then_end_the_match_early(world: World, as_actor) -> None:
    anouk = world.users["coordinator_utrecht"]
    match = clicked(world)
    actions.start_trial(match=match, by=anouk)
    client = as_actor("coordinator_utrecht")
    page = client.get(reverse("matching:detail", args=[match.pk]))
    assert "proefperiode" in page.content.decode()
    today = timezone.localdate().isoformat()
    # No notes: a Dutch error, what was typed stays.
    response = client.post(
        reverse("matching:review", args=[match.pk]), {"kind": "evaluation", "held_on": today}
    )
    assert response.status_code == 400
    assert "Schrijf in elk geval op hoe het gaat." in response.content.decode()
    response = client.post(
        reverse("matching:review", args=[match.pk]),
        {"kind": "evaluation", "held_on": today, "children_notes": "De kinderen genieten."},
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.RUNNING
    assert match.reviews.get().kind == ReviewKind.EVALUATION

    close = reverse("matching:close", args=[match.pk])
    response = client.post(
        close,
        {
            "end": "1",
            "reason": "other",
            "note": "",
            "request_family_to": "waiting",
            "support_available_again": "yes",
        },
    )
    assert response.status_code == 400
    assert response.context["end"]["reason"].value() == "other"  # what was chosen stays
    assert "Leg uit waarom de koppeling stopt." in response.content.decode()
    response = client.post(
        close,
        {
            "end": "1",
            "reason": "moved",
            "request_family_to": "waiting",
            "support_available_again": "yes",
        },
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED_EARLY
    assert Family.objects.get(pk=match.request_family_id).status == Status.WAITING
    # A closed match has no review or closing form any more.
    assert client.get(reverse("matching:review", args=[match.pk])).status_code == 404
    assert client.get(close).status_code == 404


def _rows(page) -> list[int]:
    return [match.pk for match, _due in page.context["rows"]]


@pytest.mark.django_db
@pytest.mark.parametrize("closed", [False, True])
def test_match_list_queries_do_not_grow_with_the_matches(
    world: World, as_actor, django_assert_num_queries, monkeypatch, closed: bool
) -> None:
    monkeypatch.setattr(match_views, "PAGE_SIZE", 5)
    client = as_actor("coordinator_utrecht")
    data = {"afgesloten": "1"} if closed else {}
    url = reverse("matching:list")
    client.get(url)  # the session's first request writes to it

    def add(count: int) -> None:
        for _ in range(count):
            match = clicked(world)
            if closed:
                Match.objects.filter(pk=match.pk).update(
                    status=MatchStatus.ENDED_EARLY, closed_on=timezone.localdate()
                )

    def counts() -> list[int]:
        """The queries of the first page and of the last."""
        found = []
        for page in (1, client.get(url, data).context["page"].paginator.num_pages):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, {**data, "page": page}).status_code == 200
            found.append(len(queries))
        return found

    add(2)
    few = counts()
    add(10)
    assert counts() == few
    # session, user, roles (3) + count, one page of matches with their latest review held (2)
    with django_assert_num_queries(5):
        page = client.get(url, {**data, "page": 2})
    assert len(page.context["rows"]) == 5
    assert "Pagina 2 van 3" in page.content.decode()


def _python_order(matches: list[Match]) -> list[int]:
    """The order the list had when it sorted in Python: due first, nothing due last, and the
    model's order (newest match first) among equals."""
    today = timezone.localdate()
    newest_first = sorted(matches, key=lambda m: (m.started_on, m.pk), reverse=True)
    rows = [(m, actions.next_review(m)) for m in newest_first]
    rows.sort(key=lambda row: (row[1] is None, row[1].on if row[1] else today))
    return [m.pk for m, _due in rows]


@pytest.mark.django_db
def test_the_open_matches_are_sorted_in_sql_as_they_were_in_python(
    world: World, as_actor, monkeypatch
) -> None:
    monkeypatch.setattr(match_views, "PAGE_SIZE", 3)
    anouk = world.users["coordinator_utrecht"]
    today = timezone.localdate()
    states = [
        (MatchStatus.AGREEMENT, None, None),
        (MatchStatus.TRIAL, today - timedelta(days=70), None),  # evaluation overdue
        (MatchStatus.TRIAL, today - timedelta(days=10), None),
        (MatchStatus.RUNNING, today - timedelta(days=400), today - timedelta(days=100)),
        (MatchStatus.RUNNING, today - timedelta(days=400), None),  # the same day as above
        (MatchStatus.RUNNING, today - timedelta(days=700), today - timedelta(days=20)),  # closing
        (MatchStatus.CLOSING, today - timedelta(days=730), today - timedelta(days=5)),
        (MatchStatus.AGREEMENT, None, None),
        (MatchStatus.TRIAL, today - timedelta(days=10), None),  # ties with the third
    ]
    matches = []
    for number, (status, trial, held) in enumerate(states):
        match = clicked(world)
        Match.objects.filter(pk=match.pk).update(
            status=status, trial_started_on=trial, started_on=today - timedelta(days=number % 4)
        )
        if held:
            Review.objects.create(match=match, kind=ReviewKind.EVALUATION, held_on=held)
        if status == MatchStatus.RUNNING and not held:
            Review.objects.create(match=match, kind=ReviewKind.EVALUATION, held_on=trial)
        matches.append(Match.objects.get(pk=match.pk))
    expected = _python_order(matches)
    client = client_for(anouk)
    shown, page = [], 1
    while True:
        response = client.get(reverse("matching:list"), {"page": page})
        shown += _rows(response)
        if not response.context["page"].has_next():
            break
        page += 1
    assert shown == expected
    assert page == 3


CASES = [
    # (status, trial started on, latest review held on): month ends and leap days.
    *[
        (status, trial, None)
        for status in (MatchStatus.TRIAL, MatchStatus.RUNNING, MatchStatus.CLOSING)
        for trial in (
            date(2023, 12, 31),
            date(2024, 1, 31),
            date(2023, 8, 31),
            date(2022, 2, 28),
            date(2024, 2, 29),
            date(2025, 10, 31),
            date(2026, 4, 30),
            date(2026, 3, 15),
        )
    ],
    (MatchStatus.RUNNING, date(2024, 1, 31), date(2024, 8, 31)),
    (MatchStatus.RUNNING, date(2024, 1, 31), date(2025, 7, 31)),  # progress after the end
    (MatchStatus.RUNNING, date(2024, 1, 31), date(2025, 7, 30)),  # exactly the end
    (MatchStatus.RUNNING, date(2024, 2, 29), date(2025, 8, 28)),
    (MatchStatus.RUNNING, date(2023, 6, 30), date(2023, 12, 31)),
    (MatchStatus.AGREEMENT, None, None),
    (MatchStatus.ENDED_EARLY, date(2024, 1, 31), date(2024, 8, 31)),
]


@pytest.mark.django_db
def test_the_next_review_in_sql_is_the_schedules(world: World) -> None:
    match = clicked(world)
    for status, trial, held in CASES:
        Review.objects.filter(match=match).delete()
        closed_on = date(2025, 1, 1) if status == MatchStatus.ENDED_EARLY else None
        Match.objects.filter(pk=match.pk).update(
            status=status, trial_started_on=trial, closed_on=closed_on
        )
        if held:
            Review.objects.create(match=match, kind=ReviewKind.EVALUATION, held_on=held)
            # An older review held does not count, nor one only planned.
            Review.objects.create(
                match=match, kind=ReviewKind.EVALUATION, held_on=held - timedelta(days=90)
            )
            Review.objects.create(match=match, kind=ReviewKind.PROGRESS, planned_at=timezone.now())
        annotated = Match.objects.with_next_review().get(pk=match.pk)
        due = schedule.next_review(status, trial, held)
        assert annotated.next_review_on == (due.on if due else None), (status, trial, held)
        assert annotated.last_held_on == held
        assert actions.next_review_after(annotated, held) == actions.next_review(annotated)


@pytest.mark.django_db
@pytest.mark.parametrize("months", [0, 1, 2, 6, 11, 12, 13, 24, -1, -13])
def test_add_months_in_sql_is_policys(world: World, months: int) -> None:
    match = clicked(world)
    days = [date(2023, 1, 1) + timedelta(days=n) for n in range(0, 800, 7)]
    days += [
        date(y, m, d) for y in (2023, 2024) for m in (1, 3, 5, 8, 10, 12) for d in (28, 30, 31)
    ]
    for day in days:
        Match.objects.filter(pk=match.pk).update(trial_started_on=day)
        later = (
            Match.objects.filter(pk=match.pk)
            .annotate(later=AddMonths("trial_started_on", months))
            .values_list("later", flat=True)
            .get()
        )
        assert later == policy.add_months(day, months), (day, months)


@pytest.mark.django_db
def test_the_planned_conversation_comes_before_those_held(world: World, as_actor) -> None:
    anouk = world.users["coordinator_utrecht"]
    match = clicked(world)
    actions.start_trial(match=match, by=anouk)
    actions.record_review(
        match=match,
        by=anouk,
        kind=ReviewKind.EVALUATION,
        held_on=timezone.localdate(),
        children_notes="Goed.",
    )
    actions.plan_review(
        match=match,
        by=anouk,
        kind=ReviewKind.PROGRESS,
        at=timezone.now() + timedelta(days=30),
    )
    page = as_actor("coordinator_utrecht").get(reverse("matching:detail", args=[match.pk]))
    kinds = [review.kind for review in page.context["reviews"]]
    assert kinds == [ReviewKind.PROGRESS, ReviewKind.EVALUATION]
