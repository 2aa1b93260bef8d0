"""The public application forms in a real browser: a family and a support family sign up, and
a mistake comes back at the field with everything typed still in place. axe runs on each page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext

from buurtgezinnen.families.models import Family, Kind
from buurtgezinnen.geo.postcodes import MalformedPostcode
from buurtgezinnen.org import actions as org_actions
from tests.browser.conftest import check_accessibility
from tests.browser.test_login import SCREENSHOT_DIR
from tests.conftest import build_world


def dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


def send(page: Any) -> Any:
    """Clicks the form's submit button; returns the response."""
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post] button[type=submit]").click()
    return navigation.value


def field_error(page: Any, field_id: str) -> str:
    """The error shown at a field, checked to be tied to the field for screen readers."""
    field = page.locator(f"#{field_id}")
    error = page.locator(f"#{field_id}_error")
    assert error.is_visible(), field_id
    assert field.get_attribute("aria-invalid") == "true", field_id
    assert f"{field_id}_error" in (field.get_attribute("aria-describedby") or ""), field_id
    return error.inner_text().strip()


def fill_request_form(page: Any, *, postcode: str, born: str) -> None:
    page.locator("#id_first_name").fill("Fatima")
    page.locator("#id_last_name").fill("El Amrani")
    page.locator("#id_email").fill("fatima@example.nl")
    page.locator("#id_phone").fill("06 12345678")
    page.locator("#id_street").fill("Oudegracht")
    page.locator("#id_house_number").fill("12")
    page.locator("#id_postcode").fill(postcode)
    page.locator("#id_place").fill("Utrecht")
    page.locator("#id_child-0-first_name").fill("Yara")
    page.locator("#id_child-0-date_of_birth").fill(born)
    page.locator("#id_note").fill("Een vaste middag per week.")
    page.locator("#id_channel").select_option("school")
    page.locator("#id_consent").check()
    page.locator("#id_children_consent").check()


def test_a_family_signs_up(page: Any) -> None:
    world = build_world()
    page.goto("/utrecht/")
    check_accessibility(page)
    with page.expect_navigation():
        page.locator("main a[href='/aanmelden/vraaggezin/?gemeente=utrecht']").click()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("#id_homepage").get_attribute("tabindex") == "-1"
    # The honeypot sits in a 1-pixel, clipped box: out of sight.
    box = page.locator("div.app-visually-hidden:has(#id_homepage)").bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1, box
    check_accessibility(page)

    born = (timezone.localdate() - timedelta(days=365 * 6)).isoformat()
    fill_request_form(page, postcode="3511 AB", born=born)
    response = send(page)

    assert response.ok
    assert page.url.endswith("/aanmelden/bedankt/?soort=vraaggezin"), page.url
    assert page.locator("main a[href='https://www.oudertelefoon.nl']").count() == 1
    assert "Fatima" not in page.content()
    check_accessibility(page)
    family = Family.objects.get()
    assert family.municipality == world.utrecht
    assert family.children.get().first_name == "Yara"


def test_mistakes_show_at_the_field_and_keep_what_was_typed(page: Any) -> None:
    build_world()
    page.goto("/aanmelden/vraaggezin/")
    future = (timezone.localdate() + timedelta(days=10)).isoformat()
    fill_request_form(page, postcode="35 11", born=future)
    response = send(page)

    assert response.status == 200
    assert page.url.endswith("/aanmelden/vraaggezin/"), page.url
    assert field_error(page, "id_postcode") == MalformedPostcode.default_message
    assert field_error(page, "id_child-0-date_of_birth") == dutch(
        "A date of birth cannot be in the future."
    )
    # The summary at the top links to both fields.
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.locator("a[href='#id_postcode']").count() == 1
    assert summary.locator("a[href='#id_child-0-date_of_birth']").count() == 1
    # Everything typed is still there.
    assert page.locator("#id_postcode").input_value() == "35 11"
    assert page.locator("#id_child-0-date_of_birth").input_value() == future
    assert page.locator("#id_child-0-first_name").input_value() == "Yara"
    assert page.locator("#id_last_name").input_value() == "El Amrani"
    assert page.locator("#id_email").input_value() == "fatima@example.nl"
    assert page.locator("#id_note").input_value() == "Een vaste middag per week."
    assert page.locator("#id_channel").input_value() == "school"
    assert page.locator("#id_consent").is_checked()
    check_accessibility(page)
    page.screenshot(path=f"{SCREENSHOT_DIR}/bg-public-request-errors.png", full_page=True)
    assert not Family.objects.exists()

    # Corrected, it goes through.
    page.locator("#id_postcode").fill("3511 AB")
    page.locator("#id_child-0-date_of_birth").fill(
        (timezone.localdate() - timedelta(days=400)).isoformat()
    )
    response = send(page)
    assert response.ok
    assert page.url.endswith("/aanmelden/bedankt/?soort=vraaggezin"), page.url
    assert Family.objects.count() == 1


def fill_support_form(page: Any, *, email: str) -> None:
    page.locator("#id_first_name").fill("Kees")
    page.locator("#id_last_name").fill("de Vries")
    page.locator("#id_email").fill(email)
    page.locator("#id_partner_first_name").fill("Anouk")
    page.locator("#id_partner_last_name").fill("Bakker")
    page.locator("#id_street").fill("Lange Nieuwstraat")
    page.locator("#id_house_number").fill("3")
    page.locator("#id_postcode").fill("3512 PA")
    page.locator("#id_place").fill("Utrecht")
    page.locator("#id_note").fill("We hebben tijd en ruimte.")
    page.locator("#id_consent").check()


def test_a_support_family_signs_up(page: Any) -> None:
    world = build_world()
    page.goto("/utrecht/")
    with page.expect_navigation():
        page.locator("main a[href='/aanmelden/steungezin/?gemeente=utrecht']").click()
    check_accessibility(page)

    fill_support_form(page, email="kees@example.nl")
    response = send(page)

    assert response.ok
    assert page.url.endswith("/aanmelden/bedankt/?soort=steungezin"), page.url
    assert page.locator("main a[href='https://www.oudertelefoon.nl']").count() == 0
    check_accessibility(page)
    family = Family.objects.get()
    assert (family.kind, family.municipality) == (Kind.SUPPORT, world.utrecht)
    assert family.people.count() == 2


def test_a_support_family_with_a_wrong_email_address(page: Any) -> None:
    build_world()
    page.goto("/aanmelden/steungezin/")
    fill_support_form(page, email="kees@@example")
    response = send(page)

    assert response.status == 200
    assert field_error(page, "id_email") == dutch("Enter a valid email address.")
    assert page.locator("#id_email").input_value() == "kees@@example"
    assert page.locator("#id_first_name").input_value() == "Kees"
    assert page.locator("#id_partner_first_name").input_value() == "Anouk"
    assert page.locator("#id_postcode").input_value() == "3512 PA"
    assert page.locator("#id_note").input_value() == "We hebben tijd en ruimte."
    assert page.locator("#id_consent").is_checked()
    check_accessibility(page)
    assert not Family.objects.exists()


def test_outside_the_programme_the_family_can_leave_its_details(page: Any) -> None:
    build_world()
    page.goto("/aanmelden/vraaggezin/")
    born = (timezone.localdate() - timedelta(days=365 * 3)).isoformat()
    fill_request_form(page, postcode="1011 AB", born=born)
    response = send(page)

    assert response.status == 200
    assert "Amsterdam" in page.locator("main h1").inner_text()
    assert page.locator("#id_name").input_value() == "Fatima El Amrani"
    assert page.locator("#id_email").input_value() == "fatima@example.nl"
    check_accessibility(page)
    page.locator("#id_consent").check()
    response = send(page)
    assert response.ok
    assert page.url.endswith("/aanmelden/interesse/bedankt/"), page.url
    check_accessibility(page)
    assert not Family.objects.exists()


def test_public_pages_fit_a_phone_screen(page: Any) -> None:
    world = build_world()
    org_actions.save_municipality(
        by=None,
        cbs_code="GM0363",
        name="Amsterdam",
        slug="amsterdam",
        region=world.utrecht_region,
        facebook_url="https://www.facebook.com/buurtgezinnen",
    )
    page.set_viewport_size({"width": 360, "height": 740})
    for path in (
        "/utrecht/",
        "/amsterdam/",
        "/aanmelden/vraaggezin/",
        "/aanmelden/steungezin/",
        "/aanmelden/interesse/",
        "/aanmelden/bedankt/?soort=vraaggezin",
    ):
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
        check_accessibility(page)
    page.screenshot(path=f"{SCREENSHOT_DIR}/bg-public-thanks-phone.png", full_page=True)
