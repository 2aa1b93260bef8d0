"""The reporting code (Meldcode huiselijk geweld en kindermishandeling) as data and pure rules.

The five steps (Rijksoverheid, Wet verplichte meldcode; see docs/handleiding/zorgen-en-meldcode.md):
1. signalen in kaart brengen; 2. collegiale consultatie en zo nodig Veilig Thuis raadplegen;
3. gesprek met de ouders (tenzij dat de veiligheid in gevaar brengt); 4. wegen met het
afwegingskader; 5. beslissen: hulp organiseren en/of melden bij Veilig Thuis.
Steps are recorded in this order; "acute unsafety: report now" can be recorded at any moment
before the decision, and like the decision it finishes the procedure.

Pure: step numbers in and out, no Django. The words are the pages': each step's name is the
model's ``Step`` label; what each step asks and the five questions of the afwegingskader (NJi,
"Het afwegingskader in de meldcode") are in ``wording.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

from buurtgezinnen.concerns.enums import Step

ORDERED = (Step.SIGNS, Step.CONSULT, Step.TALK, Step.WEIGH, Step.DECIDE)
# After one of these the procedure is finished: no further step can be recorded.
FINAL_STEPS = frozenset({Step.DECIDE, Step.ACUTE})


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
