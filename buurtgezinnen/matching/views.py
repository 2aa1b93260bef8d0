"""Ranking, the regional suggestion and proposals: the coordinator always decides."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.families import selectors as family_selectors
from buurtgezinnen.families.models import Status
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.matching import actions, assignment, wording
from buurtgezinnen.matching import selectors as matching_selectors
from buurtgezinnen.matching.models import OPEN
from buurtgezinnen.matching.scoring import Excluded, OfferTable, rank, vog_failures
from buurtgezinnen.org.access_log import log_read
from buurtgezinnen.org.models import Municipality
from buurtgezinnen.org.scoping import role_required

CANDIDATES_SHOWN = 10
EXCLUDED_EXPLAINED = 15
# Support families the suggestion leaves out (an expired or missing VOG), named on its page; the
# whole list is the families page's VOG list.
LEFT_OUT_SHOWN = 20


@role_required(*CASE_WORKERS)
def candidates(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The support families that fit, best first, and the nearest few that do not, with why. The
    database preselects (``matching_selectors.preselected_support_families``: a superset of the
    feasible ones) and adds the nearest it left out; the engine decides on those alone."""
    family = family_selectors.get_family_for_user(request.user, pk)
    log_read(request, family)
    if family.status != Status.WAITING:
        raise Http404
    full = matching_selectors.waiting_families(request.user).filter(pk=family.pk).first()
    ranking, by_id = None, {}
    if full is not None:
        need = matching_selectors.need_for(full)
        supports = list(matching_selectors.preselected_support_families(request.user, need))
        nearest = list(
            matching_selectors.nearest_left_out(request.user, need, limit=EXCLUDED_EXPLAINED)
        )
        matching_selectors.with_people(supports, nearest)
        by_id = {s.pk: s for s in (*supports, *nearest)}
        if by_id:
            ranking = rank(
                need,
                OfferTable([matching_selectors.offer_for(s) for s in by_id.values()]),
                limit=CANDIDATES_SHOWN,
                explain_limit=EXCLUDED_EXPLAINED,
            )
    fitting = ranking.candidates if ranking else []
    excluded = ranking.excluded if ranking else []
    words = wording.Words()
    return render(
        request,
        "matching/candidates.html",
        {
            "family": family,
            "open_proposal": family.proposals_received.filter(status__in=OPEN).first(),
            "candidates": [(words.fit(c), by_id[c.offer_id]) for c in fitting],
            "excluded": [(words.left_out(e), by_id[e.offer_id]) for e in excluded],
        },
    )


@role_required(*CASE_WORKERS)
def suggestion(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The best pairs for the user's municipalities (or one of them), long waiting weighs more.

    Only what can pair is loaded: the waiting families without an open proposal, and the
    support families with a place left and valid VOGs (``pairable_support_families``). Those
    that no pair can include (an expired or missing VOG) are named, the first few with how many
    more (one bounded query). ``assignment.suggest`` drops the families without any feasible
    pair before it assigns."""
    municipalities = list(Municipality.objects.for_case_work(request.user))
    chosen = request.GET.get("gemeente", "")
    # One of the user's own municipalities narrows the suggestion; anything else shows them all.
    own = {m.pk for m in municipalities}
    one = int(chosen) if chosen.isdigit() and int(chosen) in own else None
    waiting = list(matching_selectors.waiting_families(request.user, municipality_id=one))
    supports = list(matching_selectors.pairable_support_families(request.user, municipality_id=one))
    matching_selectors.with_people(supports)
    left_out = list(
        matching_selectors.left_out_support_families(request.user, municipality_id=one)[
            :LEFT_OUT_SHOWN
        ]
    )
    left_out_total = left_out[0].left_out_total if left_out else 0  # type: ignore[attr-defined]  # annotated by left_out_support_families()
    result = assignment.suggest(
        [matching_selectors.need_for(f) for f in waiting],
        [matching_selectors.offer_for(s) for s in supports],
    )
    families = {f.pk: f for f in (*waiting, *supports)}
    words = wording.Words()
    return render(
        request,
        "matching/suggestion.html",
        {
            "pairs": [
                (words.fit(p), families[p.need_id], families[p.offer_id]) for p in result.pairs
            ],
            "unmatched": [families[i] for i in result.unmatched_need_ids],
            "left_out": [
                (
                    words.left_out(Excluded(f.pk, vog_failures(matching_selectors.vog_state(f)))),
                    f,
                )
                for f in left_out
            ],
            "left_out_more": max(left_out_total - LEFT_OUT_SHOWN, 0),
            "municipalities": municipalities,
            "chosen": chosen,
            "counts": {"waiting": len(waiting), "available": len(supports)},
        },
    )


@require_POST
@role_required(*CASE_WORKERS)
def propose(request: AuthenticatedHttpRequest, pk: int, support_pk: int) -> HttpResponse:
    family = family_selectors.get_family_for_user(request.user, pk)
    log_read(request, family)
    support = family_selectors.get_family_for_user(request.user, support_pk)
    log_read(request, support)
    try:
        proposal = actions.propose(request_family=family, support_family=support, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("matching:candidates", pk=family.pk)
    messages.success(request, _("The support family has been proposed."))
    return redirect("matching:proposal", pk=proposal.pk)


class IntroductionForm(forms.Form):
    at = forms.DateTimeField(
        label=gettext_lazy("Introduction meeting"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class OutcomeForm(forms.Form):
    click = forms.TypedChoiceField(
        label=gettext_lazy("Did it click?"),
        choices=[("yes", gettext_lazy("Yes, it clicked")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    request_side = forms.CharField(
        label=gettext_lazy("How the requesting family saw it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    support_side = forms.CharField(
        label=gettext_lazy("How the support family saw it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


@role_required(*CASE_WORKERS)
def proposal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = matching_selectors.get_proposal_for_user(request.user, pk)
    intro = IntroductionForm(request.POST if "plan" in request.POST else None)
    outcome = OutcomeForm(request.POST if "outcome" in request.POST else None)
    if request.method == "POST":
        try:
            if "plan" in request.POST and intro.is_valid():
                actions.plan_introduction(
                    proposal=found, by=request.user, at=intro.cleaned_data["at"]
                )
                messages.success(request, _("The introduction meeting has been planned."))
                return redirect("matching:proposal", pk=found.pk)
            if "outcome" in request.POST and outcome.is_valid():
                actions.record_outcome(proposal=found, by=request.user, **outcome.cleaned_data)
                messages.success(request, _("The outcome has been recorded."))
                return redirect("families:detail", pk=found.request_family_id)
        except ValidationError as error:
            (outcome if "outcome" in request.POST else intro).add_error(None, error.messages)
    return render(
        request,
        "matching/proposal.html",
        {"proposal": found, "intro": intro, "outcome": outcome, "is_open": found.status in OPEN},
        status=400 if request.method == "POST" else 200,
    )
