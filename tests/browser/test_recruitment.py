"""A recruitment profile and a proposal, through a real browser: the profile is blocked by a
child's name, fixed, approved, shown on the public page and answered by a would-be support
family; a proposal ends in a click."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from buurtgezinnen.families.models import Family, Status
from buurtgezinnen.matching.models import Match
from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile
from tests.browser.conftest import check_accessibility
from tests.browser.test_intake_screening import log_in_as_coordinator
from tests.browser.test_public_forms import fill_support_form, send
from tests.conftest import build_world
from tests.matching.test_proposals import available, waiting

# Saving a profile runs the deeper check (huey is immediate in tests): deduce is loaded first.
pytestmark = pytest.mark.usefixtures("deduce")


def click(page: Any, selector: str) -> Any:
    with page.expect_navigation() as navigation:
        page.locator(selector).first.click()
    return navigation.value


def test_profile_blocked_fixed_published_and_answered(page: Any) -> None:
    world = build_world()
    family = waiting(world)
    child = family.children.first()
    log_in_as_coordinator(page, world.users["coordinator_utrecht"].email)

    page.goto(f"/gezinnen/{family.pk}/profiel/")
    check_accessibility(page)
    page.locator("textarea[name=text]").fill(f"{child.first_name} houdt van voetbal en tekenen.")
    page.locator("input[name=consent]").check()
    response = click(page, "button[name=publish]")
    assert response.status == 400
    marked = page.locator("mark.app-finding")
    assert marked.count() == 1
    assert marked.first.inner_text().startswith(child.first_name)
    assert "een naam uit het dossier van het gezin" in page.locator("main").inner_text()
    check_accessibility(page)
    assert RecruitmentProfile.objects.get().status == ProfileStatus.DRAFT

    # Fixed: the child's name goes, and the profile is approved and published.
    page.locator("textarea[name=text]").fill("Een jongen die van voetbal en tekenen houdt.")
    page.locator("input[name=consent]").check()
    response = click(page, "button[name=publish]")
    assert response.ok
    assert "Het profiel is gepubliceerd." in page.locator("main").inner_text()
    profile = RecruitmentProfile.objects.get()
    assert profile.status == ProfileStatus.PUBLISHED

    # Public: on the municipality page, then its own page, then the response form.
    page.goto("/utrecht/")
    click(page, f"main a[href*='{profile.public_id}']")
    assert child.first_name not in page.locator("main").inner_text()
    check_accessibility(page)
    click(page, "main a[href*='profiel=']")
    fill_support_form(page, email="kees@example.nl")
    response = send(page)
    assert response.ok
    assert page.url.endswith("/aanmelden/bedankt/?soort=steungezin"), page.url
    answer = profile.responses.get()
    assert answer.channel == "website"
    assert answer.family.people.filter(first_name="Kees").exists()


def test_a_proposal_ends_in_a_click(page: Any) -> None:
    world = build_world()
    family, support = waiting(world), available(world)
    log_in_as_coordinator(page, world.users["coordinator_utrecht"].email)

    page.goto(f"/gezinnen/{family.pk}/")
    click(page, f"main a[href='/gezinnen/{family.pk}/kandidaten/']")
    assert support.name in page.locator("main").inner_text()
    check_accessibility(page)
    response = click(page, "main form button[type=submit]")
    assert response.ok
    assert "/gezinnen/voorstel/" in page.url
    check_accessibility(page)

    moment = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page.locator("input[name=at]").fill(moment)
    assert click(page, "button[name=plan]").ok
    assert "kennismaking gepland" in page.locator("main").inner_text()

    page.locator("input[name=click][value=yes]").check()
    assert click(page, "button[name=outcome]").ok
    assert page.url.endswith(f"/gezinnen/{family.pk}/"), page.url
    assert "gekoppeld" in page.locator("main").inner_text()
    family.refresh_from_db()
    assert family.status == Status.MATCHED
    assert Match.objects.get().support_family == Family.objects.get(pk=support.pk)
    check_accessibility(page)


def test_an_edited_profile_stays_online_as_approved_until_the_new_text_passes(
    page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from buurtgezinnen.recruitment import actions, tasks
    from buurtgezinnen.recruitment.drafting import draft

    world = build_world()
    family = waiting(world)
    anouk = world.users["coordinator_utrecht"]
    profile = actions.save_profile(family=family, by=anouk, **draft(family))
    actions.run_deep_check(profile_id=profile.pk)
    profile = actions.publish_profile(profile=profile, by=anouk, consent=True)
    old_text, new_text = profile.text, "Een meisje dat graag knutselt en buiten speelt."
    public = f"/{world.utrecht.slug}/profiel/{profile.public_id}/"
    # The worker is slow today: the deeper check of the new text stays pending.
    monkeypatch.setattr(tasks, "deep_check_profile", lambda profile_id: None)
    log_in_as_coordinator(page, anouk.email)

    page.goto(f"/gezinnen/{family.pk}/profiel/")
    page.locator("textarea[name=text]").fill(new_text)
    page.locator("input[name=consent]").check()
    response = click(page, "button[name=publish]")
    assert response.status == 400
    main = page.locator("main").inner_text()
    assert "de nieuwe tekst staat nog niet online" in main
    assert "Online staat nog de vorige tekst." in main
    assert page.locator("textarea[name=text]").input_value() == new_text
    check_accessibility(page)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED

    # The public page keeps the approved text while the new one is checked.
    page.goto(public)
    assert old_text in page.locator("main").inner_text()
    assert new_text not in page.locator("main").inner_text()

    # The check is done (the worker's part); approving now puts the new text online.
    actions.run_deep_check(profile_id=profile.pk)
    page.goto(f"/gezinnen/{family.pk}/profiel/")
    assert page.locator("textarea[name=text]").input_value() == new_text
    page.locator("input[name=consent]").check()
    response = click(page, "button[name=publish]")
    assert response.ok
    main = page.locator("main").inner_text()
    assert "Het profiel is gepubliceerd." in main
    assert "Online staat nog de vorige tekst." not in main
    page.goto(public)
    assert new_text in page.locator("main").inner_text()
    assert old_text not in page.locator("main").inner_text()
    check_accessibility(page)


def test_a_withdrawn_profile_goes_offline_and_its_posts_come_down(page: Any) -> None:
    from buurtgezinnen.recruitment import actions
    from buurtgezinnen.recruitment.drafting import draft

    world = build_world()
    family = waiting(world)
    anouk = world.users["coordinator_utrecht"]
    profile = actions.save_profile(family=family, by=anouk, **draft(family))
    actions.run_deep_check(profile_id=profile.pk)
    profile = actions.publish_profile(profile=profile, by=anouk, consent=True)
    actions.mark_posted(
        profile=profile, by=anouk, channel="instagram", posted_on=timezone.localdate()
    )
    log_in_as_coordinator(page, anouk.email)

    page.goto(f"/gezinnen/{family.pk}/profiel/")
    assert click(page, "button[name=withdraw]").ok
    assert "Het profiel is teruggetrokken." in page.locator("main").inner_text()
    response = page.goto(f"/{world.utrecht.slug}/profiel/{profile.public_id}/")
    assert response.status == 410
    main = page.locator("main").inner_text()
    assert "Dit profiel staat niet meer online" in main and profile.text not in main
    check_accessibility(page)

    page.goto("/start/")
    assert "verwijder de berichten op Facebook en Instagram" in page.locator("main").inner_text()
    page.goto(f"/gezinnen/{family.pk}/profiel/")
    assert "Instagram" in page.locator("#posts-heading + p + ul").inner_text()
    check_accessibility(page)
    assert click(page, "main form[action$='/berichten-verwijderd/'] button").ok
    assert "Vastgelegd dat de berichten zijn verwijderd." in page.locator("main").inner_text()
    assert page.locator("#posts-heading").count() == 0
    assert profile.posts.get().removed_by == anouk


def test_a_club_is_flagged_fixed_by_its_suggestion_and_published(page: Any) -> None:
    world = build_world()
    family = waiting(world)
    log_in_as_coordinator(page, world.users["coordinator_utrecht"].email)

    page.goto(f"/gezinnen/{family.pk}/profiel/")
    page.locator("textarea[name=text]").fill(
        "Een vrolijke jongen van 9 die graag buiten speelt. Hij voetbalt bij VV De Meern."
    )
    assert click(page, "button[name=save]").ok
    main = page.locator("main")
    marked = page.locator("mark.app-finding--dismissible")
    assert marked.count() == 1
    assert marked.first.inner_text().startswith("VV De Meern")
    assert "Een club met naam kan het gezin herkenbaar maken in een kleine buurt" in (
        main.inner_text()
    )
    check_accessibility(page)

    # Publishing is refused while the club is in the text.
    page.locator("input[name=consent]").check()
    response = click(page, "button[name=publish]")
    assert response.status == 400
    assert "details die het gezin herkenbaar kunnen maken" in main.inner_text()
    assert RecruitmentProfile.objects.get().status == ProfileStatus.DRAFT

    # One click on the suggestion: the text says the neutral phrase and the check passes.
    page.goto(f"/gezinnen/{family.pk}/profiel/")
    assert click(page, "button.app-suggestion").ok
    assert "De suggestie is overgenomen" in main.inner_text()
    text = page.locator("textarea[name=text]").input_value()
    assert text.endswith("Hij voetbalt bij een voetbalclub in de buurt.")
    assert page.locator("mark.app-finding").count() == 0
    assert "Niets gevonden dat het gezin herkenbaar maakt." in main.inner_text()
    check_accessibility(page)

    page.locator("input[name=consent]").check()
    response = click(page, "button[name=publish]")
    assert response.ok
    assert "Het profiel is gepubliceerd." in main.inner_text()
    profile = RecruitmentProfile.objects.get()
    assert profile.status == ProfileStatus.PUBLISHED

    page.goto(f"/utrecht/profiel/{profile.public_id}/")
    public = page.locator("main").inner_text()
    assert "een voetbalclub in de buurt" in public
    assert "De Meern" not in public
    check_accessibility(page)


def test_the_check_shows_the_deeper_result_by_itself_and_keeps_what_was_typed(
    page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the worker's check runs, the check section asks for its result every two seconds
    (htmx, under the page's Content-Security-Policy): the result appears without a reload, and a
    reason the coordinator is typing to dismiss a finding survives each poll."""
    from buurtgezinnen.recruitment import actions, tasks
    from buurtgezinnen.recruitment.drafting import draft

    world = build_world()
    family = waiting(world)
    anouk = world.users["coordinator_utrecht"]
    # The worker has not got to it yet: the deeper check stays pending until the test runs it.
    monkeypatch.setattr(tasks, "deep_check_profile", lambda profile_id: None)
    fields = {**draft(family), "text": "Opa Johan komt elke week langs en speelt graag buiten."}
    profile = actions.save_profile(family=family, by=anouk, **fields)
    log_in_as_coordinator(page, anouk.email)
    polls: list[str] = []
    page.on("request", lambda r: polls.append(r.url) if "/profiel/controle/" in r.url else None)

    page.goto(f"/gezinnen/{family.pk}/profiel/")
    section = page.locator("#anonymity-check")
    assert "loopt nog" in section.inner_text()
    page.evaluate("() => { window.notReloaded = true; }")
    reason = page.locator("#anonymity-check input[name=reason]").first
    reason.fill("Opa woont in Marokko, niet in de buurt")
    reason.focus()
    page.wait_for_timeout(4500)
    assert len(polls) >= 2, polls
    assert reason.input_value() == "Opa woont in Marokko, niet in de buurt"
    check_accessibility(page)

    actions.run_deep_check(profile_id=profile.pk)
    page.locator("#anonymity-check .app-deep-check").get_by_text("vond verder niets").wait_for()
    assert "loopt nog" not in section.inner_text()
    assert page.evaluate("() => window.notReloaded === true")
    assert reason.input_value() == "Opa woont in Marokko, niet in de buurt"
    count = len(polls)
    page.wait_for_timeout(4500)
    assert len(polls) == count, "the page stops asking once the check is done"
