"""Writes of the agenda app: a user's calendar link made and revoked."""

from __future__ import annotations

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from buurtgezinnen.agenda.models import CalendarToken
from buurtgezinnen.core import tokens
from buurtgezinnen.org.models import User


@transaction.atomic
def create_calendar_token(*, by: User) -> str:
    """A new secret for ``by``'s own feed; an earlier one stops working. Returns the secret,
    which is not stored and cannot be shown again."""
    secret = tokens.new_secret()
    with set_actor(by):
        revoke_calendar_token(by=by)
        CalendarToken.objects.create(user=by, token_hash=tokens.hash_secret(secret))
    return secret


@transaction.atomic
def revoke_calendar_token(*, by: User) -> int:
    """``by``'s feed stops working at once. Returns how many links were revoked."""
    with set_actor(by):
        tokens = list(CalendarToken.objects.select_for_update().active().filter(user=by))
        for token in tokens:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return len(tokens)


def user_for_token(secret: str) -> User | None:
    """The active user whose unrevoked link this is; marks the link as used."""
    if not secret or len(secret) > 100:
        return None
    token = (
        CalendarToken.objects.active()
        .select_related("user")
        .filter(token_hash=tokens.hash_secret(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        CalendarToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
