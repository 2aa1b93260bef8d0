"""Demo recruitment and matching: published and draft profiles (one published profile with a
changed text waiting for approval), posts on social media, responses through each channel, and
proposals in every outcome (the click takes its profile offline: "found!", posts to remove).
Idempotent: skipped when profiles exist."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from buurtgezinnen.demo.families import ACTIVE, coordinator_of
from buurtgezinnen.families.models import Family, Kind, Status
from buurtgezinnen.matching import actions as matching_actions
from buurtgezinnen.org.models import Municipality, User
from buurtgezinnen.recruitment import actions as recruitment_actions
from buurtgezinnen.recruitment.drafting import draft
from buurtgezinnen.recruitment.models import RecruitmentProfile, ResponseChannel

CHANNELS = (ResponseChannel.FACEBOOK, ResponseChannel.INSTAGRAM, ResponseChannel.WEBSITE)
# What a coordinator writes when the check marks something harmless in a drafted text.
DISMISS_REASON = "Gecontroleerd: dit woord zegt niets over wie het gezin is."
# What a coordinator added to a published profile (saved, not yet approved).
CHANGED_SENTENCE = "Logeren is ook welkom, af en toe een weekend."
# What a coordinator added to a draft that the check marks (a club by name).
CLUB_SENTENCE = "De oudste voetbalt elke zaterdag bij VV Zwaluwen."


@transaction.atomic
def load_recruitment() -> None:
    if RecruitmentProfile.objects.exists():
        return
    answered = 0  # channels go round across municipalities
    for municipality in Municipality.objects.filter(cbs_code__in=ACTIVE).order_by("cbs_code"):
        coordinator = coordinator_of(municipality)
        if coordinator is None:
            continue
        waiting = list(
            Family.objects.filter(
                municipality=municipality, kind=Kind.REQUEST, status=Status.WAITING
            ).order_by("waiting_since", "pk")
        )
        available = list(
            Family.objects.filter(
                municipality=municipality, kind=Kind.SUPPORT, status=Status.AVAILABLE
            )
            .with_valid_vogs(timezone.localdate())  # others are never proposed
            .order_by("pk")
        )
        answered = _profiles(waiting, coordinator, answered)
        _proposals(waiting, available, coordinator)


def _profiles(waiting: list[Family], coordinator: User, answered: int) -> int:
    published = []
    for number, family in enumerate(waiting[:3]):
        drafted = draft(family)
        text = drafted["text"]
        if number == 2:
            # The draft names the club the child plays at, as on Anouk's Friday: the check marks
            # it, says why and offers a neutral phrase (the coordinator has not taken it yet).
            text = f"{text} {CLUB_SENTENCE}"
        profile = recruitment_actions.save_profile(
            family=family,
            by=coordinator,
            headline=drafted["headline"],
            area=drafted["area"],
            children=drafted["children"],
            support=drafted["support"],
            days=drafted["days"],
            text=text,
        )
        if number == 2 or recruitment_actions.findings(profile):
            continue  # one draft per municipality (or a draft that still identifies the family)
        _deep_check(profile, coordinator)
        published.append(
            recruitment_actions.publish_profile(profile=profile, by=coordinator, consent=True)
        )
    if not published:
        return answered
    _posts(published, coordinator)
    if len(published) > 1:
        _edit(published[1], coordinator)
    # New support families that answered a profile, through each channel in turn.
    answers = Family.objects.filter(
        municipality=published[0].family.municipality, kind=Kind.SUPPORT, status=Status.NEW
    ).order_by("pk")
    for number, answer in enumerate(answers[:3]):
        recruitment_actions.record_response(
            profile=published[number % len(published)],
            support_family=answer,
            channel=CHANNELS[(answered + number) % len(CHANNELS)],
        )
    return answered + min(len(answers), 3)


def _posts(published: list[RecruitmentProfile], coordinator: User) -> None:
    """The oldest waiting family's profile went on Facebook and Instagram, the next one on
    Facebook. The oldest clicks below: its profile goes offline and its posts wait for removal."""
    today = timezone.localdate()
    for profile, channels in zip(
        published,
        ((ResponseChannel.FACEBOOK, ResponseChannel.INSTAGRAM), (ResponseChannel.FACEBOOK,)),
        strict=False,
    ):
        for days_ago, channel in enumerate(channels, start=3):
            recruitment_actions.mark_posted(
                profile=profile,
                by=coordinator,
                channel=channel,
                posted_on=today - timedelta(days=days_ago),
            )


def _edit(profile: RecruitmentProfile, coordinator: User) -> None:
    """A published profile whose changed text was saved and checked but not yet approved: the
    previous text stays online until the coordinator publishes the new one."""
    edited = recruitment_actions.save_profile(
        family=profile.family,
        by=coordinator,
        headline=profile.headline,
        area=profile.area,
        children=profile.children,
        support=profile.support,
        days=profile.days,
        text=f"{profile.text} {CHANGED_SENTENCE}",
    )
    _deep_check(edited, coordinator)


def _deep_check(profile: RecruitmentProfile, coordinator: User) -> None:
    """The worker's deeper check, here in place; what it marks is dismissed with a reason, as a
    coordinator would after reading it."""
    recruitment_actions.run_deep_check(profile_id=profile.pk)
    state = recruitment_actions.deep_state(profile)
    for finding in state.quasi_open + state.open:
        assert state.check is not None  # findings come from a check
        recruitment_actions.dismiss_finding(
            profile=profile,
            by=coordinator,
            text_hash=state.check.text_hash,
            start=finding.start,
            end=finding.end,
            reason=DISMISS_REASON,
        )


def _proposals(waiting: list[Family], available: list[Family], coordinator: User) -> None:
    """Oldest waiting family: a click (the match); then one with no click, one introduction
    planned, one proposed (where no fourth support family can be proposed, to the one that did
    not click with the second: it has room again)."""
    supports = available[:4] if len(available) != 3 else [*available, available[1]]
    pairs = list(zip(waiting, supports, strict=False))
    for number, (family, support) in enumerate(pairs[:4]):
        if len(matching_actions.places_taken(support)) >= support.offer.max_families:
            continue
        try:
            proposal = matching_actions.propose(
                request_family=family,
                support_family=support,
                by=coordinator,
            )
        except ValidationError:
            continue  # a pair the rules refuse is simply skipped
        if number in (0, 1, 2):
            # Held two days ago for the two with an outcome; in four days for the third.
            matching_actions.plan_introduction(
                proposal=proposal,
                by=coordinator,
                at=timezone.now() + timedelta(days=-2 if number < 2 else 4),
            )
        if number == 0:
            matching_actions.record_outcome(proposal=proposal, by=coordinator, click=True)
        elif number == 1:
            matching_actions.record_outcome(
                proposal=proposal,
                by=coordinator,
                click=False,
                request_side="De kinderen vonden de hond van het steungezin eng.",
                support_side="Leuk gezin, maar de woensdag past ons toch slecht.",
            )
