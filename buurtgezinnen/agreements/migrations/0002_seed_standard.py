"""The national office's standard text and topics (see ``agreements/seed.py``)."""

from django.db import migrations


def seed(apps, schema_editor):
    from buurtgezinnen.agreements.seed import ensure_seeded

    ensure_seeded(
        apps.get_model("agreements", "StandardText"), apps.get_model("agreements", "Topic")
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
