"""The agreement's pages: the national office's standard, the coordinator's page per match, and
the parent's signing page (no login; the token in the URL is the only key).

Thin views: access first (``role_required``, then the match through ``get_match_for_user`` or the
version through ``get_agreement_for_user``), reads of a match's agreement logged with
``log_read``, every write through ``actions``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from buurtgezinnen.agreements import actions
from buurtgezinnen.agreements.forms import DraftForm, SignForm, StandardTextForm, TopicForm
from buurtgezinnen.agreements.models import (
    Agreement,
    AgreementStatus,
    Signature,
    StandardText,
    Topic,
)
from buurtgezinnen.agreements.selectors import get_agreement_for_user
from buurtgezinnen.core.client import client_address
from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.families.models import Person
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.matching.links import match_url
from buurtgezinnen.matching.models import Match
from buurtgezinnen.matching.selectors import get_match_for_user
from buurtgezinnen.org.access_log import log_read
from buurtgezinnen.org.models import Role
from buurtgezinnen.org.scoping import get_in_scope_or_404, role_required

# --- national office -----------------------------------------------------------------------------


@role_required(Role.NATIONAL_OFFICE)
def standard(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "agreements/standard.html",
        {"text": StandardText.current(), "topics": Topic.objects.all()},
    )


def _save(form: Any, request: HttpRequest, save: Any, success: str) -> bool:
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    messages.success(request, success)
    return True


@role_required(Role.NATIONAL_OFFICE)
def standard_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    text = StandardText.current()
    form = StandardTextForm(request.POST or None, instance=text)
    if _save(
        form,
        request,
        lambda: actions.save_standard_text(
            by=request.user,
            intro=form.cleaned_data["intro"],
            closing=form.cleaned_data["closing"],
        ),
        _("The standard text has been saved."),
    ):
        return redirect("agreements:standard")
    return render(
        request,
        "org/form.html",
        {"form": form, "title": _("Standard text of the agreement"), "back": "agreements:standard"},
        status=400 if request.method == "POST" else 200,
    )


@role_required(Role.NATIONAL_OFFICE)
def topic_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    topic = get_object_or_404(Topic, pk=pk) if pk else None
    form = TopicForm(request.POST or None, instance=topic)
    if _save(
        form,
        request,
        lambda: actions.save_topic(
            topic=topic,
            by=request.user,
            title=form.cleaned_data["title"],
            guidance=form.cleaned_data["guidance"],
            position=form.cleaned_data["position"],
            is_active=form.cleaned_data["is_active"],
        ),
        _("The topic has been saved."),
    ):
        return redirect("agreements:standard")
    title = _("Edit topic") if topic else _("New topic")
    return render(
        request,
        "org/form.html",
        {"form": form, "title": title, "back": "agreements:standard"},
        status=400 if request.method == "POST" else 200,
    )


# --- coordinator ---------------------------------------------------------------------------------


@role_required(*CASE_WORKERS)
def match_agreement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = get_match_for_user(request.user, pk)
    versions = list(
        Agreement.objects.filter(match=match)
        .prefetch_related(Prefetch("signatures", queryset=Signature.objects.order_by("pk")))
        .order_by("-version")
    )
    current = versions[0] if versions else None
    topics = list(Topic.objects.filter(is_active=True))
    form = None
    editable = match.is_open and (current is None or current.status == AgreementStatus.DRAFT)
    if editable:
        form = DraftForm(
            request.POST if request.method == "POST" else None,
            topics=topics,
            texts=current.topic_texts() if current else {},
        )
        if _save(
            form,
            request,
            lambda: actions.save_draft(match=match, by=request.user, texts=form.texts()),
            _("The agreement has been saved."),
        ):
            return redirect("agreements:match", pk=match.pk)
    elif request.method == "POST":
        messages.error(request, _("This version can no longer be changed."))
        return redirect("agreements:match", pk=match.pk)
    log_read(request, match)
    people = list(
        Person.objects.filter(family_id__in=(match.request_family_id, match.support_family_id))
    )
    return render(
        request,
        "agreements/match.html",
        {
            "match": match,
            "match_url": match_url(match),
            "versions": versions,
            "current": current,
            "form": form,
            "without_email": [p for p in people if not p.email],
            "waiting": actions.not_signed(current) if current else [],
            "sign_form": SignForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _act(
    request: AuthenticatedHttpRequest, match: Match, action: Any, success: str
) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("agreements:match", pk=match.pk)


def _current(match: Match) -> Agreement:
    current = actions.latest(match)
    if current is None:
        raise Http404
    return current


@require_POST
@role_required(*CASE_WORKERS)
def send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = get_match_for_user(request.user, pk)
    current = _current(match)
    return _act(
        request,
        match,
        lambda: actions.send_for_signing(agreement=current, by=request.user),
        _("The agreement has been sent: every parent gets a personal link by e-mail."),
    )


@require_POST
@role_required(*CASE_WORKERS)
def new_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = get_match_for_user(request.user, pk)
    return _act(
        request,
        match,
        lambda: actions.new_version(match=match, by=request.user),
        _("A new version has been made. Change it and send it for signing again."),
    )


@require_POST
@role_required(*CASE_WORKERS)
def resend(request: AuthenticatedHttpRequest, pk: int, signature_pk: int) -> HttpResponse:
    match = get_match_for_user(request.user, pk)
    signature = get_in_scope_or_404(
        Signature.objects.filter(agreement__match=match), request.user, pk=signature_pk
    )
    return _act(
        request,
        match,
        lambda: actions.resend_link(signature=signature, by=request.user),
        _("A new link has been sent; the old one no longer works."),
    )


@require_POST
@role_required(*CASE_WORKERS)
def coordinator_sign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = get_match_for_user(request.user, pk)
    current = _current(match)
    form = SignForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("agreements:match", pk=match.pk)
    return _act(
        request,
        match,
        lambda: actions.sign_as_coordinator(
            agreement=current,
            by=request.user,
            typed_name=form.cleaned_data["typed_name"],
            consent=form.cleaned_data["consent"],
            ip=client_address(request),
        ),
        _("Everyone has signed. The agreement is stored as a PDF."),
    )


@role_required(*CASE_WORKERS)
def version(request: AuthenticatedHttpRequest, pk: int, version: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, pk, version)
    log_read(request, agreement)
    return render(
        request,
        "agreements/version.html",
        {
            "agreement": agreement,
            "match": agreement.match,
            "content": agreement.content,
            "signatures": list(agreement.signatures.all()),
        },
    )


@role_required(*CASE_WORKERS)
def pdf(request: AuthenticatedHttpRequest, pk: int, version: int) -> FileResponse:
    agreement = get_agreement_for_user(request.user, pk, version)
    if not agreement.pdf:
        raise Http404
    log_read(request, agreement, purpose="agreements:pdf")
    response = FileResponse(
        agreement.pdf.open("rb"),
        as_attachment=True,
        filename=f"afspraken-{agreement.match_id}-versie-{agreement.version}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- a parent, by personal link ------------------------------------------------------------------


@never_cache
def sign(request: HttpRequest, token: str) -> HttpResponse:
    try:
        signature = actions.signature_for_token(token)
    except actions.LinkProblem as problem:
        return render(
            request,
            "agreements/link_problem.html",
            {"message": problem.message},
            status=problem.status,
        )
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.sign_by_link(
                token=token,
                typed_name=form.cleaned_data["typed_name"],
                consent=form.cleaned_data["consent"],
                ip=client_address(request),
            )
        except actions.LinkProblem as problem:
            return render(
                request,
                "agreements/link_problem.html",
                {"message": problem.message},
                status=problem.status,
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            return redirect("agreements:signed")
    agreement = signature.agreement
    response = render(
        request,
        "agreements/sign.html",
        {
            "signature": signature,
            "agreement": agreement,
            "content": agreement.content,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


def signed(request: HttpRequest) -> HttpResponse:
    return render(request, "agreements/signed.html")
