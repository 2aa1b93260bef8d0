"""Every ``# type: ignore`` in the application names its error code and says why, on its line.

mypy runs in CI (``make lint``) with ``warn_unused_ignores``, so an ignore that is no longer
needed fails there; this test holds the other half of the rule (docs/architecture.md, "Types"):
``# type: ignore[code]  # reason``. It reads comments only (``tokenize``), so a string that
mentions the rule is not a hit. Fast, no database.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "buurtgezinnen"

IGNORE = re.compile(r"#\s*type:\s*ignore\b")
# ``# type: ignore[code, code]`` and then, after another ``#``, at least a word of reason.
WELL_FORMED = re.compile(r"#\s*type:\s*ignore\[[a-z0-9-]+(?:,\s*[a-z0-9-]+)*\]\s*#\s*\S.*")


def bad_ignores(source: str) -> list[tuple[int, str]]:
    """(line, comment) of each ``type: ignore`` comment without a code or without a reason."""
    bad = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT or not IGNORE.search(token.string):
            continue
        if not WELL_FORMED.search(token.string):
            bad.append((token.start[0], token.string))
    return bad


def test_every_type_ignore_has_a_code_and_a_reason() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line}: {comment}"
        for path in sorted(APP.rglob("*.py"))
        for line, comment in bad_ignores(path.read_text(encoding="utf-8"))
    ]
    assert not bad, "Write '# type: ignore[code]  # reason':\n" + "\n".join(bad)


@pytest.mark.parametrize(
    "line",
    [
        "x = f()  # type: ignore\n",
        "x = f()  # type: ignore[arg-type]\n",
        "x = f()  # type: ignore[arg-type]  #\n",
        "x = f()  # type: ignore  # the stubs are wrong\n",
        "x = f()  # type:ignore[]  # the stubs are wrong\n",
    ],
)
def test_an_ignore_without_code_or_reason_is_caught(line: str) -> None:
    assert bad_ignores(line) == [(1, line.split("  ", 1)[1].rstrip("\n"))]


@pytest.mark.parametrize(
    "line",
    [
        "x = f()  # type: ignore[arg-type]  # django-stubs types this as Field\n",
        "x = f()  # type: ignore[attr-defined, union-attr]  # annotated by with_vog_state()\n",
        'x = "# type: ignore"\n',
    ],
)
def test_a_well_formed_ignore_passes(line: str) -> None:
    assert bad_ignores(line) == []
