"""Forms of the organisation pages. They hold no rules: views pass their data to org.actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.geo import postcodes
from buurtgezinnen.org.models import (
    ROLES_WITH_MUNICIPALITY,
    ROLES_WITH_REGION,
    Municipality,
    Region,
    RoleAssignment,
    User,
)


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name"]


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = [
            "cbs_code",
            "name",
            "slug",
            "region",
            "programme_started_on",
            "facebook_url",
            "instagram_url",
        ]
        widgets = {"programme_started_on": forms.DateInput(attrs={"type": "date"})}

    def clean_cbs_code(self) -> str:
        code = self.cleaned_data["cbs_code"].strip().upper()
        if code not in postcodes.all_municipalities():
            raise forms.ValidationError(_("This CBS code is not a Dutch municipality."))
        return code


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "is_active", "is_safety_officer"]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class NewUserForm(UserForm):
    class Meta(UserForm.Meta):
        fields = ["first_name", "last_name", "email", "phone"]


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["role", "municipality", "region"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["municipality"].queryset = Municipality.objects.select_related("region")
        self.fields["municipality"].help_text = _("For a coordinator or a municipality contact.")
        self.fields["region"].help_text = _("For a regional coordinator.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role in ROLES_WITH_MUNICIPALITY:
            if not data.get("municipality"):
                self.add_error("municipality", _("Choose the municipality for this role."))
            data["region"] = None
        elif role in ROLES_WITH_REGION:
            if not data.get("region"):
                self.add_error("region", _("Choose the region for this role."))
            data["municipality"] = None
        elif role:
            data["municipality"] = data["region"] = None
        return data


class LogSearchForm(forms.Form):
    """Searching the change log or the access log."""

    actor = forms.ModelChoiceField(label=_("Who"), queryset=User.objects.all(), required=False)
    model = forms.ChoiceField(label=_("Record type"), required=False)
    object_id = forms.CharField(label=_("Record number"), required=False, max_length=64)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, model_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("All")), *model_choices]
