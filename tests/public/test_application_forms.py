"""The public application forms: the postcode decides the municipality, errors show at the field
with everything typed kept, and a municipality without the programme gets "keep me informed"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from buurtgezinnen import policy
from buurtgezinnen.families.models import (
    Channel,
    Family,
    InterestRegistration,
    Kind,
    Source,
    Status,
)
from buurtgezinnen.geo.postcodes import MalformedPostcode, UnknownPostcode
from buurtgezinnen.org import actions as org_actions
from tests.conftest import World

REQUEST_URL = "/aanmelden/vraaggezin/"
SUPPORT_URL = "/aanmelden/steungezin/"
INTEREST_URL = "/aanmelden/interesse/"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # The rate limit lives in the cache: no test may inherit another's count.
    cache.clear()
    yield
    cache.clear()


def dutch(message: str, **params: Any) -> str:
    """The message as the (Dutch) page shows it, whether or not it has been translated yet."""
    with translation.override("nl"):
        text = gettext(message)
    return text % params if params else text


def years_ago(years: int, days: int = 30) -> date:
    return timezone.localdate() - timedelta(days=365 * years + days)


def children_data(*rows: tuple[str, str]) -> dict[str, str]:
    data = {"child-TOTAL_FORMS": "6", "child-INITIAL_FORMS": "0"}
    for number, (first_name, born) in enumerate(rows):
        data[f"child-{number}-first_name"] = first_name
        data[f"child-{number}-date_of_birth"] = born
    return data


def request_data(**changes: Any) -> dict[str, str]:
    """A complete, valid requesting-family application in Utrecht."""
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "email": "fatima@example.nl",
        "phone": "06-12345678",
        "languages": "Nederlands, Arabisch",
        "street": "Oudegracht",
        "house_number": "12a",
        "postcode": "3511 AB",
        "place": "Utrecht",
        "note": "Een vaste middag per week voor de kinderen.",
        "channel": Channel.SCHOOL,
        "consent": "on",
        "children_consent": "on",
        "homepage": "",
        **children_data(("Yara", years_ago(7).isoformat()), ("Adam", years_ago(4).isoformat())),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def support_data(**changes: Any) -> dict[str, str]:
    """A complete, valid support-family application in Utrecht with two support parents."""
    data = {
        "first_name": "Kees",
        "last_name": "de Vries",
        "email": "kees@example.nl",
        "phone": "+31 6 1234 5678",
        "partner_first_name": "Anouk",
        "partner_last_name": "Bakker",
        "partner_email": "anouk@example.nl",
        "partner_phone": "",
        "street": "Lange Nieuwstraat",
        "house_number": "3",
        "postcode": "3512PA",
        "place": "Utrecht",
        "note": "Onze kinderen zijn groot; we hebben tijd over.",
        "channel": Channel.FACEBOOK,
        "consent": "on",
        "homepage": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


class FormValues(HTMLParser):
    """The values a page's form fields hold, and the text of each error container by id."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.checked: set[str] = set()
        self.errors: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._error: str | None = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if self._error is not None and tag == "div":
            self._depth += 1
        if tag == "input" and "name" in a:
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.checked.add(f"{a['name']}={a.get('value', 'on')}")
            else:
                self.values[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.values[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "div" and a.get("id", "").endswith("_error"):
            self._error = a["id"]
            self._depth = 1
            self.errors[a["id"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            # A browser drops the newline right after <textarea>; so do we.
            value = self.values[self._textarea or ""]
            self.values[self._textarea or ""] = value.removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "div" and self._error is not None:
            self._depth -= 1
            if self._depth == 0:
                self._error = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data
        if self._error:
            self.errors[self._error] += data

    def error(self, field_id: str) -> str:
        return self.errors.get(f"{field_id}_error", "").strip()


def page(response: Any) -> FormValues:
    return FormValues(response.content.decode())


# ---------------------------------------------------------------------------------------------
# Valid applications
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("postcode", "municipality"),
    [("3511 AB", "utrecht"), ("3707ba", "zeist"), ("3811", "amersfoort")],
)
def test_request_application_creates_family_in_municipality_of_postcode(
    client: Client, world: World, postcode: str, municipality: str
) -> None:
    response = client.post(f"{REQUEST_URL}?gemeente=utrecht", request_data(postcode=postcode))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('public:thanks')}?soort=vraaggezin"
    family = Family.objects.get()
    assert family.municipality == getattr(world, municipality)
    assert family.kind == Kind.REQUEST
    assert family.status == Status.NEW
    assert family.source == Source.PUBLIC_FORM
    assert family.channel == Channel.SCHOOL
    assert family.name == "El Amrani"
    assert family.street == "Oudegracht"
    assert family.house_number == "12a"
    assert family.pc4 == postcode[:4]
    assert family.application_note == "Een vaste middag per week voor de kinderen."
    assert family.consent_at is not None
    person = family.people.get()
    assert (person.first_name, person.last_name, person.is_contact) == (
        "Fatima",
        "El Amrani",
        True,
    )
    assert person.email == "fatima@example.nl"
    assert person.phone == "06-12345678"
    assert person.languages == "Nederlands, Arabisch"
    assert sorted(family.children.values_list("first_name", "date_of_birth")) == [
        ("Adam", years_ago(4)),
        ("Yara", years_ago(7)),
    ]


def test_application_mails_the_applicant_and_the_coordinators(
    client: Client, world: World, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST_URL, request_data())

    assert response.status_code == 302
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert "fatima@example.nl" in recipients
    assert world.users["coordinator_utrecht"].email in recipients
    # Only the coordinators of this municipality hear of it.
    assert world.users["coordinator_amersfoort"].email not in recipients
    to_coordinator = next(m for m in mailoutbox if world.users["coordinator_utrecht"].email in m.to)
    assert "El Amrani" not in to_coordinator.body
    assert "Yara" not in to_coordinator.body


def test_support_application_with_two_parents(
    client: Client, world: World, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUPPORT_URL, support_data())

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('public:thanks')}?soort=steungezin"
    family = Family.objects.get()
    assert family.kind == Kind.SUPPORT
    assert family.municipality == world.utrecht
    assert family.name == "de Vries / Bakker"
    assert family.postcode == "3512 PA"
    assert family.channel == Channel.FACEBOOK
    assert family.application_note.startswith("Onze kinderen")
    assert list(family.people.values_list("first_name", "is_contact")) == [
        ("Kees", True),
        ("Anouk", False),
    ]
    assert not family.children.exists()
    assert hasattr(family, "offer")
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert {"kees@example.nl", world.users["coordinator_utrecht"].email} <= recipients


def test_support_application_with_one_parent(client: Client, world: World) -> None:
    data = support_data(partner_first_name="", partner_last_name="", partner_email="")
    assert client.post(SUPPORT_URL, data).status_code == 302
    family = Family.objects.get()
    assert family.name == "de Vries"
    assert family.people.count() == 1


def test_phone_only_is_enough(client: Client, world: World) -> None:
    response = client.post(REQUEST_URL, request_data(email="", phone="030 123 45 67"))
    assert response.status_code == 302
    assert Family.objects.get().people.get().phone == "030 123 45 67"


@pytest.mark.parametrize("phone", ["0612345678", "06 1234 5678", "06-12-34-56-78", "+31612345678"])
def test_dutch_phone_numbers_are_accepted(client: Client, world: World, phone: str) -> None:
    assert client.post(REQUEST_URL, request_data(phone=phone)).status_code == 302


def test_thanks_page_tells_what_happens_next_without_personal_data(
    client: Client, world: World
) -> None:
    response = client.post(REQUEST_URL, request_data(), follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/aanmelden/bedankt/?soort=vraaggezin"
    assert "https://www.oudertelefoon.nl" in html
    for personal in ("Fatima", "El Amrani", "Yara", "Oudegracht", "fatima@example.nl", "3511"):
        assert personal not in html


def test_thanks_page_for_a_support_family_has_no_helpline(client: Client, world: World) -> None:
    response = client.post(SUPPORT_URL, support_data(), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "oudertelefoon" not in html
    assert "Kees" not in html


def test_text_is_cleaned_of_control_characters(client: Client, world: World) -> None:
    data = request_data(
        first_name="Fa\x00ti\x1bma\u202e",
        last_name="  El   Amrani\n",
        note="Regel één\r\nRegel\x00 twee\x07",
        **{"child-0-first_name": "Ya\x00ra"},
    )
    assert client.post(REQUEST_URL, data).status_code == 302
    family = Family.objects.get()
    person = family.people.get()
    assert (person.first_name, person.last_name) == ("Fatima", "El Amrani")
    assert family.application_note == "Regel één\nRegel twee"
    assert family.children.filter(first_name="Yara").exists()


# ---------------------------------------------------------------------------------------------
# Where the programme does not run
# ---------------------------------------------------------------------------------------------


def test_postcode_outside_the_programme_offers_keep_me_informed(
    client: Client, world: World
) -> None:
    response = client.post(
        REQUEST_URL, request_data(postcode="1011 AB", email="f@example.nl", phone="0201234567")
    )

    assert response.status_code == 200
    assert not Family.objects.exists()
    assert not InterestRegistration.objects.exists()
    assert "Amsterdam" in response.content.decode()
    form = page(response)
    assert form.values["name"] == "Fatima El Amrani"
    assert form.values["email"] == "f@example.nl"
    assert form.values["phone"] == "0201234567"
    assert form.values["postcode"] == "1011 AB"
    assert "kind=request" in form.checked

    response = client.post(
        INTEREST_URL,
        {**form.values, "kind": "request", "consent": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("public:interest_thanks")
    registration = InterestRegistration.objects.get()
    assert registration.cbs_code == "GM0363"
    assert registration.municipality is None
    assert registration.kind == Kind.REQUEST
    assert (registration.name, registration.email, registration.pc4) == (
        "Fatima El Amrani",
        "f@example.nl",
        "1011",
    )
    assert not Family.objects.exists()


def test_support_form_outside_the_programme_keeps_the_kind(client: Client, world: World) -> None:
    response = client.post(SUPPORT_URL, support_data(postcode="1011AB"))
    assert response.status_code == 200
    assert not Family.objects.exists()
    form = page(response)
    assert "kind=support" in form.checked
    assert form.values["name"] == "Kees de Vries"


@pytest.mark.parametrize("started_on", [None, "future"])
def test_municipality_not_started_yet_creates_no_family(
    client: Client, world: World, started_on: str | None
) -> None:
    org_actions.save_municipality(
        by=None,
        cbs_code="GM0363",
        name="Amsterdam",
        slug="amsterdam",
        region=world.utrecht_region,
        programme_started_on=timezone.localdate() + timedelta(days=30) if started_on else None,
    )
    response = client.post(REQUEST_URL, request_data(postcode="1011 AB"))
    assert response.status_code == 200
    assert not Family.objects.exists()
    assert page(response).values["email"] == "fatima@example.nl"

    form = page(response).values
    client.post(INTEREST_URL, {**form, "kind": "request", "consent": "on"})
    assert InterestRegistration.objects.get().municipality.slug == "amsterdam"


def test_shared_postcode_area_belongs_to_its_primary_municipality(
    client: Client, world: World
) -> None:
    # PC4 1216 lies in Hilversum (mostly) and Wijdemeren.
    started = date(2021, 1, 1)
    hilversum = org_actions.save_municipality(
        by=None,
        cbs_code="GM0402",
        name="Hilversum",
        slug="hilversum",
        region=world.utrecht_region,
        programme_started_on=started,
    )
    org_actions.save_municipality(
        by=None,
        cbs_code="GM1696",
        name="Wijdemeren",
        slug="wijdemeren",
        region=world.utrecht_region,
        programme_started_on=started,
    )
    assert client.post(REQUEST_URL, request_data(postcode="1216")).status_code == 302
    assert Family.objects.get().municipality == hilversum


def test_shared_postcode_follows_the_primary_even_when_the_other_runs(
    client: Client, world: World
) -> None:
    org_actions.save_municipality(
        by=None,
        cbs_code="GM1696",
        name="Wijdemeren",
        slug="wijdemeren",
        region=world.utrecht_region,
        programme_started_on=date(2021, 1, 1),
    )
    response = client.post(REQUEST_URL, request_data(postcode="1216"))
    assert response.status_code == 200
    assert "Hilversum" in response.content.decode()
    assert not Family.objects.exists()


def test_interest_for_a_running_municipality_points_to_the_forms(
    client: Client, world: World
) -> None:
    response = client.post(
        INTEREST_URL,
        {
            "kind": "support",
            "name": "Kees",
            "email": "k@example.nl",
            "postcode": "3511",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert not InterestRegistration.objects.exists()
    html = response.content.decode()
    assert f"{reverse('public:apply_support')}?gemeente=utrecht" in html


def test_interest_form_validates_at_the_field(client: Client, world: World) -> None:
    response = client.post(
        INTEREST_URL, {"kind": "request", "name": "", "email": "", "phone": "", "postcode": "abc"}
    )
    assert response.status_code == 200
    form = page(response)
    assert form.error("id_name")
    assert form.error("id_email")
    assert form.error("id_postcode") == MalformedPostcode.default_message
    assert form.error("id_consent")
    assert form.values["postcode"] == "abc"
    assert not InterestRegistration.objects.exists()


# ---------------------------------------------------------------------------------------------
# Errors at the field, with everything typed kept
# ---------------------------------------------------------------------------------------------


def assert_typed_values_kept(form: FormValues, sent: dict[str, str], skip: str = "") -> None:
    for name, value in sent.items():
        if name in ("consent", "children_consent", "homepage") or name == skip:
            continue
        if name.startswith("child-") and name.endswith("FORMS"):
            continue
        assert form.values.get(name) == value, name
    for name in ("consent", "children_consent"):
        if sent.get(name) == "on" and name != skip:
            assert f"{name}=on" in form.checked, name


INVALID_REQUESTS = {
    "malformed postcode": (
        {"postcode": "12345"},
        "id_postcode",
        lambda: MalformedPostcode.default_message,
    ),
    "unknown postcode": (
        {"postcode": "1000 AB"},
        "id_postcode",
        lambda: UnknownPostcode.default_message,
    ),
    "e-mail": ({"email": "fatima@"}, "id_email", lambda: dutch("Enter a valid email address.")),
    "phone": (
        {"phone": "12345"},
        "id_phone",
        lambda: dutch(
            "Enter a Dutch phone number: ten digits starting with 0 (such as 06 12345678), "
            "or starting with +31."
        ),
    ),
    "short +31 phone": (
        {"phone": "+31 6 1234"},
        "id_phone",
        lambda: dutch(
            "Enter a Dutch phone number: ten digits starting with 0 (such as 06 12345678), "
            "or starting with +31."
        ),
    ),
    "neither e-mail nor phone": (
        {"email": "", "phone": ""},
        "id_email",
        lambda: dutch("Fill in an e-mail address or a phone number, so that we can reach you."),
    ),
    "child born in the future": (
        {"child-1-date_of_birth": (timezone.localdate() + timedelta(days=3)).isoformat()},
        "id_child-1-date_of_birth",
        lambda: dutch("A date of birth cannot be in the future."),
    ),
    "child too old": (
        {"child-0-date_of_birth": years_ago(policy.CHILD_MAX_AGE + 1).isoformat()},
        "id_child-0-date_of_birth",
        lambda: dutch(
            "Buurtgezinnen is for children up to %(age)s years old.", age=policy.CHILD_MAX_AGE
        ),
    ),
    "not a date": (
        {"child-0-date_of_birth": "gisteren"},
        "id_child-0-date_of_birth",
        lambda: dutch("Enter a date, for example 31-12-2018."),
    ),
    "child without a date of birth": (
        {"child-0-date_of_birth": ""},
        "id_child-0-date_of_birth",
        lambda: dutch("This field is required."),
    ),
    "no consent": (
        {"consent": None},
        "id_consent",
        lambda: dutch(
            "Tick this box to give your consent. Without it we cannot handle your details."
        ),
    ),
    "no consent for the children": (
        {"children_consent": None},
        "id_children_consent",
        lambda: dutch(
            "Tick this box to give your consent. Without it we cannot handle your details."
        ),
    ),
    "no last name": (
        {"last_name": "   "},
        "id_last_name",
        lambda: dutch("This field is required."),
    ),
    "first name too long": (
        {"first_name": "A" * 101},
        "id_first_name",
        lambda: None,  # Django's own (plural) message; it names the limit
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID_REQUESTS))
def test_invalid_request_shows_the_error_at_the_field_and_keeps_the_input(
    client: Client, world: World, case: str
) -> None:
    changes, field_id, message = INVALID_REQUESTS[case]
    sent = request_data(**changes)

    response = client.post(REQUEST_URL, sent)

    assert response.status_code == 200
    assert not Family.objects.exists()
    form = page(response)
    expected = message()
    if expected is None:
        assert "100" in form.error(field_id)
    else:
        assert form.error(field_id) == expected
    # The error summary at the top links to the field.
    assert f'href="#{field_id}"' in response.content.decode()
    assert_typed_values_kept(form, sent)


def test_no_child_at_all(client: Client, world: World) -> None:
    sent = request_data(
        **{f"child-{n}-{f}": "" for n in (0, 1) for f in ("first_name", "date_of_birth")}
    )
    response = client.post(REQUEST_URL, sent)
    assert response.status_code == 200
    assert not Family.objects.exists()
    form = page(response)
    assert form.errors["children_error"].strip() == dutch("Fill in at least one child.")
    assert 'href="#id_child-0-first_name"' in response.content.decode()
    assert_typed_values_kept(form, sent)


def test_more_children_than_rows_is_refused(client: Client, world: World) -> None:
    sent = request_data(**{"child-TOTAL_FORMS": "500"})
    response = client.post(REQUEST_URL, sent)
    assert response.status_code == 200
    assert not Family.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field_id"),
    [
        ({"email": "kees(at)example.nl"}, "id_email"),
        ({"partner_email": "anouk@"}, "id_partner_email"),
        ({"partner_phone": "0612"}, "id_partner_phone"),
        ({"partner_first_name": "", "partner_last_name": ""}, "id_partner_first_name"),
        ({"postcode": "AB 3511"}, "id_postcode"),
        ({"consent": None}, "id_consent"),
        ({"note": "x" * 2001}, "id_note"),
    ],
)
def test_invalid_support_application(
    client: Client, world: World, changes: dict[str, Any], field_id: str
) -> None:
    sent = support_data(**changes)
    response = client.post(SUPPORT_URL, sent)
    assert response.status_code == 200
    assert not Family.objects.exists()
    form = page(response)
    assert form.error(field_id)
    assert_typed_values_kept(form, sent)


def test_html_typed_into_the_form_comes_back_escaped(client: Client, world: World) -> None:
    evil = '"><script>alert(1)</script>'
    response = client.post(
        REQUEST_URL, request_data(first_name=evil, note=evil, postcode=evil, street=evil * 9)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in html
    assert page(response).values["first_name"] == evil


@pytest.mark.parametrize(
    "error",
    [
        ValidationError("Dit kan nu niet."),
        ValidationError({"name": ["Deze naam is te lang."], "street": ["Straat klopt niet."]}),
        ValidationError({"referrer_email": ["Onbekend veld."]}),
    ],
)
def test_a_rule_the_action_refuses_shows_on_the_form(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch, error: ValidationError
) -> None:
    def refuse(**kwargs: Any) -> None:
        raise error

    monkeypatch.setattr("buurtgezinnen.public.views.submit_application", refuse)
    response = client.post(REQUEST_URL, request_data())
    assert response.status_code == 200
    html = response.content.decode()
    for message in error.messages:
        assert message in html
    if hasattr(error, "error_dict") and "name" in error.error_dict:
        assert page(response).error("id_last_name") == "Deze naam is te lang."
        assert page(response).error("id_street") == "Straat klopt niet."


def test_the_action_s_own_child_rule_shows_on_the_form(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Should the form's own check ever let a child through, the action's refusal still shows.
    monkeypatch.setattr("buurtgezinnen.public.forms.validate_children", lambda children: None)
    born = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(REQUEST_URL, request_data(**{"child-0-date_of_birth": born}))
    assert response.status_code == 200
    assert dutch("A date of birth cannot be in the future.") in response.content.decode()
    assert not Family.objects.exists()


# ---------------------------------------------------------------------------------------------
# Abuse
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "data", "thanks"),
    [
        (REQUEST_URL, request_data, "/aanmelden/bedankt/?soort=vraaggezin"),
        (SUPPORT_URL, support_data, "/aanmelden/bedankt/?soort=steungezin"),
    ],
)
def test_a_filled_honeypot_pretends_success_and_saves_nothing(
    client: Client,
    world: World,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
    url: str,
    data: Any,
    thanks: str,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data(homepage="https://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == thanks
    assert not Family.objects.exists()
    assert not mailoutbox


def test_a_filled_honeypot_on_the_interest_form(client: Client, world: World) -> None:
    response = client.post(
        INTEREST_URL,
        {
            "kind": "request",
            "name": "Bot",
            "email": "b@example.nl",
            "postcode": "1011",
            "consent": "on",
            "homepage": "x",
        },
    )
    assert response.status_code == 302
    assert not InterestRegistration.objects.exists()


def test_honeypot_is_hidden_from_people(client: Client, world: World) -> None:
    html = client.get(REQUEST_URL).content.decode()
    field = re.search(r"<input[^>]*name=\"homepage\"[^>]*>", html)
    assert field is not None
    assert 'tabindex="-1"' in field.group(0)
    assert 'autocomplete="off"' in field.group(0)
    assert re.search(r'class="app-visually-hidden"><label for="id_homepage">', html)
