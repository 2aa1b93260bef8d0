"""Runs the anonymity check over JSON lines: `{"text": ...}` in, `{"findings": [...]}` out.

A line may also carry the family's record: `{"text": ..., "record": {"names": [...],
"streets": [...], "house_numbers": [...], "postcodes": [...], "phones": [...], "emails": [...],
"dates_of_birth": ["2015-03-12"], "schools": [...]}}`. Used to measure the check's quality on a
set of texts.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from buurtgezinnen.recruitment.anonymity import Record, check

LIST_FIELDS = ("names", "streets", "house_numbers", "postcodes", "phones", "emails", "schools")


def record_from(data: dict[str, Any] | None) -> Record | None:
    if not data:
        return None
    values = {name: tuple(str(v) for v in data.get(name, [])) for name in LIST_FIELDS}
    born = tuple(date.fromisoformat(d) for d in data.get("dates_of_birth", []))
    return Record(dates_of_birth=born, **values)


class Command(BaseCommand):
    help = "Checks texts (JSON lines with a 'text' field on stdin) for what identifies a family."

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._check_lines()

    def _check_lines(self) -> None:
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
                record = record_from(item.get("record"))
            except (ValueError, KeyError, TypeError) as error:
                self.stdout.write(json.dumps({"error": f"line {number}: {error}"}))
                continue
            findings = [finding.as_dict() for finding in check(text, record)]
            self.stdout.write(json.dumps({"findings": findings}, ensure_ascii=False))
