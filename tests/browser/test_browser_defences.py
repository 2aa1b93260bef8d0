"""The Content-Security-Policy is live in a real browser: our pages run under it without a single
refusal, and script that gets into a page anyway (inline, as an event handler, through eval) does
not run (decision 29)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from buurtgezinnen.families.models import CompetenceCriterion, Kind
from tests.browser.conftest import check_accessibility
from tests.browser.test_intake_screening import log_in_as_coordinator
from tests.conftest import build_world
from tests.families.factories import make_family

PAYLOAD = '"><img src=x onerror="window.__stored = true">'

INJECT = """() => new Promise((resolve) => {
    const refused = [];
    document.addEventListener('securitypolicyviolation', (event) => {
        refused.push(event.effectiveDirective);
    });
    window.__inline = false;
    window.__handler = false;
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true;';
    document.body.appendChild(script);
    const holder = document.createElement('div');
    holder.innerHTML = '<img src="/static/css/app.css?x" onerror="window.__handler = true">';
    document.body.appendChild(holder);
    // Later, as a task of the page: DevTools allows eval only while its own evaluation runs.
    let evaluated = 'not yet';
    setTimeout(() => {
        try { eval('1 + 1'); evaluated = 'ran'; } catch (error) { evaluated = error.name; }
    }, 0);
    setTimeout(() => resolve({
        inline: window.__inline,
        handler: window.__handler,
        evaluated: evaluated,
        refused: refused.sort(),
    }), 500);
})"""


def test_script_that_gets_into_a_page_does_not_run(page: Any) -> None:
    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    check_accessibility(page)
    # htmx runs, from our own file, without the inline <style> it would add by default.
    assert page.evaluate("() => typeof htmx !== 'undefined' && !htmx.config.allowEval")
    assert page.evaluate("() => document.querySelectorAll('style').length") == 0

    result = page.evaluate(INJECT)
    assert result["inline"] is False and result["handler"] is False
    assert result["evaluated"] == "EvalError"
    assert set(result["refused"]) == {"script-src-elem", "script-src-attr", "script-src"}
    # The browser said so in the console; that was the point here, not an error of the page.
    assert any("Content Security Policy" in line for line in page.policy_errors)
    page.policy_errors.clear()


def test_a_stored_payload_neither_renders_nor_runs(page: Any) -> None:
    world = build_world()
    CompetenceCriterion.objects.create(name="Stabiel", description=PAYLOAD)
    family = make_family(world.utrecht, kind=Kind.SUPPORT)
    log_in_as_coordinator(page, world.users["coordinator_utrecht"].email)
    page.goto(reverse("families:assessments", args=[family.pk]))
    assert page.get_by_text(PAYLOAD).is_visible()  # shown as text …
    assert page.evaluate("() => window.__stored === undefined")  # … and never run
    assert page.locator("main img").count() == 0
    check_accessibility(page)
