"""The reporting code (Meldcode huiselijk geweld en kindermishandeling) as data and pure rules.

The five steps (Rijksoverheid, Wet verplichte meldcode; see docs/handleiding/zorgen-en-meldcode.md):
1. signalen in kaart brengen; 2. collegiale consultatie en zo nodig Veilig Thuis raadplegen;
3. gesprek met de ouders (tenzij dat de veiligheid in gevaar brengt); 4. wegen met het
afwegingskader; 5. beslissen: hulp organiseren en/of melden bij Veilig Thuis.
The five questions of the afwegingskader (NJi, "Het afwegingskader in de meldcode") are in
``QUESTIONS``. Steps are recorded in this order; "acute unsafety: report now" can be recorded at
any moment before the decision, and like the decision it finishes the procedure.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from buurtgezinnen.concerns.models import FINAL_STEPS, Step

ORDERED = (Step.SIGNS, Step.CONSULT, Step.TALK, Step.WEIGH, Step.DECIDE)

# What each step asks, in plain words, shown above its form.
GUIDANCE = {
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

# The five questions of the afwegingskader (paraphrased from the NJi text).
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


def is_finished(recorded: Iterable[int]) -> bool:
    return any(step in FINAL_STEPS for step in recorded)


def next_step(recorded: Iterable[int]) -> Step | None:
    """The one step that may be recorded next, or None once the procedure is finished."""
    done = set(recorded)
    if is_finished(done):
        return None
    for step in ORDERED:
        if step not in done:
            return step
    return None


def may_record(recorded: Iterable[int], step: int) -> bool:
    done = list(recorded)
    expected = next_step(done)
    if expected is None:
        return False
    return step == Step.ACUTE or step == expected
