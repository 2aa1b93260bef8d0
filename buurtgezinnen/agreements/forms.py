from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.agreements.models import StandardText, Topic


class StandardTextForm(forms.ModelForm):
    class Meta:
        model = StandardText
        fields = ["intro", "closing"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 6}), "closing": forms.Textarea()}


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "guidance", "position", "is_active"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}


class DraftForm(forms.Form):
    """One text per active topic; the national office's guidance as help text."""

    def __init__(self, *args: Any, topics: list[Topic], texts: dict[int, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for topic in topics:
            self.fields[f"topic_{topic.pk}"] = forms.CharField(
                label=topic.title,
                help_text=topic.guidance,
                required=False,
                max_length=5000,
                initial=texts.get(topic.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def texts(self) -> dict[int, str]:
        return {
            int(name.removeprefix("topic_")): value for name, value in self.cleaned_data.items()
        }


class SignForm(forms.Form):
    typed_name = forms.CharField(
        label=_("Type your full name"),
        max_length=260,
        error_messages={"required": _("Type your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the agreement and house rules and I agree with them"),
        error_messages={"required": _("Tick the box to say you agree.")},
    )
