"""Referrals to formal help: an organisation of the family's own service directory, a reason, a
date, and an outcome recorded later."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from buurtgezinnen.concerns import actions
from buurtgezinnen.concerns.models import Referral, ReferralOutcome
from buurtgezinnen.core.errors import ActionRefused
from tests.concerns.factories import TODAY, make_match, make_organisation, make_referral
from tests.conftest import World
from tests.families.factories import make_family

pytestmark = pytest.mark.django_db


def test_referral_from_a_match_and_its_outcome_on_the_pages(world: World, as_actor) -> None:
    match = make_match(world)
    organisation = make_organisation(world.utrecht, "Schuldhulp Utrecht")
    family = match.request_family
    client = as_actor("regional_utrecht")  # acting for the coordinator
    url = reverse("concerns:referral_create", args=[family.pk])
    response = client.post(url, {"organisation": organisation.pk, "reason": "", "referred_on": ""})
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            "match": match.pk,
            "reason": "Betalingsachterstanden",
            "referred_on": TODAY.isoformat(),
        },
    )
    assert response["Location"] == reverse("families:detail", args=[family.pk])
    referral = Referral.objects.get()
    assert (referral.match, referral.outcome) == (match, ReferralOutcome.PENDING)
    page = client.get(reverse("families:detail", args=[family.pk])).content.decode()
    assert "Schuldhulp Utrecht" in page
    outcome_url = reverse("concerns:referral", args=[referral.pk])
    response = as_actor("coordinator_utrecht").post(outcome_url, {"outcome": "other"})
    assert response.status_code == 400
    response = as_actor("coordinator_utrecht").post(
        outcome_url, {"outcome": "accepted", "outcome_note": "Intake op 3 december"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.outcome, referral.outcome_on) == (ReferralOutcome.ACCEPTED, TODAY)


def test_the_organisation_comes_from_the_family_s_own_directory(world: World) -> None:
    family = make_family(world.utrecht)
    elsewhere = make_organisation(world.amersfoort)
    with pytest.raises(ValidationError) as error:
        actions.record_referral(
            family=family,
            by=world.users["coordinator_utrecht"],
            organisation=elsewhere,
            reason="Hulp",
            referred_on=TODAY,
        )
    assert "organisation" in error.value.message_dict
    with pytest.raises(ValidationError):
        actions.record_referral(
            family=family,
            by=world.users["coordinator_utrecht"],
            organisation=make_organisation(world.utrecht),
            reason="Hulp",
            referred_on=TODAY + timedelta(days=1),
        )
    with pytest.raises(ActionRefused):
        make_referral_for = make_organisation(world.utrecht)
        actions.record_referral(
            family=family,
            by=world.users["coordinator_amersfoort"],
            organisation=make_referral_for,
            reason="Hulp",
            referred_on=TODAY,
        )


def test_other_outcome_needs_a_note(world: World) -> None:
    referral = make_referral(world, world.utrecht)
    with pytest.raises(ValidationError):
        actions.record_referral_outcome(
            referral=referral, by=world.users["coordinator_utrecht"], outcome="other"
        )
    actions.record_referral_outcome(
        referral=referral,
        by=world.users["coordinator_utrecht"],
        outcome="other",
        note="Gezin verhuisd",
    )
    referral.refresh_from_db()
    assert referral.outcome_note == "Gezin verhuisd"
