"""Stored text reaches every channel as text, never as markup or as an extra property.

Each test stores the payload through the real page or action that saves it, then reads what is
served: a page (escaped, no raw tag), the agreement's PDF (the literal text), the calendar feed
(escaped and folded, no injected property), a mail (plain text, no HTML part) and the social
media texts and card.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django import forms
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from pypdf import PdfReader

from buurtgezinnen.agenda import ical
from buurtgezinnen.agreements.models import Topic
from buurtgezinnen.families.models import CompetenceCriterion, Kind
from buurtgezinnen.recruitment import anonymity, wording
from buurtgezinnen.recruitment.models import RecruitmentProfile
from buurtgezinnen.recruitment.views import highlighted
from tests.conftest import World, client_for
from tests.families.factories import make_family

PAYLOAD = '"><img src=x onerror=alert(1)>'
ESCAPED = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"


def assert_escaped(html: str) -> None:
    assert "<img" not in html, "a stored <img> tag reached the page as markup"
    assert ESCAPED in html


# --- help texts: the one field template and the bound field ----------------------------------


class _HelpForm(forms.Form):
    stored = forms.CharField(help_text=PAYLOAD)
    explicit = forms.CharField(help_text=mark_safe("<em>meant</em> as markup"))


@pytest.mark.parametrize("render", ["default", "as_div", "as_p", "as_table", "as_ul"])
def test_no_form_template_passes_help_text_through(render: str) -> None:
    form = _HelpForm()
    html = str(form) if render == "default" else getattr(form, render)()
    assert_escaped(html)
    # Markup that the code marks safe on purpose (never data) stays markup.
    assert "<em>meant</em> as markup" in html


@pytest.mark.django_db
def test_competence_criterion_description_is_text_on_the_assessment_page(
    world: World, as_actor
) -> None:
    office = as_actor("national_office")
    saved = office.post(
        reverse("families:criterion_create"),
        {"name": f"Stabiel {PAYLOAD}", "description": PAYLOAD, "position": "1", "is_active": "on"},
    )
    assert saved.status_code == 302
    assert CompetenceCriterion.objects.get().description == PAYLOAD
    family = make_family(world.utrecht, kind=Kind.SUPPORT)
    page = as_actor("coordinator_utrecht").get(reverse("families:assessments", args=[family.pk]))
    assert page.status_code == 200
    assert_escaped(page.content.decode())
    # The criteria list of the national office shows it too.
    assert_escaped(office.get(reverse("families:criteria")).content.decode())


@pytest.mark.django_db
def test_agreement_topic_guidance_is_text_on_the_agreement_page(world: World, as_actor) -> None:
    from tests.agreements.helpers import make_match

    office = as_actor("national_office")
    saved = office.post(
        reverse("agreements:topic_create"),
        {"title": f"Vervoer {PAYLOAD}", "guidance": PAYLOAD, "position": "99", "is_active": "on"},
    )
    assert saved.status_code == 302
    assert Topic.objects.get(guidance=PAYLOAD)
    match = make_match(world)
    page = as_actor("coordinator_utrecht").get(reverse("agreements:match", args=[match.pk]))
    assert page.status_code == 200
    assert_escaped(page.content.decode())
    assert_escaped(office.get(reverse("agreements:standard")).content.decode())


@pytest.mark.django_db
def test_the_projects_own_help_texts_still_show(client: Client) -> None:
    page = client.get("/aanmelden/vraaggezin/").content.decode()
    assert "Bijvoorbeeld 3511 AB." in page


# --- the recruitment profile: the checked text, the public page, the social texts and card -----


def test_highlighted_escapes_the_text_the_finding_and_its_reason(monkeypatch) -> None:
    # The reason's words come from the translations, not from stored text; escaped all the same.
    reason = anonymity.Reason.RECORD_NAME
    monkeypatch.setitem(wording.REASONS, reason, f"naam {PAYLOAD}")
    text = f"Voor {PAYLOAD} en meer"
    start = text.index(PAYLOAD)
    finding = anonymity.Finding(start=start, end=start + len(PAYLOAD), kind="name", reason=reason)
    html = str(highlighted(text, [finding]))
    assert "<img" not in html
    assert html.count(ESCAPED) == 3  # the marked text, its title and the hidden reason
    assert '<mark class="app-finding" title="naam &quot;&gt;&lt;img' in html


@pytest.mark.django_db
def test_profile_text_is_text_on_the_profile_public_and_social_pages(
    world: World, as_actor, django_capture_on_commit_callbacks
) -> None:
    from buurtgezinnen.recruitment import actions
    from buurtgezinnen.recruitment.drafting import draft
    from tests.recruitment.test_profiles import waiting_family

    family = waiting_family(world, world.utrecht)
    coordinator = as_actor("coordinator_utrecht")
    url = reverse("recruitment:profile", args=[family.pk])
    fields = {**draft(family), "headline": f"Gezocht {PAYLOAD}", "text": f"Een gezin {PAYLOAD}"}
    with django_capture_on_commit_callbacks(execute=True):
        assert coordinator.post(url, {**fields, "save": "1"}).status_code == 302
    profile = RecruitmentProfile.objects.get(family=family)
    assert profile.text == f"Een gezin {PAYLOAD}"
    assert_escaped(coordinator.get(url).content.decode())

    by = world.users["coordinator_utrecht"]
    state = actions.deep_state(profile)
    for finding in state.quasi_open + state.open:  # a word may read as a name
        actions.dismiss_finding(
            profile=profile,
            by=by,
            text_hash=actions.deep_state(profile).check.text_hash,
            start=finding.start,
            end=finding.end,
            reason="Geen naam.",
        )
    actions.publish_profile(profile=profile, by=by, consent=True)
    public = Client().get(
        reverse("recruitment:public_profile", args=[world.utrecht.slug, profile.public_id])
    )
    assert public.status_code == 200
    assert_escaped(public.content.decode())
    assert_escaped(Client().get(f"/{world.utrecht.slug}/").content.decode())

    social = coordinator.get(reverse("recruitment:profile_social", args=[family.pk]))
    assert PAYLOAD in social.context["facebook"]  # plain text to copy …
    assert_escaped(social.content.decode())  # … shown escaped inside the textarea
    card = coordinator.get(reverse("recruitment:profile_card", args=[family.pk]))
    assert card["Content-Type"] == "image/png"
    assert card.content.startswith(b"\x89PNG")  # Pillow draws the characters; nothing runs


# --- the agreement's PDF ------------------------------------------------------------------------


@pytest.mark.django_db
def test_agreement_pdf_holds_the_literal_text(
    world: World, django_capture_on_commit_callbacks
) -> None:
    from tests.agreements.helpers import coordinator_for, make_match

    match = make_match(world)
    by = coordinator_for(world, world.utrecht)
    coordinator = client_for(by)
    page = coordinator.get(reverse("agreements:match", args=[match.pk]))
    texts = dict.fromkeys(page.context["form"].fields, f"Afspraak {PAYLOAD}")
    assert coordinator.post(reverse("agreements:match", args=[match.pk]), texts).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(reverse("agreements:send", args=[match.pk]))
    tokens = {}
    for message in mail.outbox:
        token = message.body.split("/ondertekenen/")[1].split("/")[0]
        tokens[message.to[0]] = token
    assert len(tokens) == 2
    for token in tokens.values():
        signed = Client().post(
            reverse("agreements:sign", args=[token]),
            {"typed_name": f"Ouder {PAYLOAD}", "consent": "on"},
        )
        assert signed.status_code == 302
    coordinator.post(
        reverse("agreements:co_sign", args=[match.pk]),
        {"typed_name": "Coördinator", "consent": "on"},
    )
    agreement = match.agreements.get()
    assert agreement.pdf
    data = agreement.pdf.read()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    one_line = "".join(text.split("\n"))
    assert f"Afspraak {PAYLOAD}" in one_line
    assert "onerror=alert(1)>" in one_line.split("Ouder", 1)[1]  # the typed names too
    assert "&lt;" not in text and "&quot;" not in text


def test_the_pdf_fetches_nothing_from_outside() -> None:
    from buurtgezinnen.agreements import pdf

    fetcher = pdf.url_fetcher()
    for url in ("file:///etc/hostname", "http://169.254.169.254/", "data:text/css,p{}"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher(url)
    # A URL in the HTML is left out; the PDF is still made.
    from weasyprint import HTML

    html = '<p>Tekst</p><img src="file:///etc/hostname"><link rel="stylesheet" href="http://x/">'
    assert HTML(string=html, url_fetcher=pdf.url_fetcher()).write_pdf().startswith(b"%PDF")


# --- the calendar feed -------------------------------------------------------------------------


def test_ical_text_cannot_add_a_property_or_break_a_line() -> None:
    now = timezone.now()
    summary = (
        f"Gesprek, met; \\ {PAYLOAD}\r\nATTACH:http://x.example/\nDTSTART:1\rX:2\x0bY:3\u2028Z:4"
    )
    feed = ical.calendar(
        [
            ical.Event(
                uid="c-1@buurtgezinnen", start=now, end=now + timedelta(hours=1), summary=summary
            )
        ],
        name="Agenda\nX-INJECTED:1",
        now=now,
    )
    unfolded = feed.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert not [line for line in lines if line.startswith(("ATTACH", "X-INJECTED", "X:", "Y:"))]
    assert sum(line.startswith("DTSTART") for line in lines) == 1
    (summary_line,) = [line for line in lines if line.startswith("SUMMARY:")]
    assert summary_line.startswith("SUMMARY:Gesprek\\, met\\; \\\\ ")
    assert "\\nATTACH:http://x.example/\\nDTSTART:1\\nX:2" in summary_line
    # No bare CR or LF (nor another line separator) anywhere but at the end of a line.
    assert all(not set(line) & {"\r", "\n", "\x0b", "\u2028"} for line in lines)
    assert all(len(line.encode()) <= 75 for line in feed.split("\r\n"))


def test_ical_refuses_a_newline_in_an_address_or_uid() -> None:
    now = timezone.now()
    for event in (
        ical.Event(uid="x\r\nATTACH:y", start=now, end=now, summary="s"),
        ical.Event(uid="x", start=now, end=now, summary="s", url="https://a/\nATTACH:y"),
    ):
        with pytest.raises(ValueError):
            ical.calendar([event], name="Agenda", now=now)


@pytest.mark.django_db
def test_the_feed_carries_no_stored_text(world: World) -> None:
    from buurtgezinnen.agenda import actions as agenda_actions
    from buurtgezinnen.families import actions as family_actions

    coordinator = world.users["coordinator_utrecht"]
    family = make_family(world.utrecht, name=f"Jansen{PAYLOAD}")
    family_actions.plan_conversation(
        family=family, by=coordinator, number=1, planned_at=timezone.now() + timedelta(days=1)
    )
    token = agenda_actions.create_calendar_token(by=coordinator)
    feed = Client().get(reverse("agenda:calendar_feed", args=[token]))
    assert feed.status_code == 200
    body = feed.content.decode()
    assert "BEGIN:VEVENT" in body
    assert "Jansen" not in body and "img" not in body


# --- mail ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_mail_is_plain_text_with_the_literal_name(
    world: World, django_capture_on_commit_callbacks
) -> None:
    from tests.public.test_application_forms import REQUEST_URL, request_data

    name = f"D'Souza {PAYLOAD}"
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(REQUEST_URL, request_data(first_name=name))
    assert response.status_code == 302
    (confirmation,) = [m for m in mail.outbox if m.to == ["fatima@example.nl"]]
    # Plain text: no HTML part that could run, and the name as typed (not "D&#x27;Souza").
    assert not getattr(confirmation, "alternatives", [])
    assert confirmation.content_subtype == "plain"
    assert f"Beste {name}," in confirmation.body
    assert "&#x27;" not in confirmation.body and "&lt;" not in confirmation.body


# --- addresses built from stored text -----------------------------------------------------------


@pytest.mark.django_db
def test_a_municipality_link_cannot_be_a_script(world: World, as_actor) -> None:
    office = as_actor("national_office")
    url = reverse("org:municipality_edit", args=[world.utrecht.pk])
    data = {
        "cbs_code": "GM0344",
        "name": "Utrecht",
        "slug": "utrecht",
        "region": world.utrecht_region.pk,
        "programme_started_on": "2020-01-01",
        "facebook_url": "javascript:alert(1)",
        "instagram_url": "",
    }
    refused = office.post(url, data)
    assert refused.status_code in (200, 400)
    world.utrecht.refresh_from_db()
    assert world.utrecht.facebook_url == ""
    assert 'href="javascript:' not in Client().get("/utrecht/").content.decode()
