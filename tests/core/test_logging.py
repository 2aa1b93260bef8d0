"""Application logs carry no personal data."""

from __future__ import annotations

import logging

from hypothesis import given
from hypothesis import strategies as st

from buurtgezinnen.core.logging import RedactingFormatter, redact


def test_redacts_personal_data() -> None:
    line = (
        "mail j.de.vries@example.nl, tel 06-12345678 or +31 30 123 4567, "
        "postcode 3511 AB, bsn 123456782, iban NL91ABNA0417164300"
    )
    cleaned = redact(line)
    for secret in ("j.de.vries", "12345678", "123 4567", "3511 AB", "123456782", "0417164300"):
        assert secret not in cleaned
    assert "[e-mail]" in cleaned
    assert "[phone]" in cleaned
    assert "[postcode]" in cleaned


def test_keeps_ordinary_text() -> None:
    assert (
        redact("GET /beheer/gemeenten/12/ 200 in 35 ms") == "GET /beheer/gemeenten/12/ 200 in 35 ms"
    )


def test_formatter_redacts_the_traceback_too() -> None:
    formatter = RedactingFormatter("{message}", style="{")
    try:
        raise ValueError("duplicate key (email)=(a.b@example.nl)")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    text = formatter.format(record)
    assert "a.b@example.nl" not in text
    assert "[e-mail]" in text


@given(st.emails())
def test_every_email_is_redacted(email: str) -> None:
    assert email not in redact(f"user {email} logged in")
