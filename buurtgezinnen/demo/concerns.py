"""Demo concerns and referrals: a safety concern in the middle of the reporting code (steps 1-3),
a plain worry that was closed, referrals with and without an outcome, and the national office's
designated safety officer. Idempotent: skipped when concerns exist. Sends no mail (no links)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.concerns import actions
from buurtgezinnen.concerns.models import Concern, ConcernKind, ReferralOutcome, Step
from buurtgezinnen.demo.families import coordinator_of
from buurtgezinnen.families.models import Family, Kind, Status
from buurtgezinnen.matching.models import Match
from buurtgezinnen.org import actions as org_actions
from buurtgezinnen.org.models import Municipality, User


@transaction.atomic
def load_concerns(safety_officer_email: str) -> None:
    officer = User.objects.filter(email=safety_officer_email).first()
    if officer is not None and not officer.is_safety_officer:
        org_actions.set_safety_officer(user=officer, by=None, designated=True)
    if Concern.objects.exists():
        return
    municipality = Municipality.objects.filter(cbs_code="GM0344").first()
    coordinator = coordinator_of(municipality) if municipality else None
    if municipality is None or coordinator is None:
        return
    today = timezone.localdate()
    match = (
        Match.objects.open()
        .filter(request_family__municipality=municipality)
        .select_related("request_family")
        .first()
    )
    families = Family.objects.filter(municipality=municipality, kind=Kind.REQUEST)
    first = match.request_family if match else families.filter(status=Status.WAITING).first()
    if first is None:
        return
    safety = actions.record_concern(
        family=first,
        by=coordinator,
        kind=ConcernKind.SAFETY,
        child=first.children.first(),
        match=match,
        description=(
            "Het steungezin vertelt dat de oudste twee keer met blauwe plekken op de bovenarm "
            "kwam en niet wilde zeggen hoe dat kwam."
        ),
    )
    actions.record_step(
        concern=safety,
        by=coordinator,
        step=Step.SIGNS,
        reasoning="Signalen zelf nagevraagd bij de steunmoeder; feiten genoteerd.",
        signs=(
            "Blauwe plekken op de bovenarm (steunmoeder, twee woensdagen achter elkaar). "
            "Het kind schrikt bij harde geluiden. Moeder zegt dat het van het voetballen is."
        ),
    )
    actions.record_step(
        concern=safety,
        by=coordinator,
        step=Step.CONSULT,
        reasoning="Twijfel over de uitleg van moeder, daarom Veilig Thuis om advies gevraagd.",
        colleague="Ruud Jansen, regiocoördinator",
        veilig_thuis_consulted=True,
        veilig_thuis_advice="Anoniem advies: eerst met moeder praten, signalen blijven "
        "vastleggen, bij nieuwe verwondingen opnieuw bellen.",
    )
    actions.record_step(
        concern=safety,
        by=coordinator,
        step=Step.TALK,
        reasoning="Moeder erkent dat het thuis zwaar is; vader is sinds kort werkloos.",
        talked_with_parents=True,
        not_talked_reason="",
    )
    worry_family = families.exclude(pk=first.pk).filter(status=Status.WAITING).first() or first
    worry = actions.record_concern(
        family=worry_family,
        by=coordinator,
        description="De kinderen komen vaak zonder ontbijt naar school.",
    )
    actions.close_concern(
        concern=worry,
        by=coordinator,
        note="Besproken met moeder; het gezin krijgt nu voedselpakketten via de voedselbank.",
    )
    organisations = list(municipality.service_organisations.filter(is_active=True)[:2])
    if organisations:
        accepted = actions.record_referral(
            family=worry_family,
            by=coordinator,
            organisation=organisations[0],
            reason="Schulden en achterstand met de huur.",
            referred_on=today - timedelta(days=70),
        )
        actions.record_referral_outcome(
            referral=accepted,
            by=coordinator,
            outcome=ReferralOutcome.ACCEPTED,
            note="Intake gehad; schuldhulp loopt.",
            on=today - timedelta(days=40),
        )
        actions.record_referral(
            family=first,
            by=coordinator,
            organisation=organisations[-1],
            match=match,
            reason="Opvoedondersteuning voor moeder naast het steungezin.",
            referred_on=today - timedelta(days=policy.REFERRAL_FOLLOW_UP_DAYS + 7),
        )
