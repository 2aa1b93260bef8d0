"""The support parent's personal link: only its hash is stored, it expires and can be revoked;
it reports a worry about a family they support (chosen by family name only), and the
coordinator's mail says only that there is a concern."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen import policy
from buurtgezinnen.concerns import actions
from buurtgezinnen.concerns.models import Concern, ConcernLink, ReportedThrough
from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.core.tokens import hash_secret
from tests.concerns.factories import make_match
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db
WORRY = "De kinderen kwamen zonder jas en zonder eten, en Tim had een blauw oog."


@pytest.fixture(autouse=True)
def _empty_rate_limit() -> None:
    cache.clear()


def _send_link(world: World, match) -> tuple[ConcernLink, str]:
    person = match.support_family.people.get()
    return actions.send_concern_link(person=person, by=world.users["coordinator_utrecht"])


def test_the_link_goes_by_mail_and_only_its_hash_is_kept(
    world: World, as_actor, django_capture_on_commit_callbacks
) -> None:
    match = make_match(world)
    person = match.support_family.people.get()
    client = as_actor("coordinator_utrecht")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("concerns:link_send", args=[match.support_family_id]), {"person": person.pk}
        )
    assert response.status_code == 302
    link = ConcernLink.objects.get()
    assert link.expires_on == timezone.localdate() + timedelta(days=policy.CONCERN_LINK_DAYS)
    [message] = mail.outbox
    assert message.to == [person.email]
    token = message.body.split("/melden/")[1].split("/")[0]
    assert token not in link.token_hash and link.token_hash == hash_secret(token)
    assert client_for(None).get(f"/melden/{token}/").status_code == 200


def test_reporting_a_worry_tells_the_coordinator_without_content(
    world: World, django_capture_on_commit_callbacks
) -> None:
    match = make_match(world)
    other = make_match(world)  # another support family's match: not offered
    _link, token = _send_link(world, match)
    mail.outbox.clear()
    url = reverse("concerns:report", args=[token])
    page = client_for(None).get(url)
    choices = [label for _pk, label in page.context["form"].fields["match"].choices]
    assert choices == [f"Family {match.request_family.name}"] or choices == [
        f"Gezin {match.request_family.name}"
    ]
    text = page.content.decode()
    assert "Kind" not in text and match.request_family.street not in text  # no child, no address
    response = client_for(None).post(url, {"match": other.pk, "description": WORRY})
    assert response.status_code == 400 and WORRY in response.content.decode()
    assert not Concern.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(url, {"match": match.pk, "description": WORRY})
    assert response.status_code == 200
    concern = Concern.objects.get()
    assert concern.family == match.request_family and concern.match == match
    assert concern.reported_through == ReportedThrough.SUPPORT_FAMILY
    assert concern.reported_by is None and concern.reported_by_person is not None
    [message] = mail.outbox
    assert message.to == [world.users["coordinator_utrecht"].email]
    assert WORRY not in message.body and match.request_family.name not in message.body
    assert reverse("concerns:detail", args=[concern.pk]) in message.body


def test_an_expired_revoked_or_unknown_link_does_not_work(world: World) -> None:
    match = make_match(world)
    link, token = _send_link(world, match)
    assert actions.link_for_token(token, today=link.expires_on) is not None
    assert actions.link_for_token(token, today=link.expires_on + timedelta(days=1)) is None
    assert client_for(None).get(f"/melden/{token}x/").status_code == 404
    actions.revoke_link(link=link, by=world.users["coordinator_utrecht"])
    response = client_for(None).post(
        reverse("concerns:report", args=[token]), {"match": match.pk, "description": WORRY}
    )
    assert response.status_code == 404
    assert not Concern.objects.exists()


def test_reporting_is_rate_limited(world: World, settings) -> None:
    match = make_match(world)
    _link, token = _send_link(world, match)
    url = reverse("concerns:report", args=[token])
    client = client_for(None)
    for _ in range(policy.PUBLIC_FORM_RATE_PER_HOUR):
        assert client.post(url, {"match": match.pk, "description": ""}).status_code == 400
    assert client.post(url, {"match": match.pk, "description": WORRY}).status_code == 429
    assert not Concern.objects.exists()


def test_only_the_coordinator_sends_or_revokes_links(world: World, as_actor) -> None:
    match = make_match(world)
    person = match.support_family.people.get()
    url = reverse("concerns:link_send", args=[match.support_family_id])
    for actor in ("regional_utrecht", "coordinator_amersfoort", "national_office"):
        assert as_actor(actor).post(url, {"person": person.pk}).status_code == 404
    assert not ConcernLink.objects.exists()
    with pytest.raises(ActionRefused):
        actions.send_concern_link(person=person, by=world.users["regional_utrecht"])
