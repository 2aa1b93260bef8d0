"""A municipality's public page (/<slug>/), and what the public pages cost in queries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtgezinnen.org import actions as org_actions
from tests.conftest import World
from tests.families.factories import make_family


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def test_started_municipality_shows_the_programme_and_the_forms(
    client: Client, world: World
) -> None:
    org_actions.save_municipality(
        municipality=world.utrecht,
        by=None,
        facebook_url="https://www.facebook.com/buurtgezinnenutrecht",
        instagram_url="https://www.instagram.com/buurtgezinnen.utrecht",
    )
    family = make_family(world.utrecht, name="Zwanenburg")

    response = client.get(reverse("public:municipality_page", kwargs={"slug": "utrecht"}))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Buurtgezinnen Utrecht" in html
    assert "2020" in html  # since when
    assert f"{reverse('public:apply_request')}?gemeente=utrecht" in html
    assert f"{reverse('public:apply_support')}?gemeente=utrecht" in html
    assert "https://www.facebook.com/buurtgezinnenutrecht" in html
    assert "https://www.instagram.com/buurtgezinnen.utrecht" in html
    assert 'name="postcode"' not in html  # no interest form where it runs
    # Nothing about any family.
    assert family.name not in html
    assert "Sanne" not in html


def test_without_social_media_there_are_no_links(client: Client, world: World) -> None:
    html = client.get("/zeist/").content.decode()
    assert "facebook.com" not in html
    assert "instagram.com" not in html


@pytest.mark.parametrize("started", [None, "future"])
def test_not_started_municipality_offers_keep_me_informed(
    client: Client, world: World, started: str | None
) -> None:
    start = timezone.localdate() + timedelta(days=60) if started else None
    org_actions.save_municipality(
        by=None,
        cbs_code="GM0363",
        name="Amsterdam",
        slug="amsterdam",
        region=world.utrecht_region,
        programme_started_on=start,
    )
    response = client.get("/amsterdam/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Buurtgezinnen Amsterdam" in html
    assert f'action="{reverse("public:interest")}"' in html
    assert 'name="postcode"' in html
    assert "?gemeente=amsterdam" not in html
    if start:
        assert str(start.year) in html


def test_unknown_slug_is_404(client: Client, world: World) -> None:
    assert client.get("/nergenshuizen/").status_code == 404


def test_the_form_names_the_municipality_it_came_from(client: Client, world: World) -> None:
    html = client.get(f"{reverse('public:apply_request')}?gemeente=zeist").content.decode()
    assert "Buurtgezinnen Zeist" in html


@pytest.mark.parametrize("value", ["nergens", "ut\x00recht", "<b>", "a" * 500, "😀"])
def test_a_strange_municipality_parameter_is_ignored(
    client: Client, world: World, value: str
) -> None:
    response = client.get(reverse("public:apply_support"), {"gemeente": value})
    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("<main", 1)[1]


def test_query_bound_of_the_municipality_page(
    client: Client, world: World, django_assert_max_num_queries: object
) -> None:
    # the municipality, its published profiles (2); an anonymous visitor has no session row
    with django_assert_max_num_queries(2):  # type: ignore[operator]
        assert client.get("/utrecht/").status_code == 200


def test_query_bound_of_the_forms(
    client: Client, world: World, django_assert_max_num_queries: object
) -> None:
    for name in ("public:apply_request", "public:apply_support"):
        # the municipality named in ?gemeente= (1), +1
        with django_assert_max_num_queries(2):  # type: ignore[operator]
            response = client.get(f"{reverse(name)}?gemeente=utrecht")
        assert response.status_code == 200
    # none measured (0): the form names no municipality; +1
    with django_assert_max_num_queries(1):  # type: ignore[operator]
        assert client.get(reverse("public:interest")).status_code == 200


def test_public_pages_answer_get(client: Client, world: World) -> None:
    for name in ("thanks", "interest_thanks", "interest"):
        assert client.get(reverse(f"public:{name}")).status_code == 200
    assert client.get(f"{reverse('public:thanks')}?soort=iets").status_code == 200
