"""Trigram indexes for the family search (decision 46); nothing on SQLite."""

from typing import Any

from django.db import migrations

from buurtgezinnen.core.search import add_trigram_indexes

COLUMNS = {
    "Family": {"name": "text"},
    "Person": {"first_name": "text", "last_name": "text", "phone": "phone"},
}


def add(apps: Any, schema_editor: Any) -> None:
    for model, columns in COLUMNS.items():
        add_trigram_indexes(schema_editor, apps.get_model("families", model), columns)


def remove(apps: Any, schema_editor: Any) -> None:
    for model, columns in COLUMNS.items():
        add_trigram_indexes(schema_editor, apps.get_model("families", model), columns, remove=True)


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0003_match_lifecycle"),
        # pg_trgm is created there.
        ("org", "0005_search_trigram_indexes"),
    ]

    operations = [migrations.RunPython(add, remove)]
