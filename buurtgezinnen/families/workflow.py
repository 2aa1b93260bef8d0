"""The allowed moves of a family's status, in one place, with the roles that may make them.

``tests/families/test_family_flow.py::test_workflow_graph_is_what_we_mean`` prints and checks it.

Pure: plain values (``enums.py``), no Django. Making a move (the row lock, the timeline event and
what the apps above families do after it, ``AFTER_MOVE``) is ``actions.py``'s.
"""

from __future__ import annotations

from buurtgezinnen.families.enums import Kind, Status
from buurtgezinnen.org.enums import Role

CASE_WORKERS = frozenset({Role.COORDINATOR, Role.REGIONAL_COORDINATOR})

# (kind, from) -> the statuses it may move to. Every move is made by a coordinator, or by the
# regional coordinator acting for one.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Kind.REQUEST, Status.NEW): frozenset(
        {Status.INTAKE, Status.REFERRED, Status.DECLINED, Status.WITHDRAWN}
    ),
    (Kind.REQUEST, Status.INTAKE): frozenset(
        {Status.WAITING, Status.REFERRED, Status.DECLINED, Status.WITHDRAWN}
    ),
    (Kind.REQUEST, Status.WAITING): frozenset({Status.MATCHED, Status.WITHDRAWN}),
    # Closing the match (matching/actions.py): completed after two years, or ended early and then
    # back to the waiting list, referred to heavier help, or stopped.
    (Kind.REQUEST, Status.MATCHED): frozenset(
        {Status.COMPLETED, Status.WAITING, Status.REFERRED, Status.ENDED}
    ),
    (Kind.SUPPORT, Status.NEW): frozenset({Status.SCREENING, Status.WITHDRAWN}),
    (Kind.SUPPORT, Status.SCREENING): frozenset(
        {Status.AVAILABLE, Status.NOT_APPROVED, Status.WITHDRAWN}
    ),
    (Kind.SUPPORT, Status.AVAILABLE): frozenset({Status.WITHDRAWN}),
}

# The status a family's first planned or recorded conversation moves it to.
FIRST_CONVERSATION: dict[str, Status] = {
    Kind.REQUEST: Status.INTAKE,
    Kind.SUPPORT: Status.SCREENING,
}
# The outcomes of the decision after intake (requesting) or screening (support).
DECISIONS: dict[str, tuple[Status, ...]] = {
    Kind.REQUEST: (Status.WAITING, Status.REFERRED, Status.DECLINED, Status.WITHDRAWN),
    Kind.SUPPORT: (Status.AVAILABLE, Status.NOT_APPROVED, Status.WITHDRAWN),
}
# Statuses where the family is still being worked on (lists "to do").
OPEN = frozenset({Status.NEW, Status.INTAKE, Status.SCREENING})


def can_move(kind: str, current: str, target: str) -> bool:
    return target in TRANSITIONS.get((kind, current), frozenset())
