"""At most policy.PUBLIC_FORM_RATE_PER_HOUR POSTs per hour per IP address to the public forms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.core import ratelimit
from buurtgezinnen.families.models import Family, InterestRegistration
from tests.conftest import World
from tests.public.test_application_forms import INTEREST_URL, REQUEST_URL, request_data

LIMIT = policy.PUBLIC_FORM_RATE_PER_HOUR


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def request_from(ip: str) -> object:
    return RequestFactory().post("/", REMOTE_ADDR=ip)


def test_allow_counts_per_ip_and_key() -> None:
    first, second = request_from("192.0.2.1"), request_from("2001:db8::1")
    assert all(ratelimit.allow(first, "form", 3, 3600) for _ in range(3))
    assert not ratelimit.allow(first, "form", 3, 3600)
    assert not ratelimit.allow(first, "form", 3, 3600)
    # Another address, or another key, has its own count.
    assert ratelimit.allow(second, "form", 3, 3600)
    assert ratelimit.allow(first, "other", 3, 3600)


def test_allow_is_a_sliding_window() -> None:
    request = request_from("192.0.2.7")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert ratelimit.allow(request, "form", 2, 3600)
        traveller.shift(timedelta(minutes=40))
        assert ratelimit.allow(request, "form", 2, 3600)
        assert not ratelimit.allow(request, "form", 2, 3600)
        # The first call leaves the window after an hour; the second is still in it.
        traveller.shift(timedelta(minutes=21))
        assert ratelimit.allow(request, "form", 2, 3600)
        assert not ratelimit.allow(request, "form", 2, 3600)


def test_the_cache_holds_no_ip_address() -> None:
    ratelimit.allow(request_from("198.51.100.23"), "form", 3, 3600)
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]  # locmem
    assert keys
    assert not any("198.51.100.23" in key for key in keys)


def test_too_many_posts_get_429_and_nothing_is_saved(client: Client, world: World) -> None:
    invalid = request_data(postcode="")
    for _ in range(LIMIT):
        assert client.post(REQUEST_URL, invalid).status_code == 200

    response = client.post(REQUEST_URL, request_data())
    assert response.status_code == 429
    assert "public/rate_limited.html" in [t.name for t in response.templates]
    assert not Family.objects.exists()
    # The limit covers every public form, and a GET still works.
    response = client.post(
        INTEREST_URL,
        {"kind": "request", "name": "X", "email": "x@example.nl", "postcode": "1011"},
    )
    assert response.status_code == 429
    assert not InterestRegistration.objects.exists()
    assert client.get(REQUEST_URL).status_code == 200

    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert other.post(REQUEST_URL, request_data()).status_code == 302
    assert Family.objects.count() == 1


def test_honeypot_posts_count_too(client: Client, world: World) -> None:
    for _ in range(LIMIT):
        assert client.post(REQUEST_URL, request_data(homepage="spam")).status_code == 302
    assert client.post(REQUEST_URL, request_data()).status_code == 429
    assert not Family.objects.exists()
