"""Password guessing: three limits, one notice to the account holder, and the way back in.

django-axes counts failed logins per account and address together and locks that pair at
``AXES_FAILURE_LIMIT``. It compares every lockout parameter with one and the same limit, so the two
wider limits are counted here, from axes' own ``AccessAttempt`` rows (one per account, address and
browser, holding its failures within the cool-off window):

- per account over all addresses (``LOGIN_FAILURES_PER_ACCOUNT``): guessing one password from many
  addresses;
- per address over all accounts (``LOGIN_FAILURES_PER_ADDRESS``): trying one password on many
  accounts.

``LockoutHandler`` is axes' handler (``AXES_HANDLER``). Axes' authentication backend runs first
and asks it whether the attempt is locked, so a refused attempt never reaches the password check;
a refused attempt still counts, so the block lasts while the guessing goes on.

The first time an account reaches its limit, its holder gets a mail (at most one per
``LOCKOUT_NOTICE_INTERVAL``): a count and a time, nothing about the guesser. A password reset by
mail lifts every block on the account and lets the browser that made the reset past the two wider
limits for a while, so someone who keeps guessing cannot keep the real user out.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, Sum
from django.http import HttpRequest
from django.utils import timezone

# After a password reset by mail, the browser that made it is past the wider limits this long:
# time to log in with the new password, even while someone else goes on guessing.
RESET_PROOF_VALID = timedelta(hours=1)
RESET_PROOF_SESSION_KEY = "lockout_reset_proof"


def login_name(value: object) -> str:
    """The account an attempt is for, as axes stores it: the e-mail address, trimmed, lower case."""
    return str(value or "").strip().lower()


def _account_key(name: str) -> str:
    # Cache keys and the session hold a hash, not the e-mail address.
    return hashlib.sha256(name.encode()).hexdigest()


def wider_failures(request: HttpRequest, name: str, address: str | None) -> tuple[int, int]:
    """Failures within the cool-off window for the account (all addresses) and for the address
    (all accounts), in one query."""
    by_account = Q(username=name) if name else Q(pk__in=[])
    by_address = Q(ip_address=address) if address else Q(pk__in=[])
    totals = AccessAttempt.objects.filter(
        by_account | by_address, attempt_time__gte=get_cool_off_threshold(request)
    ).aggregate(
        account=Sum("failures_since_start", filter=by_account),
        address=Sum("failures_since_start", filter=by_address),
    )
    return totals["account"] or 0, totals["address"] or 0


def _has_reset_proof(request: HttpRequest, name: str) -> bool:
    session = getattr(request, "session", None)
    proof = session.get(RESET_PROOF_SESSION_KEY) if session is not None else None
    return (
        isinstance(proof, dict)
        and proof.get("account") == _account_key(name)
        and float(proof.get("until", 0)) > time.time()
    )


def _wider_limits(
    request: HttpRequest, credentials: dict[str, Any] | None
) -> tuple[str, int, bool, bool]:
    """The account, its failures over all addresses, and which wider limit is reached."""
    name = login_name(get_client_username(request, credentials))
    if name and _has_reset_proof(request, name):
        return name, 0, False, False
    account, address = wider_failures(request, name, getattr(request, "axes_ip_address", None))
    return (
        name,
        account,
        bool(name) and account >= settings.LOGIN_FAILURES_PER_ACCOUNT,
        address >= settings.LOGIN_FAILURES_PER_ADDRESS,
    )


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with the two wider limits and the notice to the account holder."""

    def is_locked(self, request: Any, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        _name, _failures, account_reached, address_reached = _wider_limits(request, credentials)
        return account_reached or address_reached

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        # Records the failure and locks the account-and-address pair at its own limit.
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        name, failures, account_reached, address_reached = _wider_limits(request, credentials)
        if account_reached:
            _notify_account_holder(name, failures)
        if (account_reached or address_reached) and not request.axes_locked_out:
            # The lockout page, as for the pair (axes.middleware reads these).
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes", request=request, username=name, ip_address=request.axes_ip_address
            )


def _notify_account_holder(name: str, failures: int) -> None:
    """Mail the holder of the account ``name`` once per notice interval (none if there is no
    such account; the page the guesser sees is the same either way)."""
    from buurtgezinnen.org import tasks
    from buurtgezinnen.org.models import User

    interval = int(settings.LOCKOUT_NOTICE_INTERVAL.total_seconds())
    # cache.add is atomic: of two requests at the same moment, one sends.
    if not cache.add(f"lockout-notice:{_account_key(name)}", 1, timeout=interval):
        return
    user_id = (
        User.objects.filter(email__iexact=name, is_active=True).values_list("pk", flat=True).first()
    )
    if user_id is None:
        return
    locked_at = timezone.now().isoformat()
    transaction.on_commit(lambda: tasks.send_lockout_notice(user_id, failures, locked_at))


def unlock_after_reset(request: HttpRequest | None, user: Any) -> None:
    """A password reset by mail proves the mailbox: every block on the account is lifted, and the
    browser that made the reset is past the wider limits for ``RESET_PROOF_VALID``. The pair
    limit and the two-factor step still apply."""
    name = login_name(user.email)
    reset(username=name)
    session = getattr(request, "session", None)
    if session is not None:
        session[RESET_PROOF_SESSION_KEY] = {
            "account": _account_key(name),
            "until": time.time() + RESET_PROOF_VALID.total_seconds(),
        }
