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

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.org import actions
from buurtgezinnen.org.models import Role, RoleAssignment
from tests.conftest import ACTORS, World, client_for, make_user

ACTOR_NAMES = ["anonymous", *ACTORS]
NATIONAL = frozenset({Role.NATIONAL_OFFICE})
SEES_MUNICIPALITIES = frozenset(
    {Role.NATIONAL_OFFICE, Role.COORDINATOR, Role.REGIONAL_COORDINATOR, Role.MUNICIPALITY_CONTACT}
)
# Which municipalities' organisation data each actor may see (written out, not computed).
ORGANISATION_SCOPE: dict[str, set[str]] = {
    "coordinator_utrecht": {"utrecht"},
    "coordinator_amersfoort": {"amersfoort"},
    "regional_utrecht": {"utrecht", "zeist"},
    "regional_eemland": {"amersfoort"},
    "national_office": {"utrecht", "zeist", "amersfoort"},
    "contact_utrecht": {"utrecht"},
    "contact_amersfoort": {"amersfoort"},
    "helpline": set(),
    "no_role": set(),
}

ObjectFactory = Callable[[World, str], tuple[dict[str, Any], str | None]]


def municipality_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    target = world.utrecht if side == "utrecht" else world.amersfoort
    return {"pk": target.pk}, target.slug


def region_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    target = world.utrecht_region if side == "utrecht" else world.eemland
    return {"pk": target.pk}, None


def user_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    key = "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    return {"pk": world.users[key].pk}, None


_serial = itertools.count()


def fresh_assignment_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    # Each request gets its own assignment: a successful removal must not spoil the next one.
    target = world.utrecht if side == "utrecht" else world.amersfoort
    person = make_user(f"colleague_{next(_serial)}", with_totp=False)
    assignment = actions.assign_role(
        user=person, by=None, role=Role.COORDINATOR, municipality=target
    )
    return {"pk": assignment.pk}, None


@dataclass(frozen=True)
class Rule:
    """Who may use a URL. ``roles`` empty with ``public`` False means: any logged-in user."""

    public: bool = False
    roles: frozenset[str] = frozenset()
    objects: ObjectFactory | None = None
    method: str = "GET"
    data: dict[str, Any] = field(default_factory=dict)
    ok: tuple[int, ...] = (200,)
    max_queries: int = 20
    scoped: bool = False  # objects outside the actor's organisation scope answer 404
    logs_read: bool = False
    fixed_kwargs: dict[str, Any] = field(default_factory=dict)
    anonymous_to_login: bool = True


PUBLIC_PAGE = Rule(public=True, ok=(200, 302), max_queries=16)

RULES: dict[str, Rule] = {
    "home": PUBLIC_PAGE,
    "set_language": Rule(
        public=True, method="POST", data={"language": "en", "next": "/"}, ok=(302,)
    ),
    "account_login": PUBLIC_PAGE,
    # Logged out already: allauth sends an anonymous visitor to the home page.
    "account_logout": Rule(ok=(200,), max_queries=16, anonymous_to_login=False),
    "account_inactive": PUBLIC_PAGE,
    "account_reauthenticate": Rule(ok=(200,), max_queries=16),
    "account_change_password": Rule(ok=(200,), max_queries=16),
    "account_reset_password": PUBLIC_PAGE,
    "account_reset_password_done": PUBLIC_PAGE,
    "account_reset_password_from_key": Rule(
        public=True, ok=(200, 302), fixed_kwargs={"uidb36": "1", "key": "set-password"}
    ),
    "account_reset_password_from_key_done": PUBLIC_PAGE,
    # Only during a login with a second step; otherwise it sends the user on.
    "mfa_authenticate": Rule(public=True, ok=(302,)),
    "mfa_index": Rule(ok=(200,), max_queries=16),
    "mfa_reauthenticate": Rule(ok=(200,), max_queries=16),
    "mfa_activate_totp": Rule(ok=(200, 302), max_queries=16),
    "mfa_view_recovery_codes": Rule(ok=(200, 302), max_queries=16),
    "mfa_generate_recovery_codes": Rule(ok=(200, 302), max_queries=16),
    "mfa_download_recovery_codes": Rule(ok=(200, 302, 404), max_queries=16),
    "start": Rule(max_queries=10),
    "org:region_list": Rule(roles=NATIONAL, max_queries=10),
    "org:region_create": Rule(roles=NATIONAL, max_queries=10),
    "org:region_edit": Rule(roles=NATIONAL, objects=region_kwargs, max_queries=10),
    "org:municipality_list": Rule(roles=SEES_MUNICIPALITIES, max_queries=10),
    "org:municipality_create": Rule(roles=NATIONAL, max_queries=16),
    "org:municipality_detail": Rule(
        roles=SEES_MUNICIPALITIES, objects=municipality_kwargs, scoped=True, max_queries=10
    ),
    "org:municipality_edit": Rule(roles=NATIONAL, objects=municipality_kwargs, max_queries=16),
    "org:user_list": Rule(roles=NATIONAL, max_queries=12),
    "org:user_create": Rule(roles=NATIONAL, max_queries=10),
    "org:user_detail": Rule(roles=NATIONAL, objects=user_kwargs, logs_read=True, max_queries=14),
    "org:user_edit": Rule(roles=NATIONAL, objects=user_kwargs, max_queries=10),
    "org:assignment_add": Rule(
        roles=NATIONAL,
        objects=user_kwargs,
        method="POST",
        data={"role": Role.HELPLINE_VOLUNTEER},
        ok=(302,),
        max_queries=30,
    ),
    "org:assignment_remove": Rule(
        roles=NATIONAL, objects=fresh_assignment_kwargs, method="POST", ok=(302,), max_queries=30
    ),
    "audit:change_log": Rule(roles=NATIONAL, max_queries=16),
    "audit:access_log": Rule(roles=NATIONAL, max_queries=16),
}


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
    if rule.scoped and side is not None and side not in ORGANISATION_SCOPE[actor]:
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
