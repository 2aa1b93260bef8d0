"""Background work of the organisation app (huey)."""

from __future__ import annotations

from datetime import datetime

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from buurtgezinnen.core import mail


@db_task(retries=3, retry_delay=60)
def send_invitation(user_id: int) -> None:
    """Mail a new colleague a link to choose a password (allauth's reset-password key)."""
    from buurtgezinnen.org.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    key = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    context = {"user": user, "link": f"{settings.SITE_URL}{path}"}
    mail.send("org/mail/invitation", context, [user.email])


@db_task(retries=3, retry_delay=60)
def send_lockout_notice(user_id: int, failures: int, locked_at: str) -> None:
    """Tell an account holder that logging in to their account was blocked after many failed
    attempts from elsewhere, and that a password reset by mail lifts the block."""
    from buurtgezinnen.org.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    context = {
        "user": user,
        "failures": failures,
        "locked_at": datetime.fromisoformat(locked_at),
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "reset_link": mail.absolute("account_reset_password"),
    }
    mail.send("org/mail/lockout_notice", context, [user.email])


@db_periodic_task(crontab(minute="17", hour="3"))
def clear_expired_sessions() -> None:
    """Nightly: expired sessions hold personal context; remove them."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.filter(expire_date__lt=timezone.now()).delete()
