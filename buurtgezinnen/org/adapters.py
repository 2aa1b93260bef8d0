"""Hooks into django-allauth and django-axes."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.conf import settings
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are made by the national office; nobody signs up.
        return False


class AuthenticationBackend(AllauthBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        # Demo users have printed passwords and TOTP secrets: they only work in DEMO_MODE.
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The account an attempt was for: allauth passes ``email``; its form field is ``login``."""
    value = (credentials or {}).get("email") or request.POST.get("login", "")
    return str(value).strip().lower()
