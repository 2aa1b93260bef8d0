"""Realistic demo data: two regions, seven real municipalities, a user for every role.

Idempotent: running it again changes nothing that is already there. Demo users are marked
``is_demo`` and can only log in while DEMO_MODE is on (see org.adapters and org.checks).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import encrypt
from django.db import transaction
from django.utils import timezone
from faker import Faker

from buurtgezinnen.demo.agreements import load_agreements
from buurtgezinnen.demo.concerns import load_concerns
from buurtgezinnen.demo.families import load_families
from buurtgezinnen.demo.matches import load_matches
from buurtgezinnen.demo.recruitment import load_recruitment
from buurtgezinnen.geo import postcodes
from buurtgezinnen.org import actions
from buurtgezinnen.org.models import Municipality, Region, Role, RoleAssignment, StandIn, User

DEMO_PASSWORD = "buurtgezinnen-demo"  # noqa: S105 (printed on purpose; demo users only)
DEMO_DOMAIN = "demo.buurtgezinnen.nl"

# (CBS code, slug, region, programme start or None)
MUNICIPALITIES: tuple[tuple[str, str, str, date | None], ...] = (
    ("GM0344", "utrecht", "Utrecht en omgeving", date(2019, 3, 1)),
    ("GM0355", "zeist", "Utrecht en omgeving", date(2021, 9, 1)),
    ("GM0310", "de-bilt", "Utrecht en omgeving", date(2023, 1, 1)),
    ("GM0321", "houten", "Utrecht en omgeving", date(2025, 6, 1)),
    ("GM0307", "amersfoort", "Eemland", date(2020, 1, 1)),
    ("GM0327", "leusden", "Eemland", date(2027, 1, 1)),
    ("GM0342", "soest", "Eemland", None),
)


@dataclass(frozen=True)
class DemoUser:
    key: str
    first_name: str
    last_name: str
    role: Role
    places: tuple[str, ...] = ()  # CBS codes or region names

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"

    @property
    def totp_secret(self) -> str:
        # Stable per user, so the printed secret stays valid after `make demo` runs again.
        digest = hashlib.sha256(f"buurtgezinnen-demo:{self.key}".encode()).digest()[:20]
        return base64.b32encode(digest).decode()


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("coordinator", "Anouk", "de Vries", Role.COORDINATOR, ("GM0344", "GM0355")),
    DemoUser("coordinator.eemland", "Sanne", "Bakker", Role.COORDINATOR, ("GM0307", "GM0327")),
    DemoUser("regio", "Ruud", "Jansen", Role.REGIONAL_COORDINATOR, ("Utrecht en omgeving",)),
    DemoUser("landelijk", "Fatima", "El Amrani", Role.NATIONAL_OFFICE),
    # The national office's designated safety officer: reads the concerns that follow the
    # reporting code (concerns.access).
    DemoUser("veiligheid", "Karin", "Smit", Role.NATIONAL_OFFICE),
    DemoUser("gemeente", "Pieter", "de Groot", Role.MUNICIPALITY_CONTACT, ("GM0344",)),
    DemoUser("oudertelefoon", "Marieke", "Visser", Role.HELPLINE_VOLUNTEER),
)


@transaction.atomic
def load() -> None:
    municipalities = _municipalities()
    regions = {region.name: region for region in Region.objects.all()}
    for demo in DEMO_USERS:
        user = _user(demo.email, demo.first_name, demo.last_name, demo.totp_secret)
        for place in demo.places:
            _assign(user, demo.role, municipalities.get(place), regions.get(place))
        if not demo.places:
            _assign(user, demo.role, None, None)
    # More colleagues with Dutch names, so lists look like real lists.
    fake = Faker("nl_NL")
    fake.seed_instance(2026)
    for code in ("GM0310", "GM0321"):
        first, last = fake.first_name(), fake.last_name()
        key = f"coordinator.{municipalities[code].slug}"
        user = _user(f"{key}@{DEMO_DOMAIN}", first, last, None)
        _assign(user, Role.COORDINATOR, municipalities[code], None)
    load_families()
    load_recruitment()
    load_agreements()  # every click gets its agreement; all but one signed (trial started)
    load_matches()  # then the signed matches get their history: reviews, closure
    load_concerns(f"veiligheid@{DEMO_DOMAIN}")
    load_stand_in()


# Ruud (regional coordinator) stands in for Anouk (coordinator of Utrecht and Zeist).
STAND_IN = ("regio", "coordinator")
STAND_IN_DAYS = 14


def load_stand_in() -> StandIn | None:
    """Ruud stands in for Anouk for two weeks from the day the demo is loaded, so the regional
    coordinator's login shows her families and concerns. When the two weeks are over the
    stand-in has ended by itself; loading the demo again arranges a new one."""
    stand_in = User.objects.filter(email=f"{STAND_IN[0]}@{DEMO_DOMAIN}").first()
    coordinator = User.objects.filter(email=f"{STAND_IN[1]}@{DEMO_DOMAIN}").first()
    if stand_in is None or coordinator is None:
        return None
    today = timezone.localdate()
    running = (
        StandIn.objects.active_on(today).filter(coordinator=coordinator, stand_in=stand_in).first()
    )
    if running is not None:
        return running
    return actions.assign_stand_in(
        coordinator=coordinator,
        stand_in=stand_in,
        starts_on=today,
        ends_on=today + timedelta(days=STAND_IN_DAYS - 1),
        reason="Afwezig",
        by=stand_in,
    )


def _municipalities() -> dict[str, Municipality]:
    names = postcodes.all_municipalities()
    result = {}
    for code, slug, region_name, started in MUNICIPALITIES:
        region = Region.objects.filter(name=region_name).first() or actions.save_region(
            by=None, name=region_name
        )
        municipality = Municipality.objects.filter(cbs_code=code).first()
        if municipality is None:
            municipality = actions.save_municipality(
                by=None,
                cbs_code=code,
                name=names[code],
                slug=slug,
                region=region,
                programme_started_on=started,
                facebook_url=f"https://www.facebook.com/buurtgezinnen.{slug}",
                instagram_url=f"https://www.instagram.com/buurtgezinnen_{slug.replace('-', '')}",
            )
        result[code] = municipality
    return result


def _user(email: str, first_name: str, last_name: str, totp_secret: str | None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = actions.create_user(
            by=None, email=email, first_name=first_name, last_name=last_name, invite=False
        )
        user.set_password(DEMO_PASSWORD)
        user.is_demo = True
        user.save(update_fields=["password", "is_demo"])
    if (
        totp_secret
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(totp_secret)}
        )
        RecoveryCodes.activate(user)
    return user


def _assign(
    user: User, role: Role, municipality: Municipality | None, region: Region | None
) -> None:
    exists = RoleAssignment.objects.filter(
        user=user, role=role, municipality=municipality, region=region
    ).exists()
    if not exists:
        actions.assign_role(user=user, by=None, role=role, municipality=municipality, region=region)
