"""Where the agenda sends the coordinator for a match: one place to change when the match page
(``matches:detail``) exists."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def match_url(match: Any) -> str:
    """The page where the work on ``match`` is done (for now: the requesting family's page)."""
    return reverse("families:detail", args=[match.request_family_id])
