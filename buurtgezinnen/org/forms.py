"""Forms of the organisation pages. They hold no rules: views pass their data to org.actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.core.forms import FilterForm, choice_field, model_choice_field
from buurtgezinnen.geo import postcodes
from buurtgezinnen.org.models import (
    ROLES_WITH_MUNICIPALITY,
    ROLES_WITH_REGION,
    Municipality,
    Region,
    Role,
    RoleAssignment,
    User,
)
from buurtgezinnen.org.scoping import scope_for


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
        model_choice_field(self, "municipality").queryset = Municipality.objects.select_related(
            "region"
        )
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


class UserSearchForm(FilterForm):
    """Searching the people of the organisation (the view reads ``q`` itself)."""

    q = forms.CharField(
        label=_("Search by name or e-mail address"),
        max_length=100,
        required=False,
        widget=forms.SearchInput,
    )


class LogSearchForm(FilterForm):
    """Searching the change log or the access log."""

    # Text, not a choice of every user (hundreds): matched in SQL against names and e-mail.
    actor = forms.CharField(
        label=_("Who"),
        help_text=_("Name or e-mail address, or part of it."),
        required=False,
        max_length=100,
    )
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
        choice_field(self, "model").choices = [("", _("All")), *model_choices]


class StandInForm(forms.Form):
    """A stand-in for an absent coordinator. The rules are in ``org.actions.assign_stand_in``;
    a regional coordinator makes only themselves stand-in, so they do not choose one."""

    coordinator = forms.ModelChoiceField(
        label=_("Coordinator who is away"), queryset=User.objects.none()
    )
    stand_in = forms.ModelChoiceField(
        label=_("Stand-in"),
        queryset=User.objects.none(),
        help_text=_("A regional coordinator of the coordinator's region, or the national office."),
    )
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Until and including"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The stand-in ends by itself after this day."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("In general terms, such as “leave” or “absent”; no medical details."),
    )

    def __init__(self, *args: Any, by: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(by)
        coordinators = User.objects.filter(is_active=True)
        if scope.is_national_office:
            coordinators = coordinators.filter(role_assignments__role=Role.COORDINATOR)
            stand_in = self.fields["stand_in"]
            assert isinstance(stand_in, forms.ModelChoiceField)
            stand_in.queryset = (
                User.objects.filter(
                    is_active=True,
                    role_assignments__role__in=[Role.NATIONAL_OFFICE, Role.REGIONAL_COORDINATOR],
                )
                .distinct()
                .order_by("last_name", "first_name")
            )
        else:
            coordinators = coordinators.filter(
                role_assignments__role=Role.COORDINATOR,
                role_assignments__municipality__region_id__in=scope.region_ids,
            )
            del self.fields["stand_in"]
        coordinator = self.fields["coordinator"]
        assert isinstance(coordinator, forms.ModelChoiceField)
        coordinator.queryset = coordinators.distinct().order_by("last_name", "first_name")
