"""The client's address: the one answer for rate limits, the login lockout, signatures and the
access log.

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each proxy appends the address it received the
connection from to ``X-Forwarded-For``; the client is the entry the outermost trusted proxy wrote,
the ``TRUSTED_PROXY_COUNT``-th from the right. Everything to the left of it was sent by the client
and can be forged, so it is never read. With no trusted proxy (the default), ``X-Forwarded-For`` and
every other forwarding header are ignored and the address is the connection's own
(``REMOTE_ADDR``).

django-ipware parses the header (ports, IPv6, IPv4-mapped IPv6, garbage entries). Its
``proxy_count`` counts the proxies *listed in the header*, which is one fewer than the proxies in
front of us (the last one is the connection itself, not in the header); hence ``count - 1``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

FORWARDED_HEADER = "HTTP_X_FORWARDED_FOR"
CONNECTION = "REMOTE_ADDR"


def client_address(request: HttpRequest) -> str | None:
    """The address of the browser that sent ``request``, or None when there is none."""
    proxies = int(settings.TRUSTED_PROXY_COUNT)
    if proxies > 0:
        address, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=(FORWARDED_HEADER,),
            # Not strict: a header with more entries than proxies is normal (the client's own
            # entries on the left); entries that are no address are skipped, and they can only
            # be on the client's side of the trusted ones.
            strict=False,
        )
        if address:
            return address
        # No usable header: the request did not come through every trusted proxy. Its
        # connection address cannot be forged, so that is the answer.
    address, _routable = get_client_ip(request, request_header_order=(CONNECTION,))
    return address
