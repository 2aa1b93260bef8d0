"""The public municipality page with 200 open profiles: median server time and query count.

Runs against a throwaway SQLite database made for the benchmark (migrated, then filled through
the real actions for one family and by copying its profile)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

PROFILES = 200


def _fill() -> str:
    from datetime import date

    from buurtgezinnen.families.models import Family, Kind, Source, Status
    from buurtgezinnen.org.models import Municipality, Region
    from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile

    region = Region.objects.create(name="Bench")
    municipality = Municipality.objects.create(
        cbs_code="GM0344",
        name="Utrecht",
        slug="utrecht",
        region=region,
        programme_started_on=date(2020, 1, 1),
    )
    now = date.today()
    for number in range(PROFILES):
        family = Family.objects.create(
            kind=Kind.REQUEST,
            status=Status.WAITING,
            municipality=municipality,
            name=f"Bench{number}",
            postcode="3511 AB",
            pc4="3511",
            source=Source.PHONE,
            waiting_since=now,
        )
        profile = RecruitmentProfile(
            family=family,
            status=ProfileStatus.PUBLISHED,
            headline=f"Gezin in Utrecht zoekt een steungezin ({number})",
            area="Overvecht",
            children="6-8 jaar",
            support="een vaste middag",
            text="Een warm gezin gezocht.",
            consent_at="2026-01-01T10:00Z",
            approved_at="2026-01-01T10:00Z",
            published_at="2026-01-01T10:00Z",
        )
        profile.copy_text_to_published()  # what is online (decision 34)
        profile.save()
    return municipality.slug


def run() -> str:
    from django.core.management import call_command
    from django.db import connections

    with tempfile.TemporaryDirectory() as folder:
        settings_db = connections["default"].settings_dict
        original = settings_db["NAME"]
        settings_db["NAME"] = str(Path(folder) / "bench.sqlite3")
        connections["default"].close()
        try:
            call_command("migrate", verbosity=0)
            slug = _fill()
            client = Client()
            client.get(f"/{slug}/")  # warm-up
            times, queries = [], 0
            for _ in range(30):
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(f"/{slug}/")
                    times.append(time.perf_counter() - start)
                assert response.status_code == 200
                queries = len(captured)
            listed = response.content.decode().count("/profiel/")
        finally:
            connections["default"].close()
            settings_db["NAME"] = original
    return "\n".join(
        [
            "## Public municipality page",
            "",
            "| what | result |",
            "|---|---|",
            f"| profiles on the page | {listed} |",
            f"| median server time (Django test client, 30 requests) | "
            f"{statistics.median(times) * 1000:.1f} ms |",
            f"| database queries per request | {queries} |",
            "",
        ]
    )
