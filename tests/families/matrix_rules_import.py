"""Who may import families from a spreadsheet: coordinators and regional coordinators.

To be merged into ``tests/families/matrix_rules.py`` (the matrix reads only files with that
name): ``from tests.families.matrix_rules_import import RULES as IMPORT_RULES`` and
``RULES.update(IMPORT_RULES)``, or copy the three entries.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import CASE_WORKERS, Rule, side_municipality

POSTCODES = {"utrecht": "3511 AB", "amersfoort": "3811 CD"}


def upload_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """A file of one family for the municipality of ``side``."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    header = "gezinsnaam;voornaam ouder;achternaam ouder;postcode"
    content = f"{header}\r\nJansen;Piet;Jansen;{POSTCODES[side]}\r\n"
    return {
        "municipality": side_municipality(world, side).pk,
        "kind": "request",
        "consent": "on",
        "file": SimpleUploadedFile("gezinnen.csv", content.encode()),
    }


RULES: dict[str, Rule] = {
    # The upload is kept in the session (not the database) until it is confirmed.
    "families:import_upload": Rule(
        roles=CASE_WORKERS,
        scoped=True,
        scope="case",
        # base (8) + municipalities for the form x2 (2) = 10
        max_queries=12,
        shows="none",
        post=upload_post,
        post_writes=False,
    ),
    # POST only; an unknown token answers the upload page again ("upload the file again").
    "families:import_confirm": Rule(
        roles=CASE_WORKERS,
        method="POST",
        data={"token": "onbekend"},
        # base (8) + municipalities for the form x2 (2) = 10
        max_queries=12,
        post={"token": "onbekend"},
        post_writes=False,
    ),
    # base (8) = 8
    "families:import_template": Rule(roles=CASE_WORKERS, max_queries=10, shows="none"),
}
