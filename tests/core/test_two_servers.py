"""Two app servers, one database, one Redis (issue 12, README "Several app servers"): what a person
starts on one server holds on the other.

Two real gunicorn processes (one worker each, each on its own port) run the production settings
(``tests/core/server_settings.py``) against pytest-django's test database and one Redis database
(CACHE_URL and HUEY_URL). The test plays the proxy in front of them: it sends each request to
server A or B and adds the client's address to ``X-Forwarded-For`` (TRUSTED_PROXY_COUNT=1). With
real HTTP requests it shows that

- a login made on A (password on A, the two-factor code on B) is a session on both, and a logout
  on B ends it on A (sessions in the database); its code, used on B, is refused on A (cache);
- a public form's rate limit counts posts through A and B together (slots in the shared cache);
- failed logins spread over A and B lock the account for that address (django-axes, database).

Without Redis at 127.0.0.1:6379 the tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection

from buurtgezinnen import policy
from tests.conftest import PASSWORD, TOTP_SECRET, World, in_ci

pytestmark = pytest.mark.servers

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# A Redis database only this test uses; each run also keeps to a key prefix of its own.
REDIS_DB = 13
ROOT = Path(__file__).resolve().parents[2]
# A wait, not a speed bound (decision 42): two servers loading the app on a busy machine.
STARTUP_S = 120
LOGIN = "/account/login/"
CODE = "/account/2fa/authenticate/"
START = "/start/"
FORM = "/aanmelden/vraaggezin/"


@dataclass
class Response:
    status: int
    location: str
    text: str


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path


@dataclass
class Servers:
    a: Server
    b: Server
    redis: Any
    prefix: str

    def cache_keys(self, pattern: str) -> list[bytes]:
        """This run's keys of Django's cache in Redis that match ``pattern``."""
        return list(self.redis.scan_iter(match=f"{self.prefix}:*:{pattern}", count=500))


@dataclass
class Browser:
    """One person's browser behind the proxy: its cookies go to whichever server the proxy picks,
    and the proxy adds the browser's address to X-Forwarded-For."""

    address: str
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, server: Server, path: str) -> Response:
        return self._request(server, "GET", path)

    def post(self, server: Server, path: str, form: dict[str, str]) -> Response:
        # Django accepts the CSRF cookie's own value as the form's token.
        data = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self._request(server, "POST", path, urlencode(data))

    def _request(self, server: Server, method: str, path: str, body: str | None = None) -> Response:
        headers = {"X-Forwarded-For": self.address, "Accept-Language": "nl"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        http_connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            http_connection.request(method, path, body=body, headers=headers)
            response = http_connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return Response(response.status, response.getheader("Location", ""), text)
        finally:
            http_connection.close()


def totp_code() -> str:
    """The current code; waits for the next period if this one ends within 10 s (allauth accepts
    the current period's code only, and a busy machine may take seconds to post it)."""
    period = 30
    left = period - time.time() % period
    if left < 10:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // period))


def _redis():
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, socket_timeout=5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        message = f"no Redis at {REDIS_HOST}:{REDIS_PORT} ({error}); the two-server test needs it"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return client


def _clear(client, prefix: str) -> int:
    """Deletes this run's keys (cache and huey); the number deleted."""
    keys = list(client.scan_iter(match=f"*{prefix}*", count=500))
    if keys:
        client.delete(*keys)
    return len(keys)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(name: str, env: dict[str, str], log_dir: Path) -> Server:
    port = _free_port()
    log = log_dir / f"server-{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "buurtgezinnen.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--graceful-timeout",
                "1",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Server(name, port, process, log)


def _wait_until_up(server: Server, deadline: float) -> None:
    """Until the server answers a page (its worker has loaded the app), or fails."""
    while time.monotonic() < deadline and server.process.poll() is None:
        try:
            if Browser("192.0.2.1").get(server, LOGIN).status == 200:
                return
        except OSError:
            time.sleep(0.2)
    tail = server.log.read_text(errors="replace")[-3000:]
    pytest.fail(f"server {server.name} did not start on port {server.port}:\n{tail}")


def _stop(servers: list[Server]) -> None:
    """Stops all at once: SIGTERM, after which gunicorn gives its worker the graceful timeout (a
    second: a worker takes about three to exit) before it kills it."""
    running = [server.process for server in servers if server.process.poll() is None]
    for process in running:
        process.terminate()
    for process in running:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def servers(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Servers A and B, started once for this file, stopped (and this run's keys deleted from
    Redis) at its end."""
    database = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and ("memory" in database or not Path(database).exists()):
        pytest.fail(f"the test database must be a file two processes can open, not {database!r}")
    prefix = f"twoservers{os.getpid()}{secrets.token_hex(4)}"
    client = _redis()
    _clear(client, prefix)
    tmp = tmp_path_factory.mktemp("two-servers")
    url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.core.server_settings",
        "TEST_SERVER_DATABASE_NAME": database,
        "TEST_SERVER_KEY_PREFIX": prefix,
        # One key for every server: the session data is signed with it.
        "SECRET_KEY": settings.SECRET_KEY,
        "CACHE_URL": url,
        "HUEY_URL": url,
        "TRUSTED_PROXY_COUNT": "1",
        "HTTPS": "false",
        "DEBUG": "false",
        "DEMO_MODE": "false",
        "VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    started: list[Server] = []
    try:
        started = [_start(name, env, tmp) for name in ("A", "B")]
        deadline = time.monotonic() + STARTUP_S
        for server in started:
            _wait_until_up(server, deadline)
        yield Servers(started[0], started[1], client, prefix)
    finally:
        _stop(started)
        _clear(client, prefix)
        client.close()


@pytest.mark.django_db(transaction=True)
def test_a_login_on_one_server_is_a_session_on_both(servers: Servers, world: World) -> None:
    a, b = servers.a, servers.b
    user = world.users["coordinator_utrecht"]
    browser = Browser("203.0.113.10")
    assert browser.get(a, LOGIN).status == 200
    password = browser.post(a, LOGIN, {"login": user.email, "password": PASSWORD})
    assert (password.status, password.location) == (302, CODE)
    # The login half done on A (password checked, code still to come) goes on at B.
    used = totp_code()
    code = browser.post(b, CODE, {"code": used})
    assert (code.status, code.location) == (302, START), code.text[-2000:]
    # The code is marked used in the shared cache: the same code again, on A, is refused.
    assert servers.cache_keys(f"allauth.mfa.totp.used?user={user.pk}&code={used}")
    other = Browser("203.0.113.12")
    assert other.get(b, LOGIN).status == 200
    assert other.post(b, LOGIN, {"login": user.email, "password": PASSWORD}).location == CODE
    assert other.post(a, CODE, {"code": used}).status == 200
    assert other.get(a, START).location.startswith(LOGIN)
    for server in (a, b, a):
        page = browser.get(server, START)
        assert page.status == 200, (server.name, page.status, page.location)
        assert user.get_full_name() in page.text
    # A browser without the session is sent to the login page by both.
    for server in (a, b):
        assert Browser("203.0.113.11").get(server, START).location.startswith(LOGIN)
    # Logging out on B ends the session on A too.
    assert browser.post(b, "/account/logout/", {}).status == 302
    assert browser.get(a, START).location.startswith(LOGIN)


def test_a_public_forms_rate_limit_counts_posts_through_both_servers(
    servers: Servers,
) -> None:
    limit = policy.PUBLIC_FORM_RATE_PER_HOUR
    a, b = servers.a, servers.b
    browser = Browser("203.0.113.20")
    assert browser.get(a, FORM).status == 200
    # An empty form: counted, then refused for its missing fields.
    statuses = [browser.post((a, b)[n % 2], FORM, {}).status for n in range(limit)]
    assert statuses == [200] * limit
    for server in (a, b):
        refused = browser.post(server, FORM, {})
        assert refused.status == 429
        assert "Te veel pogingen" in refused.text
    # The slots are in Redis: one per counted post, whichever server took it.
    assert len(servers.cache_keys("ratelimit:*")) == limit
    # The limit is this client's (the address the proxy passed on), not every visitor's.
    other = Browser("203.0.113.21")
    assert other.get(b, FORM).status == 200
    assert other.post(b, FORM, {}).status == 200


@pytest.mark.django_db(transaction=True)
def test_failed_logins_spread_over_both_servers_lock_the_account(
    servers: Servers, world: World
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    a, b = servers.a, servers.b
    email = world.users["coordinator_utrecht"].email
    guesser = Browser("203.0.113.30")
    assert guesser.get(a, LOGIN).status == 200
    for attempt in range(limit - 1):
        failed = guesser.post((a, b)[attempt % 2], LOGIN, {"login": email, "password": "fout"})
        assert failed.status == 200, attempt
    # The last failure allowed, on the server that did not see the one before it, locks.
    last = (a, b)[(limit - 1) % 2]
    assert guesser.post(last, LOGIN, {"login": email, "password": "fout"}).status == 429
    # Now even the right password is refused, on either server.
    for server in (a, b):
        locked = guesser.post(server, LOGIN, {"login": email, "password": PASSWORD})
        assert locked.status == 429
        assert "Te veel mislukte pogingen" in locked.text
    failures = sum(
        AccessAttempt.objects.filter(username=email).values_list("failures_since_start", flat=True)
    )
    assert failures >= limit
    # Another address logs in to the same account as usual.
    owner = Browser("203.0.113.31")
    assert owner.get(b, LOGIN).status == 200
    password = owner.post(b, LOGIN, {"login": email, "password": PASSWORD})
    assert (password.status, password.location) == (302, CODE)
