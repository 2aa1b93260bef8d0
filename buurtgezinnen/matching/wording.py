"""The matching engine's reasons in words, for the pages: "1,7 km", "allebei woensdagmiddag",
"logeren mogelijk", "VOG verlopen". The engine (``scoring.py``, ``assignment.py``) is pure and
gives each reason as data (``Reason``: a code and its figures); this is where it becomes Dutch
(gettext, in the active language, and Django's number format)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

from buurtgezinnen.families.models import DayPart, SupportType
from buurtgezinnen.matching.assignment import Pair
from buurtgezinnen.matching.scoring import Candidate, Excluded, Reason, ReasonCode


@dataclass(frozen=True, slots=True)
class Shown:
    """What a page shows of a candidate or a pair (its fit and why it fits) or of a support
    family left out (what keeps it out)."""

    score: float | None = None
    reasons: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()


def _km(value: float) -> str:
    return _("%(km)s km") % {"km": number_format(round(value, 1), 1)}


class Words:
    """Turns reasons into Dutch; the labels are translated once per instance (a page words the
    reasons of many pairs)."""

    def __init__(self) -> None:
        self.day_labels = {value: str(label) for value, label in DayPart.choices}
        self.support_labels = {value: str(label) for value, label in SupportType.choices}
        self.both = _("both %(days)s")
        self.offers = _("offers %(support)s")
        self.sleepovers = _("sleepovers possible")
        self.speaks = _("speaks %(languages)s")
        self.km = _("%(km)s km")
        self.separator = get_format("DECIMAL_SEPARATOR")
        self.plain = {
            ReasonCode.VOG_EXPIRED: _("VOG expired"),
            ReasonCode.VOG_MISSING: _("VOG missing"),
            ReasonCode.NO_SLEEPOVERS: _("no sleepovers"),
            ReasonCode.HAS_PETS: _("has pets"),
            ReasonCode.SMOKES: _("smokes"),
            ReasonCode.NO_SHARED_LANGUAGE: _("no shared language"),
            ReasonCode.NO_ROOM: _("no room for another family"),
        }

    def reason(self, reason: Reason) -> str:
        code, numbers, values = reason.code, reason.numbers, reason.values
        if code == ReasonCode.DISTANCE:
            return self.km % {"km": f"{numbers[0]:.1f}".replace(".", self.separator)}
        if code == ReasonCode.SHARED_DAYS:
            return self.both % {"days": ", ".join(self.day_labels[d] for d in values)}
        if code == ReasonCode.SHARED_SUPPORT:
            return self.offers % {"support": ", ".join(self.support_labels[s] for s in values)}
        if code == ReasonCode.SLEEPOVERS_POSSIBLE:
            return self.sleepovers
        if code == ReasonCode.SHARED_LANGUAGES:
            return self.speaks % {"languages": ", ".join(values)}
        if code == ReasonCode.TOO_FAR:
            return _("%(km)s away, travels at most %(max)s km") % {
                "km": _km(numbers[0]),
                "max": number_format(numbers[1], 0),
            }
        if code == ReasonCode.TOO_MANY_CHILDREN:
            return _("at most %(n)s children") % {"n": int(numbers[0])}
        if code == ReasonCode.AGES:
            return _("children aged %(lo)s to %(hi)s") % {
                "lo": int(numbers[0]),
                "hi": int(numbers[1]),
            }
        return self.plain[code]

    def reasons(self, reasons: Iterable[Reason]) -> tuple[str, ...]:
        return tuple(self.reason(reason) for reason in reasons)

    def fit(self, item: Candidate | Pair) -> Shown:
        return Shown(score=item.score, reasons=self.reasons(item.reasons))

    def left_out(self, item: Excluded) -> Shown:
        return Shown(failed=self.reasons(item.failed))
