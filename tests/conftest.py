"""Named actors per role and municipality, shared by every test.

The world: two regions. "Utrecht en omgeving" holds Utrecht and Zeist, "Eemland" holds Amersfoort.
Each actor is a logged-in test client with two-factor authentication set up, or anonymous.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import encrypt
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from buurtgezinnen.org import actions
from buurtgezinnen.org.models import Municipality, Region, Role, User

# Property tests check behaviour, not speed: hypothesis's default deadline (200 ms per example) and
# its "too slow" health check are wall-clock bounds, which a busy machine breaks without any defect
# in the code, so neither is applied. Speed is measured in bench/. Examples stay random per run; a
# failure prints the example and how to reproduce it (`pytest --hypothesis-seed=N`).
hypothesis_settings.register_profile(
    "buurtgezinnen", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("buurtgezinnen")

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "een-lang-wachtwoord-2026"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@dataclass
class World:
    utrecht_region: Region
    eemland: Region
    utrecht: Municipality
    zeist: Municipality
    amersfoort: Municipality
    users: dict[str, User]


# actor name -> (role, place: CBS code, region name or None)
ACTORS: dict[str, tuple[Role | None, str | None]] = {
    "coordinator_utrecht": (Role.COORDINATOR, "GM0344"),
    "coordinator_amersfoort": (Role.COORDINATOR, "GM0307"),
    "regional_utrecht": (Role.REGIONAL_COORDINATOR, "Utrecht en omgeving"),
    "regional_eemland": (Role.REGIONAL_COORDINATOR, "Eemland"),
    "national_office": (Role.NATIONAL_OFFICE, None),
    "contact_utrecht": (Role.MUNICIPALITY_CONTACT, "GM0344"),
    "contact_amersfoort": (Role.MUNICIPALITY_CONTACT, "GM0307"),
    "helpline": (Role.HELPLINE_VOLUNTEER, None),
    "no_role": (None, None),
}


def make_user(key: str, *, with_totp: bool = True, password: str = PASSWORD) -> User:
    user = actions.create_user(
        by=None,
        email=f"{key.replace('_', '.')}@example.nl",
        first_name=key.split("_")[0].capitalize(),
        last_name="Test",
        invite=False,
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    if with_totp:
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(TOTP_SECRET)}
        )
        RecoveryCodes.activate(user)
    return user


def build_world() -> World:
    utrecht_region = actions.save_region(by=None, name="Utrecht en omgeving")
    eemland = actions.save_region(by=None, name="Eemland")

    def municipality(code: str, name: str, slug: str, region: Region) -> Municipality:
        return actions.save_municipality(
            by=None,
            cbs_code=code,
            name=name,
            slug=slug,
            region=region,
            programme_started_on=date(2020, 1, 1),
        )

    world = World(
        utrecht_region=utrecht_region,
        eemland=eemland,
        utrecht=municipality("GM0344", "Utrecht", "utrecht", utrecht_region),
        zeist=municipality("GM0355", "Zeist", "zeist", utrecht_region),
        amersfoort=municipality("GM0307", "Amersfoort", "amersfoort", eemland),
        users={},
    )
    places = {
        "GM0344": world.utrecht,
        "GM0307": world.amersfoort,
        "Utrecht en omgeving": utrecht_region,
        "Eemland": eemland,
    }
    for key, (role, place) in ACTORS.items():
        user = make_user(key)
        world.users[key] = user
        if role is None:
            continue
        target = places.get(place) if place else None
        actions.assign_role(
            user=user,
            by=None,
            role=role,
            municipality=target if isinstance(target, Municipality) else None,
            region=target if isinstance(target, Region) else None,
        )
    return world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_actor(world: World):
    """``as_actor("coordinator_utrecht")`` gives a logged-in client; "anonymous" gives none."""

    def make(name: str) -> Client:
        return client_for(None if name == "anonymous" else world.users[name])

    return make
