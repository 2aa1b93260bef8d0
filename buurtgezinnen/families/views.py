"""The coordinator's pages about families: lists, the family file, intake, screening, decisions.

Every page starts with its access decision (``role_required``, then ``get_family_for_user``,
which answers 404 outside the user's scope; ``_family`` also logs the read). Writes go through
``actions``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.core.unchanged import UNCHANGED
from buurtgezinnen.families import actions, selectors
from buurtgezinnen.families.actions import Application, ChildData, PersonData
from buurtgezinnen.families.forms import (
    AssessmentForm,
    ChildForm,
    ChildFormSet,
    CompetenceCriterionForm,
    ConversationForm,
    DecisionForm,
    FamilyForm,
    FamilySearchForm,
    OfferForm,
    PersonForm,
    ServiceOrganisationForm,
    StaffApplicationForm,
    VogForm,
)
from buurtgezinnen.families.models import (
    CompetenceCriterion,
    Family,
    Kind,
    Offer,
    ServiceOrganisation,
)
from buurtgezinnen.families.workflow import CASE_WORKERS, DECISIONS, can_move
from buurtgezinnen.geo.postcodes import PostcodeError
from buurtgezinnen.org.access_log import log_read
from buurtgezinnen.org.models import Municipality, Role, User
from buurtgezinnen.org.scoping import get_in_scope_or_404, role_required

PAGE_SIZE = 50

# The lists a coordinator works from: (key, label, selector).
LISTS: tuple[tuple[str, Any], ...] = (
    ("nieuw", gettext_lazy("New applications")),
    ("kennismaking", gettext_lazy("Intakes to plan or finish")),
    ("wachtlijst", gettext_lazy("Waiting list")),
    ("screening", gettext_lazy("Support families in screening")),
    ("vog", gettext_lazy("VOG missing")),
    ("vog-verloopt", gettext_lazy("VOG expiring")),
    ("beschikbaar", gettext_lazy("Available support families")),
)


def _list(user: User, key: str) -> Any:
    if key == "nieuw":
        return selectors.new_applications(user)
    if key == "kennismaking":
        return selectors.in_intake(user)
    if key == "wachtlijst":
        return selectors.waiting_list(user)
    which = {"screening": "screening", "vog": "vog_missing", "vog-verloopt": "vog_expiring"}
    return selectors.support_families(user, which=which.get(key, "available"))


def _case_municipalities(user: User) -> Any:
    return Municipality.objects.for_case_work(user)


def _family(request: AuthenticatedHttpRequest, pk: int) -> Family:
    """The family in the user's case scope (else 404); every page here shows it, so the read is
    logged."""
    family = selectors.get_family_for_user(request.user, pk)
    log_read(request, family)
    return family


@role_required(*CASE_WORKERS)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    key = request.GET.get("lijst", "nieuw")
    if key not in dict(LISTS):
        key = "nieuw"
    municipality = request.GET.get("gemeente", "")
    too_many = False
    if query:
        found = selectors.search(request.user, query)
        if municipality.isdigit():
            found = found.filter(municipality_id=int(municipality))
        # One query finds the ids (the count is their number), one reads a page of them with the
        # list's columns: the search runs once (decision 46).
        ids = list(found.values_list("pk", flat=True)[: selectors.SEARCH_LIMIT + 1])
        too_many = len(ids) > selectors.SEARCH_LIMIT
        of_ids = Paginator(ids[: selectors.SEARCH_LIMIT], PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        families_found = selectors.search_results(request.user, list(of_ids.object_list))
        page: Page[Any] = Page(families_found, of_ids.number, of_ids.paginator)
    else:
        families = _list(request.user, key)
        if municipality.isdigit():
            families = families.filter(municipality_id=int(municipality))
        page = Paginator(families, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "families/overview.html",
        {
            "page": page,
            "lists": LISTS,
            "current": key,
            "query": query,
            "too_many": too_many,
            "search_limit": selectors.SEARCH_LIMIT,
            "municipality": municipality,
            "form": FamilySearchForm(
                initial={"q": query, "gemeente": municipality, "lijst": key},
                municipalities=_case_municipalities(request.user),
            ),
        },
    )


@role_required(*CASE_WORKERS)
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = selectors.family_file(_family(request, pk))
    return render(
        request,
        "families/detail.html",
        {
            "family": family,
            "conversations": {c.number: c for c in family.conversations.all()},
            "numbers": (1, 2),
            "can_decide": any(
                can_move(family.kind, family.status, outcome) for outcome in DECISIONS[family.kind]
            ),
            "referrals": list(family.referrals.select_related("organisation")),
        },
    )


@role_required(*CASE_WORKERS)
def application_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An application by phone or a referral, registered by the coordinator."""
    municipalities = _case_municipalities(request.user)
    form = StaffApplicationForm(request.POST or None, municipalities=municipalities)
    children = ChildFormSet(request.POST or None, prefix="children")
    if request.method == "POST" and form.is_valid() and children.is_valid():
        data = form.cleaned_data
        application = Application(
            kind=data["kind"],
            name=data["name"],
            postcode=data["postcode"],
            street=data["street"],
            house_number=data["house_number"],
            place=data["place"],
            people=[PersonData.from_form(data)],
            children=[
                ChildData(c["first_name"], c["date_of_birth"])
                for c in children.cleaned_data
                if c and c.get("first_name") and c.get("date_of_birth")
            ],
            source=data["source"],
            referrer_type=data["referrer_type"],
            referrer_name=data["referrer_name"],
            referrer_organisation=data["referrer_organisation"],
            referrer_phone=data["referrer_phone"],
            referrer_email=data["referrer_email"],
            note=data["note"],
            consent=data["consent"],
        )
        try:
            family = actions.submit_application(
                application=application,
                municipality=data["municipality"],
                by=request.user,
            )
        except (ValidationError, PostcodeError) as error:
            form.add_error(
                None, error.messages if isinstance(error, ValidationError) else str(error)
            )
        else:
            messages.success(request, _("The application has been registered."))
            return redirect("families:detail", pk=family.pk)
    return render(request, "families/application_form.html", {"form": form, "children": children})


def _save_with(form: Any, request: HttpRequest, save: Any, success: str) -> bool:
    """Runs ``save`` for a valid form; a rule the action refuses becomes a form error."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except (ValidationError, PostcodeError) as error:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        return False
    messages.success(request, success)
    return True


def _family_page(
    request: AuthenticatedHttpRequest, family: Family, title: str, form: Any, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "families/family_form.html",
        {"family": family, "title": title, "form": form, **extra},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*CASE_WORKERS)
def family_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = _family(request, pk)
    form = FamilyForm(request.POST or None, instance=Family.objects.get(pk=family.pk))

    def save() -> None:
        data = form.cleaned_data
        actions.update_family(
            family=family,
            by=request.user,
            name=data["name"],
            street=data["street"],
            house_number=data["house_number"],
            postcode=data["postcode"],
            place=data["place"],
            has_pets=data["has_pets"],
            pets_note=data["pets_note"],
            smoking=data["smoking"],
            no_pets_wanted=data["no_pets_wanted"],
            no_smoking_wanted=data["no_smoking_wanted"],
            religion_or_culture=data["religion_or_culture"],
            network=data["network"],
            channel=data["channel"],
        )

    if _save_with(form, request, save, _("The changes have been saved.")):
        return redirect("families:detail", pk=family.pk)
    return _family_page(request, family, _("Edit family details"), form)


@role_required(*CASE_WORKERS)
def person_form(
    request: AuthenticatedHttpRequest, pk: int, person_pk: int | None = None
) -> HttpResponse:
    family = _family(request, pk)
    person = (
        get_in_scope_or_404(family.people.all(), request.user, pk=person_pk) if person_pk else None
    )
    form = PersonForm(request.POST or None, instance=person)
    if _save_with(
        form,
        request,
        lambda: actions.save_person(
            family=family,
            by=request.user,
            person=person,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
            languages=form.cleaned_data["languages"],
            is_contact=form.cleaned_data["is_contact"],
        ),
        _("The changes have been saved."),
    ):
        return redirect("families:detail", pk=family.pk)
    title = _("Edit %(person)s") % {"person": person} if person else _("Add a parent or caregiver")
    return _family_page(request, family, title, form)


@role_required(*CASE_WORKERS)
def child_form(
    request: AuthenticatedHttpRequest, pk: int, child_pk: int | None = None
) -> HttpResponse:
    family = _family(request, pk)
    if family.kind != Kind.REQUEST:
        return redirect("families:detail", pk=family.pk)
    child = (
        get_in_scope_or_404(family.children.all(), request.user, pk=child_pk) if child_pk else None
    )
    form = ChildForm(request.POST or None, instance=child)
    if _save_with(
        form,
        request,
        lambda: actions.save_child(
            family=family,
            by=request.user,
            child=child,
            first_name=form.cleaned_data["first_name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        ),
        _("The changes have been saved."),
    ):
        return redirect("families:detail", pk=family.pk)
    title = _("Edit %(person)s") % {"person": child.first_name} if child else _("Add a child")
    return _family_page(request, family, title, form)


@role_required(*CASE_WORKERS)
def conversation(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    family = _family(request, pk)
    if number not in (1, 2):
        return redirect("families:detail", pk=family.pk)
    instance = family.conversations.filter(number=number).first()
    form = ConversationForm(request.POST or None, instance=instance, kind=family.kind)

    def save() -> None:
        data = form.cleaned_data
        actions.record_conversation(
            family=family,
            by=request.user,
            number=number,
            planned_at=data["planned_at"],
            held_on=data["held_on"],
            attendees=data["attendees"],
            goes_well=data["goes_well"],
            is_hard=data["is_hard"],
            network=data["network"],
            notes=data["notes"],
            # The intake topics are not on a support family's form: they stay as they are.
            support_wanted=data.get("support_wanted", UNCHANGED),
            support_other=data.get("support_other", UNCHANGED),
            day_parts=data.get("day_parts", UNCHANGED),
            poverty=data.get("poverty", UNCHANGED),
            finances_note=data.get("finances_note", UNCHANGED),
            helpline_mentioned_on=data.get("helpline_mentioned_on", UNCHANGED),
        )

    if _save_with(form, request, save, _("The conversation has been saved.")):
        return redirect("families:detail", pk=family.pk)
    title = _("Conversation %(number)s") % {"number": number}
    return _family_page(request, family, title, form, wide=True)


@role_required(*CASE_WORKERS)
def decision(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = _family(request, pk)
    form = DecisionForm(request.POST or None, family=family)
    if _save_with(
        form,
        request,
        lambda: actions.decide(
            family=family,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            referred_to=form.cleaned_data.get("referred_to"),
        ),
        _("The decision has been recorded."),
    ):
        return redirect("families:detail", pk=family.pk)
    title = _("Suitability") if family.kind == Kind.REQUEST else _("Screening decision")
    return _family_page(request, family, title, form)


@role_required(*CASE_WORKERS)
def assessments(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = _family(request, pk)
    if family.kind != Kind.SUPPORT:
        return redirect("families:detail", pk=family.pk)
    criteria = list(CompetenceCriterion.objects.filter(is_active=True))
    current = {a.criterion_id: a for a in family.assessments.all()}
    form = AssessmentForm(request.POST or None, criteria=criteria, current=current)
    if _save_with(
        form,
        request,
        lambda: actions.assess_competences(family=family, by=request.user, ratings=form.ratings()),
        _("The competence profile has been saved."),
    ):
        return redirect("families:detail", pk=family.pk)
    return _family_page(request, family, _("Competence profile"), form, wide=True)


@role_required(*CASE_WORKERS)
def offer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = _family(request, pk)
    if family.kind != Kind.SUPPORT:
        return redirect("families:detail", pk=family.pk)
    instance = Offer.objects.filter(family=family).first()
    form = OfferForm(request.POST or None, instance=instance)

    def save() -> None:
        data = form.cleaned_data
        actions.save_offer(
            family=family,
            by=request.user,
            day_parts=data["day_parts"],
            frequency=data["frequency"],
            sleepovers=data["sleepovers"],
            max_children=data["max_children"],
            min_child_age=data["min_child_age"],
            max_child_age=data["max_child_age"],
            max_travel_km=data["max_travel_km"],
            max_families=data["max_families"],
            support_types=data["support_types"],
            note=data["note"],
        )

    if _save_with(form, request, save, _("The offer has been saved.")):
        return redirect("families:detail", pk=family.pk)
    return _family_page(request, family, _("What they offer"), form, wide=True)


@role_required(*CASE_WORKERS)
def vog(request: AuthenticatedHttpRequest, pk: int, person_pk: int) -> HttpResponse:
    family = _family(request, pk)
    person = get_in_scope_or_404(family.people.all(), request.user, pk=person_pk)
    instance = person.vogs.first()
    form = VogForm(
        request.POST or None,
        instance=instance,
        initial={"checked": bool(instance and instance.checked_on)},
    )
    if _save_with(
        form,
        request,
        lambda: actions.record_vog(
            person=person,
            by=request.user,
            vog=instance,
            requested_on=form.cleaned_data["requested_on"],
            received_on=form.cleaned_data["received_on"],
            issued_on=form.cleaned_data["issued_on"],
            checked=form.cleaned_data["checked"],
        ),
        _("The VOG has been saved."),
    ):
        return redirect("families:detail", pk=family.pk)
    title = _("VOG of %(person)s") % {"person": person}
    return _family_page(request, family, title, form)


# --- service directory --------------------------------------------------------------------------


@role_required(*CASE_WORKERS)
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = ServiceOrganisation.objects.for_user(request.user).select_related(
        "municipality"
    )
    page = Paginator(
        organisations.order_by("municipality__name", "category", "name"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "families/directory.html", {"page": page})


@role_required(*CASE_WORKERS)
def directory_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    organisation = selectors.get_service_organisation_for_user(request.user, pk) if pk else None
    form = ServiceOrganisationForm(
        request.POST or None,
        instance=organisation,
        municipalities=_case_municipalities(request.user),
    )

    def save() -> None:
        data = form.cleaned_data
        actions.save_service_organisation(
            organisation=organisation,
            by=request.user,
            municipality=data["municipality"],
            name=data["name"],
            category=data["category"],
            phone=data["phone"],
            email=data["email"],
            website=data["website"],
            address=data["address"],
            note=data["note"],
            is_active=data["is_active"],
        )

    if _save_with(form, request, save, _("The organisation has been saved.")):
        return redirect("families:directory")
    title = _("Edit organisation") if organisation else _("New organisation")
    return render(
        request, "org/form.html", {"form": form, "title": title, "back": "families:directory"}
    )


# --- competence profile (national office) -------------------------------------------------------


@role_required(Role.NATIONAL_OFFICE)
def criteria(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "families/criteria.html", {"criteria": CompetenceCriterion.objects.all()}
    )


@role_required(Role.NATIONAL_OFFICE)
def criterion_form(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    criterion = get_object_or_404(CompetenceCriterion, pk=pk) if pk else None
    form = CompetenceCriterionForm(request.POST or None, instance=criterion)
    if _save_with(
        form,
        request,
        lambda: actions.save_criterion(
            criterion=criterion,
            by=request.user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            position=form.cleaned_data["position"],
            is_active=form.cleaned_data["is_active"],
        ),
        _("The criterion has been saved."),
    ):
        return redirect("families:criteria")
    title = _("Edit criterion") if criterion else _("New criterion")
    return render(
        request, "org/form.html", {"form": form, "title": title, "back": "families:criteria"}
    )
