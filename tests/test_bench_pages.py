"""The staff-page benchmark (bench/pages.py) knows every staff GET page of the permission matrix,
so that a new page cannot be left unmeasured. Nothing here runs the benchmark."""

from __future__ import annotations

from typing import Any

from bench import pages


def _rules() -> dict[str, Any]:
    # Imported here: the matrix imports every module of tests/ while it collects its rules.
    from tests.test_permission_matrix import RULES

    return RULES


def test_every_staff_page_is_measured_or_skipped_with_a_reason() -> None:
    staff = pages.staff_get_pages(_rules())
    listed = set(pages.PAGES) | set(pages.SKIPPED)
    assert not staff - listed, (
        f"Staff GET pages the benchmark does not know (add them to bench/pages.py PAGES, or to "
        f"SKIPPED with a reason): {sorted(staff - listed)}"
    )
    assert not listed - staff, f"Not staff GET pages of the matrix: {sorted(listed - staff)}"
    assert not set(pages.PAGES) & set(pages.SKIPPED)
    assert all(reason.strip() for reason in pages.SKIPPED.values())


def test_public_pages_and_forms_are_not_staff_pages() -> None:
    staff = pages.staff_get_pages(_rules())
    assert "account_login" not in staff  # public
    assert "matching:propose" not in staff  # POST only
    assert "families:detail" in staff


def _row(
    ms: float, queries: int, sql_ms: float = 1.0, status: int = 200, slowest: float = 0.5
) -> dict[str, Any]:
    return {
        "url": "/x/",
        "status": status,
        "ms": ms,
        "sql_ms": sql_ms,
        "queries": queries,
        "queries_vary": [queries],
        "kib": 12.0,
        "slowest_sql": "SELECT 1",
        "slowest_ms": slowest,
    }


def test_verdict_names_the_reason() -> None:
    assert pages.verdict(_row(20, 9), _row(80, 9)) == "ok"
    assert pages.verdict(_row(20, 19), _row(80, 23)) == "queries grow: 19 → 23"
    assert pages.verdict(_row(20, 9), _row(500, 9, sql_ms=400, slowest=300)) == (
        "slow: SQL 80% of time (slowest query 300 ms)"
    )
    assert pages.verdict(_row(20, 9), _row(500, 9, sql_ms=50)) == "slow: SQL 10% of time, 12 KiB"
    assert pages.verdict(_row(20, 9), _row(20, 9, status=404)) == "out of scope (404)"
    assert pages.verdict(_row(20, 9), _row(20, 9, status=302)) == "answers 302"


def test_table_has_a_row_per_page_and_actor() -> None:
    def result(size: int, ms: float) -> dict[str, Any]:
        return {
            "size": size,
            "municipality": "Amsterdam",
            "region": "Amsterdam en omgeving",
            "results": {
                "families:detail|coordinator": _row(ms, 9),
                "families:detail|regional": _row(ms, 10),
            },
        }

    text = pages.table([result(100_000, 150), result(1000, 20)])
    assert text.startswith(pages.HEADING)
    assert "| families:detail | coordinator | 20 | 150 | 9 / 9 | 1 | 12 | slow:" in text
    assert "| median ms 1k | median ms 100k | queries 1k / 100k |" in text
    assert "0 of 2 measured (page, actor) pairs ok, 2 not" in text


def test_variants_of_a_list_are_pages_of_their_own() -> None:
    class Picks:
        class municipality:
            pk = 7

        class request_family:
            name = "Jansen"

    urls = dict(pages._urls("families:overview", "/x/", _rules()["families:overview"], Picks()))
    assert urls["families:overview"] == "/x/"
    assert urls["families:overview?lijst=vog"] == "/x/?lijst=vog"
    assert urls["families:overview?q={surname}&gemeente={municipality}"] == (
        "/x/?q=Jansen&gemeente=7"
    )
