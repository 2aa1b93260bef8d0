"""The coordinator writes, checks and publishes a family's recruitment profile; visitors read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.families import selectors
from buurtgezinnen.families.models import Family, Status
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.org.access_log import log_read
from buurtgezinnen.org.models import Municipality
from buurtgezinnen.org.scoping import role_required
from buurtgezinnen.recruitment import actions, anonymity, deep_check, quasi, wording
from buurtgezinnen.recruitment import social as social_texts
from buurtgezinnen.recruitment.drafting import draft, record_for
from buurtgezinnen.recruitment.forms import (
    ApplySuggestionForm,
    DismissFindingForm,
    PostedForm,
    ProfileForm,
)
from buurtgezinnen.recruitment.models import (
    DeepCheckStatus,
    ProfileStatus,
    RecruitmentProfile,
    ResponseChannel,
    SocialPost,
)

# A check still running after this long has probably lost its task: offer to run it again.
STUCK_AFTER = timedelta(minutes=2)


def highlighted(text: str, found: list[anonymity.Finding]) -> SafeString:
    """The text, escaped, with each finding in a <mark> that carries its reason."""
    parts: list[str] = []
    position = 0
    for finding in found:
        reason = wording.reason(finding)
        css = (
            "app-finding"
            if finding.source in ("record", "pattern")
            else "app-finding app-finding--dismissible"
        )
        parts.append(escape(text[position : finding.start]))
        parts.append(
            f'<mark class="{css}" title="{escape(reason)}">'
            f"{escape(text[finding.start : finding.end])}"
            f'<span class="app-visually-hidden"> ({escape(reason)})</span></mark>'
        )
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped above)


def _family(request: AuthenticatedHttpRequest, pk: int) -> Family:
    """The family in the user's case scope (else 404); its profile is part of its file, so the
    read is logged."""
    family = selectors.get_family_for_user(request.user, pk)
    log_read(request, family)
    return family


@role_required(*CASE_WORKERS)
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = _family(request, pk)
    current = RecruitmentProfile.objects.filter(family=family).first()
    form = ProfileForm(
        request.POST or None, instance=current, initial=None if current else draft(family)
    )
    if request.method == "POST" and form.is_valid():
        done = _save_and_publish(request, form, family, current)
        if done is not None:
            return done
    if request.method == "POST":
        current = RecruitmentProfile.objects.filter(family=family).first()  # saved since?
    responses = (
        list(current.responses.values("channel").annotate(n=Count("pk")).order_by("-n"))
        if current
        else []
    )
    return render(
        request,
        "recruitment/profile.html",
        {
            **_check_context(family, current, form),
            "form": form,
            "responses": [
                {"channel": ResponseChannel(r["channel"]).label, "count": r["n"]} for r in responses
            ],
            # A published profile whose changed text waits: the previous text is still online.
            "previous_text_online": current is not None
            and current.status == ProfileStatus.PUBLISHED
            and current.has_unpublished_changes,
            "posts_to_remove": _posts_to_remove(current, family),
        },
        status=400 if request.method == "POST" else 200,
    )


@role_required(*CASE_WORKERS)
def profile_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The anonymity check of the saved text alone: the profile page polls it (htmx) while the
    deeper check runs, and stops when it is done."""
    family = _family(request, pk)
    current = RecruitmentProfile.objects.filter(family=family).first()
    form = ProfileForm(instance=current, initial=None if current else draft(family))
    return render(request, "recruitment/_check.html", _check_context(family, current, form))


def _check_context(
    family: Family, current: RecruitmentProfile | None, form: ProfileForm
) -> dict[str, Any]:
    """What the anonymity check section shows for the text in ``form``: per field the record's
    and the patterns' findings (never dismissible), the quasi-identifiers and the deeper check's
    (dismissible; with a suggestion to take), and where the deeper check stands."""
    record = record_for(family)
    values = [str(form[name].value() or "") for name in actions.PROFILE_FIELDS]
    whole = "\n".join(values)
    deep = _deep_check_of(current, record)
    # Dismissing and taking a suggestion work on the saved text (its hash and positions).
    shows_saved = current is not None and whole == current.public_text()
    if shows_saved and deep is not None:
        quasi_found = deep.quasi_open
    else:
        covered = anonymity.check(whole, record)
        quasi_found = quasi.check(whole, allowed=deep_check.area_names(values[1]), covered=covered)
    checked, offset = [], 0
    for name, value in zip(actions.PROFILE_FIELDS, values, strict=True):
        found = anonymity.check(value, record)
        quasi_here = _in_field(quasi_found, offset, value, found)
        deep_here = _in_field(deep.open, offset, value, found) if shows_saved and deep else []
        marks = sorted(
            found + [local for local, _whole in quasi_here + deep_here], key=lambda f: f.start
        )
        checked.append(
            {
                "label": form[name].label,
                "html": highlighted(value, marks),
                "findings": found,
                "reasons": [wording.reason(finding) for finding in found],
                "dismissible": [
                    {
                        "finding": local,
                        "reason": wording.reason(local),
                        "text": value[local.start : local.end],
                        "start": whole_finding.start,
                        "end": whole_finding.end,
                    }
                    for local, whole_finding in sorted(
                        quasi_here + deep_here, key=lambda pair: pair[0].start
                    )
                ],
            }
        )
        offset += len(value) + 1
    check = deep.check if deep is not None else None
    pending = check is not None and check.status == DeepCheckStatus.PENDING
    stuck = pending and check is not None and check.requested_at < timezone.now() - STUCK_AFTER
    return {
        "family": family,
        "profile": current,
        "checked": checked,
        "open_findings": sum(len(c["findings"]) for c in checked),
        "quasi_count": len(quasi_found),
        "deep": deep,
        "deep_shown": shows_saved,
        "text_hash": deep_check.text_hash(whole),
        "deep_stuck": stuck,
        "polling": shows_saved and pending and not stuck,
    }


def _save_and_publish(
    request: AuthenticatedHttpRequest,
    form: ProfileForm,
    family: Family,
    current: RecruitmentProfile | None,
) -> HttpResponse | None:
    """Saves the text (and publishes it, or withdraws the profile); None when the form must be
    shown again with what went wrong. A refused publication leaves what is online as it was."""
    by = request.user
    try:
        if "withdraw" in request.POST and current:
            actions.withdraw_profile(profile=current, by=by)
            messages.success(request, _("The profile has been withdrawn."))
            return redirect("families:detail", pk=family.pk)
        data = form.cleaned_data
        saved = actions.save_profile(
            family=family,
            by=by,
            headline=data["headline"],
            area=data["area"],
            children=data["children"],
            support=data["support"],
            days=data["days"],
            text=data["text"],
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None
    online = saved.status == ProfileStatus.PUBLISHED and saved.has_unpublished_changes
    if "publish" not in request.POST:
        messages.success(
            request,
            _(
                "The changes have been saved and are being checked. The previous text stays "
                "online until you approve and publish the new one."
            )
            if online
            else _("The profile has been saved and checked."),
        )
        return redirect("recruitment:profile", pk=family.pk)
    try:
        actions.publish_profile(profile=saved, by=by, consent=form.cleaned_data["consent"])
    except ValidationError as error:
        if online:
            form.add_error(
                None,
                _(
                    "The changes have been saved, but the new text is not online yet: the "
                    "previous text stays online until the new one passes every check."
                ),
            )
        form.add_error(None, error.messages)
        return None
    messages.success(request, _("The profile has been published."))
    return redirect("recruitment:profile", pk=family.pk)


def _posts_to_remove(profile: RecruitmentProfile | None, family: Family) -> list[SocialPost]:
    """The posts about an offline profile that are still on social media."""
    if profile is None or profile.status == ProfileStatus.DRAFT:
        return []
    if profile.status == ProfileStatus.PUBLISHED and family.status == Status.WAITING:
        return []
    return list(profile.posts.filter(removed_at__isnull=True).order_by("posted_on", "pk"))


def _deep_check_of(
    profile: RecruitmentProfile | None, record: anonymity.Record
) -> actions.DeepState | None:
    """The deeper check of the saved text; queued when the page finds none."""
    if profile is None:
        return None
    covered = anonymity.check(profile.public_text(), record)
    state = actions.deep_state(profile, covered=covered)
    if state.check is None and profile.status in (ProfileStatus.DRAFT, ProfileStatus.PUBLISHED):
        state.check = actions.ensure_deep_check(profile=profile)
    return state


def _in_field(
    deep: list[anonymity.Finding], offset: int, value: str, found: list[anonymity.Finding]
) -> list[tuple[anonymity.Finding, anonymity.Finding]]:
    """The findings of the whole text that fall in one field (at ``offset`` in the whole text),
    in the field's positions and in the whole text's; none where the field's own check marks."""
    here = []
    for finding in deep:
        start, end = max(finding.start - offset, 0), min(finding.end - offset, len(value))
        if start >= end:
            continue
        local = replace(finding, start=start, end=end)
        if not any(local.start < other.end and other.start < local.end for other in found):
            here.append((local, finding))
    return here


def _profile_for(request: AuthenticatedHttpRequest, pk: int) -> RecruitmentProfile:
    family = _family(request, pk)
    profile = RecruitmentProfile.objects.filter(family=family).select_related("family").first()
    if profile is None:
        raise Http404
    return profile


@require_POST
@role_required(*CASE_WORKERS)
def dismiss_finding(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Dismisses one finding of the deeper check, with the coordinator's reason."""
    profile = _profile_for(request, pk)
    form = DismissFindingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for dismissing the finding."))
        return redirect("recruitment:profile", pk=pk)
    try:
        actions.dismiss_finding(profile=profile, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The finding has been dismissed."))
    return redirect("recruitment:profile", pk=pk)


@require_POST
@role_required(*CASE_WORKERS)
def apply_suggestion(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Replaces one finding's span with its suggestion, saves and so checks again."""
    profile = _profile_for(request, pk)
    form = ApplySuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The check offers no such suggestion for this text."))
        return redirect("recruitment:profile", pk=pk)
    try:
        actions.apply_suggestion(profile=profile, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The suggestion has been taken and the text checked again."))
    return redirect("recruitment:profile", pk=pk)


@require_POST
@role_required(*CASE_WORKERS)
def rerun_deep_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _profile_for(request, pk)
    try:
        actions.rerun_deep_check(profile=profile, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The deeper check has been started again."))
    return redirect("recruitment:profile", pk=pk)


def public_profile(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """A seeking profile: its approved text, nothing that identifies the family, at an
    unguessable address. After a support family was found it says only that (for
    ``policy.PROFILE_FOUND_DAYS``); a profile that went offline answers 410 with a neutral page,
    and one that never was online 404."""
    found = (
        RecruitmentProfile.objects.public()
        .select_related("family__municipality")
        .filter(public_id=public_id[:32], family__municipality__slug=slug)
        .first()
    )
    if found is None:
        municipality = Municipality.objects.filter(
            slug=slug,
            families__recruitment_profile__public_id=public_id[:32],
            families__recruitment_profile__published_at__isnull=False,
        ).first()
        if municipality is None:
            raise Http404
        return render(
            request,
            "recruitment/public_profile_closed.html",
            {"municipality": municipality, "found": False},
            status=410,
        )
    if found.status == ProfileStatus.FOUND:
        return render(
            request,
            "recruitment/public_profile_closed.html",
            {"municipality": found.family.municipality, "found": True},
        )
    channel = request.GET.get("kanaal", "")
    return render(
        request,
        "recruitment/public_profile.html",
        {
            "profile": found,
            "text": found.published_fields(),
            "municipality": found.family.municipality,
            "channel": channel if channel in ResponseChannel.values else ResponseChannel.WEBSITE,
        },
    )


def _published_profile_for(request: AuthenticatedHttpRequest, pk: int) -> RecruitmentProfile:
    """The family's profile while it is online and seeking; a 404 once it went offline."""
    family = _family(request, pk)
    profile = (
        RecruitmentProfile.objects.seeking()
        .filter(family=family)
        .select_related("family__municipality")
        .first()
    )
    if profile is None:
        raise Http404
    return profile


@role_required(*CASE_WORKERS)
def social(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Texts to copy for Facebook and Instagram, the image card, and when it was posted."""
    profile = _published_profile_for(request, pk)
    form = PostedForm(request.POST or None, initial={"posted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        actions.mark_posted(profile=profile, by=request.user, **form.cleaned_data)
        messages.success(request, _("Noted that the profile was posted."))
        return redirect("recruitment:profile_social", pk=pk)
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


@require_POST
@role_required(*CASE_WORKERS)
def posts_removed(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coordinator confirms the posts about an offline profile were taken down."""
    profile = _profile_for(request, pk)
    try:
        actions.confirm_posts_removed(profile=profile, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Noted that the posts have been removed."))
    return redirect("recruitment:profile", pk=pk)


@role_required(*CASE_WORKERS)
def card(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    profile = _published_profile_for(request, pk)
    response = HttpResponse(social_texts.card_png(profile), content_type="image/png")
    response["Content-Disposition"] = 'attachment; filename="buurtgezinnen-profiel.png"'
    return response
