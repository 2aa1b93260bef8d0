"""A recruitment profile: drafted from the intake, checked, approved and published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen.families import actions as family_actions
from buurtgezinnen.families.models import Family, Status
from buurtgezinnen.org.models import Municipality
from buurtgezinnen.recruitment import actions
from buurtgezinnen.recruitment.drafting import draft
from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile
from tests.conftest import World
from tests.families.factories import make_family

TODAY = timezone.localdate()


def waiting_family(world: World, municipality: Municipality) -> Family:
    coordinator = world.users[
        "coordinator_utrecht" if municipality == world.utrecht else "coordinator_amersfoort"
    ]
    family = make_family(municipality, name="Bakker")
    for number in (1, 2):
        family_actions.record_conversation(
            family=family,
            by=coordinator,
            number=number,
            held_on=TODAY - timedelta(days=3 - number),
            support_wanted=["fixed_afternoon", "homework"],
            day_parts=["wed_afternoon"],
        )
    family_actions.decide(family=family, by=coordinator, outcome=Status.WAITING, reason="Ok")
    return family


def published_profile(world: World, municipality: Municipality) -> RecruitmentProfile:
    family = waiting_family(world, municipality)
    coordinator = world.users[
        "coordinator_utrecht" if municipality == world.utrecht else "coordinator_amersfoort"
    ]
    profile = actions.save_profile(family=family, by=coordinator, **draft(family))
    actions.run_deep_check(profile_id=profile.pk)  # the worker's part (on commit elsewhere)
    return actions.publish_profile(profile=profile, by=coordinator, consent=True)


@pytest.mark.django_db
def test_draft_is_anonymous_and_publishes(world: World) -> None:
    family = waiting_family(world, world.utrecht)
    text = draft(family)
    assert "Bakker" not in " ".join(text.values())
    assert "Oudegracht" not in " ".join(text.values())
    profile = actions.save_profile(family=family, by=world.users["coordinator_utrecht"], **text)
    assert actions.findings(profile) == []
    actions.run_deep_check(profile_id=profile.pk)
    assert actions.deep_state(profile).open == []  # "Utrecht" and the area are allowed
    actions.publish_profile(profile=profile, by=world.users["coordinator_utrecht"], consent=True)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED
    assert len(profile.public_id) >= 16


@pytest.mark.django_db
def test_a_childs_name_blocks_publishing(world: World) -> None:
    family = waiting_family(world, world.utrecht)
    anouk = world.users["coordinator_utrecht"]
    child = family.children.first()
    text = {**draft(family), "text": f"{child.first_name} houdt van voetbal."}
    profile = actions.save_profile(family=family, by=anouk, **text)
    (finding,) = actions.findings(profile)
    assert finding.kind == "name"
    with pytest.raises(ValidationError):
        actions.publish_profile(profile=profile, by=anouk, consent=True)
    with pytest.raises(ValidationError):  # consent is required too
        actions.save_profile(
            family=family, by=anouk, **{**text, "text": "Een jongen die van voetbal houdt."}
        )
        actions.publish_profile(profile=profile, by=anouk, consent=False)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.DRAFT


@pytest.mark.django_db
def test_profile_page_marks_findings_and_publishes(
    world: World, as_actor, django_capture_on_commit_callbacks
) -> None:
    family = waiting_family(world, world.utrecht)
    client = as_actor("coordinator_utrecht")
    url = reverse("recruitment:profile", args=[family.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["open_findings"] == 0
    fields = {**draft(family), "text": "Bel ons op 06-12345678 voor Bakker.", "consent": "on"}
    refused = client.post(url, {**fields, "publish": "1"})
    assert refused.status_code == 400
    assert refused.context["open_findings"] == 2
    assert '<mark class="app-finding"' in refused.content.decode()
    fields["text"] = "Een warm gezin in de buurt gezocht."
    # Saved first: the deeper check runs in the worker (here: when the save commits).
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {**fields, "save": "1"}).status_code == 302
    published = client.post(url, {**fields, "publish": "1"})
    assert published.status_code == 302
    profile = RecruitmentProfile.objects.get(family=family)
    assert profile.status == ProfileStatus.PUBLISHED
    # Public: on the municipality page and its own page, without the family's name.
    municipality_page = Client().get(f"/{world.utrecht.slug}/").content.decode()
    assert profile.public_id in municipality_page
    public = Client().get(
        reverse("recruitment:public_profile", args=[world.utrecht.slug, profile.public_id])
    )
    assert public.status_code == 200
    assert "Bakker" not in public.content.decode()
    assert "Oudegracht" not in public.content.decode()
    # Wrong municipality or a guessed id: 404.
    assert Client().get(f"/{world.amersfoort.slug}/profiel/{profile.public_id}/").status_code == 404
    assert Client().get(f"/{world.utrecht.slug}/profiel/{profile.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 12])
def test_municipality_page_queries_do_not_grow(world: World, count: int) -> None:
    for _ in range(count):
        published_profile(world, world.utrecht)
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/{world.utrecht.slug}/").status_code == 200
    assert len(queries) <= 3  # the municipality, its published profiles (2), +1


@pytest.mark.django_db
@pytest.mark.parametrize("channel", ["instagram", "onzin"])
def test_answering_a_profile_links_the_support_family_and_its_channel(
    world: World, as_actor, channel: str
) -> None:
    from tests.public.test_application_forms import support_data

    profile = published_profile(world, world.utrecht)
    page = Client().get(
        reverse("recruitment:public_profile", args=[world.utrecht.slug, profile.public_id]),
        {"kanaal": channel},
    )
    link = page.context["channel"]
    assert link == (channel if channel == "instagram" else "website")
    query = f"gemeente=utrecht&profiel={profile.public_id}&kanaal={link}"
    url = f"{reverse('public:apply_support')}?{query}"
    response = Client().post(url, support_data())
    assert response.status_code == 302
    answer = profile.responses.get()
    assert answer.channel == link
    assert answer.family.kind == "support"
    counts = (
        as_actor("coordinator_utrecht")
        .get(reverse("recruitment:profile", args=[profile.family.pk]))
        .context["responses"]
    )
    assert [row["count"] for row in counts] == [1]


@pytest.mark.django_db
def test_unknown_profile_in_the_link_changes_nothing(world: World) -> None:
    from tests.public.test_application_forms import support_data

    url = f"{reverse('public:apply_support')}?gemeente=utrecht&profiel=verzonnen&kanaal=facebook"
    assert Client().post(url, support_data()).status_code == 302
    assert not RecruitmentProfile.objects.exists()
    assert Family.objects.filter(kind="support").count() == 1


@pytest.mark.django_db
def test_social_texts_card_and_posting(world: World, as_actor) -> None:
    import io

    from PIL import Image

    profile = published_profile(world, world.utrecht)
    client = as_actor("coordinator_utrecht")
    page = client.get(reverse("recruitment:profile_social", args=[profile.family.pk]))
    assert f"profiel/{profile.public_id}/?kanaal=facebook" in page.context["facebook"]
    assert "?kanaal=instagram" in page.context["instagram"]
    assert "#Buurtgezinnen" in page.context["instagram"]
    assert "Bakker" not in page.context["facebook"]
    png = client.get(reverse("recruitment:profile_card", args=[profile.family.pk]))
    assert png["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(png.content))
    assert image.size == (1080, 1080)
    client.post(
        reverse("recruitment:profile_social", args=[profile.family.pk]),
        {"channel": "facebook", "posted_on": TODAY.isoformat()},
    )
    assert profile.posts.get().channel == "facebook"


@pytest.mark.django_db
def test_no_social_page_for_a_draft(world: World, as_actor) -> None:
    family = waiting_family(world, world.utrecht)
    actions.save_profile(family=family, by=world.users["coordinator_utrecht"], **draft(family))
    response = as_actor("coordinator_utrecht").get(
        reverse("recruitment:profile_social", args=[family.pk])
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_click_marks_the_profile_found_and_stops_responses(world: World) -> None:
    from buurtgezinnen.matching import actions as matching_actions
    from tests.matching.test_proposals import available

    profile = published_profile(world, world.utrecht)
    anouk = world.users["coordinator_utrecht"]
    proposal = matching_actions.propose(
        request_family=profile.family, support_family=available(world), by=anouk
    )
    matching_actions.record_outcome(proposal=proposal, by=anouk, click=True)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.FOUND
    page = Client().get(
        reverse("recruitment:public_profile", args=[world.utrecht.slug, profile.public_id])
    )
    assert "Voor dit gezin is een steungezin gevonden" in page.content.decode()
    assert "profiel=" not in page.content.decode()  # no response button any more
    assert actions.responding_profile(profile.public_id) is None
