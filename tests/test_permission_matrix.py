"""The permission matrix: every URL, every actor, an object of their own and of another region.

The test walks the URLconf. A URL that is not in ``RULES`` fails ``test_every_url_is_classified``:
whoever adds a page says here who may use it. For every rule, every actor is tried:

* anonymous users are sent to the login page for anything that is not public;
* a user without the role gets 403;
* a user with the role gets 404 for an object outside their scope (existence stays hidden) and
  the page for one inside it, within the rule's bound on database queries;
* pages that show a personal record leave an entry in the access log.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.org.models import RoleAssignment
from tests.conftest import ACTORS, World, client_for
from tests.matrix import ACTOR_NAMES, SCOPES, Rule


def _collect_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for package in pkgutil.iter_modules(tests.__path__):
        try:
            module = importlib.import_module(f"tests.{package.name}.matrix_rules")
        except ModuleNotFoundError:
            continue
        overlap = set(rules) & set(module.RULES)
        assert not overlap, f"URLs with two rules: {sorted(overlap)}"
        rules.update(module.RULES)
    return rules


RULES = _collect_rules()


def url_names(patterns: list[Any] | None = None, namespace: str = "") -> list[str]:
    names = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL {pattern.pattern} has no name, so it cannot be classified"
            names.append(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_classified() -> None:
    unknown = sorted(set(url_names()) - set(RULES))
    gone = sorted(set(RULES) - set(url_names()))
    assert not unknown, f"URLs without a rule in the permission matrix: {unknown}"
    assert not gone, f"Rules for URLs that no longer exist: {gone}"


def expected_status(rule: Rule, actor: str, side: str | None) -> tuple[int, ...]:
    if rule.public:
        return rule.ok
    if actor == "anonymous":
        return (302,)
    role, _place = ACTORS[actor]
    if rule.roles and role not in rule.roles:
        return (403,)
    scope = SCOPES[rule.scope]
    if rule.scoped and side is not None and side not in scope[actor]:
        return (404,)
    return rule.ok


@pytest.mark.parametrize("name", sorted(RULES))
def test_permission_matrix(name: str, world: World) -> None:
    rule = RULES[name]
    sides: list[str | None] = ["utrecht", "amersfoort"] if rule.objects else [None]
    failures = []
    for actor in ACTOR_NAMES:
        for side in sides:
            kwargs: dict[str, Any] = dict(rule.fixed_kwargs)
            slug = None
            if rule.objects is not None:
                extra, slug = rule.objects(world, str(side))
                kwargs.update(extra)
            url = reverse(name, kwargs=kwargs or None)
            client = client_for(None if actor == "anonymous" else world.users[actor])
            logged_before = AccessLog.objects.count()
            with CaptureQueriesContext(connection) as queries:
                response = getattr(client, rule.method.lower())(url, rule.data)
            expected = expected_status(rule, actor, slug)
            if response.status_code not in expected:
                failures.append(f"{actor} on {side}: {response.status_code}, expected {expected}")
                continue
            if response.status_code == 302 and actor == "anonymous" and not rule.public:
                target = reverse("account_login") if rule.anonymous_to_login else "/"
                assert response["Location"].startswith(target), (name, response["Location"])
            if response.status_code in rule.ok and len(queries) > rule.max_queries:
                failures.append(f"{actor}: {len(queries)} queries > {rule.max_queries}")
            if rule.logs_read:
                wrote = AccessLog.objects.count() - logged_before
                should = 1 if response.status_code == 200 else 0
                if wrote != should:
                    failures.append(f"{actor} on {side}: {wrote} access-log entries, not {should}")
    assert not failures, "\n".join(failures)


def test_role_assignments_of_actors_match_the_matrix(world: World) -> None:
    # Guards the hand-written ORGANISATION_SCOPE against drift in the fixtures.
    for actor, (role, _place) in ACTORS.items():
        roles = set(
            RoleAssignment.objects.filter(user=world.users[actor]).values_list("role", flat=True)
        )
        assert roles == ({role} if role else set())
