"""Where other pages, the agenda and the mails send the coordinator for a match."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def match_url(match: Any) -> str:
    """The match's own page, where its reviews and closure are done."""
    return reverse("matching:detail", args=[match.pk])
