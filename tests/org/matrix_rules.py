"""Who may use the URLs of the foundation (home, accounts, organisation, audit)."""

from __future__ import annotations

import itertools
from dataclasses import replace
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


REGION = {"name": "Gooi en Vechtstreek"}
PERSON = {"first_name": "Fatima", "last_name": "Bakker", "email": "fatima.bakker@example.nl"}


def municipality_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """A new municipality (Leusden), or the object's own details with a new Facebook page."""
    from buurtgezinnen.org.models import Municipality

    current = Municipality.objects.filter(pk=kwargs.get("pk")).first()
    return {
        "cbs_code": current.cbs_code if current else "GM0327",
        "name": current.name if current else "Leusden",
        "slug": current.slug if current else "leusden",
        "region": (current.region_id if current else world.eemland.pk),
        "programme_started_on": "2021-01-01",
        "facebook_url": "https://www.facebook.com/buurtgezinnen",
    }


ALLAUTH = "the user's own account (allauth): there is no other municipality's object"
OWN_ACCOUNT = {"shows": "none", "post_exempt": ALLAUTH}
ALLAUTH_FORM = replace(PUBLIC_PAGE, post_exempt=ALLAUTH)


def stand_in_post(world: World, side: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The coordinator of Utrecht or Amersfoort away for a week, with the regional coordinator
    of that region as stand-in (a regional coordinator's form has no stand-in field: it is
    themselves)."""
    from django.utils import timezone

    today = timezone.localdate()
    region = "regional_utrecht" if side == "utrecht" else "regional_eemland"
    coordinator = "coordinator_utrecht" if side == "utrecht" else "coordinator_amersfoort"
    return {
        "coordinator": world.users[coordinator].pk,
        "stand_in": world.users[region].pk,
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=6)).isoformat(),
        "reason": "Verlof",
    }


RULES: dict[str, Rule] = {
    "core:home": PUBLIC_PAGE,
    "set_language": Rule(
        public=True,
        method="POST",
        data={"language": "en", "next": "/"},
        ok=(302,),
        # session, user, 2FA check, session write (6; no scope) = 6, +2 margin
        max_queries=8,
        post_exempt="it changes only the visitor's language (a cookie)",
    ),
    "account_login": ALLAUTH_FORM,
    # Logged out already: allauth sends an anonymous visitor to the home page.
    # base (8) = 8, +2 margin
    "account_logout": Rule(ok=(200,), max_queries=10, anonymous_to_login=False, **OWN_ACCOUNT),
    "account_inactive": PUBLIC_PAGE,
    # base (8) + allauth's authenticator checks x6 (6) = 14
    "account_reauthenticate": Rule(ok=(200,), max_queries=16, **OWN_ACCOUNT),
    # base (8) = 8, +2 margin
    "account_change_password": Rule(ok=(200,), max_queries=10, **OWN_ACCOUNT),
    "account_reset_password": ALLAUTH_FORM,
    "account_reset_password_done": PUBLIC_PAGE,
    "account_reset_password_from_key": Rule(
        public=True,
        ok=(200, 302),
        fixed_kwargs={"uidb36": "1", "key": "set-password"},
        # base (8) = 8, +2 margin
        max_queries=10,
        shows="none",
        post_exempt=ALLAUTH,
    ),
    "account_reset_password_from_key_done": PUBLIC_PAGE,
    # Only during a login with a second step; otherwise it sends the user on.
    # session, user, 2FA check, session write (6; no scope) = 6, +2 margin
    "mfa_authenticate": Rule(
        public=True, ok=(302,), max_queries=8, shows="none", post_exempt=ALLAUTH
    ),
    # base (8) + authenticators, 2FA check (2) = 10, +2 margin
    "mfa_index": Rule(ok=(200,), max_queries=12, shows="none"),
    # base (8) + allauth's authenticator checks x6 (6) = 14
    "mfa_reauthenticate": Rule(ok=(200,), max_queries=16, **OWN_ACCOUNT),
    # session, user, 2FA check, session write (6) + e-mail check, allauth's 2FA checks x7 (8) = 14
    "mfa_activate_totp": Rule(ok=(200, 302), max_queries=16, **OWN_ACCOUNT),
    # session, user, 2FA check, session write (6) + codes, allauth's 2FA checks x7 (8) = 14
    "mfa_view_recovery_codes": Rule(ok=(200, 302), max_queries=16, shows="none"),
    # session, user, 2FA check, session write (6) + allauth's 2FA checks x7 (7) = 13
    "mfa_generate_recovery_codes": Rule(ok=(200, 302), max_queries=16, **OWN_ACCOUNT),
    # session, user, 2FA check, session write (6) + codes, allauth's 2FA checks x7 (8) = 14
    "mfa_download_recovery_codes": Rule(ok=(200, 302, 404), max_queries=16, shows="none"),
    # Case workers also get the agenda: a fixed number of queries per provider.
    # "Vandaag": the agenda (case workers) and the municipalities in figures.
    "agenda:start": Rule(
        # base (8) + figures (2) + the agenda's providers (19) + municipality names (1) = 30
        max_queries=30,
        shows="case",
        shows_own=("case", "concern", "organisation"),
        variants=({"gemeente": "{amersfoort}"}, {"gemeente": "{zeist}"}),
    ),
    # base (8) + count, page of regions with their number of municipalities (2) = 10
    "org:region_list": Rule(roles=NATIONAL, max_queries=10, shows="organisation"),
    # base (8) = 8
    "org:region_create": Rule(roles=NATIONAL, max_queries=10, shows="none", post=REGION),
    # base (8) + region (1) = 9
    "org:region_edit": Rule(roles=NATIONAL, objects=region_kwargs, max_queries=10, post=REGION),
    "org:municipality_list": Rule(
        roles=SEES_MUNICIPALITIES,
        # base (8) + count, page of municipalities with their contacts (2) = 10
        max_queries=10,
        shows="organisation",
        shows_own=("organisation",),
    ),
    # base (8) + regions for the form (1) = 9, +2 margin
    "org:municipality_create": Rule(
        roles=NATIONAL, max_queries=11, shows="none", post=municipality_post
    ),
    # base (8) + municipality, its role assignments (2) = 10
    "org:municipality_detail": Rule(
        roles=SEES_MUNICIPALITIES, objects=municipality_kwargs, scoped=True, max_queries=10
    ),
    # base (8) + municipality, regions for the form (2) = 10, +2 margin
    "org:municipality_edit": Rule(
        roles=NATIONAL, objects=municipality_kwargs, max_queries=12, post=municipality_post
    ),
    # base (8) + count, page of users, their roles (3) = 11
    "org:user_list": Rule(roles=NATIONAL, max_queries=12, shows="organisation"),
    # base (8) = 8
    "org:user_create": Rule(roles=NATIONAL, max_queries=10, shows="none", post=PERSON),
    # base (8) + user, roles, access log, stand-ins, municipalities, regions (6) = 14
    "org:user_detail": Rule(roles=NATIONAL, objects=user_kwargs, logs_read=True, max_queries=14),
    "org:user_edit": Rule(
        roles=NATIONAL,
        objects=user_kwargs,
        # base (8) + user (1) = 9
        max_queries=10,
        post={**PERSON, "email": "nieuw.adres@example.nl", "is_active": "on"},
    ),
    "org:assignment_add": Rule(
        roles=NATIONAL,
        objects=user_kwargs,
        method="POST",
        data={"role": Role.HELPLINE_VOLUNTEER},
        ok=(302,),
        # base (8) + user, 2 FK checks, 4 constraint checks, insert, change log (9) + 10 sp = 27
        max_queries=30,
        post={"role": Role.HELPLINE_VOLUNTEER},
    ),
    "org:assignment_remove": Rule(
        roles=NATIONAL,
        objects=fresh_assignment_kwargs,
        method="POST",
        ok=(302,),
        # base (8) + assignment, delete, municipality, change log (4) + 2 sp = 14, +2
        max_queries=16,
        post={},
    ),
    # base (8) + count (1) = 9; with stand-ins to list, + their page (1)
    "org:stand_in_list": Rule(roles=ARRANGES_STAND_INS, max_queries=12, shows="organisation"),
    "org:stand_in_create": Rule(
        roles=ARRANGES_STAND_INS,
        # base (8) + users who may stand in, coordinators (2) = 10
        max_queries=12,
        shows="none",
        scoped=True,
        scope="stand_in",
        post=stand_in_post,
    ),
    "org:stand_in_end": Rule(
        roles=ARRANGES_STAND_INS,
        objects=stand_in_kwargs,
        method="POST",
        ok=(302,),
        scoped=True,
        scope="stand_in",
        # base (8) + stand-in x3, roles, change log, update (6) + 2 sp = 16, +2 margin
        max_queries=18,
        post={},
    ),
    # base (8) + one keyset page of entries with their users and types (1) = 9, +2 margin
    "audit:change_log": Rule(roles=NATIONAL, max_queries=11, shows="organisation"),
    # base (8) + one keyset page of entries with their users (1) = 9, +2 margin
    "audit:access_log": Rule(roles=NATIONAL, max_queries=11, shows="organisation"),
}
