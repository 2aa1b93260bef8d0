"""The reporting code's words for the pages: what each step asks, shown above its form, and the
five questions of the afwegingskader (paraphrased from the NJi text). The order of the steps and
what may be recorded next is ``meldcode.py`` (pure); each step's name is the model's ``Step``
label."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from buurtgezinnen.concerns.enums import Step

# By step number (the model's ``Step`` and the plain one are the same numbers).
GUIDANCE: dict[int, str | Promise] = {
    Step.SIGNS: _(
        "Write down what you saw and heard yourself: facts, not interpretations. Who told you "
        "what, and when."
    ),
    Step.CONSULT: _(
        "Discuss the signs with a colleague (the regional coordinator or the safety officer). "
        "If you are in doubt, ask Veilig Thuis for advice (0800-2000); this can be anonymous."
    ),
    Step.TALK: _(
        "Talk with the parents about what you saw, unless that would endanger the safety of the "
        "child, of someone else or of yourself. Then write down why you did not."
    ),
    Step.WEIGH: _(
        "Answer the five questions of the assessment framework, each with yes or no and an "
        "explanation."
    ),
    Step.DECIDE: _(
        "Decide: is a report to Veilig Thuis needed, and can help be organised (also)? Record "
        "the date and the reference of a report."
    ),
    Step.ACUTE: _(
        "Is a child or adult in acute danger? Report to Veilig Thuis now (call 112 when life is "
        "in danger) and record the date and the reference."
    ),
}

QUESTIONS = (
    _("Do I, after the previous steps, suspect (a threat of) domestic violence or child abuse?"),
    _("Do I judge that there is acute or structural unsafety? (Yes: report to Veilig Thuis.)"),
    _(
        "Can I (or the programme) offer or organise effective help to ward off the threat? "
        "(No: report to Veilig Thuis.)"
    ),
    _(
        "Do the people involved accept that help and are they willing to work on it? "
        "(No: report to Veilig Thuis.)"
    ),
    _(
        "Does the help lead, within the desired time, to the necessary results for the safety "
        "and well-being of everyone involved? (No: report (again) to Veilig Thuis.)"
    ),
)
