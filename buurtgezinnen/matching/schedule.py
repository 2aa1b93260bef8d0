"""What is due for a match, computed from its state and ``policy``; nothing due is stored.

Pure: plain values in, a plain ``Due`` out. Its name on a page is the edge's
(``matching.actions.next_review`` gives the kind as the model's ``ReviewKind``, with its label).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from buurtgezinnen import policy
from buurtgezinnen.matching.enums import MatchStatus, ReviewKind


@dataclass(frozen=True)
class Due:
    kind: str  # a ReviewKind
    on: date


def next_review(
    status: str, trial_started_on: date | None, last_held_on: date | None
) -> Due | None:
    """The next conversation of an open match: the evaluation at the end of the trial period,
    then a progress review six months after the last one held, and the closing conversation when
    the two years are over (instead of a progress review that would fall after it)."""
    if trial_started_on is None or status not in (
        MatchStatus.TRIAL,
        MatchStatus.RUNNING,
        MatchStatus.CLOSING,
    ):
        return None
    if status == MatchStatus.TRIAL:
        return Due(ReviewKind.EVALUATION, policy.evaluation_due(trial_started_on))
    ends = policy.guidance_ends(trial_started_on)
    if status == MatchStatus.CLOSING:
        return Due(ReviewKind.CLOSING, ends)
    progress = policy.next_progress_review(last_held_on or trial_started_on)
    if progress >= ends:
        return Due(ReviewKind.CLOSING, ends)
    return Due(ReviewKind.PROGRESS, progress)
