"""A profile's life after publication: editing keeps the approved text online until the new one
passes, and a family that stops seeking takes its profile off the public pages (after a short
"found!" period when a support family was found), with an agenda item to take the posts down."""

from __future__ import annotations

import inspect
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.agenda.items import items_for
from buurtgezinnen.families import actions as family_actions
from buurtgezinnen.families.models import FamilyEvent, Status
from buurtgezinnen.recruitment import actions
from buurtgezinnen.recruitment.drafting import draft
from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile
from tests.conftest import World
from tests.recruitment.test_profiles import published_profile

TODAY = timezone.localdate()
NEW_TEXT = "Een warm gezin gezocht voor een vaste middag met spelletjes en buiten spelen."


def public_url(profile: RecruitmentProfile) -> str:
    return reverse(
        "recruitment:public_profile", args=[profile.family.municipality.slug, profile.public_id]
    )


def edited(profile: RecruitmentProfile, **changes: str) -> dict[str, str]:
    """The profile form as the coordinator sends it: the saved text with ``changes``."""
    return {**draft(profile.family), **changes, "consent": "on"}


# --- 10. Publishing never unpublishes ------------------------------------------------------------


@pytest.mark.django_db
def test_approving_while_the_check_runs_keeps_the_published_profile_online(
    world: World, as_actor
) -> None:
    profile = published_profile(world, world.utrecht)
    old_text = profile.text
    client = as_actor("coordinator_utrecht")
    url = reverse("recruitment:profile", args=[profile.family.pk])
    # No on-commit callbacks run here: the deeper check of the new text stays pending.
    response = client.post(url, {**edited(profile, text=NEW_TEXT), "publish": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "de nieuwe tekst staat nog niet online" in page
    assert "De diepere controle loopt nog" in page
    assert NEW_TEXT in page  # the form as typed
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED
    assert profile.text == NEW_TEXT  # saved as the text being written
    public = Client().get(public_url(profile))
    assert public.status_code == 200
    assert old_text in public.content.decode()
    assert NEW_TEXT not in public.content.decode()
    assert profile.public_id in Client().get(f"/{world.utrecht.slug}/").content.decode()
    # The response form still attaches the profile; the social texts still carry the old text.
    assert actions.responding_profile(profile.public_id) == profile
    social = client.get(reverse("recruitment:profile_social", args=[profile.family.pk]))
    assert old_text in social.context["facebook"] and NEW_TEXT not in social.context["facebook"]


@pytest.mark.django_db
def test_the_new_text_goes_online_once_it_passes(world: World, as_actor) -> None:
    profile = published_profile(world, world.utrecht)
    client = as_actor("coordinator_utrecht")
    url = reverse("recruitment:profile", args=[profile.family.pk])
    assert client.post(url, {**edited(profile, text=NEW_TEXT), "save": "1"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Online staat nog de vorige tekst." in page
    assert NEW_TEXT not in Client().get(public_url(profile)).content.decode()
    actions.run_deep_check(profile_id=profile.pk)  # the worker's part
    assert client.post(url, {**edited(profile, text=NEW_TEXT), "publish": "1"}).status_code == 302
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED and profile.published_text == NEW_TEXT
    assert NEW_TEXT in Client().get(public_url(profile)).content.decode()
    assert "Online staat nog de vorige tekst." not in client.get(url).content.decode()
    event = FamilyEvent.objects.filter(family=profile.family).order_by("pk").last()
    assert event.detail == "Het gewijzigde wervingsprofiel staat online."


@pytest.mark.django_db
def test_saving_never_changes_the_status_or_the_text_online(world: World) -> None:
    profile = published_profile(world, world.utrecht)
    anouk = world.users["coordinator_utrecht"]
    online = profile.published_fields()
    actions.save_profile(
        family=profile.family, by=anouk, **{**draft(profile.family), "headline": "Nieuwe kop"}
    )
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED
    assert profile.published_fields() == online
    assert profile.headline == "Nieuwe kop" and profile.has_unpublished_changes
    # A refused publication (consent missing, check pending) changes nothing either.
    with pytest.raises(ValidationError):
        actions.publish_profile(profile=profile, by=anouk, consent=False)
    with pytest.raises(ValidationError, match="loopt nog"):
        actions.publish_profile(profile=profile, by=anouk, consent=True)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED and profile.published_fields() == online
    # The agenda reminds the coordinator that the changed text waits.
    [item] = [i for i in items_for(anouk, TODAY) if i.kind == "profile_to_publish"]
    assert item.title == "Wervingsprofiel: de gewijzigde tekst staat nog niet online"


def test_save_profile_takes_the_text_by_name() -> None:
    parameters = inspect.signature(actions.save_profile).parameters
    assert all(p.kind == inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
    assert set(parameters) == {"family", "by", "headline", "area", "children", "support"} | {
        "days",
        "text",
    }


# --- 9. A found family leaves the public page ---------------------------------------------------


@pytest.mark.django_db
def test_a_withdrawn_family_takes_its_profile_offline_at_once(world: World, as_actor) -> None:
    from tests.public.test_application_forms import support_data

    profile = published_profile(world, world.utrecht)
    family_actions.decide(
        family=profile.family,
        by=world.users["coordinator_utrecht"],
        outcome=Status.WITHDRAWN,
        reason="Het gezin ziet er toch van af.",
    )
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.WITHDRAWN and profile.closed_at is not None
    gone = Client().get(public_url(profile))
    assert gone.status_code == 410
    # (The area here is "Utrecht", as the municipality: it says nothing.)
    for text in (profile.published_headline, profile.published_children, profile.published_text):
        assert text not in gone.content.decode()
    assert profile.public_id not in Client().get(f"/{world.utrecht.slug}/").content.decode()
    # The response form's link no longer attaches it.
    assert actions.responding_profile(profile.public_id) is None
    query = f"gemeente=utrecht&profiel={profile.public_id}&kanaal=facebook"
    assert Client().post(f"{reverse('public:apply_support')}?{query}", support_data()).status_code
    assert not profile.responses.exists()
    # Nor do the social texts and the card answer.
    client = as_actor("coordinator_utrecht")
    assert client.get(reverse("recruitment:profile_social", args=[profile.family.pk])).status_code
    for name in ("recruitment:profile_social", "recruitment:profile_card"):
        assert client.get(reverse(name, args=[profile.family.pk])).status_code == 404


@pytest.mark.django_db
def test_a_found_profile_says_only_found_then_is_gone(
    world: World, django_assert_max_num_queries
) -> None:
    from buurtgezinnen.matching import actions as matching_actions
    from tests.matching.test_proposals import available

    profile = published_profile(world, world.utrecht)
    anouk = world.users["coordinator_utrecht"]
    proposal = matching_actions.propose(
        request_family=profile.family, support_family=available(world), by=anouk
    )
    matching_actions.record_outcome(proposal=proposal, by=anouk, click=True)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.FOUND
    # family, municipality, profile (3; anonymous: no session row), +1
    with django_assert_max_num_queries(4):
        found = Client().get(public_url(profile))
    assert found.status_code == 200
    page = found.content.decode()
    assert "Voor dit gezin is een steungezin gevonden" in page
    for text in (profile.headline, profile.children, profile.text):  # as approved
        assert text not in page
    assert "profiel=" not in page
    assert profile.public_id not in Client().get(f"/{world.utrecht.slug}/").content.decode()
    # After the "found!" period the address is gone, computed from the date alone.
    RecruitmentProfile.objects.filter(pk=profile.pk).update(
        closed_at=timezone.now() - timedelta(days=policy.PROFILE_FOUND_DAYS, minutes=1)
    )
    # profile, municipality (2), +2
    with django_assert_max_num_queries(4):
        gone = Client().get(public_url(profile))
    assert gone.status_code == 410
    assert "gevonden" not in gone.content.decode()
    assert profile.headline not in gone.content.decode()


@pytest.mark.django_db
def test_a_profile_that_never_was_online_is_unknown(world: World) -> None:
    from tests.recruitment.test_profiles import waiting_family

    family = waiting_family(world, world.utrecht)
    profile = actions.save_profile(
        family=family, by=world.users["coordinator_utrecht"], **draft(family)
    )
    assert Client().get(public_url(profile)).status_code == 404


@pytest.mark.django_db
def test_a_match_ending_early_does_not_bring_the_profile_back(world: World) -> None:
    from buurtgezinnen.matching import actions as matching_actions
    from buurtgezinnen.matching.models import EndReason, Match
    from tests.matching.test_proposals import available

    profile = published_profile(world, world.utrecht)
    anouk = world.users["coordinator_utrecht"]
    proposal = matching_actions.propose(
        request_family=profile.family, support_family=available(world), by=anouk
    )
    matching_actions.record_outcome(proposal=proposal, by=anouk, click=True)
    matching_actions.end_early(
        match=Match.objects.get(proposal=proposal),
        by=anouk,
        reason=EndReason.MOVED,
        support_available_again=True,
        request_family_to=Status.WAITING,
    )
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.FOUND
    assert actions.responding_profile(profile.public_id) is None
    [item] = [i for i in items_for(anouk, TODAY) if i.kind == "profile_to_publish"]
    assert "opnieuw" in item.title
    # Publishing it again (its text was checked before) puts it back online.
    actions.publish_profile(profile=profile, by=anouk, consent=True)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED and profile.closed_at is None
    assert Client().get(public_url(profile)).status_code == 200


@pytest.mark.django_db
def test_posts_of_an_offline_profile_are_on_the_agenda_until_removed(
    world: World, as_actor
) -> None:
    profile = published_profile(world, world.utrecht)
    anouk = world.users["coordinator_utrecht"]
    actions.mark_posted(profile=profile, by=anouk, channel="facebook", posted_on=TODAY)
    actions.mark_posted(
        profile=profile, by=anouk, channel="instagram", posted_on=TODAY - timedelta(days=2)
    )
    assert not [i for i in items_for(anouk, TODAY) if i.kind == "posts_to_remove"]
    with pytest.raises(ValidationError, match="staat nog online"):
        actions.confirm_posts_removed(profile=profile, by=anouk)
    actions.withdraw_profile(profile=profile, by=anouk)
    [item] = [i for i in items_for(anouk, TODAY) if i.kind == "posts_to_remove"]
    assert item.title == "Wervingsprofiel offline: verwijder de berichten op Facebook en Instagram"
    assert item.subject == profile.family.name and item.due == TODAY
    assert item.url == reverse("recruitment:profile", args=[profile.family.pk])
    assert item.detail.startswith("Instagram ") and ", Facebook " in item.detail
    # Not on another coordinator's agenda.
    assert not [
        i
        for i in items_for(world.users["coordinator_amersfoort"], TODAY)
        if i.kind == "posts_to_remove"
    ]
    client = as_actor("coordinator_utrecht")
    page = client.get(item.url).content.decode()
    assert "Verwijder de berichten op sociale media" in page
    response = client.post(reverse("recruitment:profile_posts_removed", args=[profile.family.pk]))
    assert response.status_code == 302
    assert not [i for i in items_for(anouk, TODAY) if i.kind == "posts_to_remove"]
    for post in profile.posts.all():
        assert post.removed_by == anouk and post.removed_at is not None
    event = FamilyEvent.objects.filter(family=profile.family).order_by("pk").last()
    assert event.detail.startswith("De berichten over het wervingsprofiel zijn verwijderd")
    with pytest.raises(ValidationError, match="al verwijderd"):
        actions.confirm_posts_removed(profile=profile, by=anouk)


@pytest.mark.django_db
def test_posts_of_a_found_profile_are_due_when_the_found_period_ends(world: World) -> None:
    from buurtgezinnen.matching import actions as matching_actions
    from tests.matching.test_proposals import available

    profile = published_profile(world, world.utrecht)
    anouk = world.users["coordinator_utrecht"]
    actions.mark_posted(profile=profile, by=anouk, channel="facebook", posted_on=TODAY)
    proposal = matching_actions.propose(
        request_family=profile.family, support_family=available(world), by=anouk
    )
    matching_actions.record_outcome(proposal=proposal, by=anouk, click=True)
    [item] = [i for i in items_for(anouk, TODAY) if i.kind == "posts_to_remove"]
    assert item.due == TODAY + timedelta(days=policy.PROFILE_FOUND_DAYS)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_posts_on_the_agenda_take_a_fixed_number_of_queries(
    world: World, count: int, django_assert_num_queries
) -> None:
    from buurtgezinnen.recruitment.agenda import posts_to_remove

    anouk = world.users["coordinator_utrecht"]
    for _ in range(count):
        profile = published_profile(world, world.utrecht)
        actions.mark_posted(profile=profile, by=anouk, channel="facebook", posted_on=TODAY)
        actions.withdraw_profile(profile=profile, by=anouk)
    anouk = type(anouk).objects.get(pk=anouk.pk)  # a fresh user: its scope is not cached
    with django_assert_num_queries(3):  # the scope, the profiles, their posts
        assert len(list(posts_to_remove(anouk, TODAY))) == count
