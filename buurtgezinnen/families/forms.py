"""Forms of the coordinator's family pages. They hold no rules: the views pass data to actions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.core.forms import FilterForm, choice_field, model_choice_field
from buurtgezinnen.core.phones import validate_phone
from buurtgezinnen.families.actions import CONVERSATION_FIELDS
from buurtgezinnen.families.models import (
    Child,
    CompetenceCriterion,
    Conversation,
    DayPart,
    Family,
    Kind,
    Offer,
    Person,
    Rating,
    Referrer,
    ServiceOrganisation,
    Source,
    Status,
    SupportType,
    Vog,
)
from buurtgezinnen.families.workflow import DECISIONS, can_move
from buurtgezinnen.geo.postcodes import PostcodeError, normalize_pc4
from buurtgezinnen.org.models import Municipality

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def clean_postcode_field(value: str) -> str:
    try:
        normalize_pc4(value)
    except PostcodeError as error:
        raise forms.ValidationError(str(error)) from error
    return value.strip().upper()


class FamilySearchForm(FilterForm):
    """Searching the coordinator's lists (the view reads the parameters itself); a choice of
    municipality for whoever works in more than one."""

    q = forms.CharField(
        label=_("Search by name, postcode or phone"),
        max_length=100,
        required=False,
        widget=forms.SearchInput,
    )
    gemeente = forms.ChoiceField(label=_("Municipality"), required=False)
    lijst = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, municipalities: Iterable[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(m.pk), m.name) for m in municipalities]
        if len(choices) > 1:
            choice_field(self, "gemeente").choices = [("", _("All")), *choices]
        else:
            del self.fields["gemeente"]


class StaffApplicationForm(forms.Form):
    """An application taken by phone, or a referral by a professional."""

    kind = forms.ChoiceField(label=_("Kind of family"), choices=Kind.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    source = forms.ChoiceField(
        label=_("Application through"),
        choices=[(Source.PHONE, Source.PHONE.label), (Source.REFERRAL, Source.REFERRAL.label)],
    )
    referrer_type = forms.ChoiceField(
        label=_("Referred by"), choices=[("", "—"), *Referrer.choices], required=False
    )
    referrer_name = forms.CharField(label=_("Referrer's name"), max_length=150, required=False)
    referrer_organisation = forms.CharField(
        label=_("Referrer's organisation"), max_length=150, required=False
    )
    referrer_phone = forms.CharField(label=_("Referrer's phone"), max_length=30, required=False)
    referrer_email = forms.EmailField(label=_("Referrer's e-mail address"), required=False)
    name = forms.CharField(label=_("Family name"), max_length=150)
    first_name = forms.CharField(label=_("First name of the parent or caregiver"), max_length=100)
    last_name = forms.CharField(label=_("Last name of the parent or caregiver"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, validators=[validate_phone]
    )
    languages = forms.CharField(label=_("Languages"), max_length=200, required=False)
    street = forms.CharField(label=_("Street"), max_length=150, required=False)
    house_number = forms.CharField(label=_("House number"), max_length=20, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consent = forms.BooleanField(
        label=_("The family agrees that we record these details"), required=True
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "municipality").queryset = municipalities
        if len(municipalities) == 1:
            self.fields["municipality"].initial = municipalities[0]

    def clean_postcode(self) -> str:
        return clean_postcode_field(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone"):
            self.add_error("phone", _("Fill in a phone number or an e-mail address."))
        if data.get("source") == Source.REFERRAL and not data.get("referrer_type"):
            self.add_error("referrer_type", _("Say who referred the family."))
        return data


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone", "languages", "is_contact"]

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        validate_phone(phone)
        return phone


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = ["first_name", "date_of_birth"]
        widgets = {"date_of_birth": DATE}


ChildFormSet = forms.formset_factory(ChildForm, extra=3, max_num=8)


class FamilyForm(forms.ModelForm):
    class Meta:
        model = Family
        fields = [
            "name",
            "street",
            "house_number",
            "postcode",
            "place",
            "has_pets",
            "pets_note",
            "smoking",
            "no_pets_wanted",
            "no_smoking_wanted",
            "religion_or_culture",
            "network",
            "channel",
        ]
        widgets = {"network": forms.Textarea(attrs={"rows": 3})}

    def clean_postcode(self) -> str:
        return clean_postcode_field(self.cleaned_data["postcode"])


def checkboxes(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class ConversationForm(forms.ModelForm):
    """One intake (or screening) conversation: plan it, and later record what was said."""

    support_wanted = checkboxes(_("Support wanted"), SupportType.choices)
    day_parts = checkboxes(_("On which days"), DayPart.choices)

    class Meta:
        model = Conversation
        fields = list(CONVERSATION_FIELDS)
        widgets = {
            "planned_at": DATETIME,
            "held_on": DATE,
            "helpline_mentioned_on": DATE,
            "goes_well": forms.Textarea(attrs={"rows": 3}),
            "is_hard": forms.Textarea(attrs={"rows": 3}),
            "network": forms.Textarea(attrs={"rows": 3}),
            "finances_note": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == Kind.SUPPORT:
            # A support family's screening: motivation and notes, no intake topics.
            for name in (
                "support_wanted",
                "support_other",
                "day_parts",
                "poverty",
                "finances_note",
                "helpline_mentioned_on",
            ):
                del self.fields[name]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    referred_to = forms.ModelChoiceField(
        label=_("Referred to"),
        queryset=ServiceOrganisation.objects.none(),
        required=False,
        help_text=_("Only for a referral: the organisation from the service directory."),
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "outcome").choices = [
            (status.value, status.label)
            for status in map(Status, DECISIONS[family.kind])
            if can_move(family.kind, family.status, status)
        ]
        if family.kind == Kind.REQUEST:
            model_choice_field(self, "referred_to").queryset = ServiceOrganisation.objects.filter(
                municipality=family.municipality, is_active=True
            )
        else:
            del self.fields["referred_to"]


class AssessmentForm(forms.Form):
    """One rating and note per active criterion of the competence profile."""

    def __init__(
        self,
        *args: Any,
        criteria: list[CompetenceCriterion],
        current: dict[int, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            existing = current.get(criterion.pk)
            self.fields[f"rating_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=[("", "—"), *Rating.choices],
                required=False,
                initial=existing.rating if existing else "",
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Note on “%(criterion)s”") % {"criterion": criterion.name},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=2000,
                initial=existing.note if existing else "",
            )

    def ratings(self) -> dict[int, tuple[str, str]]:
        return {
            c.pk: (self.cleaned_data[f"rating_{c.pk}"], self.cleaned_data[f"note_{c.pk}"])
            for c in self.criteria
        }


class OfferForm(forms.ModelForm):
    day_parts = checkboxes(_("Days and parts of the day"), DayPart.choices)
    support_types = checkboxes(_("Support they offer"), SupportType.choices)

    class Meta:
        model = Offer
        fields = [
            "day_parts",
            "frequency",
            "sleepovers",
            "max_children",
            "min_child_age",
            "max_child_age",
            "max_travel_km",
            "max_families",
            "support_types",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class VogForm(forms.ModelForm):
    checked = forms.BooleanField(label=_("I have checked the VOG"), required=False)

    class Meta:
        model = Vog
        fields = ["requested_on", "received_on", "issued_on"]
        widgets = {"requested_on": DATE, "received_on": DATE, "issued_on": DATE}


class ServiceOrganisationForm(forms.ModelForm):
    class Meta:
        model = ServiceOrganisation
        fields = [
            "municipality",
            "name",
            "category",
            "phone",
            "email",
            "website",
            "address",
            "note",
            "is_active",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "municipality").queryset = municipalities


class CompetenceCriterionForm(forms.ModelForm):
    class Meta:
        model = CompetenceCriterion
        fields = ["name", "description", "position", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
