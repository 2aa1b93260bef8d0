"""Ruud takes over while Anouk is ill: in a real browser he arranges himself as her stand-in (a
period that is too long is refused with a Dutch message and what he typed kept), finds her safety
concern on "Vandaag", opens it and records the next step. Then the safety officer opens the same
concern and reads it without any form."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.concerns.models import Concern
from buurtgezinnen.org import actions as org_actions
from tests.browser.conftest import check_accessibility, open_page
from tests.browser.test_intake_screening import log_in_as_coordinator
from tests.browser.test_recruitment import click
from tests.concerns.factories import make_concern, record_steps
from tests.conftest import build_world, make_user
from tests.families.factories import make_family


def test_ruud_stands_in_for_anouk_and_the_safety_officer_reads_along(
    page: Any, browser: Any, live_server: Any
) -> None:
    world = build_world()
    today = timezone.localdate()
    family = make_family(world.utrecht, name="Bloemendaal")
    concern = make_concern(world, family=family)
    record_steps(world, concern, 1)
    log_in_as_coordinator(page, world.users["regional_utrecht"].email)

    page.goto("/start/")
    concern_link = f"main a[href='/zorgen/{concern.pk}/']"
    assert page.locator(concern_link).count() == 0  # he sees the family, not its concern
    click(page, "nav a[href='/beheer/waarnemers/']")
    check_accessibility(page)
    click(page, "a[href='/beheer/waarnemers/nieuw/']")
    check_accessibility(page)
    page.locator("select[name=coordinator]").select_option(label="Coordinator Test")
    too_long = today + timedelta(days=policy.STAND_IN_MAX_DAYS)
    page.locator("input[name=ends_on]").fill(too_long.isoformat())
    page.locator("input[name=reason]").fill("Ziek thuis")
    response = click(page, "main form button[type=submit]")
    assert response.status == 400
    check_accessibility(page)
    assert f"hoogstens {policy.STAND_IN_MAX_DAYS} dagen" in page.locator("main").inner_text()
    assert page.locator("input[name=reason]").input_value() == "Ziek thuis"
    page.locator("input[name=ends_on]").fill((today + timedelta(days=13)).isoformat())
    click(page, "main form button[type=submit]")
    assert "De waarnemer is geregeld." in page.locator("main").inner_text()

    page.goto("/start/")
    check_accessibility(page)
    main = page.locator("main").inner_text()
    assert "U neemt waar voor Coordinator Test" in main
    click(page, concern_link)
    check_accessibility(page)
    page.locator("textarea[name=step-colleague], input[name=step-colleague]").fill(
        "Fatima, veiligheidsfunctionaris"
    )
    page.locator("input[name=step-veilig_thuis_consulted][value=no]").check()
    page.locator("textarea[name=step-reasoning]").fill("Overlegd, nog geen melding nodig.")
    click(page, "form[action$='/stap/'] button[type=submit]")
    assert "De stap is vastgelegd." in page.locator("main").inner_text()
    assert Concern.objects.get(pk=concern.pk).steps.count() == 2

    # The safety officer reads the concern; she gets no form and no other family.
    officer = make_user("veiligheid_browser")
    org_actions.assign_role(user=officer, by=None, role="national_office")
    org_actions.set_safety_officer(user=officer, by=None, designated=True)
    second = open_page(browser, live_server)
    log_in_as_coordinator_at(second, officer.email, f"/zorgen/{concern.pk}/")
    check_accessibility(second)
    text = second.locator("main").inner_text()
    assert "Bloemendaal" in text and "Fatima, veiligheidsfunctionaris" in text
    assert second.locator("main form").count() == 0
    second.context.close()
    assert not second.policy_errors, second.policy_errors


def log_in_as_coordinator_at(page: Any, email: str, path: str) -> None:
    """Logs in on the way to ``path`` (password and two-factor code)."""
    from tests.browser.conftest import totp_code
    from tests.browser.test_login import log_in_with_password, submit

    page.goto(path)
    log_in_with_password(page, email)
    page.locator("input[name=code]").fill(totp_code())
    response = submit(page, "code")
    assert response.ok, response.status
    assert page.url.endswith(path), page.url
