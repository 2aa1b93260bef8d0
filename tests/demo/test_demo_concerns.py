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
