"""The match's pages: its state, what is due, its reviews and timeline, and its closure."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtgezinnen.core.forms import choice_field
from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.families.models import Status
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.matching import actions, schedule
from buurtgezinnen.matching.actions import AFTER_EARLY_END, REVIEW_NOTES, REVIEW_STATUSES
from buurtgezinnen.matching.models import (
    OPEN_MATCH,
    EndReason,
    Match,
    MatchEvent,
    MatchQuerySet,
    MatchStatus,
    ReviewKind,
)
from buurtgezinnen.matching.selectors import get_match_for_user
from buurtgezinnen.org.access_log import log_read
from buurtgezinnen.org.models import User
from buurtgezinnen.org.scoping import role_required

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PAGE_SIZE = 50
YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


def _yes(value: str) -> bool:
    return value == "yes"


def _notes(label: StrOrPromise, help_text: StrOrPromise = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        max_length=4000,
    )


def _available_again() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=gettext_lazy("Is the support family available for another family?"),
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
    )


def _matches(user: User) -> MatchQuerySet:
    return Match.objects.for_user(user).select_related(
        "request_family__municipality", "support_family"
    )


def _match_for(request: AuthenticatedHttpRequest, pk: int) -> Match:
    match = get_match_for_user(request.user, pk)
    log_read(request, match)
    return match


def _kinds_possible(match: Match) -> list[tuple[str, StrOrPromise]]:
    return [(k.value, k.label) for k in ReviewKind if match.status in REVIEW_STATUSES[k]]


def _due(match: Match) -> schedule.Due | None:
    """What is due for a match of ``with_next_review()``, which read its latest review held."""
    held: date | None = match.last_held_on  # type: ignore[attr-defined]  # with_next_review()
    return actions.next_review_after(match, held)


@role_required(*CASE_WORKERS)
def match_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open matches with what is due next, the most urgent first; closed ones on request."""
    closed = request.GET.get("afgesloten") == "1"
    matches = (
        _matches(request.user).exclude(status__in=OPEN_MATCH).order_by("-closed_on", "-pk")
        if closed
        # What is due first on top, those with nothing due (an agreement) last; among equals the
        # newest match first.
        else _matches(request.user)
        .filter(status__in=OPEN_MATCH)
        .with_next_review()
        .order_by(F("next_review_on").asc(nulls_last=True), "-started_on", "-pk")
    )
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(match, None if closed else _due(match)) for match in page]
    return render(
        request,
        "matching/match_list.html",
        {"page": page, "rows": rows, "today": timezone.localdate(), "closed": closed},
    )


class PlanReviewForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Conversation"), choices=ReviewKind.choices)
    at = forms.DateTimeField(label=gettext_lazy("Date and time"), widget=DATETIME)

    def __init__(self, *args: Any, match: Match, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = _kinds_possible(match)


@role_required(*CASE_WORKERS)
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = _match_for(request, pk)
    due = actions.next_review(match)
    plan = PlanReviewForm(
        request.POST or None, match=match, initial={"kind": due.kind if due else None}
    )
    if request.method == "POST" and plan.is_valid():
        try:
            actions.plan_review(match=match, by=request.user, **plan.cleaned_data)
        except ValidationError as error:
            plan.add_error(None, error.messages)
        else:
            messages.success(request, _("The conversation has been planned."))
            return redirect("matching:detail", pk=match.pk)
    return render(
        request,
        "matching/match_detail.html",
        {
            "match": match,
            "due": due,
            "today": timezone.localdate(),
            "plan": plan if match.is_open and choice_field(plan, "kind").choices else None,
            # Planned conversations first, then those held, newest first.
            "reviews": match.reviews.select_related("held_by").order_by(
                F("held_on").desc(nulls_first=True), "-planned_at", "-pk"
            ),
            "events": MatchEvent.objects.filter(match=match).select_related("by"),
        },
        status=400 if request.method == "POST" else 200,
    )


class ReviewForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Conversation"), choices=ReviewKind.choices)
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=DATE)
    request_family_notes = _notes(gettext_lazy("How it goes for the requesting family"))
    support_family_notes = _notes(gettext_lazy("How it goes for the support family"))
    children_notes = _notes(gettext_lazy("How it goes for the children"))
    support_given = _notes(gettext_lazy("The support given"))
    agreement_changes = _notes(
        gettext_lazy("Changes to the agreement"),
        gettext_lazy("A change to the agreement is signed again as a new version."),
        rows=2,
    )
    worries = _notes(
        gettext_lazy("Worries"),
        gettext_lazy("A worry about a child's safety is also recorded as a concern."),
        rows=2,
    )
    next_steps = _notes(gettext_lazy("What is agreed next"), rows=2)

    def __init__(self, *args: Any, match: Match, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = _kinds_possible(match)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not any(str(data.get(name) or "").strip() for name in REVIEW_NOTES):
            raise ValidationError(_("Write down at least how it goes."))
        return data


@role_required(*CASE_WORKERS)
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = _match_for(request, pk)
    if not match.is_open or not _kinds_possible(match):
        raise Http404
    due = actions.next_review(match)
    form = ReviewForm(
        request.POST or None,
        match=match,
        initial={"kind": due.kind if due else None, "held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            actions.record_review(
                match=match,
                by=request.user,
                kind=data["kind"],
                held_on=data["held_on"],
                request_family_notes=data["request_family_notes"],
                support_family_notes=data["support_family_notes"],
                children_notes=data["children_notes"],
                support_given=data["support_given"],
                agreement_changes=data["agreement_changes"],
                worries=data["worries"],
                next_steps=data["next_steps"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The conversation has been recorded."))
            return redirect("matching:detail", pk=match.pk)
    return render(
        request,
        "matching/match_review.html",
        {"match": match, "form": form, "due": due},
        status=400 if request.method == "POST" else 200,
    )


class CompleteForm(forms.Form):
    continue_together = forms.TypedChoiceField(
        label=gettext_lazy("Will the families go on by themselves?"),
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    support_available_again = _available_again()
    note = _notes(gettext_lazy("Note"))


class EndEarlyForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why does the match end?"),
        choices=EndReason.choices,
        widget=forms.RadioSelect,
    )
    note = _notes(gettext_lazy("Explanation"), gettext_lazy("Required when the reason is “other”."))
    request_family_to = forms.ChoiceField(
        label=gettext_lazy("What happens next for the requesting family?"),
        choices=[(s, Status(s).label) for s in AFTER_EARLY_END],
        widget=forms.RadioSelect,
    )
    support_available_again = _available_again()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("reason") == EndReason.OTHER and not str(data.get("note") or "").strip():
            self.add_error("note", _("Explain why the match ends."))
        return data


@role_required(*CASE_WORKERS)
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = _match_for(request, pk)
    if not match.is_open:
        raise Http404
    can_complete = match.status == MatchStatus.CLOSING
    complete = CompleteForm(request.POST if "complete" in request.POST else None)
    end = EndEarlyForm(request.POST if "end" in request.POST else None)
    if request.method == "POST":
        form: forms.Form = complete if "complete" in request.POST and can_complete else end
        if form.is_valid():
            try:
                if form is complete:
                    actions.complete(match=match, by=request.user, **form.cleaned_data)
                else:
                    actions.end_early(match=match, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The match has been closed."))
                return redirect("matching:detail", pk=match.pk)
    return render(
        request,
        "matching/match_close.html",
        {"match": match, "complete": complete if can_complete else None, "end": end},
        status=400 if request.method == "POST" else 200,
    )
