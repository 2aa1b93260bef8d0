"""The coordinator writes, checks and publishes a family's recruitment profile; visitors read it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from buurtgezinnen.families import selectors
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.org.scoping import role_required
from buurtgezinnen.recruitment import actions, anonymity
from buurtgezinnen.recruitment import social as social_texts
from buurtgezinnen.recruitment.drafting import draft, record_for
from buurtgezinnen.recruitment.forms import PostedForm, ProfileForm
from buurtgezinnen.recruitment.models import ProfileStatus, RecruitmentProfile, ResponseChannel


def highlighted(text: str, found: list[anonymity.Finding]) -> SafeString:
    """The text, escaped, with each finding in a <mark> that carries its reason."""
    parts, position = [], 0
    for finding in found:
        parts.append(escape(text[position : finding.start]))
        parts.append(
            f'<mark class="app-finding" title="{escape(finding.reason)}">'
            f"{escape(text[finding.start : finding.end])}"
            f'<span class="app-visually-hidden"> ({escape(finding.reason)})</span></mark>'
        )
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped above)


@role_required(*CASE_WORKERS)
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    family = selectors.get_family_for_user(request, pk)
    current = RecruitmentProfile.objects.filter(family=family).first()
    form = ProfileForm(
        request.POST or None, instance=current, initial=None if current else draft(family)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if "withdraw" in request.POST and current:
                actions.withdraw_profile(profile=current, by=request.user)  # type: ignore[arg-type]
                messages.success(request, _("The profile has been withdrawn."))
                return redirect("families:detail", pk=family.pk)
            fields = {name: form.cleaned_data[name] for name in actions.PROFILE_FIELDS}
            saved = actions.save_profile(family=family, by=request.user, **fields)  # type: ignore[arg-type]
            if "publish" in request.POST:
                actions.publish_profile(
                    profile=saved,
                    by=request.user,
                    consent=form.cleaned_data["consent"],  # type: ignore[arg-type]
                )
                messages.success(request, _("The profile has been published."))
                return redirect("families:profile", pk=family.pk)
            messages.success(request, _("The profile has been saved and checked."))
            return redirect("families:profile", pk=family.pk)
        except ValidationError as error:
            form.add_error(None, error.messages)
    responses = (
        list(current.responses.values("channel").annotate(n=Count("pk")).order_by("-n"))
        if current
        else []
    )
    record = record_for(family)
    checked = []
    for name in actions.PROFILE_FIELDS:
        value = str(form[name].value() or "")
        found = anonymity.check(value, record)
        checked.append(
            {"label": form[name].label, "html": highlighted(value, found), "findings": found}
        )
    return render(
        request,
        "recruitment/profile.html",
        {
            "family": family,
            "profile": current,
            "form": form,
            "checked": checked,
            "open_findings": sum(len(c["findings"]) for c in checked),
            "responses": [
                {"channel": ResponseChannel(r["channel"]).label, "count": r["n"]} for r in responses
            ],
        },
        status=400 if request.method == "POST" else 200,
    )


def public_profile(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """A published profile: nothing that identifies the family, at an unguessable address."""
    found = (
        RecruitmentProfile.objects.public()
        .select_related("family__municipality")
        .filter(public_id=public_id[:32], family__municipality__slug=slug)
        .first()
    )
    if found is None:
        raise Http404
    channel = request.GET.get("kanaal", "")
    return render(
        request,
        "recruitment/public_profile.html",
        {
            "profile": found,
            "municipality": found.family.municipality,
            "channel": channel if channel in ResponseChannel.values else ResponseChannel.WEBSITE,
        },
    )


def _published_profile_for(request: HttpRequest, pk: int) -> RecruitmentProfile:
    family = selectors.get_family_for_user(request, pk)
    profile = (
        RecruitmentProfile.objects.filter(family=family)
        .select_related("family__municipality")
        .first()
    )
    if profile is None or profile.status != ProfileStatus.PUBLISHED:
        raise Http404
    return profile


@role_required(*CASE_WORKERS)
def social(request: HttpRequest, pk: int) -> HttpResponse:
    """Texts to copy for Facebook and Instagram, the image card, and when it was posted."""
    profile = _published_profile_for(request, pk)
    form = PostedForm(request.POST or None, initial={"posted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        actions.mark_posted(profile=profile, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("Noted that the profile was posted."))
        return redirect("families:profile_social", pk=pk)
    return render(
        request,
        "recruitment/social.html",
        {
            "family": profile.family,
            "profile": profile,
            "facebook": social_texts.facebook_text(profile),
            "instagram": social_texts.instagram_text(profile),
            "posts": profile.posts.select_related("by"),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(*CASE_WORKERS)
def card(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _published_profile_for(request, pk)
    response = HttpResponse(social_texts.card_png(profile), content_type="image/png")
    response["Content-Disposition"] = 'attachment; filename="buurtgezinnen-profiel.png"'
    return response
