from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.recruitment.models import RecruitmentProfile, ResponseChannel


class ProfileForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("The family agrees that this profile is published"), required=False
    )

    class Meta:
        model = RecruitmentProfile
        fields = ["headline", "area", "children", "support", "days", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class PostedForm(forms.Form):
    channel = forms.ChoiceField(label=_("Where"), choices=ResponseChannel.choices)
    posted_on = forms.DateField(
        label=_("Posted on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class DismissFindingForm(forms.Form):
    """Dismisses one finding of the quasi-identifiers or of the deeper check, for the text the
    coordinator read."""

    text_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ApplySuggestionForm(forms.Form):
    """Takes one finding's suggestion, for the text the coordinator read."""

    text_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    start = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # Empty: leave the span out.
    replacement = forms.CharField(widget=forms.HiddenInput, max_length=200, required=False)
