"""The agenda in a real browser: Monday morning for a coordinator of two municipalities. The
overdue conversation is first and red, the filter narrows to one municipality, an item leads to
where the work is done, and the calendar link is made once and revoked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone

from buurtgezinnen.org import actions as org_actions
from buurtgezinnen.org.models import Role
from tests.agenda.helpers import plan
from tests.browser.conftest import check_accessibility
from tests.browser.test_intake_screening import log_in_as_coordinator
from tests.browser.test_recruitment import click
from tests.conftest import build_world
from tests.families.factories import make_family


def test_monday_morning_agenda(page: Any) -> None:
    world = build_world()
    anouk = world.users["coordinator_utrecht"]
    org_actions.assign_role(user=anouk, by=None, role=Role.COORDINATOR, municipality=world.zeist)
    today = timezone.localdate()
    late = make_family(world.zeist, name="Vergeten")
    plan(late, anouk, today - timedelta(days=3))
    make_family(world.utrecht, name="Weekendaanmelding")
    log_in_as_coordinator(page, anouk.email)

    page.goto("/start/")
    check_accessibility(page)
    overdue = page.locator("ul.app-agenda--overdue li")
    assert overdue.count() == 1 and "Vergeten" in overdue.first.inner_text()
    colour = overdue.first.evaluate("el => getComputedStyle(el).borderLeftColor")
    assert colour == "rgb(179, 38, 30)"  # the theme's danger colour
    assert "Weekendaanmelding" in page.locator("ul.app-agenda--later").inner_text()

    page.locator("select[name=gemeente]").select_option(label="Utrecht")
    click(page, "form.app-filters button[type=submit]")
    main = page.locator("main").inner_text()
    assert "Weekendaanmelding" in main and "Vergeten" not in main

    page.locator("select[name=gemeente]").select_option(label="Alle")
    click(page, "form.app-filters button[type=submit]")
    click(page, "ul.app-agenda--overdue a")
    assert page.url.endswith(f"/gezinnen/{late.pk}/gesprek/1/"), page.url

    page.goto("/agenda/kalender/")
    check_accessibility(page)
    click(page, "form[action$='/nieuw/'] button")
    link = page.locator("#feed-url").input_value()
    assert "/kalender/" in link and link.endswith(".ics")
    path = urlsplit(link).path  # the live server's address differs from SITE_URL
    feed = page.request.get(path)
    assert feed.status == 200 and "BEGIN:VCALENDAR" in feed.text()
    click(page, "form[action$='/intrekken/'] button")
    assert "De agendalink werkt niet meer." in page.locator("main").inner_text()
    assert page.request.get(path).status == 404
