"""Application logs carry no personal data: this formatter removes what looks like it."""

from __future__ import annotations

import logging
import re

# Order matters: e-mail before the looser number patterns.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[^\s@()<>\[\]]+@[^\s@()<>\[\]]+"), "[e-mail]"),
    (re.compile(r"\bNL\d{2}[A-Z]{4}\d{10}\b", re.IGNORECASE), "[iban]"),
    (re.compile(r"(?<!\d)(\+31|0031|0)[\s-]?[1-9](?:[\s-]?\d){8}(?!\d)"), "[phone]"),
    (re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b"), "[postcode]"),
    (re.compile(r"(?<!\d)\d{9}(?!\d)"), "[number]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts the whole line, traceback included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
