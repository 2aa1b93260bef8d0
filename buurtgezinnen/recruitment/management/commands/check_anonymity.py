"""Runs the anonymity check over JSON lines: `{"text": ...}` in, `{"findings": [...]}` out.

A line may also carry the family's record: `{"text": ..., "record": {"names": [...],
"streets": [...], "house_numbers": [...], "postcodes": [...], "phones": [...], "emails": [...],
"dates_of_birth": ["2015-03-12"], "schools": [...]}}`. Used to measure the check's quality on a
set of texts.

With ``--quasi`` the quasi-identifier check runs as well (clubs, schools, streets, landmarks,
people, disguised contact details, rare combinations: ``quasi.py``; its findings carry a
``suggestion``). With ``--deep`` every layer that guards publishing runs: the record and the
patterns, the quasi-identifiers and the deeper check (deduce), with the allow-list of every
municipality, region and place (and the line's ``area``, if it has one). Loading deduce takes
seconds (the very first time after installing: about two minutes), so it is off by default.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils import translation

from buurtgezinnen.recruitment import deep_check, quasi, wording
from buurtgezinnen.recruitment.anonymity import Finding, Record, check

LIST_FIELDS = ("names", "streets", "house_numbers", "postcodes", "phones", "emails", "schools")


def record_from(data: dict[str, Any] | None) -> Record | None:
    if not data:
        return None
    values = {name: tuple(str(v) for v in data.get(name, [])) for name in LIST_FIELDS}
    born = tuple(date.fromisoformat(d) for d in data.get("dates_of_birth", []))
    return Record(dates_of_birth=born, **values)


class Command(BaseCommand):
    help = "Checks texts (JSON lines with a 'text' field on stdin) for what identifies a family."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--deep",
            action="store_true",
            help="Run every layer: also the quasi-identifiers and the deeper check (deduce).",
        )
        parser.add_argument(
            "--quasi",
            action="store_true",
            help="Also run the quasi-identifier check (clubs, schools, streets, people, …).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        allowed: frozenset[str] | None = None
        if options["deep"]:
            allowed = deep_check.allowed_names(self._names_in_database())
            deep_check.get_deduce()  # loaded up front: also warms deduce's cache (empty input)
        with translation.override(settings.LANGUAGE_CODE):
            self._check_lines(allowed, with_quasi=options["quasi"] or options["deep"])

    def _names_in_database(self) -> list[str]:
        """The database's municipalities and regions; without a database, the PC4 table's
        municipalities and places (always allowed) have to do."""
        from buurtgezinnen.org.models import Municipality, Region

        try:
            return [
                *Municipality.objects.values_list("name", flat=True),
                *Region.objects.values_list("name", flat=True),
            ]
        except DatabaseError:
            self.stderr.write("no database: regions are not on the allow-list")
            return []

    def _check_lines(self, allowed: frozenset[str] | None, *, with_quasi: bool) -> None:
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
                record = record_from(item.get("record"))
                area = str(item.get("area") or "")
            except (ValueError, KeyError, TypeError) as error:
                self.stdout.write(json.dumps({"error": f"line {number}: {error}"}))
                continue
            found: list[Finding] = check(text, record)
            if with_quasi:
                names = deep_check.area_names(area) | (allowed or frozenset())
                found += quasi.check(text, allowed=names, covered=found)
            if allowed is not None:
                here = allowed | deep_check.area_names(area)
                found += deep_check.check(text, allowed=here, covered=found)
            found.sort(key=lambda finding: finding.start)
            findings = [wording.as_dict(finding) for finding in found]
            self.stdout.write(json.dumps({"findings": findings}, ensure_ascii=False))
