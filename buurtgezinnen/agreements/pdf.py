"""The signed agreement as a PDF (WeasyPrint; needs Pango at runtime).

The template escapes every stored text, like a page. As a second wall WeasyPrint fetches
nothing: the PDF needs no image, stylesheet or font from a URL (its style is inline, fonts come
from the system), so a URL that slipped into the HTML cannot read a file or reach the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from buurtgezinnen.agreements.models import Agreement
    from buurtgezinnen.matching.models import Match


def url_fetcher() -> Any:
    """A fetcher that refuses every protocol (file:, http:, data: …): WeasyPrint logs a warning
    and leaves the resource out."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=())


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
    return bytes(HTML(string=html, url_fetcher=url_fetcher()).write_pdf())
