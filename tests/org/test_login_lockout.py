"""Password guessing spread over many addresses or many accounts is stopped (org.lockout): a limit
per account over all addresses and one per address over all accounts, next to the limit per
account and address. The account holder hears of it once by mail, and a password reset by mail
lets them back in (two-factor still asked) even while the guessing goes on."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen.org.models import User
from tests.conftest import PASSWORD, TOTP_SECRET, World

LOGIN = "/account/login/"
EMAIL = "coordinator.utrecht@example.nl"
NEW_PASSWORD = "groene-fiets-naar-zeist-42"
NOTICE_SUBJECT = "Inloggen op uw account is geblokkeerd"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # The notice is sent once per interval, remembered in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password_checks() -> Iterator[mock.MagicMock]:
    """Counts every time a password is actually compared."""
    original = User.check_password
    with mock.patch.object(User, "check_password", autospec=True, side_effect=original) as checked:
        yield checked


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def login(client: Client, email: str, password: str):
    # As in production: what a request schedules on commit (the notice) runs when it ends.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(LOGIN, {"login": email, "password": password})


def is_lockout_page(response) -> bool:
    return response.status_code == 429 and "account/locked_out.html" in [
        t.name for t in response.templates
    ]


def guess_from_many_addresses(email: str, *, addresses: int, each: int, first: int = 1) -> list:
    """``each`` wrong passwords for ``email`` from each of ``addresses`` addresses."""
    responses = []
    for number in range(first, first + addresses):
        guesser = from_address(f"198.51.100.{number}")
        responses += [login(guesser, email, f"guess-{number}-{i}") for i in range(each)]
    return responses


def notices() -> list:
    return [m for m in mail.outbox if m.subject == NOTICE_SUBJECT]


def totp_code() -> str:
    period = 30
    left = period - time.time() % period
    if left < 3:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // period))


@pytest.mark.django_db
def test_guessing_one_account_from_many_addresses_is_stopped(
    world: World, password_checks: mock.MagicMock
) -> None:
    limit = settings.LOGIN_FAILURES_PER_ACCOUNT
    # 80 guesses from 20 addresses, 4 each: below the limit per account and address every time.
    responses = guess_from_many_addresses(EMAIL, addresses=20, each=4)
    assert password_checks.call_count == limit
    assert not any(is_lockout_page(r) for r in responses[: limit - 1])
    assert all(is_lockout_page(r) for r in responses[limit:])
    # Even the right password, from yet another address, is refused before it is checked.
    checked = password_checks.call_count
    assert is_lockout_page(login(from_address("203.0.113.9"), EMAIL, PASSWORD))
    assert password_checks.call_count == checked
    # Other accounts are not affected.
    other = login(from_address("203.0.113.9"), "national.office@example.nl", PASSWORD)
    assert other["Location"] == reverse("mfa_authenticate")


@pytest.mark.django_db
def test_trying_many_accounts_from_one_address_is_stopped(world: World) -> None:
    limit = settings.LOGIN_FAILURES_PER_ADDRESS
    guesser = from_address("198.51.100.1")
    emails = [f"person{number}@example.nl" for number in range(39)] + [EMAIL]
    responses = []
    # One try every 30 seconds: too slow for allauth's 30 logins a minute, still within the
    # cool-off window.
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for email in emails:
            responses.append(login(guesser, email, "Zomer2026!"))
            traveller.shift(timedelta(seconds=30))
    assert not any(is_lockout_page(r) for r in responses[: limit - 1])
    assert all(is_lockout_page(r) for r in responses[limit:])
    # From that address even a real account with its right password is refused for now ...
    assert is_lockout_page(login(guesser, "national.office@example.nl", PASSWORD))
    # ... and from another address it works.
    elsewhere = login(from_address("203.0.113.9"), "national.office@example.nl", PASSWORD)
    assert elsewhere["Location"] == reverse("mfa_authenticate")


@pytest.mark.django_db
def test_the_account_holder_is_told_once_without_the_guessers_addresses(world: World) -> None:
    guess_from_many_addresses(EMAIL, addresses=20, each=4)
    sent = notices()
    assert len(sent) == 1
    notice = sent[0]
    assert notice.to == [EMAIL]
    body = notice.body
    assert f"{settings.LOGIN_FAILURES_PER_ACCOUNT} keer" in body
    assert "geblokkeerd" in body
    assert f"{settings.SITE_URL}{reverse('account_reset_password')}" in body
    assert "198.51.100." not in body
    # More guessing within the interval sends nothing more.
    guess_from_many_addresses(EMAIL, addresses=10, each=4, first=100)
    assert len(notices()) == 1


@pytest.mark.django_db
def test_no_notice_for_an_account_that_does_not_exist(world: World) -> None:
    responses = guess_from_many_addresses("nobody@example.nl", addresses=6, each=4)
    assert is_lockout_page(responses[-1])
    assert notices() == []


def _page_text(response) -> str:
    # The page without its per-request CSRF tokens.
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


@pytest.mark.django_db
def test_the_lockout_page_is_dutch_and_tells_nobody_whether_the_account_exists(
    world: World,
) -> None:
    real = guess_from_many_addresses(EMAIL, addresses=6, each=4)[-1]
    unknown = guess_from_many_addresses("nobody@example.nl", addresses=6, each=4, first=50)[-1]
    assert is_lockout_page(real) and is_lockout_page(unknown)
    assert _page_text(real) == _page_text(unknown)
    text = real.content.decode()
    assert "Te veel mislukte pogingen" in text
    assert "Wachtwoord vergeten?" in text
    assert EMAIL not in text


def _reset_link() -> str:
    for message in reversed(mail.outbox):
        hit = re.search(r"https?://[^\s]+(/account/password/reset/key/[^\s]+/)", message.body)
        if hit:
            return hit.group(1)
    raise AssertionError("no reset link was mailed")


@pytest.mark.django_db
def test_a_reset_link_lets_the_real_user_back_in_with_two_factor(world: World) -> None:
    # Someone guesses from 20 addresses: the account is blocked everywhere; its holder is told.
    guess_from_many_addresses(EMAIL, addresses=20, each=4)
    assert len(notices()) == 1
    user = from_address("203.0.113.50")
    assert is_lockout_page(login(user, EMAIL, PASSWORD))

    # The holder asks for a reset link and chooses a new password through it.
    assert user.post(reverse("account_reset_password"), {"email": EMAIL}).status_code == 302
    form = user.get(_reset_link(), follow=True)
    assert form.status_code == 200
    done = user.post(
        form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert done.status_code == 302

    # The block is lifted for every browser ...
    elsewhere = login(from_address("203.0.113.51"), EMAIL, NEW_PASSWORD)
    assert elsewhere["Location"] == reverse("mfa_authenticate")

    # ... the guessing goes on and blocks the account again for everyone else ...
    guess_from_many_addresses(EMAIL, addresses=5, each=4, first=150)
    assert is_lockout_page(login(from_address("203.0.113.52"), EMAIL, NEW_PASSWORD))
    assert len(notices()) == 1  # no second mail within the interval

    # ... but the browser that made the reset logs in, and the code from the app is still asked.
    response = login(user, EMAIL, NEW_PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    assert user.get("/start/")["Location"].startswith(LOGIN)
    response = user.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert user.get("/start/").status_code == 200


@pytest.mark.django_db
def test_the_reset_proof_counts_for_its_own_account_only(world: World) -> None:
    guess_from_many_addresses(EMAIL, addresses=20, each=4)
    guess_from_many_addresses("national.office@example.nl", addresses=20, each=4, first=100)
    user = from_address("203.0.113.50")
    user.post(reverse("account_reset_password"), {"email": EMAIL})
    form = user.get(_reset_link(), follow=True)
    user.post(form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    guess_from_many_addresses(EMAIL, addresses=5, each=4, first=150)
    # The other account stays blocked for that browser; its own account lets it in.
    assert is_lockout_page(login(user, "national.office@example.nl", PASSWORD))
    assert login(user, EMAIL, NEW_PASSWORD)["Location"] == reverse("mfa_authenticate")


@pytest.mark.django_db
def test_allauths_own_rate_limit_page_is_dutch(world: World) -> None:
    client = from_address("198.51.100.1")
    for _ in range(5):
        client.post(reverse("account_reset_password"), {"email": EMAIL})
    response = client.post(reverse("account_reset_password"), {"email": EMAIL})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
