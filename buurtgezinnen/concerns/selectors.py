"""Reads of referrals: one referral for a user (scoped, 404 outside). Concerns are read through
``access.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from buurtgezinnen.concerns.models import Referral
from buurtgezinnen.org.scoping import get_in_scope_or_404

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User


def get_referral_for_user(user: User, pk: int) -> Referral:
    """The referral, if its family is in the user's case scope (else 404)."""
    return get_in_scope_or_404(
        Referral.objects.select_related("family", "organisation", "match", "created_by"),
        user,
        pk=pk,
    )
