"""Every mail the app sends: a subject and a message template, rendered in the site's language
(Dutch), sent through Django's mail framework. Callers are huey tasks, after the commit.

Mails are plain text only (no HTML part), so the templates are rendered without HTML escaping:
a name such as "'t Hart" arrives as typed, not as "&#x27;t Hart", and nothing in a text/plain
body is markup that could run. Should a mail ever get an HTML part, render that part with the
normal, escaping template engine.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context, Engine
from django.urls import reverse
from django.utils import translation


def absolute(name: str, *args: object) -> str:
    """The full address of a page, for a link in a mail."""
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _plain_text(name: str, context: Mapping[str, object]) -> str:
    return Engine.get_default().get_template(name).render(Context(dict(context), autoescape=False))


def render(template: str, context: Mapping[str, object]) -> tuple[str, str]:
    """``template`` names ``<template>_subject.txt`` and ``<template>_message.txt``."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _plain_text(f"{template}_subject.txt", context)
        body = _plain_text(f"{template}_message.txt", context)
    # One line: a line break in a subject would start a new mail header.
    return " ".join(subject.split()), body


def send(template: str, context: Mapping[str, object], to: list[str]) -> None:
    subject, body = render(template, context)
    send_mail(subject, body, None, to)
