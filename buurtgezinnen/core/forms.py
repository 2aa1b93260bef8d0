"""Every form renders with NL Design System (Utrecht) markup, ours and allauth's alike.

Help text is text: some comes from the database (a competence criterion's description, an
agreement topic's guidance), and Django's own form templates print help text unescaped
(``|safe``). The bound field escapes it once, so no template can pass stored text through;
markup meant by the code must be marked safe explicitly (``format_html``), never data.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input
from django.utils.html import conditional_escape

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
    def __init__(self, form: forms.BaseForm, field: forms.Field, name: str) -> None:
        super().__init__(form, field, name)
        self.help_text = conditional_escape(self.help_text) if self.help_text else ""

    @property
    def says_optional(self) -> bool:
        """Whether the label ends in "(optional)": a field not required, outside a filter."""
        return not self.field.required and not isinstance(self.form, FilterForm)

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


class FilterForm(forms.Form):
    """The filters above a list, drawn by ``templates/includes/filters.html``. Every field only
    narrows the list, so none says "(optional)"."""


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = UtrechtBoundField


# django-stubs types ``form.fields[name]`` as a plain ``Field``; these two say which field it is,
# so that setting its choices or queryset in ``__init__`` is checked (and fails loudly if not).
def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField), name
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField), name
    return field
