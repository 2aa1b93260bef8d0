"""Session lifetime and the two-factor requirement for every logged-in user."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

LOGIN_AT = "bg_login_at"
SEEN_AT = "bg_seen_at"
MFA_OK = "bg_mfa_ok"
# Writing the session on every request costs a query; a minute is precise enough for idling.
SEEN_AT_RESOLUTION = 60


def mark_login(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT without requests or SESSION_ABSOLUTE_TIMEOUT."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
        self.absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.get(LOGIN_AT)
            seen_at = request.session.get(SEEN_AT)
            if login_at is None or seen_at is None:
                mark_login(request)
            elif now - seen_at > self.idle or now - login_at > self.absolute:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(f"{reverse('account_login')}?next={request.path}")
            elif now - seen_at >= SEEN_AT_RESOLUTION:
                request.session[SEEN_AT] = int(now)
        return self.get_response(request)


def _exempt_paths() -> tuple[str, ...]:
    return (
        reverse("mfa_activate_totp"),
        reverse("account_logout"),
        reverse("account_reauthenticate"),
        reverse("set_language"),
        settings.STATIC_URL,
    )


class RequireTwoFactorMiddleware:
    """Every user works with two-factor authentication: without it, the only page is its setup."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.session.get(MFA_OK):
            if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                request.session[MFA_OK] = True
            elif not request.path.startswith(_exempt_paths()):
                return redirect("mfa_activate_totp")
        return self.get_response(request)
