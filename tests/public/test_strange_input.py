"""Property: no input, however strange, gives a server error or reaches a page unescaped."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtgezinnen.public.forms import (
    ChildFormSet,
    InterestForm,
    RequestApplicationForm,
    SupportApplicationForm,
    multi_line,
    single_line,
    strip_controls,
)
from tests.conftest import World
from tests.public.test_application_forms import (
    INTEREST_URL,
    REQUEST_URL,
    SUPPORT_URL,
    request_data,
    support_data,
)

MARK = "Qz7"  # makes the posted text findable, also when it is just "<"

NASTY = [
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\r\n",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE families_family; --",
    "😀👨‍👩‍👧",
    "{{ 7*7 }}{% debug %}",
    "%(name)s %s",
    "<",
    "&amp;",
]

strange_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=5)), max_size=6).map("".join),
    st.integers(min_value=150, max_value=3000).map(lambda n: "x<" * (n // 2)),
)


def field_names(form_class: type, with_children: bool) -> list[str]:
    names = [name for name in form_class.base_fields if name != "homepage"]
    if with_children:
        children = ChildFormSet()
        names += [field.html_name for form in children.forms for field in form]
        names += [field.html_name for field in children.management_form]
    return names


FORMS = {
    REQUEST_URL: (field_names(RequestApplicationForm, True), request_data),
    SUPPORT_URL: (field_names(SupportApplicationForm, False), support_data),
    INTEREST_URL: (field_names(InterestForm, False), lambda: {}),
}


def assert_safe(response: Any, posted: str) -> None:
    assert response.status_code in (200, 302, 429), response.status_code
    if "<" in posted:
        body = response.content.decode()
        for variant in (posted, strip_controls(posted), single_line(posted), multi_line(posted)):
            assert variant not in body


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=strange_text, data=st.data())
def test_strange_text_in_every_field(
    client: Client,
    world: World,
    django_capture_on_commit_callbacks: Any,
    text: str,
    data: st.DataObject,
) -> None:
    posted = f"{MARK}{text}{MARK}"
    for url, (names, valid) in FORMS.items():
        cache.clear()  # every example gets a fresh rate limit
        # Everything strange at once: names, dates, choices, checkboxes, the formset's counters.
        response = client.post(url, dict.fromkeys(names, posted))
        assert_safe(response, posted)
        # A valid application with the text in one of its fields, so that it can pass the form
        # and reach the action, the database and the mail.
        base = valid()
        if not base:
            continue
        name = data.draw(st.sampled_from(sorted(set(base) & set(names))), label=url)
        cache.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {**base, name: posted})
        assert_safe(response, posted)
