"""The public application forms: a requesting family, a support family and "keep me informed".

No input, however strange, reaches the database or a page unfiltered: every bound form works on
a copy of the data without control characters (NUL included), single-line fields collapse their
whitespace, and every field has a maximum length that fits its model field.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtgezinnen.core.phones import validate_phone
from buurtgezinnen.families.actions import (
    Application,
    ChildData,
    PersonData,
    locate,
    validate_children,
)
from buurtgezinnen.families.models import Channel, Kind, Source
from buurtgezinnen.geo.postcodes import PostcodeArea, PostcodeError

HONEYPOT = "homepage"
NOTE_MAX_LENGTH = 2000
MAX_CHILDREN = 6

# C0 and C1 control characters except tab, newline and carriage return, plus the bidirectional
# overrides and isolates (they can make text read differently from what it is).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(value: str) -> str:
    return _CONTROL.sub("", value)


def single_line(value: str) -> str:
    """Control characters removed, every run of whitespace (newlines too) one space."""
    return " ".join(strip_controls(value).split())


def multi_line(value: str) -> str:
    text = strip_controls(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\t", " ").strip()


def sanitized(data: Any) -> QueryDict:
    """A copy of submitted data with the control characters removed from every value."""
    clean = QueryDict(mutable=True)
    pairs = data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items())
    for key, values in pairs:
        clean.setlist(strip_controls(str(key)), [strip_controls(str(v)) for v in values])
    return clean


class LineField(forms.CharField):
    """A single line of text: no control characters, whitespace collapsed."""

    def to_python(self, value: Any) -> str:
        return single_line(str(super().to_python(value)))


class NoteField(forms.CharField):
    """A few lines of text, at most NOTE_MAX_LENGTH characters."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", NOTE_MAX_LENGTH)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return multi_line(str(super().to_python(value)))


class PhoneField(LineField):
    """A phone number (core.phones): Dutch, or foreign with its + country code."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        kwargs.setdefault(
            "help_text",
            gettext_lazy("Ten digits, for example 06 12345678 or 030 1234567, or +31 …"),
        )
        super().__init__(**kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        validate_phone(value)


def email_field(label: Any, **kwargs: Any) -> forms.EmailField:
    return forms.EmailField(
        label=label,
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        **kwargs,
    )


def text(label: Any, max_length: int, autocomplete: str = "", **kwargs: Any) -> LineField:
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return LineField(
        label=label, max_length=max_length, widget=forms.TextInput(attrs=attrs), **kwargs
    )


def consent_field(label: Any) -> forms.BooleanField:
    return forms.BooleanField(
        label=label,
        required=True,
        error_messages={
            "required": gettext_lazy(
                "Tick this box to give your consent. Without it we cannot handle your details."
            )
        },
    )


def channel_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("How did you hear of Buurtgezinnen?"),
        choices=[("", gettext_lazy("(choose)")), *Channel.choices],
        required=False,
    )


class PublicForm(forms.Form):
    """A public form: sanitised data, a honeypot and a postcode that names the municipality."""

    # Bots fill in every field; people never see this one.
    homepage = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Typed as any field: the forms below move it with ``PublicForm.base_fields["postcode"]``.
    postcode: forms.Field = LineField(
        label=gettext_lazy("Postcode"),
        max_length=7,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "autocapitalize": "characters"}
        ),
        help_text=gettext_lazy("For example 3511 AB."),
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:
            data = sanitized(data)
        super().__init__(data, *args, **kwargs)
        self.area: PostcodeArea | None = None

    @property
    def is_spam(self) -> bool:
        """The honeypot is filled in: a bot, to be told "thank you" and ignored."""
        return self.is_bound and bool(self.data.get(HONEYPOT, "").strip())

    def clean_postcode(self) -> str:
        try:
            display, self.area = locate(self.cleaned_data["postcode"])
        except PostcodeError as error:
            raise ValidationError(error.message, code="postcode") from error
        return display

    def visible_fields(self) -> list[Any]:
        return [field for field in super().visible_fields() if field.name != HONEYPOT]

    def check_contact(self, email: str, phone: str) -> None:
        """At least one way to reach the applicant."""
        data = self.cleaned_data
        if email in data and phone in data and not data[email] and not data[phone]:
            self.add_error(
                email, _("Fill in an e-mail address or a phone number, so that we can reach you.")
            )


class RequestApplicationForm(PublicForm):
    """A family asking for support (vraaggezin); the children are a formset beside it."""

    first_name = text(gettext_lazy("First name"), 100, "given-name")
    last_name = text(gettext_lazy("Last name"), 150, "family-name")
    email = email_field(gettext_lazy("E-mail address"))
    phone = PhoneField(label=gettext_lazy("Phone number"), required=False)
    languages = text(
        gettext_lazy("Languages spoken at home"),
        200,
        required=False,
        help_text=gettext_lazy("For example: Dutch, Arabic."),
    )
    street = text(gettext_lazy("Street"), 150, "address-line1")
    house_number = text(gettext_lazy("House number"), 20)
    postcode = PublicForm.base_fields["postcode"]
    place = text(gettext_lazy("Place"), 100, "address-level2")
    note = NoteField(
        label=gettext_lazy("What support do you hope for?"),
        help_text=gettext_lazy(
            "For example: an afternoon a week for the children, or help with homework."
        ),
    )
    channel = channel_field()
    consent = consent_field(
        gettext_lazy("I agree that Buurtgezinnen stores these details to help us.")
    )
    children_consent = consent_field(
        gettext_lazy(
            "I am the parent or caregiver of these children and agree that their details "
            "are stored too."
        )
    )

    family_kind = Kind.REQUEST
    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "languages",
        "street",
        "house_number",
        "postcode",
        "place",
        "note",
        "channel",
        "consent",
        "children_consent",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_contact("email", "phone")
        return data

    def application(self, children: list[ChildData]) -> Application:
        data = self.cleaned_data
        return Application(
            kind=Kind.REQUEST,
            name=data["last_name"],
            postcode=data["postcode"],
            people=[PersonData.from_form(data)],
            street=data["street"],
            house_number=data["house_number"],
            place=data["place"],
            children=children,
            source=Source.PUBLIC_FORM,
            channel=data["channel"],
            note=data["note"],
            consent=True,
        )


class SupportApplicationForm(PublicForm):
    """A volunteer family (steungezin): one or two support parents."""

    first_name = text(gettext_lazy("First name"), 100, "given-name")
    last_name = text(gettext_lazy("Last name"), 150, "family-name")
    email = email_field(gettext_lazy("E-mail address"))
    phone = PhoneField(label=gettext_lazy("Phone number"), required=False)
    partner_first_name = text(gettext_lazy("First name"), 100, required=False)
    partner_last_name = text(gettext_lazy("Last name"), 150, required=False)
    partner_email = forms.EmailField(
        label=gettext_lazy("E-mail address"), max_length=254, required=False
    )
    partner_phone = PhoneField(
        label=gettext_lazy("Phone number"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    street = text(gettext_lazy("Street"), 150, "address-line1")
    house_number = text(gettext_lazy("House number"), 20)
    postcode = PublicForm.base_fields["postcode"]
    place = text(gettext_lazy("Place"), 100, "address-level2")
    note = NoteField(
        label=gettext_lazy("Why would you like to become a support family?"),
        help_text=gettext_lazy("A few sentences are enough."),
    )
    channel = channel_field()
    consent = consent_field(
        gettext_lazy("I agree that Buurtgezinnen stores these details to handle my application.")
    )

    family_kind = Kind.SUPPORT
    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "partner_first_name",
        "partner_last_name",
        "partner_email",
        "partner_phone",
        "street",
        "house_number",
        "postcode",
        "place",
        "note",
        "channel",
        "consent",
    ]
    PARTNER_FIELDS = ("partner_first_name", "partner_last_name", "partner_email", "partner_phone")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_contact("email", "phone")
        if any(self.data.get(name, "").strip() for name in self.PARTNER_FIELDS):
            for name in ("partner_first_name", "partner_last_name"):
                if name in data and not data[name]:
                    self.add_error(
                        name,
                        _(
                            "Fill in the name of the second support parent, or leave all "
                            "of their fields empty."
                        ),
                    )
        return data

    def family_name(self) -> str:
        data = self.cleaned_data
        names = [data["last_name"]]
        if data["partner_last_name"] and data["partner_last_name"] != data["last_name"]:
            names.append(data["partner_last_name"])
        return " / ".join(names)[:150].strip()

    def application(self, children: list[ChildData]) -> Application:
        data = self.cleaned_data
        people = [PersonData.from_form(data)]
        if data["partner_first_name"]:
            people.append(PersonData.from_form(data, prefix="partner_"))
        return Application(
            kind=Kind.SUPPORT,
            name=self.family_name(),
            postcode=data["postcode"],
            people=people,
            street=data["street"],
            house_number=data["house_number"],
            place=data["place"],
            source=Source.PUBLIC_FORM,
            channel=data["channel"],
            note=data["note"],
            consent=True,
        )


class ChildForm(forms.Form):
    first_name = text(gettext_lazy("First name"), 100, "off")
    date_of_birth = forms.DateField(
        label=gettext_lazy("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Enter a date, for example 31-12-2018.")},
    )

    def clean_date_of_birth(self) -> date:
        born: date = self.cleaned_data["date_of_birth"]
        try:
            validate_children([ChildData(first_name="", date_of_birth=born)])
        except ValidationError as error:
            raise ValidationError(error.messages, code="date_of_birth") from error
        return born


class BaseChildFormSet(forms.BaseFormSet):
    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:
            data = sanitized(data)
        kwargs.setdefault("prefix", "child")
        super().__init__(data, *args, **kwargs)

    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.children():
            raise ValidationError(_("Fill in at least one child."), code="no_children")

    def children(self) -> list[ChildData]:
        return [
            ChildData(
                first_name=form.cleaned_data["first_name"],
                date_of_birth=form.cleaned_data["date_of_birth"],
            )
            for form in self.forms
            if form.cleaned_data
        ]


ChildFormSet = forms.formset_factory(
    ChildForm,
    formset=BaseChildFormSet,
    extra=MAX_CHILDREN,
    max_num=MAX_CHILDREN,
    absolute_max=MAX_CHILDREN,
    validate_max=True,
)


class InterestForm(PublicForm):
    """Contact details left where the programme has not started yet."""

    kind = forms.ChoiceField(
        label=gettext_lazy("What would you like?"),
        choices=[
            (Kind.REQUEST, gettext_lazy("Support for our family")),
            (Kind.SUPPORT, gettext_lazy("To become a support family")),
        ],
        widget=forms.RadioSelect,
    )
    name = text(gettext_lazy("Your name"), 150, "name")
    email = email_field(gettext_lazy("E-mail address"))
    phone = PhoneField(label=gettext_lazy("Phone number"), required=False)
    postcode = PublicForm.base_fields["postcode"]
    consent = consent_field(
        gettext_lazy(
            "I agree that Buurtgezinnen stores these details to tell me when the programme "
            "starts in my municipality."
        )
    )

    field_order = ["kind", "name", "email", "phone", "postcode", "consent"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_contact("email", "phone")
        return data


def _field_href(bound: Any) -> str:
    if isinstance(bound.field.widget, forms.RadioSelect):
        return f"#{bound.auto_id}_0"
    return f"#{bound.id_for_label or bound.auto_id}"


def _field_label(bound: Any) -> str:
    if isinstance(bound.field.widget, forms.CheckboxInput):
        return str(_("Consent"))
    return str(bound.label)


def _children_errors(children: forms.BaseFormSet[Any]) -> list[dict[str, str]]:
    items = []
    first = children.forms[0]["first_name"] if children.forms else None
    for error in children.non_form_errors():
        href = _field_href(first) if first is not None else "#children"
        items.append({"href": href, "label": str(_("Children")), "error": str(error)})
    for number, child in enumerate(children.forms, start=1):
        for name, errors in child.errors.items():
            label = _("Child %(number)s") % {"number": number}
            href = "#children"
            if name in child.fields:
                label = f"{label}, {str(child[name].label).lower()}"
                href = _field_href(child[name])
            items.extend({"href": href, "label": label, "error": str(error)} for error in errors)
    return items


def error_summary(
    form: forms.Form,
    children: forms.BaseFormSet[Any] | None = None,
    children_after: str = "place",
) -> list[dict[str, str]]:
    """Every error of a form (and its children), in the order of the page, each with a link
    to its field (``children_after``: the field the children follow on the page)."""
    items = [{"href": "", "label": "", "error": str(error)} for error in form.non_field_errors()]
    for name in form.fields:
        if name in form.errors:
            bound = form[name]
            label = _field_label(bound)
            items.extend(
                {"href": _field_href(bound), "label": label, "error": str(error)}
                for error in form.errors[name]
            )
        if name == children_after and children is not None and children.is_bound:
            items.extend(_children_errors(children))
    return items
