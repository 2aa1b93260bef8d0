"""The quasi-identifiers on a profile: they block publishing until each is taken care of (the
suggestion taken, the text changed, or dismissed with a reason); the page shows them with their
suggestion and polls the deeper check until it is done."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families.models import EventKind, FamilyEvent
from buurtgezinnen.recruitment import actions, deep_check
from buurtgezinnen.recruitment.models import DeepCheck, DeepCheckStatus, ProfileStatus
from tests.conftest import World
from tests.recruitment.test_deep_check import publish, saved_profile

CLUB_TEXT = "De jongen voetbalt elke zaterdag bij VV Zwaluwen in Overvecht."


def club(profile):
    (finding,) = actions.deep_state(profile).quasi_open
    return finding


def take(profile, world: World, finding, *, by: str = "coordinator_utrecht", **changes):
    arguments = {
        "text_hash": deep_check.text_hash(profile.public_text()),
        "start": finding.start,
        "end": finding.end,
        "replacement": finding.suggestion,
        **changes,
    }
    return actions.apply_suggestion(profile=profile, by=world.users[by], **arguments)


@pytest.mark.django_db
def test_a_club_blocks_publishing_and_its_suggestion_fixes_it(world: World) -> None:
    profile = saved_profile(world, CLUB_TEXT)
    actions.run_deep_check(profile_id=profile.pk)
    finding = club(profile)
    assert profile.public_text()[finding.start : finding.end] == "VV Zwaluwen in Overvecht"
    assert finding.source == "quasi" and finding.suggestion == "een voetbalclub in de buurt"
    with pytest.raises(ValidationError, match="details die het gezin herkenbaar kunnen maken"):
        publish(profile, world)
    fixed = take(profile, world, finding)
    assert fixed.text == "De jongen voetbalt elke zaterdag bij een voetbalclub in de buurt."
    assert fixed.status == ProfileStatus.DRAFT
    event = FamilyEvent.objects.filter(family=profile.family, kind=EventKind.CHANGED).last()
    assert "een voetbalclub in de buurt" in event.detail
    # Saved the normal way: the deeper check of the new text is queued (and run here).
    check = actions.current_deep_check(fixed)
    assert check is not None and check.text_hash == deep_check.text_hash(fixed.public_text())
    actions.run_deep_check(profile_id=fixed.pk)
    assert actions.deep_state(fixed).quasi_open == []
    assert publish(fixed, world).status == ProfileStatus.PUBLISHED


@pytest.mark.django_db
def test_a_suggestion_is_only_taken_for_the_text_it_was_offered_for(world: World) -> None:
    profile = saved_profile(world, CLUB_TEXT)
    finding = club(profile)
    with pytest.raises(ValidationError, match="veranderd"):
        take(profile, world, finding, text_hash="0" * 64)
    with pytest.raises(ValidationError, match="heeft die suggestie niet"):
        take(profile, world, finding, replacement="iets heel anders")
    with pytest.raises(ValidationError, match="heeft die suggestie niet"):
        take(profile, world, finding, start=finding.start + 1)
    with pytest.raises(ActionRefused):
        take(profile, world, finding, by="coordinator_amersfoort")
    profile.refresh_from_db()
    assert profile.text == CLUB_TEXT


@pytest.mark.django_db
def test_a_quasi_finding_is_dismissed_with_a_reason_even_while_deduce_runs(world: World) -> None:
    profile = saved_profile(world, CLUB_TEXT)
    assert actions.current_deep_check(profile).status == DeepCheckStatus.PENDING
    finding = club(profile)
    dismissal = actions.dismiss_finding(
        profile=profile,
        by=world.users["coordinator_utrecht"],
        text_hash=deep_check.text_hash(profile.public_text()),
        start=finding.start,
        end=finding.end,
        reason="Een grote club met honderden jeugdleden.",
    )
    assert dismissal.text == "VV Zwaluwen in Overvecht"
    event = FamilyEvent.objects.filter(family=profile.family, kind=EventKind.CHANGED).last()
    assert "anonimiteitscontrole is genegeerd" in event.detail
    state = actions.deep_state(profile)
    assert state.quasi_open == [] and [f for f, _d in state.dismissed] == [finding]
    actions.run_deep_check(profile_id=profile.pk)
    assert publish(profile, world).status == ProfileStatus.PUBLISHED


@pytest.mark.django_db
def test_deduce_does_not_mark_again_what_the_quasi_layer_marks(world: World) -> None:
    profile = saved_profile(world, "Opa Johan komt elke week langs.")
    actions.run_deep_check(profile_id=profile.pk)
    state = actions.deep_state(profile)
    assert [profile.public_text()[f.start : f.end] for f in state.quasi_open] == ["Opa Johan"]
    assert state.open == []
    assert actions.current_deep_check(profile).findings == []


# --- the page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_shows_the_reason_and_the_suggestion_as_a_button(world: World, as_actor) -> None:
    profile = saved_profile(world, CLUB_TEXT)
    client = as_actor("coordinator_utrecht")
    url = reverse("recruitment:profile", args=[profile.family.pk])
    html = client.get(url).content.decode()
    assert "Een club met naam kan het gezin herkenbaar maken in een kleine buurt" in html
    assert "Vervang door „een voetbalclub in de buurt”" in html
    assert 'class="app-finding app-finding--dismissible"' in html
    # No JavaScript of our own: htmx attributes only, no inline script, handlers or styles.
    assert "<script>" not in html and " onclick=" not in html and " style=" not in html
    (entry,) = [e for item in client.get(url).context["checked"] for e in item["dismissible"]]
    answer = client.post(
        reverse("recruitment:profile_apply_suggestion", args=[profile.family.pk]),
        {
            "text_hash": deep_check.text_hash(profile.public_text()),
            "start": entry["start"],
            "end": entry["end"],
            "replacement": entry["finding"].suggestion,
        },
        follow=True,
    )
    text = answer.content.decode()
    assert "De suggestie is overgenomen" in text
    assert "bij een voetbalclub in de buurt" in text
    assert "Zwaluwen" not in text


@pytest.mark.django_db
def test_the_check_section_polls_while_the_deeper_check_runs(world: World, as_actor) -> None:
    profile = saved_profile(world, CLUB_TEXT)
    client = as_actor("coordinator_utrecht")
    page = client.get(reverse("recruitment:profile", args=[profile.family.pk])).content.decode()
    partial_url = reverse("recruitment:profile_check", args=[profile.family.pk])
    assert f'hx-get="{partial_url}" hx-trigger="every 2s" hx-swap="outerHTML"' in page
    pending = client.get(partial_url).content.decode()
    assert pending.startswith('<section class="app-card" id="anonymity-check"')
    assert 'hx-trigger="every 2s"' in pending and "<html" not in pending
    actions.run_deep_check(profile_id=profile.pk)
    done = client.get(partial_url).content.decode()
    assert "hx-trigger" not in done  # the poll stops
    assert "De diepere controle (deduce) vond verder niets." in done


@pytest.mark.django_db
@pytest.mark.parametrize("clubs", [1, 5])
def test_the_check_section_queries_do_not_grow_with_findings(
    world: World, as_actor, django_assert_max_num_queries, clubs: int
) -> None:
    names = ["Zwaluwen", "Hercules", "Elinkwijk", "Odin", "Velox"][:clubs]
    profile = saved_profile(world, " ".join(f"Hij speelde bij VV {n}." for n in names))
    actions.run_deep_check(profile_id=profile.pk)
    assert len(actions.deep_state(profile).quasi_open) == clubs
    client = as_actor("coordinator_utrecht")
    url = reverse("recruitment:profile_check", args=[profile.family.pk])
    client.get(url)
    # session, user, roles (3) + family, log, profile, parents, children, checks x2 = 10, +2
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    assert DeepCheck.objects.count() == 1
