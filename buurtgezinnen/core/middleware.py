"""Browser defences on every response, as a second wall behind escaping (decision 29).

django-csp sets the Content-Security-Policy (``settings.CONTENT_SECURITY_POLICY``); this
middleware adds the two headers that Django and django-csp leave out:

* ``Permissions-Policy``: the app uses no camera, microphone, location, payment or other
  powerful browser feature, so none may be used, not even by injected code.
* ``Cache-Control: no-store`` on every page, so nothing about a family stays in a browser's or a
  proxy's cache after a coordinator logs out or a parent closes a personal link. A page for
  anonymous visitors may opt in to caching by setting its own ``Cache-Control`` (Django's
  ``cache_control`` decorator); for a logged-in user the app never allows it.

Static files never reach this middleware: whitenoise answers them first, with their own long
cache headers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

# Every feature off ("=()"). Only names Chromium knows: it logs an error for any other.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def _logged_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class BrowserDefencesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        cache_control = response.get("Cache-Control")
        # The user is looked at only when a view allowed caching: no query on the common path.
        if cache_control is None or ("no-store" not in cache_control and _logged_in(request)):
            add_never_cache_headers(response)
        return response
