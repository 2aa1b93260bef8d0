"""Who may use the URLs of the foundation (home, accounts, organisation, audit)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from buurtgezinnen.org.models import Role
from tests.conftest import World
from tests.matrix import (
    NATIONAL,
    PUBLIC_PAGE,
    SEES_MUNICIPALITIES,
    Rule,
    fresh_assignment_kwargs,
    municipality_kwargs,
    region_kwargs,
    user_kwargs,
)

ARRANGES_STAND_INS = frozenset({Role.NATIONAL_OFFICE, Role.REGIONAL_COORDINATOR})
_serial = itertools.count()


def stand_in_kwargs(world: World, side: str) -> tuple[dict[str, Any], str | None]:
    """A fresh stand-in (ending one must not spoil the next request) for the coordinator of
    Utrecht or Amersfoort, by a colleague of the national office."""
    from django.utils import timezone

    from buurtgezinnen.org import actions
    from tests.conftest import make_user

    target = world.utrecht if side == "utrecht" else world.amersfoort
    key = "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    person = make_user(f"waarnemer_{next(_serial)}", with_totp=False)
    actions.assign_role(user=person, by=None, role=Role.NATIONAL_OFFICE)
    today = timezone.localdate()
    stand_in = actions.assign_stand_in(
        coordinator=world.users[key],
        stand_in=person,
        starts_on=today,
        ends_on=today + timedelta(days=6),
        reason="Verlof",
        by=None,
    )
    return {"pk": stand_in.pk}, target.slug


RULES: dict[str, Rule] = {
    "home": PUBLIC_PAGE,
    "set_language": Rule(
        public=True, method="POST", data={"language": "en", "next": "/"}, ok=(302,)
    ),
    "account_login": PUBLIC_PAGE,
    # Logged out already: allauth sends an anonymous visitor to the home page.
    "account_logout": Rule(ok=(200,), max_queries=16, anonymous_to_login=False),
    "account_inactive": PUBLIC_PAGE,
    "account_reauthenticate": Rule(ok=(200,), max_queries=16),
    "account_change_password": Rule(ok=(200,), max_queries=16),
    "account_reset_password": PUBLIC_PAGE,
    "account_reset_password_done": PUBLIC_PAGE,
    "account_reset_password_from_key": Rule(
        public=True, ok=(200, 302), fixed_kwargs={"uidb36": "1", "key": "set-password"}
    ),
    "account_reset_password_from_key_done": PUBLIC_PAGE,
    # Only during a login with a second step; otherwise it sends the user on.
    "mfa_authenticate": Rule(public=True, ok=(302,)),
    "mfa_index": Rule(ok=(200,), max_queries=16),
    "mfa_reauthenticate": Rule(ok=(200,), max_queries=16),
    "mfa_activate_totp": Rule(ok=(200, 302), max_queries=16),
    "mfa_view_recovery_codes": Rule(ok=(200, 302), max_queries=16),
    "mfa_generate_recovery_codes": Rule(ok=(200, 302), max_queries=16),
    "mfa_download_recovery_codes": Rule(ok=(200, 302, 404), max_queries=16),
    # Case workers also get the agenda: a fixed number of queries per provider.
    "start": Rule(max_queries=30),
    "org:region_list": Rule(roles=NATIONAL, max_queries=10),
    "org:region_create": Rule(roles=NATIONAL, max_queries=10),
    "org:region_edit": Rule(roles=NATIONAL, objects=region_kwargs, max_queries=10),
    "org:municipality_list": Rule(roles=SEES_MUNICIPALITIES, max_queries=10),
    "org:municipality_create": Rule(roles=NATIONAL, max_queries=16),
    "org:municipality_detail": Rule(
        roles=SEES_MUNICIPALITIES, objects=municipality_kwargs, scoped=True, max_queries=10
    ),
    "org:municipality_edit": Rule(roles=NATIONAL, objects=municipality_kwargs, max_queries=16),
    "org:user_list": Rule(roles=NATIONAL, max_queries=12),
    "org:user_create": Rule(roles=NATIONAL, max_queries=10),
    "org:user_detail": Rule(roles=NATIONAL, objects=user_kwargs, logs_read=True, max_queries=14),
    "org:user_edit": Rule(roles=NATIONAL, objects=user_kwargs, max_queries=10),
    "org:assignment_add": Rule(
        roles=NATIONAL,
        objects=user_kwargs,
        method="POST",
        data={"role": Role.HELPLINE_VOLUNTEER},
        ok=(302,),
        max_queries=30,
    ),
    "org:assignment_remove": Rule(
        roles=NATIONAL, objects=fresh_assignment_kwargs, method="POST", ok=(302,), max_queries=30
    ),
    "org:stand_in_list": Rule(roles=ARRANGES_STAND_INS, max_queries=12),
    "org:stand_in_create": Rule(roles=ARRANGES_STAND_INS, max_queries=12),
    "org:stand_in_end": Rule(
        roles=ARRANGES_STAND_INS,
        objects=stand_in_kwargs,
        method="POST",
        ok=(302,),
        scoped=True,
        scope="stand_in",
        max_queries=20,
    ),
    "audit:change_log": Rule(roles=NATIONAL, max_queries=16),
    "audit:access_log": Rule(roles=NATIONAL, max_queries=16),
}
