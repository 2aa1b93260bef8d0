"""Who may import families from a spreadsheet: coordinators and regional coordinators.

To be merged into ``tests/families/matrix_rules.py`` (the matrix reads only files with that
name): ``from tests.families.matrix_rules_import import RULES as IMPORT_RULES`` and
``RULES.update(IMPORT_RULES)``, or copy the three entries.
"""

from __future__ import annotations

from tests.matrix import CASE_WORKERS, Rule

RULES: dict[str, Rule] = {
    "families:import_upload": Rule(roles=CASE_WORKERS, max_queries=12),
    # POST only; an unknown token answers the upload page again ("upload the file again").
    "families:import_confirm": Rule(
        roles=CASE_WORKERS, method="POST", data={"token": "onbekend"}, max_queries=12
    ),
    "families:import_template": Rule(roles=CASE_WORKERS, max_queries=10),
}
