"""The client's address behind the reverse proxy (core.client): the lockout, the public forms'
rate limit, signatures and the access log all count each client apart, and a forged
X-Forwarded-For without a trusted proxy changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from buurtgezinnen import policy
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.core import ratelimit
from buurtgezinnen.core.client import client_address
from buurtgezinnen.org.adapters import AccountAdapter
from tests.agreements.helpers import sent_agreement
from tests.conftest import PASSWORD, World, client_for
from tests.public.test_application_forms import REQUEST_URL, request_data

PROXY = "10.0.0.1"  # the reverse proxy: every request reaches gunicorn from here
LOGIN = "/account/login/"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def one_proxy(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    # What the README told operators to set; it must not be needed, nor get in the way.
    settings.AXES_IPWARE_PROXY_COUNT = 1


def through_proxy(client_ip: str) -> Client:
    """A browser at ``client_ip`` behind one proxy that appends it to X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


def request(remote: str = PROXY, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


# --- the helper -----------------------------------------------------------------------------------


def test_without_a_trusted_proxy_forwarding_headers_are_ignored(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    forged = RequestFactory().get(
        "/",
        REMOTE_ADDR="198.51.100.9",
        HTTP_X_FORWARDED_FOR="203.0.113.1",
        HTTP_X_REAL_IP="203.0.113.2",
        HTTP_CLIENT_IP="203.0.113.3",
        HTTP_FORWARDED="for=203.0.113.4",
    )
    assert client_address(forged) == "198.51.100.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # One proxy: the last entry is the one it wrote.
        (1, "203.0.113.7", "203.0.113.7"),
        # Entries the client sent itself stand to the left and are never read.
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (1, "not-an-address, 203.0.113.7", "203.0.113.7"),
        # Two proxies: the outer one wrote the client, the inner one the outer proxy.
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        # IPv6 and ports are cleaned up.
        (1, "[2001:db8::7]:51234", "2001:db8::7"),
    ],
)
def test_behind_trusted_proxies_the_client_is_what_the_outer_proxy_wrote(
    settings, proxies: int, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request(forwarded=forwarded)) == expected


def test_a_request_that_bypassed_the_proxy_has_its_connection_address(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request(remote="198.51.100.9")) == "198.51.100.9"
    # Two proxies configured, one entry: not through both, so the header is not believed.
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request(forwarded="203.0.113.7")) == PROXY


def test_allauth_counts_the_same_address(one_proxy) -> None:
    forwarded = request(forwarded="6.6.6.6, 203.0.113.7")
    assert AccountAdapter().get_client_ip(forwarded) == "203.0.113.7"


# --- where it is used -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_lockout_counts_each_client_behind_the_proxy(world: World, one_proxy) -> None:
    email = "coordinator.utrecht@example.nl"
    guesser = through_proxy("198.51.100.1")
    for _attempt in range(5):
        guesser.post(LOGIN, {"login": email, "password": "wrong-password"})
    assert guesser.post(LOGIN, {"login": email, "password": PASSWORD}).status_code == 429
    # The colleague at another address, behind the same proxy, is not locked out.
    colleague = through_proxy("203.0.113.20")
    response = colleague.post(LOGIN, {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


@pytest.mark.django_db
def test_a_forged_header_does_not_escape_the_lockout(world: World, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    email = "coordinator.utrecht@example.nl"
    direct = Client(REMOTE_ADDR="198.51.100.1")
    for attempt in range(5):
        direct.post(
            LOGIN,
            {"login": email, "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
    response = direct.post(
        LOGIN, {"login": email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.99"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_forged_entry_does_not_escape_the_lockout_behind_the_proxy(
    world: World, one_proxy
) -> None:
    email = "coordinator.utrecht@example.nl"
    for attempt in range(5):
        # The client sends its own X-Forwarded-For; the proxy appends the real address.
        through_proxy(f"203.0.113.{attempt}, 198.51.100.1").post(
            LOGIN, {"login": email, "password": "wrong-password"}
        )
    response = through_proxy("203.0.113.99, 198.51.100.1").post(
        LOGIN, {"login": email, "password": PASSWORD}
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_applicants_behind_the_proxy_each_have_their_own_rate_limit(
    world: World, one_proxy
) -> None:
    busy = through_proxy("198.51.100.1")
    invalid = request_data(postcode="")
    for _ in range(policy.PUBLIC_FORM_RATE_PER_HOUR):
        assert busy.post(REQUEST_URL, invalid).status_code == 200
    assert busy.post(REQUEST_URL, request_data()).status_code == 429
    # Another applicant somewhere else in the country still gets through.
    other = through_proxy("203.0.113.50")
    assert other.post(REQUEST_URL, request_data()).status_code == 302


def test_rate_limit_counts_the_client_not_the_proxy(one_proxy) -> None:
    first, second = request(forwarded="198.51.100.1"), request(forwarded="198.51.100.2")
    assert ratelimit.allow(first, "form", 1, 3600)
    assert not ratelimit.allow(first, "form", 1, 3600)
    assert ratelimit.allow(second, "form", 1, 3600)


@pytest.mark.django_db
def test_a_signature_records_the_parents_address(world: World, one_proxy) -> None:
    agreement, links = sent_agreement(world)
    signature = agreement.signatures.select_related("person").first()
    token = links[signature.person.email]
    response = through_proxy("198.51.100.77").post(
        reverse("agreements:sign", args=[token]),
        {"typed_name": "Sanne Jansen", "consent": "on"},
    )
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.ip_address == "198.51.100.77"


@pytest.mark.django_db
def test_the_access_log_records_the_readers_address(world: World, one_proxy) -> None:
    reader = client_for(world.users["national_office"])
    person = world.users["coordinator_utrecht"]
    response = reader.get(
        reverse("org:user_detail", args=[person.pk]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.5",
    )
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert entry.client_address == "198.51.100.5"
    page = reader.get(reverse("audit:access_log")).content.decode()
    assert "198.51.100.5" in page
