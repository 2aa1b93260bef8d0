"""The agenda's items about concerns (only for those who may read them, never with content) and
referrals waiting for an outcome; a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import translation

from buurtgezinnen import policy
from buurtgezinnen.agenda.items import items_for
from buurtgezinnen.concerns.agenda import items
from buurtgezinnen.concerns.models import ConcernKind
from tests.concerns.factories import TODAY, make_concern, make_referral, record_steps
from tests.conftest import World

pytestmark = pytest.mark.django_db
SECRET = "Vader slaat de kinderen"


def test_open_concerns_for_their_coordinator_only_without_content(world: World) -> None:
    safety = make_concern(world, description=SECRET)
    record_steps(world, safety, 5)
    make_concern(world, description=SECRET)
    make_concern(world, kind=ConcernKind.WORRY, description=SECRET)
    make_concern(world, world.amersfoort, description=SECRET)
    with translation.override("en"):
        got = list(items(world.users["coordinator_utrecht"], TODAY))
    assert sorted(i.title for i in got) == sorted(
        [
            "Concern: reporting code finished, close the concern",
            "Concern: next step of the reporting code",
            "Concern: open worry",
        ]
    )
    assert all(SECRET not in f"{i.title}{i.subject}{i.detail}{i.url}" for i in got)
    for actor in ("regional_utrecht", "national_office", "contact_utrecht"):
        assert not list(items(world.users[actor], TODAY)), actor
    # Through the agenda's registry too.
    # Through the agenda's registry too (beside the other providers' items for these families).
    everything = items_for(world.users["coordinator_utrecht"], TODAY)
    assert len([i for i in everything if i.url.startswith("/zorgen/")]) == 3


def test_referrals_without_outcome_come_back_after_the_follow_up_period(world: World) -> None:
    old = make_referral(world, world.utrecht, days_ago=policy.REFERRAL_FOLLOW_UP_DAYS)
    make_referral(world, world.utrecht, days_ago=policy.REFERRAL_FOLLOW_UP_DAYS - 1)
    make_referral(world, world.amersfoort, days_ago=100)
    for actor in ("coordinator_utrecht", "regional_utrecht"):
        [item] = items(world.users[actor], TODAY)
        assert item.kind == "referral_outcome"
        assert item.due == old.referred_on + timedelta(days=policy.REFERRAL_FOLLOW_UP_DAYS)
        assert not item.overdue(TODAY)


def test_query_count_does_not_grow_with_the_number_of_concerns(
    world: World, django_assert_max_num_queries
) -> None:
    user = world.users["coordinator_utrecht"]
    fresh = type(user).objects.get(pk=user.pk)  # no scope cached yet, as in a request
    make_concern(world)
    make_referral(world, world.utrecht, days_ago=60)
    # roles (1) + concerns, referrals (2) = 3
    with django_assert_max_num_queries(6) as few:
        list(items(fresh, TODAY))
    for _ in range(5):
        record_steps(world, make_concern(world), 2)
        make_referral(world, world.utrecht, days_ago=60)
    fresh = type(user).objects.get(pk=user.pk)
    # the same 3 with six concerns and referrals: none per item
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(list(items(fresh, TODAY))) == 12
