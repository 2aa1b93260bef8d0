"""A minimal iCalendar (RFC 5545) writer: VEVENTs with UTC times, escaped and folded text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime
    end: datetime
    summary: str
    url: str = ""


# What some parsers take for the end of a line besides CR and LF (Python's str.splitlines()
# among them): each becomes an escaped newline, so no text can start a property of its own.
_LINE_BREAKS = re.compile("\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Other control characters are not allowed in a TEXT value (3.3.11) and are left out.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def escape(text: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\\\\n", text))


def _single_line(value: str) -> str:
    """A UID or URL is not TEXT and is not escaped: it is made by the app (ids and addresses),
    so a line break in it is a bug, never something to pass on."""
    if _LINE_BREAKS.search(value) or _CONTROLS.search(value):
        raise ValueError("A calendar property value may not contain a line break.")
    return value


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and a space (3.1),
    never splitting a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # the leading space counts
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: Iterable[Event], *, name: str, now: datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Buurtgezinnen//Agenda//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_single_line(event.uid)}",
            f"DTSTAMP:{_utc(now)}",
            f"DTSTART:{_utc(event.start)}",
            f"DTEND:{_utc(event.end)}",
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.url:
            url = _single_line(event.url)
            lines += [f"URL:{url}", f"DESCRIPTION:{escape(url)}"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
