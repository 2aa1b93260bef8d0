"""pg_trgm and trigram indexes for the user search (decision 46); nothing on SQLite."""

from typing import Any

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from buurtgezinnen.core.search import add_trigram_indexes

COLUMNS = {"first_name": "text", "last_name": "text", "email": "text"}


class PostgresTrigramExtension(TrigramExtension):
    """``CREATE EXTENSION pg_trgm``; does nothing on SQLite, forwards (as Django's does) and
    backwards (where Django's asks SQLite for ``pg_extension``)."""

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)


def add(apps: Any, schema_editor: Any) -> None:
    add_trigram_indexes(schema_editor, apps.get_model("org", "User"), COLUMNS)


def remove(apps: Any, schema_editor: Any) -> None:
    add_trigram_indexes(schema_editor, apps.get_model("org", "User"), COLUMNS, remove=True)


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0004_stand_in_and_safety_officer_reads_safety_concerns"),
    ]

    operations = [
        PostgresTrigramExtension(),
        migrations.RunPython(add, remove),
    ]
