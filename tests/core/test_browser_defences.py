"""Every response carries the browser's second wall: a Content-Security-Policy without inline
script or eval, a Permissions-Policy that switches every powerful feature off, and
``Cache-Control: no-store`` (decision 29).

The walk uses the permission matrix's rules (tests/test_permission_matrix.py): every URL, asked
by an anonymous visitor and by the first actor the matrix lets in, on an object of Utrecht.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.views.decorators.cache import cache_control

from buurtgezinnen.core.middleware import BrowserDefencesMiddleware
from tests.conftest import ACTORS, World, client_for
from tests.test_permission_matrix import RULES, expected_status

CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
FEATURES_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")


def defence_problems(response: Any) -> list[str]:
    problems = []
    policy = response.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(None, (p.strip() for p in policy.split(";"))):
        name, _, value = part.partition(" ")
        directives[name] = value
    if directives != CSP_DIRECTIVES:
        problems.append(f"Content-Security-Policy is {policy!r}")
    if "unsafe" in policy:
        problems.append("the CSP allows something unsafe")
    permissions = response.get("Permissions-Policy", "")
    problems += [f"{f} not off" for f in FEATURES_OFF if f"{f}=()" not in permissions]
    if "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control is {response.get('Cache-Control')!r}")
    return problems


def _allowed_actor(rule: Any, slug: str | None) -> str:
    for actor in ACTORS:
        if expected_status(rule, actor, slug) == rule.ok:
            return actor
    raise AssertionError("no actor may use this URL")


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_response_carries_the_browser_defences(name: str, world: World) -> None:
    rule = RULES[name]
    failures = []
    for who in ("anonymous", "allowed"):
        kwargs: dict[str, Any] = dict(rule.fixed_kwargs)
        slug = None
        if rule.objects is not None:
            extra, slug = rule.objects(world, "utrecht")
            kwargs.update(extra)
        actor = "anonymous" if who == "anonymous" else _allowed_actor(rule, slug)
        client = client_for(None if actor == "anonymous" else world.users[actor])
        url = reverse(name, kwargs=kwargs or None)
        response = getattr(client, rule.method.lower())(url, rule.data)
        problems = defence_problems(response)
        if problems:
            failures.append(f"{actor} ({response.status_code}): {'; '.join(problems)}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_error_pages_carry_them_too(world: World) -> None:
    assert not defence_problems(client_for(None).get("/bestaat-niet/echt-niet/"))
    assert not defence_problems(client_for(world.users["helpline"]).get(reverse("org:user_list")))


def _view_allowing_cache(request: HttpRequest) -> HttpResponse:
    return cache_control(public=True, max_age=600)(lambda r: HttpResponse("ok"))(request)


@pytest.mark.django_db
def test_a_public_page_may_allow_caching_but_never_for_a_logged_in_user(world: World) -> None:
    middleware = BrowserDefencesMiddleware(_view_allowing_cache)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert middleware(request)["Cache-Control"] == "public, max-age=600"
    request.user = world.users["coordinator_utrecht"]
    cache = middleware(request)["Cache-Control"]
    assert "no-store" in cache and "public" not in cache and "max-age=0" in cache
