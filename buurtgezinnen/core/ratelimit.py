"""A small per-IP rate limit on Django's cache, for the pages anyone may post to.

``allow(request, key, limit, period_s)`` is true for at most ``limit`` calls per ``period_s``
seconds (a sliding window) for one IP address and key. Each allowed call takes one of ``limit``
slots with ``cache.add``, which is atomic in every cache backend: concurrent requests cannot
both take the last slot. A slot frees itself ``period_s`` seconds after it was taken.

The IP address is the client's (``core.client.client_address``, which knows the trusted proxies);
it is hashed before it becomes part of a cache key, so the cache holds no addresses.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

from buurtgezinnen.core.client import client_address


def _base_key(key: str, ip: str) -> str:
    digest = hashlib.sha256(f"{key}\x1f{ip}".encode()).hexdigest()[:32]
    return f"ratelimit:{digest}"


def allow(request: HttpRequest, key: str, limit: int, period_s: int) -> bool:
    """Counts this call for the request's IP; false when the limit is already reached."""
    if limit <= 0:
        return False
    base = _base_key(key, client_address(request) or "unknown")
    slots = [f"{base}:{number}" for number in range(limit)]
    taken = cache.get_many(slots)
    # ``any`` stops at the first slot taken for this call.
    return any(slot not in taken and cache.add(slot, 1, timeout=period_s) for slot in slots)
