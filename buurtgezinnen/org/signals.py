"""Receivers that keep the session markers of org.middleware right, and lift a lockout when the
password is reset by mail."""

from typing import Any

from allauth.account.signals import password_reset
from allauth.mfa.signals import authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from buurtgezinnen.org.lockout import unlock_after_reset
from buurtgezinnen.org.middleware import MFA_OK, mark_login


@receiver(user_logged_in)
def start_session_clock(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        mark_login(request)


@receiver(authenticator_removed)
def recheck_two_factor(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session.pop(MFA_OK, None)


@receiver(password_reset)
def unlock_on_password_reset(
    sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any
) -> None:
    if user is not None:
        unlock_after_reset(request, user)
