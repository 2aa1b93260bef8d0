"""The agreement: filled in per match, signed by every parent through a personal link and by the
coordinator last; then stored as a PDF with its checksum, and the trial period starts."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from buurtgezinnen import policy
from buurtgezinnen.agreements import actions
from buurtgezinnen.agreements.models import AgreementStatus, Signature
from buurtgezinnen.audit.models import AccessLog
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.families.models import FamilyEvent, Person
from buurtgezinnen.matching.models import MatchEvent, MatchStatus
from tests.agreements.helpers import (
    coordinator_for,
    fill_in,
    links_in_outbox,
    make_match,
    sent_agreement,
)
from tests.conftest import World, client_for


def _sign(client, token: str, name: str = "Sanne Jansen", consent: bool = True):
    data = {"typed_name": name}
    if consent:
        data["consent"] = "on"
    return client.post(reverse("agreements:sign", args=[token]), data, REMOTE_ADDR="192.0.2.7")


@pytest.mark.django_db
def test_every_parent_signs_by_link_then_the_coordinator_and_the_trial_starts(
    world: World, client
) -> None:
    agreement, links = sent_agreement(world)
    match = agreement.match
    coordinator = coordinator_for(world, world.utrecht)
    parents = list(agreement.signatures.select_related("person"))
    assert len(parents) == 2 and set(links) == {p.person.email for p in parents}
    # Only the hash of each link is stored; the mail holds the link, which names nobody.
    for signature in parents:
        token = links[signature.person.email]
        assert signature.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in signature.token_hash
    assert all(m.subject == "Wilt u de afspraken en huisregels ondertekenen?" for m in mail.outbox)

    # The coordinator cannot sign before the parents.
    with pytest.raises(ValidationError, match="Nog niet getekend"):
        actions.sign_as_coordinator(
            agreement=agreement, by=coordinator, typed_name="Coördinator", consent=True
        )

    first = parents[0]
    page = client.get(reverse("agreements:sign", args=[links[first.person.email]]))
    assert page.status_code == 200
    assert "Afspraak over medicijnen." in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    response = _sign(client, links[first.person.email])
    assert response.status_code == 302 and response["Location"] == reverse("agreements:signed")
    first.refresh_from_db()
    assert first.typed_name == "Sanne Jansen" and first.consent
    assert first.ip_address == "192.0.2.7" and first.signed_at is not None
    match.refresh_from_db()
    assert match.status == MatchStatus.AGREEMENT  # not everyone yet

    _sign(client, links[parents[1].person.email], name="Piet de Vries")
    assert match.status == MatchStatus.AGREEMENT
    co = client_for(coordinator)
    page = co.get(reverse("agreements:match", args=[match.pk]))
    assert "Onderteken als coördinator" in page.content.decode()
    co.post(
        reverse("agreements:co_sign", args=[match.pk]),
        {"typed_name": "Coördinator Utrecht", "consent": "on"},
    )
    agreement.refresh_from_db()
    match.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert match.status == MatchStatus.TRIAL
    assert match.trial_started_on == timezone.localdate()
    data = agreement.pdf.read()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == agreement.checksum
    # One space for any run of whitespace: a table cell may wrap a name over two lines.
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )
    assert match.request_family.name in text and match.support_family.name in text
    assert "Piet de Vries" in text and "Coördinator Utrecht" in text
    assert "Medicijnen" in text
    # On the match's timeline and both families' timelines.
    details = list(MatchEvent.objects.filter(match=match).values_list("detail", flat=True))
    assert any("door iedereen ondertekend" in d for d in details)
    for family in (match.request_family, match.support_family):
        assert FamilyEvent.objects.filter(family=family, detail__contains="ondertekend").exists()


@pytest.mark.django_db
def test_an_expired_link_shows_a_clear_page_and_signs_nothing(world: World, client) -> None:
    agreement, links = sent_agreement(world)
    token = next(iter(links.values()))
    later = timezone.now() + timedelta(days=policy.SIGNING_LINK_DAYS, minutes=1)
    with time_machine.travel(later, tick=False):
        page = client.get(reverse("agreements:sign", args=[token]))
        assert page.status_code == 410
        assert "verlopen" in page.content.decode()
        assert _sign(client, token).status_code == 410
    assert not agreement.signatures.filter(signed_at__isnull=False).exists()
    # One day before the end it still works.
    with time_machine.travel(later - timedelta(days=1), tick=False):
        assert client.get(reverse("agreements:sign", args=[token])).status_code == 200


@pytest.mark.django_db
def test_a_link_stops_when_the_match_ends_early(world: World, client) -> None:
    from buurtgezinnen.families.models import Status
    from buurtgezinnen.matching import actions as matching_actions
    from buurtgezinnen.matching.models import EndReason

    agreement, links = sent_agreement(world)
    matching_actions.end_early(
        match=agreement.match,
        by=world.users["coordinator_utrecht"],
        reason=EndReason.NO_CLICK,
        support_available_again=True,
        request_family_to=Status.WAITING,
    )
    token = next(iter(links.values()))
    page = client.get(reverse("agreements:sign", args=[token]))
    assert page.status_code == 410
    assert "beëindigd" in page.content.decode()
    assert _sign(client, token).status_code == 410
    assert not agreement.signatures.filter(signed_at__isnull=False).exists()


@pytest.mark.django_db
def test_a_link_works_once(world: World, client) -> None:
    agreement, links = sent_agreement(world)
    token = next(iter(links.values()))
    assert _sign(client, token).status_code == 302
    signed_at = agreement.signatures.get(signed_at__isnull=False).signed_at
    again = _sign(client, token, name="Iemand Anders")
    assert again.status_code == 410
    assert "al ondertekend" in again.content.decode()
    signature = agreement.signatures.get(signed_at__isnull=False)
    assert signature.typed_name == "Sanne Jansen" and signature.signed_at == signed_at


@pytest.mark.django_db
def test_a_link_signs_only_for_its_own_person_and_agreement(world: World, client) -> None:
    first, first_links = sent_agreement(world)
    mail.outbox.clear()
    other, other_links = sent_agreement(world)
    person_emails = dict(first.signatures.values_list("person__email", "pk"))
    # The request family's parent of the first match signs: only that signature changes.
    email, token = next(iter(first_links.items()))
    page = client.get(reverse("agreements:sign", args=[token]))
    body = page.content.decode()
    assert first.match.request_family.name in body
    assert other.match.request_family.name not in body
    _sign(client, token)
    assert list(Signature.objects.filter(signed_at__isnull=False).values_list("pk", flat=True)) == [
        person_emails[email]
    ]
    # A link from the other match, or a made-up one, is not a link for this agreement.
    assert not other.signatures.filter(signed_at__isnull=False).exists()
    assert client.get(reverse("agreements:sign", args=["x" * 43])).status_code == 404
    # The second agreement's link works only for its own signature.
    token2 = next(iter(other_links.values()))
    _sign(client, token2, name="Piet Tweede")
    assert other.signatures.filter(typed_name="Piet Tweede").count() == 1
    assert not first.signatures.filter(typed_name="Piet Tweede").exists()


@pytest.mark.django_db
def test_a_resent_link_replaces_the_old_one(world: World, client) -> None:
    agreement, links = sent_agreement(world)
    signature = agreement.signatures.select_related("person").first()
    old = links[signature.person.email]
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.resend_link(signature=signature, by=coordinator_for(world, world.utrecht))
    new = links_in_outbox()[signature.person.email]
    assert new != old
    assert client.get(reverse("agreements:sign", args=[old])).status_code == 404
    assert client.get(reverse("agreements:sign", args=[new])).status_code == 200


@pytest.mark.django_db
def test_missing_name_or_consent_keeps_what_was_typed(world: World, client) -> None:
    agreement, links = sent_agreement(world)
    token = next(iter(links.values()))
    response = _sign(client, token, name="Sanne Jansen", consent=False)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vink het vakje aan" in body and 'value="Sanne Jansen"' in body
    assert not agreement.signatures.filter(signed_at__isnull=False).exists()


@pytest.mark.django_db
def test_a_parent_without_email_blocks_sending_and_the_page_says_so(world: World) -> None:
    match = make_match(world)
    by = coordinator_for(world, world.utrecht)
    agreement = fill_in(match, by)
    Person.objects.filter(family=match.support_family).update(email="")
    page = client_for(by).get(reverse("agreements:match", args=[match.pk]))
    assert "Voeg op de gezinspagina een e-mailadres toe" in page.content.decode()
    with pytest.raises(ValidationError):
        actions.send_for_signing(agreement=agreement, by=by)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT
    assert not agreement.signatures.exists()


@pytest.mark.django_db
def test_every_topic_must_be_filled_in_before_sending(world: World, as_actor) -> None:
    match = make_match(world)
    client = as_actor("coordinator_utrecht")
    url = reverse("agreements:match", args=[match.pk])
    response = client.post(url, {})
    assert response.status_code == 302
    response = client.post(reverse("agreements:send", args=[match.pk]), follow=True)
    assert "Vul eerst elk onderwerp in" in response.content.decode()
    assert match.agreements.get().status == AgreementStatus.DRAFT


@pytest.mark.django_db
def test_a_change_makes_a_new_version_signed_again_and_old_ones_stay_readable(
    world: World, client, as_actor
) -> None:
    agreement, links = sent_agreement(world)
    match = agreement.match
    by = coordinator_for(world, world.utrecht)
    for token in links.values():
        _sign(client, token)
    actions.sign_as_coordinator(agreement=agreement, by=by, typed_name="Coördinator", consent=True)
    match.refresh_from_db()
    started = match.trial_started_on

    draft = actions.new_version(match=match, by=by)
    assert draft.version == 2 and draft.status == AgreementStatus.DRAFT
    assert draft.topic_texts() == agreement.topic_texts()  # prefilled from the last version
    first_topic = next(iter(draft.topic_texts()))
    actions.save_draft(match=match, by=by, texts={first_topic: "Nu op woensdag en vrijdag."})
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.send_for_signing(agreement=draft, by=by)
    new_links = links_in_outbox()
    assert set(new_links) == set(links)
    # The old links belonged to version 1: they do not sign version 2.
    for token in links.values():
        assert client.get(reverse("agreements:sign", args=[token])).status_code == 410
    for token in new_links.values():
        _sign(client, token)
    second = actions.sign_as_coordinator(
        agreement=draft, by=by, typed_name="Coördinator", consent=True
    )
    agreement.refresh_from_db()
    match.refresh_from_db()
    assert second.status == AgreementStatus.SIGNED
    assert agreement.status == AgreementStatus.SUPERSEDED
    assert match.trial_started_on == started  # the trial started once
    # The superseded version and its PDF stay readable, and reading them is logged.
    coordinator = as_actor("coordinator_utrecht")
    before = AccessLog.objects.count()
    old = coordinator.get(reverse("agreements:version", args=[match.pk, 1]))
    assert old.status_code == 200 and "vervangen" in old.content.decode()
    download = coordinator.get(reverse("agreements:pdf", args=[match.pk, 1]))
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert hashlib.sha256(data).hexdigest() == agreement.checksum
    assert AccessLog.objects.count() == before + 2


@pytest.mark.django_db
def test_a_version_being_signed_can_be_replaced_and_its_links_stop(world: World, client) -> None:
    agreement, links = sent_agreement(world)
    by = coordinator_for(world, world.utrecht)
    actions.new_version(match=agreement.match, by=by)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SUPERSEDED
    page = client.get(reverse("agreements:sign", args=[next(iter(links.values()))]))
    assert page.status_code == 410 and "vervangen" in page.content.decode()


@pytest.mark.django_db
def test_a_coordinator_of_another_municipality_cannot_act(world: World) -> None:
    agreement, _links = sent_agreement(world)
    with pytest.raises(ActionRefused):
        actions.new_version(match=agreement.match, by=world.users["coordinator_amersfoort"])
