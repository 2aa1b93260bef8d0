"""Every staff page at two sizes of the national data set, on PostgreSQL (issue 12, item 2).

``python -m bench pages`` (or ``make bench``) with ``BENCH_DATABASE_URL=postgres://…`` set: for
each size (``--sizes 1000,100000``) a database ``bench_pages_<size>`` on that server is made,
migrated and filled by ``generate_dataset`` (one that already holds exactly that many families is
reused), and a worker process (``python -m bench.pages --worker``, with ``DATABASE_URL`` naming that
database, so that Django runs on it from the start) requests every staff GET page of the
permission matrix (``PAGES``; what is left out and why: ``SKIPPED``) as three actors: a
coordinator of the largest municipality, the regional coordinator of its region and a
national-office user. Each page is requested ``--repeat`` times with the test client in-process,
the first as warm-up; the medians of wall time, SQL time and size and the query count go to the
table ("## Staff pages" in docs/benchmarks.md).

The actors log in with ``force_login`` and the session's marks of a finished two-factor login and
a fresh session (``org.middleware``), as the tests do; nothing is posted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

SIZES = (1_000, 100_000)
REPEAT = 7  # the first is a warm-up
BOUND_MS = 100.0
ACTORS = ("coordinator", "regional", "national")
ACTOR_LABELS = {
    "coordinator": "coordinator",
    "regional": "regional coord.",
    "national": "national office",
}
HEADING = "## Staff pages"
ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "var" / "bench_pages.json"  # the last run's figures, with each page's slowest query


# --- Which object each page shows --------------------------------------------------------------


class Picks:
    """The objects of the data set the pages are requested with: those of the largest
    municipality (by families), and of its richest case where the page shows one case (the most
    timeline events, reviews…), so that the detail pages show what a busy file holds."""

    @cached_property
    def municipality(self) -> Any:
        from django.db.models import Count

        from buurtgezinnen.org.models import Municipality

        return (
            Municipality.objects.annotate(size=Count("families"))
            .select_related("region")
            .order_by("-size", "pk")
            .first()
        )

    def _families(self, **filters: Any) -> Any:
        from buurtgezinnen.families.models import Family

        return Family.objects.filter(municipality=self.municipality, **filters)

    def _richest(self, queryset: Any, related: str) -> Any:
        from django.db.models import Count

        found = queryset.annotate(weight=Count(related)).order_by("-weight", "pk").first()
        assert found is not None, f"nothing in the data set for {queryset.model.__name__}"
        return found

    @cached_property
    def request_family(self) -> Any:
        from buurtgezinnen.families.models import Kind, Status

        return self._richest(self._families(kind=Kind.REQUEST, status=Status.MATCHED), "events")

    @cached_property
    def intake_family(self) -> Any:
        from buurtgezinnen.families.models import Kind, Status

        return self._richest(self._families(kind=Kind.REQUEST, status=Status.INTAKE), "events")

    @cached_property
    def waiting_family(self) -> Any:
        from buurtgezinnen.families.models import Kind, Status

        return self._families(kind=Kind.REQUEST, status=Status.WAITING).order_by(
            "waiting_since", "pk"
        )[0]

    @cached_property
    def support_family(self) -> Any:
        from buurtgezinnen.families.models import Kind, Status

        return self._richest(self._families(kind=Kind.SUPPORT, status=Status.AVAILABLE), "events")

    @cached_property
    def vog(self) -> Any:
        from buurtgezinnen.families.models import Vog

        return Vog.objects.filter(person__family=self.support_family).order_by("pk")[0]

    @cached_property
    def child(self) -> Any:
        from buurtgezinnen.families.models import Child

        return Child.objects.filter(family__municipality=self.municipality).order_by("pk")[0]

    @cached_property
    def conversation(self) -> Any:
        from buurtgezinnen.families.models import Conversation

        return Conversation.objects.filter(family=self.request_family).order_by("number")[0]

    @cached_property
    def match(self) -> Any:
        from buurtgezinnen.matching.models import Match, MatchStatus

        return self._richest(
            Match.objects.filter(
                request_family__municipality=self.municipality, status=MatchStatus.RUNNING
            ),
            "events",
        )

    @cached_property
    def proposal(self) -> Any:
        from buurtgezinnen.matching.models import Proposal

        return Proposal.objects.filter(request_family__municipality=self.municipality).order_by(
            "-pk"
        )[0]

    @cached_property
    def draft_agreement(self) -> Any:
        """An agreement being made; a small set may have none, then the latest agreement."""
        from django.db.models import Case, IntegerField, Value, When

        from buurtgezinnen.agreements.models import Agreement
        from buurtgezinnen.matching.models import MatchStatus

        being_made = When(match__status=MatchStatus.AGREEMENT, then=Value(0))
        return (
            Agreement.objects.filter(match__request_family__municipality=self.municipality)
            .annotate(order=Case(being_made, default=Value(1), output_field=IntegerField()))
            .order_by("order", "-pk")[0]
        )

    @cached_property
    def signed_agreement(self) -> Any:
        from buurtgezinnen.agreements.models import Agreement, AgreementStatus

        return Agreement.objects.filter(
            match__request_family__municipality=self.municipality,
            status=AgreementStatus.SIGNED,
        ).order_by("-pk")[0]

    @cached_property
    def concern(self) -> Any:
        from buurtgezinnen.concerns.models import Concern

        return Concern.objects.filter(family__municipality=self.municipality).order_by("-pk")[0]

    @cached_property
    def referral(self) -> Any:
        from buurtgezinnen.concerns.models import Referral

        return Referral.objects.filter(family__municipality=self.municipality).order_by("-pk")[0]

    def profile_family(self, *statuses: str) -> Any:
        """The family of a recruitment profile in the first of ``statuses`` the municipality has
        one in (a small set may have none in some states)."""
        from buurtgezinnen.recruitment.models import RecruitmentProfile

        for status in statuses:
            profile = (
                RecruitmentProfile.objects.filter(
                    family__municipality=self.municipality, status=status
                )
                .select_related("family")
                .order_by("pk")
                .first()
            )
            if profile is not None:
                return profile.family
        raise IndexError(f"no recruitment profile in {statuses}")

    @cached_property
    def service(self) -> Any:
        from buurtgezinnen.families.models import ServiceOrganisation

        return ServiceOrganisation.objects.filter(municipality=self.municipality).order_by("pk")[0]

    @cached_property
    def coordinator(self) -> Any:
        from buurtgezinnen.org.models import Role, User

        return User.objects.filter(
            role_assignments__role=Role.COORDINATOR,
            role_assignments__municipality=self.municipality,
        ).order_by("pk")[0]

    @cached_property
    def regional(self) -> Any:
        from buurtgezinnen.org.models import Role, User

        return User.objects.filter(
            role_assignments__role=Role.REGIONAL_COORDINATOR,
            role_assignments__region=self.municipality.region,
        ).order_by("pk")[0]

    @cached_property
    def national(self) -> Any:
        # Not the safety officer: the national office as most of its users see it.
        from buurtgezinnen.org.models import Role, User

        return User.objects.filter(
            role_assignments__role=Role.NATIONAL_OFFICE, is_safety_officer=False
        ).order_by("pk")[0]


Finder = Callable[[Picks], dict[str, Any]]


def _none(_picks: Picks) -> dict[str, Any]:
    return {}


def _pk(attribute: str) -> Finder:
    return lambda picks: {"pk": getattr(picks, attribute).pk}


def _profile(*statuses: str) -> Finder:
    return lambda picks: {"pk": picks.profile_family(*statuses).pk}


# Every staff GET page of the permission matrix (tests/*/matrix_rules.py) and how to find its
# object in the data set; tests/test_bench_pages.py checks that none is forgotten.
PAGES: dict[str, Finder] = {
    "account_change_password": _none,
    "account_logout": _none,
    "account_reauthenticate": _none,
    "agenda:calendar": _none,
    "agenda:start": _none,
    "agreements:match": lambda p: {"pk": p.draft_agreement.match_id},
    "agreements:standard": _none,
    "agreements:standard_edit": _none,
    "agreements:topic_create": _none,
    "agreements:topic_edit": lambda p: {"pk": _first("agreements.Topic").pk},
    "agreements:version": lambda p: {
        "pk": p.signed_agreement.match_id,
        "version": p.signed_agreement.version,
    },
    "audit:access_log": _none,
    "audit:change_log": _none,
    "concerns:detail": _pk("concern"),
    "concerns:family": lambda p: {"pk": p.concern.family_id},
    "concerns:referral": _pk("referral"),
    "concerns:referral_create": _pk("request_family"),
    "concerns:safety_list": _none,
    "families:application_create": _none,
    "families:assessments": _pk("support_family"),
    "families:child_create": _pk("request_family"),
    "families:child_edit": lambda p: {"pk": p.child.family_id, "child_pk": p.child.pk},
    "families:conversation": lambda p: {
        "pk": p.conversation.family_id,
        "number": p.conversation.number,
    },
    "families:criteria": _none,
    "families:criterion_create": _none,
    "families:criterion_edit": lambda p: {"pk": _first("families.CompetenceCriterion").pk},
    "families:decision": _pk("intake_family"),
    "families:detail": _pk("request_family"),
    "families:directory": _none,
    "families:directory_create": _none,
    "families:directory_edit": _pk("service"),
    "families:edit": _pk("request_family"),
    "families:import_template": _none,
    "families:import_upload": _none,
    "families:offer": _pk("support_family"),
    "families:overview": _none,
    "families:person_create": _pk("request_family"),
    "families:person_edit": lambda p: {
        "pk": p.request_family.pk,
        "person_pk": p.request_family.people.order_by("pk")[0].pk,
    },
    "families:vog": lambda p: {"pk": p.support_family.pk, "person_pk": p.vog.person_id},
    "matching:candidates": _pk("waiting_family"),
    "matching:close": _pk("match"),
    "matching:detail": _pk("match"),
    "matching:list": _none,
    "matching:proposal": _pk("proposal"),
    "matching:review": _pk("match"),
    "matching:suggestion": _none,
    "mfa_index": _none,
    "mfa_reauthenticate": _none,
    "org:municipality_create": _none,
    "org:municipality_detail": lambda p: {"pk": p.municipality.pk},
    "org:municipality_edit": lambda p: {"pk": p.municipality.pk},
    "org:region_create": _none,
    "org:region_edit": lambda p: {"pk": p.municipality.region_id},
    "org:region_list": _none,
    "org:municipality_list": _none,
    "org:stand_in_create": _none,
    "org:stand_in_list": _none,
    "org:user_create": _none,
    "org:user_detail": lambda p: {"pk": p.coordinator.pk},
    "org:user_edit": lambda p: {"pk": p.coordinator.pk},
    "org:user_list": _none,
    "recruitment:profile": _pk("waiting_family"),
    "recruitment:profile_card": _profile("published", "found"),
    "recruitment:profile_check": _profile("draft", "published", "found"),
    "recruitment:profile_social": _profile("published", "found"),
}

# Staff GET pages that are not measured, and why.
SKIPPED: dict[str, str] = {
    "agreements:pdf": "the signed agreement's PDF: the data set names the files but does not "
    "make them",
    "mfa_activate_totp": "the set-up of two-factor authentication: sends a user who has it on "
    "(302)",
    "mfa_download_recovery_codes": "asks for the password again first (302); the account's own "
    "codes, nothing of the data set",
    "mfa_generate_recovery_codes": "asks for the password again first (302); the account's own "
    "codes, nothing of the data set",
    "mfa_view_recovery_codes": "asks for the password again first (302); the account's own "
    "codes, nothing of the data set",
}

# What was found behind a verdict (EXPLAIN ANALYZE of the slowest queries), by "page|actor"; each
# note names the commit it was found at, and goes when the page is fixed.
AGENDA = (
    "at 6ccffba: nothing bounds the agenda (the page's size; templates and Python about 3/4 of "
    "the time); the VOG provider's query joins the people and VOGs of every support family in "
    "scope (14,440 rows grouped to 32, 205 ms); the extra query is the agreements' signatures, "
    "prefetched only when an agreement awaits signing, which none did at 1k (not N+1)"
)
CANDIDATES = (
    "at 6ccffba: every available support family in scope (1,762 in Amsterdam) loaded with its "
    "matches and proposals joined (6,789 rows grouped, 240 ms) and its 3,006 parents, and "
    "scored in Python; since the preselection in SQL (decision 47) 530 ms became 141 ms, the "
    "rest not examined yet"
)
VOG_LIST = (
    "at 6ccffba: paginated, but the page's query joins the conversations of every family in the "
    "list and groups 4,584 rows to 701 before LIMIT 50 (60 ms), and the paginator's COUNT repeats "
    "the same joins and GROUP BY (53 ms); 220-254 ms at 70248e7, after its subqueries were scoped "
    "to the user's municipalities: not examined yet"
)
NOTES: dict[str, str] = {
    "families:overview?lijst=vog|coordinator": VOG_LIST,
    "families:overview?lijst=vog|regional": VOG_LIST,
    "families:overview?lijst=vog-verloopt|coordinator": "at 6ccffba: as the VOG list",
    "families:overview?lijst=vog-verloopt|regional": "at 6ccffba: as the VOG list",
    "agenda:start?gemeente={municipality}|coordinator": "at 6ccffba: as without the filter",
    "agenda:start?gemeente={municipality}|regional": "at 6ccffba: as without the filter",
    "matching:suggestion?gemeente={municipality}|coordinator": "at 6ccffba: as without the filter",
    "matching:suggestion?gemeente={municipality}|regional": "at 6ccffba: as without the filter",
    "agenda:start|coordinator": AGENDA,
    "agenda:start|regional": AGENDA,
    "matching:candidates|coordinator": CANDIDATES,
    "matching:candidates|regional": CANDIDATES,
    "matching:suggestion|coordinator": (
        "at 6ccffba: the candidates' query for every available support family (420 ms) and every "
        "waiting family, scored and assigned in Python on each request; since decision 47 about "
        "half, still every waiting family of the scope on each request (not examined further)"
    ),
    "matching:suggestion|regional": "at 6ccffba: as for the coordinator",
}


def _first(label: str) -> Any:
    from django.apps import apps

    return apps.get_model(label).objects.order_by("pk")[0]


def staff_get_pages(rules: dict[str, Any]) -> set[str]:
    """The URL names of the permission matrix that a staff user requests with GET."""
    return {name for name, rule in rules.items() if rule.method == "GET" and not rule.public}


def matrix_rules() -> dict[str, Any]:
    from tests.test_permission_matrix import RULES

    return RULES


# --- The worker: one size, in a process whose default database is that size's --------------


@dataclass
class Sample:
    status: int
    ms: float
    sql_ms: float
    queries: int
    size: int
    slowest_sql: str
    slowest_ms: float


def _with_two_factor(user: Any) -> None:
    """A TOTP device and recovery codes, as every real staff user has (the data set's users have
    none): the account pages then show what they show such a user."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.utils import encrypt

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 (a bench user's, never used)
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)}
        )
        RecoveryCodes.activate(user)


def _client(user: Any) -> Any:
    from django.test import Client

    _with_two_factor(user)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _fresh_session(client: Any) -> None:
    """The marks of a finished two-factor login and of a session just used, so that no request
    writes the session (the middleware writes SEEN_AT once a minute)."""
    from buurtgezinnen.org.middleware import LOGIN_AT, MFA_OK, SEEN_AT

    session = client.session
    now = int(time.time())
    session[MFA_OK] = True
    session[LOGIN_AT] = now
    session[SEEN_AT] = now
    session.save()


def _request(client: Any, url: str) -> Sample:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.get(url)
        if getattr(response, "streaming", False):
            size = sum(len(chunk) for chunk in response.streaming_content)
        else:
            size = len(response.content)
        elapsed = time.perf_counter() - start
    times = [(float(q["time"]), q["sql"]) for q in captured.captured_queries]
    slowest = max(times, default=(0.0, ""))
    return Sample(
        status=response.status_code,
        ms=elapsed * 1000,
        sql_ms=sum(t for t, _sql in times) * 1000,
        queries=len(times),
        size=size,
        slowest_sql=slowest[1][:20000],
        slowest_ms=slowest[0] * 1000,
    )


# A list's variants in the matrix (``Rule.variants``: its other lists, search, a filter) are
# measured as pages of their own; their placeholders are filled from the data set.
PLACEHOLDERS = {"amersfoort": "municipality", "zeist": "municipality", "search": "surname"}


def _urls(name: str, url: str, rule: Any, picks: Picks) -> list[tuple[str, str]]:
    """The page and each of its variants: (label, URL), once per distinct label."""
    values = {
        "municipality": str(picks.municipality.pk),
        "surname": picks.request_family.name,
    }
    urls = {name: url}
    for variant in rule.variants:
        shown = {key: value.format_map(PLACEHOLDERS_SHOWN) for key, value in variant.items()}
        filled = {
            key: value.format_map({k: values[v] for k, v in PLACEHOLDERS.items()})
            for key, value in variant.items()
        }
        label = name + "?" + "&".join(f"{key}={value}" for key, value in shown.items())
        urls.setdefault(label, f"{url}?{urlencode(filled)}")
    return list(urls.items())


PLACEHOLDERS_SHOWN = {key: f"{{{value}}}" for key, value in PLACEHOLDERS.items()}


def _measure_page(client: Any, url: str, repeat: int) -> dict[str, Any]:
    _fresh_session(client)
    samples = [_request(client, url) for _ in range(repeat)][1:]
    slowest = max(samples, key=lambda s: s.slowest_ms)
    return {
        "url": url,
        "status": samples[-1].status,
        "ms": statistics.median(s.ms for s in samples),
        "sql_ms": statistics.median(s.sql_ms for s in samples),
        "queries": samples[-1].queries,
        "queries_vary": sorted({s.queries for s in samples}),
        "kib": statistics.median(s.size for s in samples) / 1024,
        "slowest_sql": slowest.slowest_sql,
        "slowest_ms": slowest.slowest_ms,
    }


def measure(repeat: int, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Every page as every actor on the current database: medians per (page, actor)."""
    from django.urls import reverse

    from buurtgezinnen.families.models import Family

    rules = matrix_rules()
    picks = Picks()
    users = {actor: getattr(picks, actor) for actor in ACTORS}
    roles = {
        actor: set(user.role_assignments.values_list("role", flat=True))
        for actor, user in users.items()
    }
    clients = {actor: _client(user) for actor, user in users.items()}
    results: dict[str, Any] = {}
    for name in sorted(PAGES):
        rule = rules[name]
        try:
            kwargs = {**rule.fixed_kwargs, **PAGES[name](picks)}
        except (IndexError, AssertionError) as error:
            results[name] = {"error": f"no object in the data set ({error})"}
            continue
        for label, url in _urls(name, reverse(name, kwargs=kwargs or None), rule, picks):
            for actor in ACTORS:
                if rule.roles and not roles[actor] & set(rule.roles):
                    continue  # not this actor's page: the matrix answers 403
                row = _measure_page(clients[actor], url, repeat)
                results[f"{label}|{actor}"] = row
                say(
                    f"  {label} as {actor}: {row['status']}, {row['ms']:.1f} ms, "
                    f"{row['queries']} queries, SQL {row['sql_ms']:.1f} ms, {row['kib']:.0f} KiB"
                )
    return {
        "families": Family.objects.count(),
        "municipality": picks.municipality.name,
        "region": picks.municipality.region.name,
        "results": results,
    }


def worker(size: int, repeat: int, out: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from buurtgezinnen.families.models import Family

    setup_test_environment()  # the test client's host, locmem mail
    from huey.contrib.djhuey import HUEY

    # Tasks a page enqueues (the profile's deeper check) wait in memory, as they wait for the
    # worker in production: the page's time is the request's alone.
    HUEY.immediate = False
    call_command("migrate", verbosity=0)
    families = Family.objects.count()
    generated = None
    if families == 0:
        print(f"Generating the national data set with {size:,} families…", flush=True)
        start = time.monotonic()
        call_command("generate_dataset", families=size, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        generated = time.monotonic() - start
    elif families != size:
        raise SystemExit(f"The database holds {families:,} families, not {size:,}.")
    from django.db import connection

    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum keeps them
        cursor.execute("ANALYZE")
    result = measure(repeat, say=lambda line: print(line, flush=True))
    result["generated_s"] = generated
    out.write_text(json.dumps(result), encoding="utf-8")


# --- The databases ------------------------------------------------------------------------------


def _database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def prepare_database(base: str, size: int, say: Callable[[str], None] = print) -> str:
    """``bench_pages_<size>``: kept when it holds exactly ``size`` families, otherwise made anew
    (empty; the worker migrates and fills it). Returns its URL."""
    import psycopg
    from psycopg import sql

    name = f"bench_pages_{size}"
    url = _database_url(base, name)
    admin = base if urlsplit(base).path.strip("/") else _database_url(base, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    if exists:
        try:
            with psycopg.connect(url) as connection:
                row = connection.execute("SELECT count(*) FROM families_family").fetchone()
            families = row[0] if row else -1
        except psycopg.Error:
            families = -1
        if families == size:
            say(f"Reusing database {name}: it holds exactly {size:,} families.")
            return url
        say(f"Database {name} holds {families:,} families, not {size:,}: making it anew.")
    with psycopg.connect(admin, autocommit=True) as connection:
        if exists:
            connection.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    say(f"Created database {name}.")
    return url


def run_size(base: str, size: int, repeat: int) -> dict[str, Any]:
    url = prepare_database(base, size)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
        }
        command = [sys.executable, "-m", "bench.pages", "--worker", str(size)]
        command += ["--repeat", str(repeat), "--out", str(out)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["size"] = size
    return result


# --- The table ----------------------------------------------------------------------------------


def _size_label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else f"{size:,}"


OUT_OF_SCOPE = (403, 404)


def verdict(small: dict[str, Any] | None, large: dict[str, Any]) -> str:
    if large["status"] in OUT_OF_SCOPE:
        return f"out of scope ({large['status']})"
    if large["status"] != 200:
        return f"answers {large['status']}"
    reasons = []
    if small is not None and small["queries"] != large["queries"]:
        reasons.append(f"queries grow: {small['queries']} → {large['queries']}")
    if len(large["queries_vary"]) > 1:
        reasons.append(f"query count varies: {large['queries_vary']}")
    if large["ms"] > BOUND_MS:
        share = 100 * large["sql_ms"] / large["ms"] if large["ms"] else 0
        reason = f"slow: SQL {share:.0f}% of time"
        if large["slowest_ms"] >= 0.3 * large["sql_ms"] and large["slowest_ms"] >= 10:
            reason += f" (slowest query {large['slowest_ms']:.0f} ms)"
        if share < 50:
            reason += f", {large['kib']:.0f} KiB"
        reasons.append(reason)
    return "; ".join(reasons) or "ok"


def _loads(results: list[dict[str, Any]]) -> str:
    loads = [
        f"{_size_label(r['size'])} {r['load'][0]:.1f}/{r['load'][1]:.1f}"
        for r in results
        if "load" in r
    ]
    if not loads:
        return ""
    return (
        f"; load average (1 min) at the start/end of each size: {', '.join(loads)} on "
        f"{os.cpu_count()} cores (a machine shared with other work: compare within one run)"
    )


def table(results: list[dict[str, Any]], notes: dict[str, str] | None = None) -> str:
    """The "## Staff pages" section from the workers' results, smallest size first."""
    results = sorted(results, key=lambda r: r["size"])
    large = results[-1]
    labels = [_size_label(r["size"]) for r in results]
    head = ["page", "actor", *[f"median ms {label}" for label in labels]]
    head += [f"queries {' / '.join(labels)}", f"SQL ms {labels[-1]}", f"KiB {labels[-1]}"]
    head += ["verdict"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    failing = scoped = 0
    pairs = {key for r in results for key in r["results"] if "|" in key}
    lonely = {key for r in results for key in r["results"] if "|" not in key}
    lonely -= {key.partition("|")[0] for key in pairs}
    keys = sorted(
        pairs | lonely,
        key=lambda k: (k.split("|")[0], ACTORS.index(k.split("|")[1]) if "|" in k else 0),
    )
    for key in keys:
        name, _, actor = key.partition("|")
        errors = [r["results"].get(name, {}).get("error") for r in results]
        if not actor:
            error = next(e for e in errors if e)
            lines.append(f"| {name} | | " + " | " * (len(head) - 3) + f"{error} |")
            continue
        rows = [r["results"].get(key) for r in results]
        big = rows[-1]
        if big is None:
            cells = [name, ACTOR_LABELS[actor], *["" for _ in head[2:-1]]]
            lines.append("| " + " | ".join([*cells, errors[-1] or "not measured"]) + " |")
            failing += 1
            continue
        small_row = rows[0] if len(rows) > 1 else None
        text = verdict(small_row, big)
        if small_row is None and len(rows) > 1:
            text += f"; at {labels[0]}: {errors[0] or 'not measured'}"
        failing += text != "ok" and not text.startswith("out of scope")
        scoped += text.startswith("out of scope")
        medians = [f"{row['ms']:.0f}" if row else "" for row in rows]
        queries = " / ".join(str(row["queries"]) if row else "-" for row in rows)
        cells = [name, ACTOR_LABELS[actor], *medians, queries]
        cells += [f"{big['sql_ms']:.0f}", f"{big['kib']:.0f}", text]
        if notes and key in notes:
            cells[-1] += f" ({notes[key]})"
        lines.append("| " + " | ".join(cells) + " |")
    measured = len(keys)
    sizes = " and ".join(f"{r['size']:,}" for r in results)
    intro = [
        HEADING,
        "",
        f"Every staff GET page of the permission matrix, requested with the Django test client "
        f"in-process on PostgreSQL in the national data set (`generate_dataset`) at "
        f"{sizes} families, as a coordinator of the "
        f"largest municipality ({large['municipality']}), the regional coordinator of its region "
        f"({large['region']}) and a national-office user; a page outside an actor's roles is "
        f"left out. Median of {results[-1].get('repeat', REPEAT) - 1} requests after a "
        "warm-up; SQL time is the sum of the queries' times (`CaptureQueriesContext`). Verdict "
        f'"ok": median ≤ {BOUND_MS:.0f} ms at {labels[-1]} and the same number of queries as '
        f"at {labels[0]}. Run by `make bench` with `BENCH_DATABASE_URL` set (`bench/pages.py`).",
        "",
        f"- Date: {large.get('date', '')}; commit {large.get('commit', '')}{_loads(results)}",
        f"- {measured - failing - scoped} of {measured - scoped} measured (page, actor) pairs ok, "
        f"{failing} not; {scoped} answer 403 or 404 by design (outside the actor's scope: the "
        "concerns of a municipality for the national office, the safety officer's list for anyone "
        "else)",
        "- Not measured: "
        + "; ".join(f"`{name}`: {reason}" for name, reason in sorted(SKIPPED.items()))
        + "; public pages (no staff login).",
        "",
    ]
    return "\n".join([*intro, *lines, ""])


def run(base: str, commit: str, sizes: tuple[int, ...] = SIZES, repeat: int = REPEAT) -> str:
    from datetime import date

    results = []
    for size in sizes:
        print(f"Staff pages at {size:,} families:", flush=True)
        load = os.getloadavg()[0]
        result = run_size(base, size, repeat)
        result["load"] = [load, os.getloadavg()[0]]
        result["repeat"] = repeat
        result["date"] = date.today().isoformat()
        result["commit"] = commit
        results.append(result)
    RAW.parent.mkdir(exist_ok=True)
    RAW.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"Raw figures (with each page's slowest query): {RAW}")
    return table(results, NOTES)


def table_again() -> str:
    """The table from the last run's figures (``python -m bench pages --table-only``)."""
    return table(json.loads(RAW.read_text(encoding="utf-8")), NOTES)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--worker", type=int, required=True, help="the size (internal)")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args()
    worker(options.worker, options.repeat, options.out)


if __name__ == "__main__":
    main()
