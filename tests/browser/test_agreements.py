"""A parent signs the agreement through the personal link from the e-mail, in a real browser:
without logging in, first forgetting the consent box (the typed name is kept), then signed; the
link then no longer works."""

from __future__ import annotations

from typing import Any

from buurtgezinnen.agreements.models import Signature
from tests.agreements.helpers import sent_agreement
from tests.browser.conftest import check_accessibility
from tests.browser.test_recruitment import click
from tests.conftest import build_world


def test_a_parent_signs_the_agreement_through_the_link(page: Any) -> None:
    world = build_world()
    agreement, links = sent_agreement(world)
    signature = agreement.signatures.select_related("person").first()
    token = links[signature.person.email]

    page.goto(f"/ondertekenen/{token}/")
    main = page.locator("main")
    assert "Afspraken en huisregels" in main.inner_text()
    assert f"Beste {signature.first_name}" in main.inner_text()
    assert "Afspraak over medicijnen." in main.inner_text()
    check_accessibility(page)

    page.get_by_label("Typ uw volledige naam").fill("Sanne Jansen")
    response = click(page, "main button[type=submit]")
    assert response.status == 400
    assert "Vink het vakje aan als u akkoord gaat." in main.inner_text()
    assert page.get_by_label("Typ uw volledige naam").input_value() == "Sanne Jansen"
    check_accessibility(page)

    page.get_by_label("Ik heb de afspraken en huisregels gelezen").check()
    response = click(page, "main button[type=submit]")
    assert response.ok
    assert "Bedankt voor het ondertekenen" in main.inner_text()
    check_accessibility(page)
    signature = Signature.objects.get(pk=signature.pk)
    assert signature.typed_name == "Sanne Jansen" and signature.consent
    assert signature.ip_address == "127.0.0.1"

    response = page.goto(f"/ondertekenen/{token}/")
    assert response.status == 410
    assert "U heeft al ondertekend" in main.inner_text()
    check_accessibility(page)
