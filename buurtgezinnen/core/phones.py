"""Phone numbers, checked the same way in every form and in the import."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-().]+")
# Dutch: 0 and nine digits, or +31 and nine digits; or foreign: + and 8 to 15 digits.
_PHONE = re.compile(r"0[0-9]{9}|\+31[0-9]{9}|\+(?!31)[1-9][0-9]{7,14}")
MESSAGE = _(
    "Enter a Dutch phone number: ten digits starting with 0 (such as 06 12345678), "
    "or starting with +31."
)


def compact_phone(value: str) -> str:
    """Without spaces, dashes, dots and brackets; 0031 becomes +31 and +31 (0) 6 becomes +316."""
    compact = _SEPARATORS.sub("", value)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+310"):
        compact = "+31" + compact[4:]
    return compact


def is_phone_number(value: str) -> bool:
    return bool(_PHONE.fullmatch(compact_phone(value)))


def validate_phone(value: str) -> None:
    """A form validator: empty passes (the field's ``required`` decides that)."""
    if value and not is_phone_number(value):
        raise ValidationError(MESSAGE, code="phone")
