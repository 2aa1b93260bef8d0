"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test in this folder is marked ``browser``. Without a Chromium at CHROMIUM_PATH the tests
skip, except in CI, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache

from tests.conftest import TOTP_SECRET, in_ci

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# every ORM call made from that thread (building the test world, for one).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_PATH = HERE / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
VIEWPORT = {"width": 1280, "height": 900}
# How long Playwright waits for an element or a page before it fails. A wait, not a speed bound:
# a page that never shows fails after it; under a load of 12 on two cores a page took more than
# 10 s (tests/browser/test_stand_in.py), so the wait is 30 s.
TIMEOUT_MS = 30_000
TOTP_PERIOD = 30


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM_PATH):
        message = f"no Chromium at {CHROMIUM_PATH} (apt-get install -y chromium)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def deduce() -> None:
    """The deeper check's deduce, loaded before a page waits for it (seconds, once a process)."""
    from buurtgezinnen.recruitment import deep_check

    deep_check.get_deduce()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # The live server runs in this process: allauth's rate limits and used-TOTP-code marks live
    # in the shared locmem cache and must not leak from one test into the next.
    cache.clear()
    yield
    cache.clear()


# What Chromium logs when the page's Content-Security-Policy or Permissions-Policy refuses
# something (or cannot be read): any of these fails the test that visited the page.
POLICY_MESSAGES = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


def open_page(browser: Any, live_server: Any) -> Any:
    """A page in a context of its own (a second person at another browser), whose policy
    refusals are noted for ``check_accessibility`` and the ``page`` fixture."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.policy_errors = []

    def note_refusal(message: Any) -> None:
        if any(marker in message.text for marker in POLICY_MESSAGES):
            page.policy_errors.append(f"{page.url}: {message.text}")

    page.on("console", note_refusal)
    return page


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None) -> Iterator[Any]:
    page = open_page(browser, live_server)
    yield page
    page.context.close()
    if page.policy_errors:
        pytest.fail("\n".join(["The browser refused something:", *page.policy_errors]))


def check_accessibility(page: Any) -> None:
    """Runs axe-core's WCAG 2.0/2.1 A and AA rules; fails on serious or critical violations.

    Also fails when the page's policies refused something so far. axe is evaluated through the
    DevTools protocol: the page's CSP rightly blocks an inline <script>, and switching the CSP
    off (bypass_csp) would test another page than the one users get."""
    errors = getattr(page, "policy_errors", None)
    assert errors is not None, "open the page with open_page(), so its refusals are noted"
    assert not errors, errors
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.map((n) => n.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"{len(blocking)} serious/critical accessibility violation(s) on {page.url}:"]
        for v in blocking:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            lines.extend(f"    {target}" for target in v["targets"])
        pytest.fail("\n".join(lines), pytrace=False)


def totp_code(secret: str = TOTP_SECRET, *, margin: float = 10.0) -> str:
    """The current code for ``secret``; waits for the next period if this one nearly ended.

    The server accepts the current period's code only (allauth's TOTP tolerance is 0), and the
    browser types and submits it after this returns: the margin is the time that may take on a
    busy machine before the code runs out."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < margin:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


def wrong_totp_code(secret: str = TOTP_SECRET) -> str:
    """A code that is certainly wrong: not valid in the previous, current or next period."""
    counter = int(time.time()) // TOTP_PERIOD
    valid = {format_hotp_value(hotp_value(secret, counter + i)) for i in range(-2, 3)}
    return next(c for c in ("000000", "111111", "123456", "999999") if c not in valid)
