"""Every form renders with NL Design System (Utrecht) markup, ours and allauth's alike."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

_WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    # Groups of options: Django would put the class on the wrapper too; app.css styles them.
    (forms.CheckboxSelectMultiple, ""),
    (forms.RadioSelect, ""),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (Input, "utrecht-textbox utrecht-textbox--html-input"),
)


class UtrechtBoundField(BoundField):
    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        for widget_class, css_class in _WIDGET_CLASSES:
            if isinstance(widget, widget_class):
                if css_class:
                    invalid = f" {css_class.split()[0]}--invalid" if self.errors else ""
                    attrs["class"] = f"{attrs.get('class', '')} {css_class}{invalid}".strip()
                break
        # Django 5.2 itself points aria-describedby at "<id>_error" (our error container).
        return attrs


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = UtrechtBoundField
