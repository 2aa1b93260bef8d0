"""Hooks into django-allauth and django-axes."""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from buurtgezinnen.core.client import client_address
from buurtgezinnen.org.lockout import login_name


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are made by the national office; nobody signs up.
        return False

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        user = super().authenticate(request, **credentials)
        if user is not None and demo_user_refused(user):
            self.authentication_failed(request, **credentials)
            return None
        return user

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's own rate limits (password reset, reauthentication) count the same address as
        # everything else. allauth refuses a request without one.
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        # Setting up two-factor authentication and reading the new recovery codes come straight
        # after the login: asking for the password again there helps nobody. Later, the
        # two-factor pages ask for it as usual.
        if app == "allauth.mfa":
            request = context.request
            user = getattr(request, "user", None)
            if (
                user is not None
                and user.is_authenticated
                and (not _has_totp(user) or _logged_in_recently(request, user))
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


def _logged_in_recently(request: HttpRequest, user: Any) -> bool:
    records = get_authentication_records(request, user)
    if not records:
        return False
    return time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT


def _has_totp(user: Any) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def demo_user_refused(user: Any) -> bool:
    """Demo users have printed passwords and TOTP secrets: they only work in DEMO_MODE."""
    return bool(getattr(user, "is_demo", False)) and not settings.DEMO_MODE


class AuthenticationBackend(AllauthBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return not demo_user_refused(user) and super().user_can_authenticate(user)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The account an attempt was for: allauth passes ``email``; its form field is ``login``."""
    return login_name((credentials or {}).get("email") or request.POST.get("login", ""))
