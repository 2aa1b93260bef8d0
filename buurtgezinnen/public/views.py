"""The public pages: the application forms, "keep me informed" and a municipality's own page.

Nobody logs in here. The applicant's postcode decides the municipality; where the programme does
not run (yet), nothing is created and the applicant may leave contact details instead. Every POST
counts against a per-IP rate limit; a filled-in honeypot gets a "thank you" and nothing else.
Public pages show nothing that identifies a family, and no personal data goes into a URL.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from buurtgezinnen import policy
from buurtgezinnen.core import ratelimit
from buurtgezinnen.families.actions import register_interest, submit_application
from buurtgezinnen.families.models import Kind
from buurtgezinnen.geo.postcodes import PostcodeError
from buurtgezinnen.org.models import Municipality
from buurtgezinnen.public.forms import (
    ChildFormSet,
    InterestForm,
    PublicForm,
    RequestApplicationForm,
    SupportApplicationForm,
    error_summary,
)
from buurtgezinnen.recruitment.actions import record_response, responding_profile
from buurtgezinnen.recruitment.models import RecruitmentProfile

RATE_KEY = "public-form"
RATE_PERIOD_S = 3600

# The two application forms: each names its family kind and makes an ``Application``.
ApplicationForm = RequestApplicationForm | SupportApplicationForm

# The kind in the query string of the thank-you pages, in the applicant's language.
KIND_PARAM = "soort"
KIND_BY_PARAM = {"vraaggezin": Kind.REQUEST, "steungezin": Kind.SUPPORT}
PARAM_BY_KIND: dict[str, str] = {kind: param for param, kind in KIND_BY_PARAM.items()}
MUNICIPALITY_PARAM = "gemeente"
# A support family answering a recruitment profile: which one, and the channel the link came from.
PROFILE_PARAM = "profiel"
CHANNEL_PARAM = "kanaal"

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")

# Where the model's field names differ from the form's, for errors the action raises.
_FORM_FIELD_OF = {"name": "last_name", "application_note": "note"}


def _rate_limited(request: HttpRequest) -> HttpResponse | None:
    if ratelimit.allow(request, RATE_KEY, policy.PUBLIC_FORM_RATE_PER_HOUR, RATE_PERIOD_S):
        return None
    return render(request, "public/rate_limited.html", status=429)


def _chosen_municipality(request: HttpRequest) -> Municipality | None:
    """The municipality whose page the applicant came from (?gemeente=<slug>), if any."""
    slug = request.GET.get(MUNICIPALITY_PARAM, "")
    if not _SLUG.fullmatch(slug):
        return None
    return Municipality.objects.filter(slug=slug).first()


def _municipality_of(form: PublicForm) -> tuple[Municipality | None, str]:
    """The municipality of the form's (valid) postcode, and its name (CBS) for messages."""
    assert form.area is not None
    ref = form.area.municipality  # a shared PC4 belongs to its primary municipality
    return Municipality.objects.filter(cbs_code=ref.code).first(), ref.name


def _is_active(municipality: Municipality | None) -> bool:
    return municipality is not None and municipality.is_active_on(timezone.localdate())


def _add_action_errors(form: PublicForm, error: ValidationError) -> None:
    """A rule the action refuses becomes an error at the field it is about, or at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            field = _FORM_FIELD_OF.get(name, name)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def _apply(request: HttpRequest, form_class: type[ApplicationForm], template: str) -> HttpResponse:
    kind = form_class.family_kind
    with_children = kind == Kind.REQUEST
    chosen = _chosen_municipality(request)
    if request.method == "POST":
        limited = _rate_limited(request)
        if limited is not None:
            return limited
        form = form_class(request.POST)
        if form.is_spam:
            return _thanks_redirect(kind)
        children = ChildFormSet(request.POST) if with_children else None
        # Both are validated, so that every error shows at once.
        form_valid = form.is_valid()
        children_valid = children.is_valid() if children is not None else True
        if form_valid and children_valid:
            response = _submit(request, form, children, kind)
            if response is not None:
                return response
    else:
        form = form_class()
        children = ChildFormSet() if with_children else None
    return render(
        request,
        template,
        {
            "form": form,
            "children": children,
            "municipality": chosen,
            "errors": error_summary(form, children) if form.is_bound else [],
            "more_children_open": children is not None
            and children.is_bound
            and any(child.has_changed() or child.errors for child in children.forms[3:]),
        },
    )


def _submit(
    request: HttpRequest, form: ApplicationForm, children: Any, kind: str
) -> HttpResponse | None:
    """Creates the family, or shows the interest page; None when the form must be shown again."""
    municipality, name = _municipality_of(form)
    if municipality is None or not _is_active(municipality):
        data = form.cleaned_data
        interest = InterestForm(
            initial={
                "kind": kind,
                "name": " ".join(
                    part for part in (data.get("first_name"), data.get("last_name")) if part
                ),
                "email": data.get("email", ""),
                "phone": data.get("phone", ""),
                "postcode": data.get("postcode", ""),
            }
        )
        return render(
            request,
            "public/not_active.html",
            {
                "interest_form": interest,
                "municipality_name": municipality.name if municipality else name,
                "starts_on": municipality.programme_started_on if municipality else None,
            },
        )
    application = form.application(children.children() if children is not None else [])
    profile = (
        responding_profile(request.GET.get(PROFILE_PARAM, ""))
        if kind == Kind.SUPPORT and request.GET.get(PROFILE_PARAM)
        else None
    )
    try:
        with transaction.atomic():
            family = submit_application(application=application, municipality=municipality, by=None)
            if profile is not None:
                record_response(
                    profile=profile,
                    support_family=family,
                    channel=request.GET.get(CHANNEL_PARAM, ""),
                )
    except PostcodeError as error:
        form.add_error("postcode", error.message)
        return None
    except ValidationError as error:
        _add_action_errors(form, error)
        return None
    return _thanks_redirect(kind)


def _thanks_redirect(kind: str) -> HttpResponse:
    return redirect(f"{reverse('public:thanks')}?{KIND_PARAM}={PARAM_BY_KIND[kind]}")


@require_http_methods(["GET", "HEAD", "POST"])
def apply_request(request: HttpRequest) -> HttpResponse:
    """The application of a family asking for support (vraaggezin)."""
    return _apply(request, RequestApplicationForm, "public/apply_request.html")


@require_http_methods(["GET", "HEAD", "POST"])
def apply_support(request: HttpRequest) -> HttpResponse:
    """The application of a volunteer family (steungezin)."""
    return _apply(request, SupportApplicationForm, "public/apply_support.html")


@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    """What happens next. Shows nothing of the application itself."""
    kind = KIND_BY_PARAM.get(request.GET.get(KIND_PARAM, ""))
    return render(request, "public/thanks.html", {"kind": kind, "is_request": kind == Kind.REQUEST})


@require_http_methods(["GET", "HEAD", "POST"])
def interest(request: HttpRequest) -> HttpResponse:
    """Contact details left for a municipality where the programme has not started yet."""
    active_municipality = None
    if request.method == "POST":
        limited = _rate_limited(request)
        if limited is not None:
            return limited
        form = InterestForm(request.POST)
        if form.is_spam:
            return redirect("public:interest_thanks")
        if form.is_valid():
            municipality, _name = _municipality_of(form)
            if _is_active(municipality):
                # Good news: the programme runs there; the applicant can apply right away.
                active_municipality = municipality
            else:
                data = form.cleaned_data
                try:
                    register_interest(
                        kind=data["kind"],
                        postcode=data["postcode"],
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                    )
                except PostcodeError as error:
                    form.add_error("postcode", error.message)
                except ValidationError as error:
                    _add_action_errors(form, error)
                else:
                    return redirect("public:interest_thanks")
    else:
        kind = KIND_BY_PARAM.get(request.GET.get(KIND_PARAM, ""))
        form = InterestForm(initial={"kind": kind} if kind else None)
    return render(
        request,
        "public/interest.html",
        {
            "interest_form": form,
            "active_municipality": active_municipality,
            "errors": error_summary(form) if form.is_bound else [],
        },
    )


@require_safe
def interest_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "public/interest_thanks.html")


@require_safe
def municipality_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme in one municipality: since when, its social media, the forms."""
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise Http404
    active = _is_active(municipality)
    return render(
        request,
        "public/municipality.html",
        {
            "municipality": municipality,
            "active": active,
            "interest_form": None if active else InterestForm(),
            "today": timezone.localdate(),
            # Only the families still seeking; a found one says so at its own address only.
            "profiles": RecruitmentProfile.objects.seeking()
            .filter(family__municipality=municipality)
            .only("public_id", "published_headline", "published_area", "published_children")[:200],
        },
    )
