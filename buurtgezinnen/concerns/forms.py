"""Forms for concerns, the steps of the reporting code, the reporting link and referrals.

The forms only collect; the rules (what each step needs, the order) are in ``actions.py``, whose
errors come back at the field they are about.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.concerns import wording
from buurtgezinnen.concerns.models import ConcernKind, ReferralOutcome, Step
from buurtgezinnen.core.forms import choice_field, model_choice_field
from buurtgezinnen.families.models import Child, Family, Person, ServiceOrganisation
from buurtgezinnen.matching.models import Match

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def yes_no(label: Any, required: bool = False) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
    )


def text(label: Any, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}))


class ConcernForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of concern"),
        choices=ConcernKind.choices,
        initial=ConcernKind.WORRY,
        widget=forms.RadioSelect,
    )
    child: forms.ModelChoiceField[Child] = forms.ModelChoiceField(
        label=_("About a child (optional)"), queryset=None, required=False
    )
    match: forms.ModelChoiceField[Match] = forms.ModelChoiceField(
        label=_("In a match (optional)"), queryset=None, required=False
    )
    description = text(_("What is the concern"))

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "child").queryset = family.children.all()
        model_choice_field(self, "match").queryset = (
            Match.objects.filter(request_family=family)
            | Match.objects.filter(support_family=family)
        ).select_related("request_family", "support_family")
        if family.kind != "request":
            del self.fields["child"]


class SignsForm(forms.Form):
    signs = text(_("The signs: what did you see and hear, from whom, when?"), required=True)


class ConsultForm(forms.Form):
    colleague = forms.CharField(
        label=_("Colleague consulted (name and role)"), max_length=200, required=False
    )
    veilig_thuis_consulted = yes_no(_("Did you consult Veilig Thuis?"))
    veilig_thuis_advice = text(_("What did Veilig Thuis advise?"))


class TalkForm(forms.Form):
    talked_with_parents = yes_no(_("Did you talk with the parents?"))
    not_talked_reason = text(_("If not: why would that endanger safety?"))


class WeighForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(wording.QUESTIONS, start=1):
            self.fields[f"q{number}_answer"] = yes_no(f"{number}. {question}", required=True)
            self.fields[f"q{number}_explanation"] = text(_("Explanation"), required=True)


class DecideForm(forms.Form):
    help_organised = forms.BooleanField(label=_("Help is organised"), required=False)
    help_note = text(_("Which help, by whom"))
    reported_to_veilig_thuis = forms.BooleanField(
        label=_("Reported to Veilig Thuis"), required=False
    )
    reported_on = forms.DateField(label=_("Reported on"), required=False, widget=DATE)
    veilig_thuis_reference = forms.CharField(
        label=_("Reference of Veilig Thuis"), max_length=100, required=False
    )


class AcuteForm(forms.Form):
    reported_on = forms.DateField(label=_("Reported on"), widget=DATE, initial=timezone.localdate)
    veilig_thuis_reference = forms.CharField(label=_("Reference of Veilig Thuis"), max_length=100)


STEP_FORMS: dict[int, type[forms.Form]] = {
    Step.SIGNS: SignsForm,
    Step.CONSULT: ConsultForm,
    Step.TALK: TalkForm,
    Step.WEIGH: WeighForm,
    Step.DECIDE: DecideForm,
    Step.ACUTE: AcuteForm,
}


def step_form(step: int, data: Any = None, prefix: str | None = None) -> forms.Form:
    form = STEP_FORMS[step](data, prefix=prefix)
    form.fields["reasoning"] = text(_("Reasoning"))
    return form


class CloseForm(forms.Form):
    note = text(_("How was the concern closed?"), required=True)


class LinkForm(forms.Form):
    person: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        label=_("Support parent"), queryset=None
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "person").queryset = family.people.exclude(email="")


class ReportForm(forms.Form):
    """The support parent's form: which family (by family name only) and what worries them."""

    match = forms.TypedChoiceField(label=_("About which family?"), coerce=int, choices=())
    description = forms.CharField(
        label=_("What worries you?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe what worries you.")},
    )

    def __init__(self, *args: Any, matches: list[Match], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "match").choices = [
            (m.pk, _("Family %(name)s") % {"name": m.request_family.name}) for m in matches
        ]
        self.fields["match"].error_messages["required"] = _("Choose a family.")
        self.fields["match"].error_messages["invalid_choice"] = _("Choose a family.")


class ReferralForm(forms.Form):
    organisation: forms.ModelChoiceField[ServiceOrganisation] = forms.ModelChoiceField(
        label=_("Organisation (service directory)"),
        queryset=None,
        error_messages={"required": _("Choose an organisation.")},
    )
    match: forms.ModelChoiceField[Match] = forms.ModelChoiceField(
        label=_("In a match (optional)"), queryset=None, required=False
    )
    reason = text(_("Reason"))
    referred_on = forms.DateField(label=_("Referred on"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = ServiceOrganisation.objects.filter(
            municipality_id=family.municipality_id, is_active=True
        )
        model_choice_field(self, "match").queryset = (
            Match.objects.filter(request_family=family)
            | Match.objects.filter(support_family=family)
        ).select_related("request_family", "support_family")


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ReferralOutcome.choices, widget=forms.RadioSelect
    )
    outcome_note = text(_("Note on the outcome"))
