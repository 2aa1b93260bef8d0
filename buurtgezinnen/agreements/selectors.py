"""Reads of agreements: one version of a match's agreement for a user (scoped, 404 outside)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from buurtgezinnen.agreements.models import Agreement
from buurtgezinnen.org.scoping import get_in_scope_or_404

if TYPE_CHECKING:
    from buurtgezinnen.org.models import User


def get_agreement_for_user(user: User, match_pk: int, version: int) -> Agreement:
    """Version ``version`` of the match's agreement, with its signatures, if the match is in the
    user's case scope (else 404)."""
    return get_in_scope_or_404(
        Agreement.objects.select_related(
            "match__request_family", "match__support_family"
        ).prefetch_related("signatures"),
        user,
        match_id=match_pk,
        version=version,
    )
