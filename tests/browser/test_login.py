"""Logging in through a real browser: password, two-factor code, first-time setup, lockout."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import check_accessibility, totp_code, wrong_totp_code
from tests.conftest import PASSWORD, build_world, make_user

SCREENSHOT_DIR = "/tmp"  # noqa: S108 -- screenshots are for a person to look at, not for the repo


def submit(page: Any, field: str) -> Any:
    """Clicks the submit button of the form holding input ``field``; returns the response."""
    form = page.locator(f"main form:has(input[name={field}])")
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").first.click()
    return navigation.value


def log_in_with_password(page: Any, email: str, password: str = PASSWORD) -> Any:
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    return submit(page, "password")


def test_login_with_two_factor_code(page: Any) -> None:
    world = build_world()
    user = world.users["coordinator_utrecht"]

    page.goto("/start/")
    assert re.search(r"/account/login/\?next=/start/$", page.url), page.url
    assert page.locator("html").get_attribute("lang") == "nl"
    check_accessibility(page)
    page.screenshot(path=f"{SCREENSHOT_DIR}/bg-login.png", full_page=True)

    response = log_in_with_password(page, user.email)
    assert response.ok
    assert page.url.endswith("/account/2fa/authenticate/"), page.url
    code_input = page.locator("input[name=code]")
    assert code_input.is_visible()
    check_accessibility(page)

    code_input.fill(wrong_totp_code())
    response = submit(page, "code")
    assert page.url.endswith("/account/2fa/authenticate/"), page.url
    code_input = page.locator("input[name=code]")
    assert code_input.get_attribute("aria-invalid") == "true"
    error = page.locator(".utrecht-form-field-description--invalid")
    assert error.is_visible()
    assert error.inner_text().strip()
    # The message is tied to the field for screen readers.
    assert error.get_attribute("id") in (code_input.get_attribute("aria-describedby") or "")
    check_accessibility(page)

    code_input.fill(totp_code())
    response = submit(page, "code")
    assert response.ok
    assert page.url.endswith("/start/"), page.url
    assert page.locator("header").get_by_text(user.first_name).first.is_visible()
    assert page.get_by_role("navigation").count() == 1
    assert page.locator("nav a[aria-current=page]").get_attribute("href") == "/start/"
    assert page.get_by_role("heading", level=1).inner_text().strip()
    check_accessibility(page)
    page.screenshot(path=f"{SCREENSHOT_DIR}/bg-start.png", full_page=True)


def activate_totp(page: Any, email: str) -> None:
    """Logs in a user without two-factor authentication and sets it up on the forced page."""
    page.goto("/account/login/")
    log_in_with_password(page, email)
    assert page.url.endswith("/account/2fa/totp/activate/"), page.url
    check_accessibility(page)

    # The secret is shown as text in a read-only field next to the QR code.
    secret = page.locator("input#authenticator_secret").input_value().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), secret
    page.locator("input[name=code]").fill(totp_code(secret))
    response = submit(page, "code")
    assert response.ok


def test_first_login_sets_up_two_factor(page: Any) -> None:
    user = make_user("newcomer", with_totp=False)
    activate_totp(page, user.email)

    # Setup ends on the recovery codes made along with the authenticator.
    assert page.url.endswith("/account/2fa/recovery-codes/"), page.url
    assert page.locator("main h1").inner_text().strip()
    check_accessibility(page)

    response = page.goto("/start/")
    assert response.ok
    assert page.url.endswith("/start/"), page.url
    assert page.locator("header").get_by_text(user.first_name).first.is_visible()
    assert page.get_by_role("navigation").count() == 1


def test_recovery_codes_follow_activation_without_password(page: Any) -> None:
    user = make_user("newcomer", with_totp=False)
    activate_totp(page, user.email)
    assert page.url.endswith("/account/2fa/recovery-codes/"), page.url


def test_recovery_codes_page_shows_the_codes(page: Any) -> None:
    user = make_user("newcomer", with_totp=False)
    activate_totp(page, user.email)
    assert page.url.endswith("/account/2fa/recovery-codes/"), page.url

    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10, codes
    assert all(re.fullmatch(r"[A-Za-z0-9]{6,}", code) for code in codes), codes


def test_five_wrong_passwords_lock_the_account(page: Any) -> None:
    user = make_user("locked")

    for attempt in range(1, 6):
        page.goto("/account/login/")
        response = log_in_with_password(page, user.email, password="helemaal-niet-het-wachtwoord")
        if attempt < 5:
            # Refused, but not locked yet: the form comes back.
            assert response.status == 200, attempt
            assert page.locator("input[name=password]").count() == 1
        else:
            # The fifth failure locks the account for this connection.
            assert response.status == 429

    page.goto("/account/login/")
    response = log_in_with_password(page, user.email, password=PASSWORD)
    assert response.status == 429
    assert page.locator("main h1").count() == 1
    assert page.locator("main h1").inner_text().strip()
    assert page.locator("input[name=code]").count() == 0
    check_accessibility(page)

    # Not logged in: the start page still sends the browser to the login page.
    page.goto("/start/")
    assert "/account/login/" in page.url, page.url


def test_skip_link_is_the_first_focusable_element(page: Any) -> None:
    page.goto("/account/login/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.evaluate("el => el.matches('a.utrecht-skip-link')")
    assert focused.get_attribute("href") == "#main"
    box = focused.bounding_box()
    assert box is not None
    assert box["width"] > 0 and box["height"] > 0
    viewport = page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= viewport["width"]
    assert box["y"] + box["height"] <= viewport["height"]

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
