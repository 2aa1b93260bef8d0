"""The anonymity check's reasons in words, for the pages and ``manage.py check_anonymity``: "een
telefoonnummer", "een naam uit het dossier van het gezin". The checks (``anonymity.py``,
``quasi.py``, ``deep_check.py``) give each finding's reason as a code (``Reason``); this is where
it becomes Dutch (gettext, in the active language)."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.recruitment.anonymity import Finding, Reason

REASONS: dict[Reason, str | Promise] = {
    # The patterns.
    Reason.EMAIL: _("an e-mail address"),
    Reason.PHONE: _("a phone number"),
    Reason.POSTCODE: _("a postcode"),
    Reason.DATE: _("a date (an exact date of birth identifies a child)"),
    Reason.URL: _("a web address"),
    Reason.HANDLE: _("a social media account"),
    Reason.STREET_NUMBER: _("a street with a house number"),
    Reason.BSN: _("a number that looks like a BSN"),
    # The family's own record.
    Reason.RECORD_NAME: _("a name from the family's record"),
    Reason.RECORD_SCHOOL: _("the school from the family's record"),
    Reason.RECORD_STREET: _("the family's street"),
    Reason.RECORD_ADDRESS: _("the family's address"),
    Reason.RECORD_POSTCODE: _("the family's postcode"),
    Reason.RECORD_PHONE: _("a phone number from the family's record"),
    Reason.RECORD_EMAIL: _("the family's e-mail address"),
    Reason.RECORD_DATE_OF_BIRTH: _("a date of birth from the family's record"),
    # The quasi-identifiers.
    Reason.NAMED_SCHOOL: _("A named school can identify the family in a small neighbourhood"),
    Reason.NAMED_DAYCARE: _("A named day care can identify the family in a small neighbourhood"),
    Reason.NAMED_COMMUNITY_CENTRE: _(
        "A named community centre can identify the family in a small neighbourhood"
    ),
    Reason.NAMED_CLUB: _("A named club can identify the family in a small neighbourhood"),
    Reason.NAMED_FAITH: _(
        "A named church, mosque or temple can identify the family in a small neighbourhood"
    ),
    Reason.NAMED_EMPLOYER: _(
        "A named employer or shop can identify the family in a small neighbourhood"
    ),
    Reason.STREET: _("A street is finer than the neighbourhood: it can point to the house"),
    Reason.FINER_THAN_AREA: _("A street or neighbourhood finer than the profile's area"),
    Reason.LANDMARK: _("A landmark next to the home points to the house"),
    Reason.PERSON: _("A person around the family, by name, can identify the family"),
    Reason.FIRST_NAME: _("A first name can identify the family"),
    Reason.UNKNOWN_NAME: _(
        "A name the check does not know (a neighbourhood, a person, a club, a business?): check it"
    ),
    Reason.PHONE_IN_WORDS: _("A phone number written in words or in pieces"),
    Reason.HANDLE_WITHOUT_AT: _(
        "A social media account, also without @, leads straight to the family"
    ),
    Reason.THE_ONLY: _("“The only …” singles the family out in a small place"),
    Reason.MULTIPLE_BIRTH: _("Triplets and other multiple births are rare: everyone knows them"),
    Reason.RARE_CONDITION: _("A rare condition together with a small place singles the family out"),
    Reason.RARE_EVENT: _("An event people talk about, with a small place, singles the family out"),
    # Deduce.
    Reason.DEDUCE_NAME: _("Looks like a name (deduce)"),
    Reason.DEDUCE_PLACE: _("Looks like a place or an address (deduce)"),
    Reason.DEDUCE_INSTITUTION: _("Looks like an institution (deduce)"),
    Reason.DEDUCE_DATE: _("Looks like a date (deduce)"),
    Reason.DEDUCE_BSN: _("Looks like a BSN (deduce)"),
    Reason.DEDUCE_IDENTIFIER: _("Looks like an identifying number (deduce)"),
    Reason.DEDUCE_PHONE: _("Looks like a phone number (deduce)"),
    Reason.DEDUCE_EMAIL: _("Looks like an e-mail address (deduce)"),
    Reason.DEDUCE_URL: _("Looks like a web address (deduce)"),
    Reason.DEDUCE_OTHER: _("May identify the family (deduce)"),
}


def reason(finding: Finding) -> str:
    """The Dutch reason shown with a finding."""
    return str(REASONS[finding.reason])


def as_dict(finding: Finding) -> dict[str, Any]:
    """A finding as ``manage.py check_anonymity`` writes it: its reason in words."""
    return {**finding.as_dict(), "reason": reason(finding)}
