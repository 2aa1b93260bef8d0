"""The secrets in links that work without a login (signing the agreement, a support parent's
link for reporting a worry, the calendar feed): made here, stored only as their hash."""

from __future__ import annotations

import hashlib
import secrets


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
