"""Every query-count bound in the tests says which queries it counts (issue 11).

A bound is a call of ``django_assert_num_queries``, ``django_assert_max_num_queries`` or
``assertNumQueries``, a ``max_queries=`` keyword (a permission-matrix rule in
``tests/<app>/matrix_rules.py``, ``PUBLIC_PAGE`` in tests/matrix.py) and the default
``max_queries`` of ``Rule`` in tests/matrix.py.

The rule: a comment stands on the bound's own line, or on a comment line directly above it. A
``max_queries=`` may instead have it on, or directly above, the line that opens its rule
(``"families:detail": Rule(``), where the rule's arguments share one line. A pragma
(``# type: ...``, ``# noqa``) is not a comment that says anything. What the comment says is up to
its writer; tests/matrix.py (at ``Rule.max_queries``) explains the shorthand the matrix uses
("base (8)").
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
BOUND_CALLS = {"django_assert_num_queries", "django_assert_max_num_queries", "assertNumQueries"}
PRAGMAS = ("type:", "noqa", "pragma:")


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def bounds(source: str) -> Iterator[tuple[int, int]]:
    """(line of the bound, line that opens the call it is part of) of every bound in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            if _called(node) in BOUND_CALLS:
                yield node.lineno, node.lineno
            for keyword in node.keywords:
                if keyword.arg == "max_queries":
                    yield keyword.lineno, node.lineno
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "max_queries"
        ):
            yield node.lineno, node.lineno


def comments(source: str) -> tuple[set[int], set[int]]:
    """Lines with a comment that is not a pragma, and those of them that hold nothing else."""
    with_comment: set[int] = set()
    only_comment: set[int] = set()
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        if token.string.lstrip("#").strip().startswith(PRAGMAS):
            continue
        number = token.start[0]
        with_comment.add(number)
        if lines[number - 1].lstrip().startswith("#"):
            only_comment.add(number)
    return with_comment, only_comment


def uncommented(source: str) -> list[int]:
    """Lines of the bounds in ``source`` without a comment, by the rule above."""
    with_comment, only_comment = comments(source)

    def said(line: int) -> bool:
        return line in with_comment or line - 1 in only_comment

    return sorted(line for line, opened in bounds(source) if not said(line) and not said(opened))


def test_every_query_bound_says_what_it_counts() -> None:
    missing = []
    found = 0
    for path in sorted(TESTS.rglob("*.py")):
        source = path.read_text()
        found += sum(1 for _ in bounds(source))
        missing += [f"{path.relative_to(ROOT)}:{line}" for line in uncommented(source)]
    assert found > 100, f"only {found} bounds found: does the search still see them?"
    assert not missing, "Query bounds without a comment saying what they count:\n" + "\n".join(
        missing
    )


def test_the_rule_reads_what_it_should() -> None:
    source = """
RULES = {
    "a": Rule(max_queries=10),
    # base (8) + family (1)
    "b": Rule(max_queries=10),
    "c": Rule(max_queries=10),  # base (8)
    # base (8) + family (1)
    "d": Rule(
        objects=f, max_queries=10, post={}
    ),
    "e": Rule(
        objects=f,
        max_queries=10,
    ),
}


def test(django_assert_num_queries):
    with django_assert_num_queries(3):  # type: ignore[operator]
        pass
    x = 1  # something else
    with django_assert_num_queries(3):
        pass
"""
    assert uncommented(source) == [3, 13, 19, 22]
