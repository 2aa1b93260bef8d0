"""Every mail the app sends: a subject and a message template, rendered in the site's language
(Dutch), sent through Django's mail framework. Callers are huey tasks, after the commit."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute(name: str, *args: object) -> str:
    """The full address of a page, for a link in a mail."""
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def render(template: str, context: Mapping[str, object]) -> tuple[str, str]:
    """``template`` names ``<template>_subject.txt`` and ``<template>_message.txt``."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", dict(context))
        body = render_to_string(f"{template}_message.txt", dict(context))
    return " ".join(subject.split()), body


def send(template: str, context: Mapping[str, object], to: list[str]) -> None:
    subject, body = render(template, context)
    send_mail(subject, body, None, to)
