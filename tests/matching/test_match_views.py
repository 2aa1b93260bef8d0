"""The match pages as a coordinator uses them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen.families.models import Family, Status
from buurtgezinnen.matching import actions
from buurtgezinnen.matching.models import MatchStatus, ReviewKind
from tests.conftest import World
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


@pytest.mark.django_db
def test_match_list_queries_do_not_grow_with_the_matches(
    world: World, as_actor, django_assert_max_num_queries
) -> None:
    client = as_actor("coordinator_utrecht")
    clicked(world)
    # session, user, 2FA check, roles, session write (7) + matches, reviews (2) = 9
    with django_assert_max_num_queries(10) as few:
        assert client.get(reverse("matching:list")).status_code == 200
    for _ in range(4):
        clicked(world)
    # session, user, roles (3) + matches, reviews (2) = 5, however many matches: no more than few
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("matching:list"))
    assert len(response.context["rows"]) == 5


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
