"""Concern pages (only the family's coordinator and the safety officer; others get 404), the
support parent's reporting page (personal link, no login) and referrals (case workers)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtgezinnen import policy
from buurtgezinnen.concerns import access, actions, meldcode, wording
from buurtgezinnen.concerns.forms import (
    CloseForm,
    ConcernForm,
    LinkForm,
    ReferralForm,
    ReferralOutcomeForm,
    ReportForm,
    step_form,
)
from buurtgezinnen.concerns.models import (
    Concern,
    ConcernKind,
    ConcernLink,
    ConcernStatus,
    Step,
)
from buurtgezinnen.concerns.selectors import get_referral_for_user
from buurtgezinnen.core import ratelimit
from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.families import selectors as family_selectors
from buurtgezinnen.families.models import Family, Kind
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.matching.links import match_url
from buurtgezinnen.org.access_log import log_read, log_reads
from buurtgezinnen.org.scoping import role_required

REPORT_RATE_KEY = "concern-report"
# The safety officer's national list, a page at a time.
PAGE_SIZE = 50
REPORT_RATE_PERIOD_S = 3600


def _errors_to_form(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _family_for_concerns(request: AuthenticatedHttpRequest, pk: int) -> Family:
    """A family whose concerns as a whole the user works on (its coordinator or stand-in)."""
    family = access.get_concern_family_for_user(request.user, pk)
    access.require_family_access(request, family.municipality_id)
    return family


@login_required
def family_concerns(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The concerns of one family, the form for a new one and (support family) the links.

    The safety officer gets this page only for a family with a safety concern, and sees on it
    only its safety concerns: no form, no links, no other child or family (concerns/access.py).
    """
    family = access.get_concern_family_for_user(request.user, pk)
    works = access.concern_scope(request.user).sees(family.municipality_id)
    if request.method == "POST":
        actions.require_concern_reader(request.user, family)
    form = ConcernForm(request.POST or None, family=family) if works else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            concern = actions.record_concern(
                family=family,
                by=request.user,
                kind=data["kind"],
                child=data.get("child"),
                match=data.get("match"),
                description=data["description"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The concern has been recorded."))
            return redirect("concerns:detail", pk=concern.pk)
    concerns = list(
        access.concerns_for(request.user)
        .filter(family=family)
        .select_related("child")
        .annotate(step_count=Count("steps"))
    )
    log_read(request, family)
    log_reads(request, concerns)
    support = works and family.kind == Kind.SUPPORT
    links = (
        list(ConcernLink.objects.filter(family=family).select_related("person")) if support else []
    )
    return render(
        request,
        "concerns/family.html",
        {
            "family": family,
            "concerns": concerns,
            "form": form,
            "links": links,
            "link_form": LinkForm(family=family) if support else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def _detail(
    request: AuthenticatedHttpRequest,
    concern: Concern,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    steps = list(concern.steps.select_related("by"))
    recorded = [s.step for s in steps]
    upcoming = meldcode.next_step(recorded) if concern.kind == ConcernKind.SAFETY else None
    # The safety officer reads; the coordinator (or stand-in) works on the concern.
    works = access.concern_scope(request.user).sees(concern.family.municipality_id)
    forms = (forms or {}) if works else {}
    if works and concern.is_open and upcoming is not None and "step" not in forms:
        forms["step"] = step_form(upcoming, prefix="step")
    if works and concern.is_open and upcoming is not None and "acute" not in forms:
        forms["acute"] = step_form(Step.ACUTE, prefix="acute")
    if works and concern.is_open and "close" not in forms:
        forms["close"] = CloseForm(prefix="close")
    return render(
        request,
        "concerns/detail.html",
        {
            "concern": concern,
            "steps": steps,
            "upcoming": Step(upcoming) if upcoming is not None else None,
            "guidance": wording.GUIDANCE.get(upcoming) if upcoming else None,
            "acute_guidance": wording.GUIDANCE[Step.ACUTE],
            "questions": wording.QUESTIONS,
            "finished": meldcode.is_finished(recorded),
            "match_link": match_url(concern.match) if works and concern.match else "",
            "can_escalate": works and concern.is_open and concern.kind == ConcernKind.WORRY,
            "forms": forms,
            "works": works,
        },
        status=status,
    )


@login_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _concern(request, pk))


def _concern(request: AuthenticatedHttpRequest, pk: int) -> Concern:
    """The concern if the user may read it (else 404); the read is logged."""
    concern = access.get_concern_for_user(request.user, pk)
    log_read(request, concern)
    return concern


def _record(request: AuthenticatedHttpRequest, pk: int, key: str, step_of: Any) -> HttpResponse:
    concern = _concern(request, pk)
    actions.require_concern_reader(request.user, concern.family)
    recorded = list(concern.steps.values_list("step", flat=True))
    step = step_of(recorded)
    if step is None or (key == "step" and concern.kind != ConcernKind.SAFETY):
        messages.error(request, _("No step of the reporting code can be recorded now."))
        return redirect("concerns:detail", pk=concern.pk)
    form = step_form(step, request.POST, prefix=key)
    if form.is_valid():
        # Each step's form has only that step's fields; what it lacks is not given (None).
        data = form.cleaned_data
        try:
            if step == Step.ACUTE:
                actions.report_acute(
                    concern=concern,
                    by=request.user,
                    reasoning=data["reasoning"],
                    reported_on=data["reported_on"],
                    veilig_thuis_reference=data["veilig_thuis_reference"],
                )
            else:
                actions.record_step(
                    concern=concern,
                    by=request.user,
                    step=step,
                    reasoning=data["reasoning"],
                    signs=data.get("signs"),
                    colleague=data.get("colleague"),
                    veilig_thuis_consulted=data.get("veilig_thuis_consulted"),
                    veilig_thuis_advice=data.get("veilig_thuis_advice"),
                    talked_with_parents=data.get("talked_with_parents"),
                    not_talked_reason=data.get("not_talked_reason"),
                    q1_answer=data.get("q1_answer"),
                    q1_explanation=data.get("q1_explanation"),
                    q2_answer=data.get("q2_answer"),
                    q2_explanation=data.get("q2_explanation"),
                    q3_answer=data.get("q3_answer"),
                    q3_explanation=data.get("q3_explanation"),
                    q4_answer=data.get("q4_answer"),
                    q4_explanation=data.get("q4_explanation"),
                    q5_answer=data.get("q5_answer"),
                    q5_explanation=data.get("q5_explanation"),
                    help_organised=data.get("help_organised"),
                    help_note=data.get("help_note"),
                    reported_to_veilig_thuis=data.get("reported_to_veilig_thuis"),
                    reported_on=data.get("reported_on"),
                    veilig_thuis_reference=data.get("veilig_thuis_reference"),
                )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The step has been recorded."))
            return redirect("concerns:detail", pk=concern.pk)
    concern.refresh_from_db()
    return _detail(request, concern, {key: form}, status=400)


@require_POST
@login_required
def record_step(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _record(request, pk, "step", meldcode.next_step)


@require_POST
@login_required
def report_acute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _record(
        request,
        pk,
        "acute",
        lambda recorded: None if meldcode.is_finished(recorded) else Step.ACUTE,
    )


@require_POST
@login_required
def escalate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    concern = _concern(request, pk)
    try:
        actions.escalate(concern=concern, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The concern now follows the reporting code."))
    return redirect("concerns:detail", pk=concern.pk)


@require_POST
@login_required
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    concern = _concern(request, pk)
    actions.require_concern_reader(request.user, concern.family)
    form = CloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            actions.close_concern(concern=concern, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The concern has been closed."))
            return redirect("concerns:detail", pk=concern.pk)
    return _detail(request, concern, {"close": form}, status=400)


@require_POST
@login_required
def link_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = _family_for_concerns(request, pk)
    if family.kind != Kind.SUPPORT:
        raise Http404
    form = LinkForm(request.POST, family=family)
    if form.is_valid():
        try:
            actions.send_concern_link(person=form.cleaned_data["person"], by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The personal link has been sent by e-mail."))
    else:
        messages.error(request, _("Choose a support parent with an e-mail address."))
    return redirect("concerns:family", pk=family.pk)


@require_POST
@login_required
def link_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    link = access.get_link_for_user(request.user, pk)
    actions.revoke_link(link=link, by=request.user)
    messages.success(request, _("The link has been revoked."))
    return redirect("concerns:family", pk=link.family_id)


@login_required
def safety_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The safety officer's list of every open safety concern, in the whole country."""
    if not access.concern_scope(request.user).safety_officer:
        raise Http404
    concerns = (
        access.concerns_for(request.user)
        .filter(status=ConcernStatus.OPEN, kind=ConcernKind.SAFETY)
        .select_related("family__municipality")
        .annotate(last_step=Max("steps__step"), step_count=Count("steps"))
        .order_by("created_at", "pk")
    )
    # The whole country: a page at a time, and only the concerns shown are logged as read.
    page = Paginator(concerns, PAGE_SIZE).get_page(request.GET.get("page"))
    log_reads(request, page.object_list)
    return render(
        request, "concerns/safety_list.html", {"concerns": page.object_list, "page": page}
    )


def report(request: HttpRequest, token: str) -> HttpResponse:
    """A support parent reports a worry through their personal link (no login)."""
    link = actions.link_for_token(token)
    if link is None:
        return render(request, "concerns/link_invalid.html", status=404)
    matches = actions.reportable_matches(link)
    form = ReportForm(request.POST or None, matches=matches)
    if request.method == "POST":
        if not ratelimit.allow(
            request, REPORT_RATE_KEY, policy.PUBLIC_FORM_RATE_PER_HOUR, REPORT_RATE_PERIOD_S
        ):
            return render(request, "public/rate_limited.html", status=429)
        if form.is_valid():
            chosen = next(m for m in matches if m.pk == form.cleaned_data["match"])
            try:
                actions.report_through_link(
                    link=link, match=chosen, description=form.cleaned_data["description"]
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                return render(request, "concerns/report_thanks.html")
    return render(
        request,
        "concerns/report.html",
        {"form": form, "matches": matches, "first_name": link.person.first_name},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*CASE_WORKERS)
def referral_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = family_selectors.get_family_for_user(request.user, pk)
    log_read(request, family)
    form = ReferralForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_referral(family=family, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The referral has been recorded."))
            return redirect("families:detail", pk=family.pk)
    return render(
        request,
        "families/family_form.html",
        {"family": family, "title": _("Referral to formal help"), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*CASE_WORKERS)
def referral(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A referral and the form for its outcome."""
    item = get_referral_for_user(request.user, pk)
    log_read(request, item)
    form = ReferralOutcomeForm(
        request.POST or None,
        initial={"outcome": item.outcome, "outcome_note": item.outcome_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_referral_outcome(
                referral=item,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["outcome_note"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The outcome has been recorded."))
            return redirect("families:detail", pk=item.family_id)
    return render(
        request,
        "concerns/referral.html",
        {
            "referral": item,
            "family": item.family,
            "form": form,
            "match_link": match_url(item.match) if item.match else "",
        },
        status=400 if request.method == "POST" else 200,
    )
