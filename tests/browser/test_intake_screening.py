"""Intake of a requesting family and screening of a support family, through a real browser.

The coordinator of Utrecht logs in with password and two-factor code and works through the
family pages the way the Dutch guide describes: conversations, the decision that needs both
conversations (and, for a support family, the competence profile, the offer and a checked VOG),
and the lists the family shows up in afterwards.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import dateformat, timezone, translation

from buurtgezinnen.families.models import CompetenceCriterion, Family, Kind, Status
from tests.browser.conftest import check_accessibility, totp_code
from tests.browser.test_login import SCREENSHOT_DIR, log_in_with_password, submit
from tests.conftest import build_world
from tests.families.factories import make_family


def dutch_date(day: date, pattern: str) -> str:
    """``day`` as the Dutch pages show it, e.g. pattern "j F Y" gives "3 maart 2026"."""
    with translation.override("nl"):
        return dateformat.format(day, pattern)


def log_in_as_coordinator(page: Any, email: str) -> None:
    """Opens the families page, which asks for password and two-factor code first."""
    page.goto("/gezinnen/")
    assert "/account/login/" in page.url, page.url
    log_in_with_password(page, email)
    assert page.url.endswith("/account/2fa/authenticate/"), page.url
    page.locator("input[name=code]").fill(totp_code())
    response = submit(page, "code")
    assert response.ok, response.status
    assert page.url.endswith("/gezinnen/"), page.url


def save(page: Any) -> Any:
    """Clicks "Opslaan" on the page's form; returns the response."""
    button = page.locator("main form[method=post] button[type=submit]")
    assert button.inner_text().strip() == "Opslaan"
    with page.expect_navigation() as navigation:
        button.click()
    return navigation.value


def open_family_link(page: Any, family: Family, path: str) -> None:
    """Follows the link on the family page that leads to ``path`` (below /gezinnen/<pk>/)."""
    href = f"/gezinnen/{family.pk}/{path}"
    with page.expect_navigation():
        page.locator(f"main a[href='{href}']").first.click()
    assert page.url.endswith(href), page.url


def expect_saved(page: Any, response: Any, family: Family, message: str) -> None:
    """A save that worked: back on the family page with the success message."""
    assert response.ok, f"{response.status} on {response.url}:\n{error_text(page)}"
    assert page.url.endswith(f"/gezinnen/{family.pk}/"), f"{page.url}:\n{error_text(page)}"
    assert page.locator("main [role=status]").inner_text().strip() == message


def error_text(page: Any) -> str:
    alerts = page.locator(
        "main .utrecht-alert--error, main .utrecht-form-field-description--invalid"
    )
    return "\n".join(alerts.all_inner_texts())


# Null when a click in the middle of the control reaches it (or its own label); otherwise a short
# description of the element that would get the click instead.
COVERED_BY = r"""(el) => {
    el.scrollIntoView({block: 'center'});
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || hit === el || el.contains(hit)) return null;
    const label = hit.closest('label');
    if (label && label.control === el) return null;
    const attrs = ['id', 'class', 'for', 'name']
        .filter((a) => hit.hasAttribute(a))
        .map((a) => ` ${a}="${hit.getAttribute(a)}"`)
        .join('');
    const text = hit.textContent.trim().replace(/\s+/g, ' ').slice(0, 60);
    return `<${hit.tagName.toLowerCase()}${attrs}>` + (text ? ` "${text}"` : '');
}"""


class Form:
    """Fills a form like a person would, noting controls that another element covers.

    A covered control is still filled (by script) so that the rest of the flow is tested;
    ``assert_usable`` at the end of the test fails with the list.
    """

    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []

    def _reach(self, selector: str) -> Any:
        control = self.page.locator(selector)
        covered_by = control.evaluate(COVERED_BY)
        if covered_by is not None:
            self._note(selector, covered_by)
        return control, covered_by is None

    def reach_all(self, selector: str) -> None:
        """Every control ``selector`` matches (e.g. all options of a group) can be clicked."""
        for control in self.page.locator(selector).all():
            covered_by = control.evaluate(COVERED_BY)
            if covered_by is not None:
                value = control.get_attribute("value")
                self._note(f"{selector}[value={value}]", covered_by)

    def _note(self, selector: str, covered_by: str) -> None:
        path = self.page.url.split("://", 1)[-1].split("/", 1)[-1]
        self.problems.append(f"/{path}: {selector} is covered by {covered_by}")

    def tick(self, selector: str) -> None:
        control, reachable = self._reach(selector)
        if reachable:
            control.check()
        else:
            control.evaluate("el => { if (!el.checked) el.click(); }")
        assert control.is_checked(), selector

    def fill(self, selector: str, value: str) -> None:
        control, _reachable = self._reach(selector)
        control.fill(value)

    def choose(self, selector: str, value: str) -> None:
        control, _reachable = self._reach(selector)
        control.select_option(value)

    def assert_usable(self) -> None:
        if self.problems:
            pytest.fail(
                "Form controls a coordinator cannot click, because another element lies on top:\n"
                + "\n".join(self.problems),
                pytrace=False,
            )


def status_badge(page: Any) -> str:
    return page.locator("main .utrecht-status-badge").inner_text().strip()


def list_row(page: Any, family: Family) -> Any:
    return page.locator("main tbody tr", has=page.locator(f"a[href='/gezinnen/{family.pk}/']"))


def test_intake_from_first_conversation_to_suitability(page: Any) -> None:
    world = build_world()
    coordinator = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht)
    today = timezone.localdate()
    helpline_day = today - timedelta(days=1)

    form = Form(page)
    log_in_as_coordinator(page, coordinator.email)

    # The "new applications" list is the default tab and holds the family.
    assert page.locator("nav a.app-tabs__link[aria-current=page]").get_attribute("href") == (
        "?lijst=nieuw"
    )
    row = list_row(page, family)
    assert row.count() == 1
    assert family.name in row.inner_text()
    assert "nieuwe aanmelding" in row.inner_text()
    with page.expect_navigation():
        row.locator("a").first.click()
    assert page.url.endswith(f"/gezinnen/{family.pk}/"), page.url
    assert status_badge(page) == "nieuwe aanmelding"

    # Conversation 1.
    open_family_link(page, family, "gesprek/1/")
    assert page.locator("main h1").inner_text().strip() == "Gesprek 1"
    check_accessibility(page)
    form.fill("input[name=held_on]", today.isoformat())
    form.fill("input[name=attendees]", "Sanne en de coördinator")
    form.fill("textarea[name=goes_well]", "De kinderen gaan graag naar school.")
    form.fill("textarea[name=is_hard]", "Sanne werkt avonden en staat er alleen voor.")
    form.tick("input[name=support_wanted][value=fixed_afternoon]")
    form.tick("input[name=day_parts][value=wed_afternoon]")
    form.tick("input[name=day_parts][value=sat_morning]")
    form.choose("select[name=poverty]", "unknown")
    response = save(page)
    expect_saved(page, response, family, "Het gesprek is opgeslagen.")

    assert status_badge(page) == "kennismaking"
    conversations = page.locator("main section[aria-labelledby=h-conversations]")
    card = conversations.locator("article.app-card").filter(has_text="Gesprek 1")
    assert card.count() == 1
    card_text = card.inner_text()
    assert f"Gehouden op {dutch_date(today, 'j F Y')}" in card_text
    assert "De kinderen gaan graag naar school." in card_text
    assert "Sanne werkt avonden en staat er alleen voor." in card_text
    assert "onbekend" in card_text  # poverty
    check_accessibility(page)

    # Deciding "suitable" after one conversation is refused; the typed reason stays.
    open_family_link(page, family, "besluit/")
    assert page.locator("main h1").inner_text().strip() == "Geschiktheid"
    form.reach_all("input[name=outcome]")
    check_accessibility(page)
    # Nothing chosen: both fields say what is missing.
    response = save(page)
    assert response.status == 400
    invalid = page.locator("main .utrecht-form-field--invalid")
    assert invalid.count() == 2, error_text(page)
    assert all("Dit veld is verplicht." in text for text in invalid.all_inner_texts())
    assert page.locator("input[name=outcome][aria-invalid=true]").count() == 4
    assert page.locator("fieldset[aria-describedby~=id_outcome_error]").count() == 1
    assert page.locator("textarea[name=reason]").get_attribute("aria-invalid") == "true"
    check_accessibility(page)

    reason = "Het gezin heeft weinig netwerk; een vaste middag helpt."
    form.tick("input[name=outcome][value=waiting]")
    form.fill("textarea[name=reason]", reason)
    response = save(page)
    assert response.status == 400
    alert = page.locator("main .utrecht-alert--error[role=alert]")
    assert "Leg eerst beide gesprekken vast" in alert.inner_text(), error_text(page)
    assert page.locator("textarea[name=reason]").input_value() == reason
    assert page.locator("input[name=outcome][value=waiting]").is_checked()
    check_accessibility(page)
    family.refresh_from_db()
    assert family.status == Status.INTAKE

    # Conversation 2, with the date the parent helpline was mentioned.
    with page.expect_navigation():
        page.locator(f"main a[href='/gezinnen/{family.pk}/']").first.click()
    open_family_link(page, family, "gesprek/2/")
    assert page.locator("main h1").inner_text().strip() == "Gesprek 2"
    form.fill("input[name=held_on]", today.isoformat())
    form.fill("textarea[name=goes_well]", "Sanne heeft een nieuwe baan overdag.")
    form.fill("input[name=helpline_mentioned_on]", helpline_day.isoformat())
    response = save(page)
    expect_saved(page, response, family, "Het gesprek is opgeslagen.")
    card = conversations.locator("article.app-card").filter(has_text="Gesprek 2")
    assert f"genoemd op {dutch_date(helpline_day, 'j F Y')}" in card.inner_text()

    # Now "suitable" puts the family on the waiting list.
    open_family_link(page, family, "besluit/")
    form.tick("input[name=outcome][value=waiting]")
    form.fill("textarea[name=reason]", reason)
    response = save(page)
    expect_saved(page, response, family, "Het besluit is vastgelegd.")
    assert status_badge(page) == "wachtlijst"
    assert "wacht 0 dagen" in page.locator("main").inner_text()
    assert reason in page.locator("main section[aria-labelledby=h-family]").inner_text()
    check_accessibility(page)
    page.screenshot(path=f"{SCREENSHOT_DIR}/bg-intake-family.png", full_page=True)

    # The waiting list: 0 days waiting, and when the parent helpline was mentioned.
    page.goto("/gezinnen/?lijst=wachtlijst")
    assert page.locator("nav a.app-tabs__link[aria-current=page]").inner_text().strip() == (
        "Wachtlijst"
    )
    headers = page.locator("main thead th").all_inner_texts()
    assert [h.strip() for h in headers[3:]] == ["Dagen wachtend", "Oudertelefoon genoemd"]
    row = list_row(page, family)
    assert row.count() == 1
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert family.name in cells[0]
    assert cells[2] == "wachtlijst"
    assert cells[3].split()[0] == "0"
    assert f"sinds {dutch_date(today, 'j b Y')}" in cells[3]
    assert cells[4] == dutch_date(helpline_day, "j b Y")
    check_accessibility(page)
    page.screenshot(path=f"{SCREENSHOT_DIR}/bg-intake-waiting-list.png", full_page=True)

    # And it left the new and intake lists.
    for key in ("nieuw", "kennismaking"):
        page.goto(f"/gezinnen/?lijst={key}")
        assert list_row(page, family).count() == 0, key

    form.assert_usable()


def test_screening_of_a_support_family(page: Any) -> None:
    world = build_world()
    coordinator = world.users["coordinator_utrecht"]
    criteria = [
        CompetenceCriterion.objects.create(name="Biedt structuur en rust", position=1),
        CompetenceCriterion.objects.create(
            name="Werkt samen met de ouders", description="Respecteert de opvoeding.", position=2
        ),
    ]
    family = make_family(world.utrecht, kind=Kind.SUPPORT)
    parent = family.people.get()
    today = timezone.localdate()

    form = Form(page)
    log_in_as_coordinator(page, coordinator.email)
    page.goto(f"/gezinnen/{family.pk}/")
    assert status_badge(page) == "nieuwe aanmelding"

    # Two screening conversations; the form has no intake topics for a support family.
    for number, text in ((1, "Wil graag iets betekenen in de buurt."), (2, "Huis bekeken.")):
        open_family_link(page, family, f"gesprek/{number}/")
        assert page.locator("input[name=support_wanted]").count() == 0
        assert page.locator("input[name=helpline_mentioned_on]").count() == 0
        form.fill("input[name=held_on]", today.isoformat())
        form.fill("textarea[name=goes_well]", text)
        response = save(page)
        expect_saved(page, response, family, "Het gesprek is opgeslagen.")
        assert status_badge(page) == "screening"
        assert text in page.locator("main section[aria-labelledby=h-conversations]").inner_text()

    # The competence profile: both criteria "meets it", with a note.
    open_family_link(page, family, "competenties/")
    assert page.locator("main h1").inner_text().strip() == "Competentieprofiel"
    check_accessibility(page)
    for criterion in criteria:
        form.choose(f"select[name=rating_{criterion.pk}]", "meets")
        form.fill(f"textarea[name=note_{criterion.pk}]", f"Gezien: {criterion.name}.")
    response = save(page)
    expect_saved(page, response, family, "Het competentieprofiel is opgeslagen.")
    profile = page.locator("main section[aria-labelledby=h-family]").inner_text()
    for criterion in criteria:
        assert f"{criterion.name}: voldoet \N{EN DASH} Gezien: {criterion.name}." in profile

    # What the family offers.
    open_family_link(page, family, "aanbod/")
    assert page.locator("main h1").inner_text().strip() == "Wat zij bieden"
    check_accessibility(page)
    form.tick("input[name=day_parts][value=wed_afternoon]")
    form.tick("input[name=day_parts][value=sat_afternoon]")
    form.choose("select[name=frequency]", "fortnightly")
    form.tick("input[name=sleepovers]")
    form.fill("input[name=max_children]", "2")
    form.fill("input[name=min_child_age]", "4")
    form.fill("input[name=max_child_age]", "12")
    form.fill("input[name=max_travel_km]", "3")
    form.tick("input[name=support_types][value=homework]")
    response = save(page)
    expect_saved(page, response, family, "Het aanbod is opgeslagen.")
    offer = Family.objects.get(pk=family.pk).offer
    assert offer.day_parts == ["wed_afternoon", "sat_afternoon"]
    assert (offer.sleepovers, offer.max_children, offer.min_child_age) == (True, 2, 4)
    assert (offer.max_child_age, offer.max_travel_km) == (12, 3)
    summary = page.locator("main section[aria-labelledby=h-family]").inner_text()
    assert "om de week" in summary, summary
    assert "hoogstens 2, van 4 tot 12 jaar" in summary, summary
    assert "3 km" in summary, summary

    # Without a VOG the family shows up in the "VOG missing" list ...
    page.goto("/gezinnen/?lijst=vog")
    assert list_row(page, family).count() == 1

    # ... and approval is refused, naming the VOG.
    page.goto(f"/gezinnen/{family.pk}/besluit/")
    assert page.locator("main h1").inner_text().strip() == "Besluit na screening"
    form.reach_all("input[name=outcome]")
    form.tick("input[name=outcome][value=available]")
    form.fill("textarea[name=reason]", "Past goed bij gezinnen in de wijk.")
    response = save(page)
    assert response.status == 400
    alert = page.locator("main .utrecht-alert--error[role=alert]").inner_text()
    assert "VOG" in alert, alert
    assert "competentieprofiel" not in alert.lower(), alert  # the profile is complete
    check_accessibility(page)

    # The VOG of the support parent.
    page.goto(f"/gezinnen/{family.pk}/")
    open_family_link(page, family, f"vog/{parent.pk}/")
    assert page.locator("main h1").inner_text().strip() == f"VOG van {parent}"
    check_accessibility(page)
    form.fill("input[name=requested_on]", (today - timedelta(days=30)).isoformat())
    form.fill("input[name=received_on]", (today - timedelta(days=3)).isoformat())
    form.fill("input[name=issued_on]", (today - timedelta(days=10)).isoformat())
    form.tick("input[name=checked]")
    response = save(page)
    expect_saved(page, response, family, "De VOG is opgeslagen.")
    people = page.locator("main section[aria-labelledby=h-family]").inner_text()
    assert f"afgegeven {dutch_date(today - timedelta(days=10), 'j b Y')}" in people, people
    assert f"gecontroleerd door {coordinator.get_full_name()}" in people, people

    # Now approval works.
    open_family_link(page, family, "besluit/")
    form.tick("input[name=outcome][value=available]")
    form.fill("textarea[name=reason]", "Past goed bij gezinnen in de wijk.")
    response = save(page)
    expect_saved(page, response, family, "Het besluit is vastgelegd.")
    assert status_badge(page) == "beschikbaar"
    check_accessibility(page)
    page.screenshot(path=f"{SCREENSHOT_DIR}/bg-screening-family.png", full_page=True)

    page.goto("/gezinnen/?lijst=beschikbaar")
    row = list_row(page, family)
    assert row.count() == 1
    assert re.search(r"\bbeschikbaar\b", row.inner_text())
    check_accessibility(page)

    page.goto("/gezinnen/?lijst=vog")
    assert list_row(page, family).count() == 0
    assert "Geen gezinnen in deze lijst." in page.locator("main tbody").inner_text()

    form.assert_usable()
