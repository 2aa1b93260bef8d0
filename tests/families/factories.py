"""Families for tests, made through the real actions."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from django.utils import timezone

from buurtgezinnen.families import actions
from buurtgezinnen.families.actions import Application, ChildData, PersonData
from buurtgezinnen.families.models import Family, Kind, Source
from buurtgezinnen.org.models import Municipality

_serial = itertools.count(1)
POSTCODES = {"GM0344": "3511 AB", "GM0355": "3707 BA", "GM0307": "3811 CD"}


def make_family(
    municipality: Municipality,
    *,
    kind: str = Kind.REQUEST,
    name: str | None = None,
    phone: str = "0612345678",
    children: int = 2,
    source: str = Source.PHONE,
) -> Family:
    number = next(_serial)
    today = timezone.localdate()
    application = Application(
        kind=kind,
        name=name or f"Testfamilie{number}",
        postcode=POSTCODES.get(municipality.cbs_code, "3511 AB"),
        street="Oudegracht",
        house_number=str(number),
        place=municipality.name,
        people=[
            PersonData(
                first_name="Sanne",
                last_name=name or f"Testfamilie{number}",
                email=f"ouder{number}@example.nl",
                phone=phone,
                languages="Nederlands",
            )
        ],
        children=[
            ChildData(
                first_name=f"Kind{i}", date_of_birth=today - timedelta(days=365 * (3 + 2 * i))
            )
            for i in range(children if kind == Kind.REQUEST else 0)
        ],
        source=source,
        consent=True,
        applied_on=today - timedelta(days=number % 30),
    )
    return actions.submit_application(application=application, municipality=municipality, by=None)


def born(years_ago: int) -> date:
    return timezone.localdate() - timedelta(days=365 * years_ago + 30)
