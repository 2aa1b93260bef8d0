"""The navigation that fits the user's roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.org.models import Role
from buurtgezinnen.org.scoping import scope_for

# (url name, label, roles that see it; empty = every logged-in user)
NAVIGATION: tuple[tuple[str, Any, frozenset[str]], ...] = (
    ("agenda:start", _("Today"), frozenset()),
    (
        "org:municipality_list",
        _("Municipalities"),
        frozenset(
            {
                Role.COORDINATOR,
                Role.REGIONAL_COORDINATOR,
                Role.NATIONAL_OFFICE,
                Role.MUNICIPALITY_CONTACT,
            }
        ),
    ),
    ("families:overview", _("Families"), frozenset({Role.COORDINATOR, Role.REGIONAL_COORDINATOR})),
    ("matching:list", _("Matches"), frozenset({Role.COORDINATOR, Role.REGIONAL_COORDINATOR})),
    ("org:region_list", _("Regions"), frozenset({Role.NATIONAL_OFFICE})),
    ("org:user_list", _("People"), frozenset({Role.NATIONAL_OFFICE})),
    (
        "org:stand_in_list",
        _("Stand-ins"),
        frozenset({Role.NATIONAL_OFFICE, Role.REGIONAL_COORDINATOR}),
    ),
    ("families:criteria", _("Competence profile"), frozenset({Role.NATIONAL_OFFICE})),
    ("agreements:standard", _("Agreement and house rules"), frozenset({Role.NATIONAL_OFFICE})),
    ("audit:change_log", _("Change log"), frozenset({Role.NATIONAL_OFFICE})),
    ("audit:access_log", _("Access log"), frozenset({Role.NATIONAL_OFFICE})),
    ("mfa_index", _("Security"), frozenset()),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    scope = scope_for(user)
    roles = scope.roles
    items = []
    for name, label, allowed in NAVIGATION:
        if allowed and not roles & allowed:
            continue
        url = reverse(name)
        current = request.path == url or (url != "/start/" and request.path.startswith(url))
        items.append({"url": url, "label": label, "current": current})
    if getattr(user, "is_safety_officer", False) and Role.NATIONAL_OFFICE in roles:
        # The designated safety officer's list of open safety concerns (concerns.access).
        url = reverse("concerns:safety_list")
        items.insert(
            1,
            {"url": url, "label": _("Safety concerns"), "current": request.path == url},
        )
    role_labels = [str(Role(role).label) for role in sorted(scope.assigned_roles)]
    if scope.is_stand_in:
        role_labels.append(str(_("stand-in")))
    return {"navigation": items, "user_role_labels": role_labels}
