"""The signed agreement as a PDF (WeasyPrint; needs Pango at runtime)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from buurtgezinnen.agreements.models import Agreement
    from buurtgezinnen.matching.models import Match


def render(agreement: Agreement, match: Match) -> bytes:
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "agreements/pdf.html",
            {
                "agreement": agreement,
                "content": agreement.content,
                "match": match,
                "signatures": list(agreement.signatures.all()),
            },
        )
    return bytes(HTML(string=html).write_pdf())
