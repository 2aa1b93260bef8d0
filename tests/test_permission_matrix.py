"""The permission matrix: every URL, every actor, an object of their own and of another region.

The test walks the URLconf. A URL that is not in ``RULES`` fails ``test_every_url_is_classified``:
whoever adds a page says here who may use it. For every rule, every actor is tried:

* anonymous users are sent to the login page for anything that is not public;
* a user without the role gets 403;
* a user with the role gets 404 for an object outside their scope (existence stays hidden) and
  the page for one inside it, within the rule's bound on database queries;
* pages that show a personal record leave an entry in the access log.

What pages show (``Rule.shows``): before a GET page is requested, every municipality holds marked
families (tests/markers.py). The page must show no marked data of a municipality outside the
viewer's scope, whatever its status code; a list says which kinds of the actor's own data it
must show (``shows_own``). Every GET page without an object must say what it lists.

What forms accept (``Rule.post``): every view that accepts POST is posted, with a valid
submission, by every actor against the other municipality's object; the answer is the login page,
403 or 404 (or the form again, for a choice outside the scope) and the database is unchanged. The
same submission by an actor in scope changes it, so the check cannot pass on invalid data.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.audit.views import logged_labels
from buurtgezinnen.org.models import RoleAssignment
from tests.conftest import ACTORS, World, client_for
from tests.markers import KINDS, Marked, mark_world
from tests.matrix import ACTOR_NAMES, CONCERN_SCOPE, SCOPES, SHOWS, Rule


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


def url_views(patterns: list[Any] | None = None, namespace: str = "") -> dict[str, Callable]:
    views: dict[str, Callable] = {}
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            views.update(url_views(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL {pattern.pattern} has no name, so it cannot be classified"
            views[f"{namespace}{pattern.name}"] = pattern.callback
    return views


def url_names() -> list[str]:
    return list(url_views())


def test_every_url_is_classified() -> None:
    unknown = sorted(set(url_names()) - set(RULES))
    gone = sorted(set(RULES) - set(url_names()))
    assert not unknown, f"URLs without a rule in the permission matrix: {unknown}"
    assert not gone, f"Rules for URLs that no longer exist: {gone}"


def test_every_page_says_what_it_lists() -> None:
    """A page without an object is where lists live: it says what it shows, so no new list can
    skip the check."""
    unclassified = sorted(
        name
        for name, rule in RULES.items()
        if rule.method == "GET" and rule.objects is None and rule.shows is None
    )
    assert not unclassified, f"GET pages without ``shows`` (see tests/matrix.py): {unclassified}"
    wrong = sorted(
        name
        for name, rule in RULES.items()
        if (rule.shows is not None and rule.shows not in SHOWS)
        or not set(rule.shows_own) <= set(KINDS)
        or ((rule.shows_own or rule.variants) and rule.method != "GET")
    )
    assert not wrong, f"Rules with an unknown ``shows`` or ``shows_own``: {wrong}"


# Signs in a view's source (or in a helper of its module it calls) that it handles a POST.
POST_SIGNS = ("request.POST", "request.FILES", "request.method", "require_POST", '"POST"')


def _mentions_post(function: Callable, depth: int = 3) -> bool:
    if any(sign in inspect.getsource(function) for sign in POST_SIGNS):
        return True
    helpers = (function.__globals__.get(name) for name in function.__code__.co_names)
    return depth > 0 and any(
        inspect.isfunction(helper)
        and helper is not function
        and helper.__module__ == function.__module__
        and _mentions_post(helper, depth - 1)
        for helper in helpers
    )


def accepts_post(view: Callable) -> bool:
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post") and "post" in view_class.http_method_names
    return _mentions_post(inspect.unwrap(view))


def test_every_form_says_what_it_accepts() -> None:
    """Every view that handles a POST has a valid submission in its rule (or says why not)."""
    posting = {name for name, view in url_views().items() if accepts_post(view)}
    missing = sorted(
        name for name in posting if RULES[name].post is None and not RULES[name].post_exempt
    )
    assert not missing, f"Views that accept POST without ``post`` in their rule: {missing}"
    stale = sorted(
        name
        for name, rule in RULES.items()
        if (rule.post is not None or rule.post_exempt) and name not in posting
    )
    assert not stale, f"Rules with ``post`` for views that do not accept POST: {stale}"


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


def _content(response: HttpResponse) -> str:
    if getattr(response, "streaming", False):
        return ""  # a file (the agreement's PDF): nothing of a list in it
    return response.content.decode("utf-8", errors="replace").lower()


def leaks(rule: Rule, viewer: str, content: str, marked: Marked) -> list[str]:
    """Marked data in ``content`` of municipalities outside the viewer's scope."""
    found = []
    for kind in KINDS:
        scope = SCOPES[kind][viewer] if viewer != "anonymous" else set()
        if rule.shows == "concern" and kind != "organisation":
            scope = CONCERN_SCOPE.get(viewer, set())
        for place in marked.markers:
            if place not in scope:
                found += [f"{kind} of {place}: {m}" for m in marked.found(content, place, kind)]
    return found


def missing_own(rule: Rule, viewer: str, content: str, marked: Marked) -> list[str]:
    """The kinds of the viewer's own marked data that the page should show and does not."""
    if viewer == "anonymous":
        return []
    return [
        f"{kind} of {place}"
        for kind in rule.shows_own
        for place in sorted(SCOPES[kind][viewer])
        if not marked.found(content, place, kind)
    ]


def check_lists(
    rule: Rule, actor: str, side: str | None, response: HttpResponse, marked: Marked
) -> list[str]:
    viewer = rule.viewer.get(str(side), actor)
    # A page may name its own address (the language form's "next"); that shows nothing.
    own_address = re.escape(response.wsgi_request.path.lower()) + r"(?![\w/-])"
    content = re.sub(own_address, "", _content(response))
    failures = [f"{actor} on {side} sees {leak}" for leak in leaks(rule, viewer, content, marked)]
    if response.status_code in rule.ok and response.status_code == 200:
        failures += [
            f"{actor} on {side} does not see its own {own}"
            for own in missing_own(rule, viewer, content, marked)
        ]
    return failures


@pytest.mark.parametrize("name", sorted(RULES))
def test_permission_matrix(name: str, world: World) -> None:
    rule = RULES[name]
    sides: list[str | None] = ["utrecht", "amersfoort"] if rule.objects else [None]
    # Only the audit pages read django-auditlog's entries (writing them is slow).
    marked = mark_world(world, audited=name.startswith("audit:")) if rule.method == "GET" else None
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
            if marked is not None:
                failures += check_lists(rule, actor, side, response, marked)
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
                # The access log's search offers the registered models as record types.
                for record_type in AccessLog.objects.order_by("-pk").values_list(
                    "record_type", flat=True
                )[:wrote]:
                    if record_type not in logged_labels():
                        failures.append(f"read of {record_type}: not a record type to search")
            # The same list filtered otherwise, for those who may see it.
            for variant in rule.variants if marked and response.status_code == 200 else ():
                data = {**rule.data, **marked.fill(variant)}
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url, data)
                if response.status_code not in expected:
                    failures.append(f"{actor} with {data}: {response.status_code}")
                elif response.status_code in rule.ok and len(queries) > rule.max_queries:
                    failures.append(f"{actor} with {data}: {len(queries)} queries")
                failures += [
                    f"{failure} with {data}"
                    for failure in check_lists(rule, actor, side, response, marked)
                    if "does not see" not in failure
                ]
    assert not failures, "\n".join(failures)


def test_role_assignments_of_actors_match_the_matrix(world: World) -> None:
    # Guards the hand-written ORGANISATION_SCOPE against drift in the fixtures.
    for actor, (role, _place) in ACTORS.items():
        roles = set(
            RoleAssignment.objects.filter(user=world.users[actor]).values_list("role", flat=True)
        )
        assert roles == ({role} if role else set())


# --- What forms accept ---------------------------------------------------------------------------

# Tables a refused request may write to: the session, login attempts and the access log (which
# records reads, not changes).
NOT_FINGERPRINTED = frozenset(
    {
        "sessions.session",
        "axes.accessattempt",
        "axes.accessfailurelog",
        "axes.accesslog",
        "audit.accesslog",
    }
)


@functools.cache
def _fingerprinted_tables() -> list[tuple[str, str]]:
    quote = connection.ops.quote_name
    return [
        (
            model._meta.label_lower,
            # Names of our own tables, quoted: no outside input.
            f"SELECT * FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"ORDER BY {quote(model._meta.pk.column)}",
        )
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in NOT_FINGERPRINTED
        and model._meta.managed
        and not model._meta.proxy
    ]


def database_fingerprint() -> dict[str, str]:
    """Per table that holds data: its number of rows and a hash of all of them, by primary key."""
    prints = {}
    with connection.cursor() as cursor:
        for label, sql in _fingerprinted_tables():
            cursor.execute(sql)
            rows = cursor.fetchall()
            prints[label] = f"{len(rows)}:{hashlib.sha256(repr(rows).encode()).hexdigest()}"
    return prints


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(label for label in after if before.get(label) != after[label])


def refusal(rule: Rule, actor: str, slug: str | None) -> int | None:
    """The status that refuses ``actor`` (login page, 403, 404), or None where it may post."""
    if rule.public:
        return None
    if actor == "anonymous":
        return 302
    expected = expected_status(rule, actor, slug)
    return expected[0] if expected in ((403,), (404,)) else None


def other_sides(rule: Rule, actor: str) -> list[str]:
    """The municipalities whose object the actor posts to: those outside its scope (one is
    enough where the login or the role already refuses it)."""
    role, _place = ACTORS.get(actor, (None, None))
    if actor == "anonymous" or (rule.roles and role not in rule.roles):
        return ["amersfoort"]
    scope = SCOPES[rule.scope][actor]
    return [side for side in ("amersfoort", "utrecht") if side not in scope]


def _post(client: Any, url: str, data: dict[str, Any]) -> HttpResponse:
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)  # an uploaded file is read by every request
    return client.post(url, data)


FORM_RULES = sorted(name for name, rule in RULES.items() if rule.post is not None)


@pytest.mark.parametrize("name", FORM_RULES)
def test_forms_refuse_other_municipality(name: str, world: World) -> None:
    rule = RULES[name]
    targets: dict[str, tuple[str, str | None, dict[str, Any]]] = {}
    for side in ("utrecht", "amersfoort"):
        kwargs: dict[str, Any] = dict(rule.fixed_kwargs)
        slug = None
        if rule.objects is not None:
            extra, slug = rule.objects(world, side)
            kwargs.update(extra)
        data = rule.post(world, side, kwargs) if callable(rule.post) else dict(rule.post or {})
        targets[side] = (reverse(name, kwargs=kwargs or None), slug, data)
    clients = {
        actor: client_for(None if actor == "anonymous" else world.users[actor])
        for actor in ACTOR_NAMES
    }
    failures = []
    before, mails = database_fingerprint(), len(mail.outbox)
    posts = [(actor, side) for actor in ACTOR_NAMES for side in other_sides(rule, actor)]
    for actor, side in posts:
        url, slug, data = targets[side]
        refused = refusal(rule, actor, slug)
        if refused is None and not (rule.objects is None and rule.scoped):
            continue  # the actor may do this; it is checked below for one of them
        response = _post(clients[actor], url, data)
        expected = (refused,) if refused is not None else (200, 400)
        if response.status_code not in expected:
            failures.append(f"{actor} on {side}: {response.status_code}, expected {expected}")
        elif refused == 302 and not response["Location"].startswith(reverse("account_login")):
            failures.append(f"{actor} on {side}: sent to {response['Location']}")
        after = database_fingerprint()
        if after != before:
            failures.append(f"{actor} on {side} changed {changed_tables(before, after)}")
            before = after
        if len(mail.outbox) != mails:
            failures.append(f"{actor} on {side} sent {len(mail.outbox) - mails} mail(s)")
            mails = len(mail.outbox)
    # The same submission by an actor who may make it, on the municipality they see, is valid.
    url, slug, data = targets["utrecht"]
    allowed = [
        actor
        for actor in ACTOR_NAMES
        if (rule.public or actor != "anonymous")
        and refusal(rule, actor, slug) is None
        and not (rule.scoped and "utrecht" not in SCOPES[rule.scope][actor])
    ]
    assert allowed, "nobody may post this form: give it ``post_exempt``"
    response = _post(clients[allowed[0]], url, data)
    if response.status_code >= 400:
        failures.append(f"{allowed[0]} on utrecht: {response.status_code} for a valid submission")
    if rule.post_writes and database_fingerprint() == before:
        failures.append(f"{allowed[0]} on utrecht changed nothing: is ``post`` a valid submission?")
    assert not failures, "\n".join(failures)


# --- The marked world itself ---------------------------------------------------------------------

AGENDA_KINDS = {
    "application_new",
    "conversation_planned",
    "decision_pending",
    "review_due",
    "introduction_planned",
    "profile_to_publish",
    "vog_missing",
    "vog_expiring",
    "waiting_longest",
    "concern_open",
    "referral_outcome",
    "agreement_signatures",
    "match_vog_expiring",
    "posts_to_remove",
}


def test_marked_world_fills_every_list(world: World) -> None:
    """Every list the matrix checks, and every provider of the agenda, has marked data of its
    own municipality to show: so a list that forgot its scope would show another's."""
    from buurtgezinnen.families.views import LISTS

    marked = mark_world(world)
    client = client_for(world.users["coordinator_utrecht"])
    agenda = client.get(reverse("agenda:start")).context["agenda"]
    kinds = {item.kind for group in agenda["groups"] for item in group.items}
    assert kinds >= AGENDA_KINDS, f"missing on the agenda: {AGENDA_KINDS - kinds}"
    for key, _label in LISTS:
        page = client.get(reverse("families:overview"), {"lijst": key}).context["page"]
        assert len(page.object_list) > 0, f"the list {key!r} is empty"
    found = client.get(reverse("families:overview"), {"q": marked.fill({"q": "{search}"})["q"]})
    assert len(found.context["page"].object_list) > 5
    for closed in ("", "1"):
        assert client.get(reverse("matching:list"), {"afgesloten": closed}).context["rows"]
    assert client.get(reverse("matching:suggestion")).context["pairs"]
    assert client.get(reverse("families:directory")).context["page"].object_list
    from buurtgezinnen.agenda import actions as agenda_actions

    token = agenda_actions.create_calendar_token(by=world.users["coordinator_utrecht"])
    feed = client_for(None).get(reverse("agenda:calendar_feed", args=[token])).content.decode()
    for kind in ("conversation-", "introduction-", "review-"):
        assert f"UID:{kind}" in feed, kind
