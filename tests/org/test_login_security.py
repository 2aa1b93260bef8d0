"""Login: two-factor required, lockout, session lifetime, demo users only in DEMO_MODE."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from buurtgezinnen.org.middleware import SEEN_AT_RESOLUTION
from tests.conftest import PASSWORD, World, make_user

LOGIN = "/account/login/"


def post_login(client: Client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


@pytest.mark.django_db
def test_password_then_code_is_asked(world: World) -> None:
    client = Client()
    response = post_login(client, "coordinator.utrecht@example.nl", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Not logged in yet: the start page sends back to login.
    assert client.get("/start/")["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_user_without_totp_must_set_it_up_first(world: World) -> None:
    make_user("newcomer", with_totp=False)
    client = Client()
    response = post_login(client, "newcomer@example.nl", PASSWORD)
    assert response.status_code == 302
    for path in ("/start/", "/beheer/gemeenten/", "/account/2fa/"):
        assert client.get(path)["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db
def test_lockout_after_five_failures_per_account_and_ip(world: World) -> None:
    client = Client(REMOTE_ADDR="10.1.1.1")
    email = "coordinator.utrecht@example.nl"
    for _attempt in range(5):
        assert post_login(client, email, "wrong-password").status_code in (200, 429)
    locked = post_login(client, email, PASSWORD)
    assert locked.status_code == 429
    assert "account/locked_out.html" in [t.name for t in locked.templates]
    # Another account from the same address is not locked ...
    assert post_login(client, "national.office@example.nl", PASSWORD).status_code == 302
    # ... nor the same account from another address.
    other = Client(REMOTE_ADDR="10.2.2.2")
    assert post_login(other, email, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_four_failures_do_not_lock(world: World) -> None:
    client = Client(REMOTE_ADDR="10.1.1.1")
    for _attempt in range(4):
        post_login(client, "coordinator.utrecht@example.nl", "wrong-password")
    assert post_login(client, "coordinator.utrecht@example.nl", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_common_password_is_refused(world: World) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("welkom12345")  # too short
    with pytest.raises(ValidationError):
        validate_password("password1234")  # on the common-passwords list
    validate_password("groene-fiets-naar-zeist-42")


def _logged_in(world: World, traveller: time_machine.Traveller) -> Client:
    client = Client()
    client.force_login(world.users["coordinator_utrecht"])
    assert client.get("/start/").status_code == 200
    return client


@pytest.mark.django_db
def test_session_ends_after_an_hour_idle(world: World) -> None:
    with time_machine.travel("2026-11-23 09:00 +0100", tick=False) as traveller:
        client = _logged_in(world, traveller)
        traveller.shift(59 * 60)
        assert client.get("/start/").status_code == 200
        traveller.shift(59 * 60)  # active a minute before the hour was up: still in
        assert client.get("/start/").status_code == 200
        traveller.shift(61 * 60)
        response = client.get("/start/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert client.get("/start/")["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_session_ends_after_ten_hours_even_when_active(world: World) -> None:
    with time_machine.travel("2026-11-23 08:00 +0100", tick=False) as traveller:
        client = _logged_in(world, traveller)
        for _half_hour in range(19):
            traveller.shift(30 * 60)
            assert client.get("/start/").status_code == 200
        traveller.shift(31 * 60)  # 10 h 1 min after login
        assert client.get("/start/")["Location"].startswith(LOGIN)


def test_idle_clock_resolution_is_small() -> None:
    assert SEEN_AT_RESOLUTION <= 60


@pytest.mark.django_db
def test_demo_users_cannot_log_in_outside_demo_mode(world: World, settings) -> None:
    user = world.users["coordinator_utrecht"]
    user.is_demo = True
    user.save(update_fields=["is_demo"])
    settings.DEMO_MODE = False
    refused = post_login(Client(), user.email, PASSWORD)
    assert refused.status_code == 200  # the login form again, with its error
    assert refused.context["form"].errors
    settings.DEMO_MODE = True
    assert post_login(Client(), user.email, PASSWORD)["Location"] == reverse("mfa_authenticate")


@pytest.mark.django_db
def test_password_reset_sends_mail(world: World, mailoutbox) -> None:
    response = Client().post(
        reverse("account_reset_password"), {"email": "coordinator.utrecht@example.nl"}
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/account/password/reset/key/" in mailoutbox[0].body
