"""The demo's concerns: one in the middle of the reporting code, a closed worry, referrals with
and without an outcome, and a safety officer among the demo logins."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from buurtgezinnen.concerns.models import (
    Concern,
    ConcernKind,
    ConcernStatus,
    MeldcodeStep,
    Referral,
    ReferralOutcome,
)
from buurtgezinnen.org.models import User


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    from buurtgezinnen.demo import data

    with django_db_blocker.unblock(), override_settings(DEMO_MODE=True), transaction.atomic():
        data.load()
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_demo_concerns_and_referrals(demo: None, settings: Any) -> None:
    from buurtgezinnen.demo import data

    safety = Concern.objects.get(kind=ConcernKind.SAFETY)
    assert safety.status == ConcernStatus.OPEN
    assert list(safety.steps.values_list("step", flat=True)) == [1, 2, 3]
    worry = Concern.objects.get(kind=ConcernKind.WORRY)
    assert worry.status == ConcernStatus.CLOSED and worry.closing_note
    outcomes = set(Referral.objects.values_list("outcome", flat=True))
    assert outcomes == {ReferralOutcome.ACCEPTED, ReferralOutcome.PENDING}
    officer = User.objects.get(email=f"veiligheid@{data.DEMO_DOMAIN}")
    assert officer.is_safety_officer and officer.is_demo
    settings.DEMO_MODE = True
    before = (Concern.objects.count(), MeldcodeStep.objects.count(), Referral.objects.count())
    data.load()
    assert (Concern.objects.count(), MeldcodeStep.objects.count(), Referral.objects.count()) == (
        before
    )
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert f"veiligheid@{data.DEMO_DOMAIN}" in out.getvalue()


@pytest.mark.django_db
def test_demo_stand_in_runs_two_weeks_and_is_printed(demo: None, settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from buurtgezinnen.demo import data
    from buurtgezinnen.org.models import StandIn
    from buurtgezinnen.org.scoping import scope_for

    today = timezone.localdate()
    stand_in = StandIn.objects.active_on(today).select_related("stand_in", "coordinator").get()
    assert stand_in.stand_in.email == f"regio@{data.DEMO_DOMAIN}"
    assert stand_in.coordinator.email == f"coordinator@{data.DEMO_DOMAIN}"
    assert stand_in.ends_on == today + timedelta(days=13)
    assert scope_for(stand_in.stand_in).is_stand_in
    settings.DEMO_MODE = True
    data.load()
    assert StandIn.objects.count() == 1
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert f"Stand-in: regio@{data.DEMO_DOMAIN} stands in for coordinator@" in out.getvalue()
    assert f"Safety officer: veiligheid@{data.DEMO_DOMAIN}" in out.getvalue()
