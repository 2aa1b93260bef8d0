"""Runs every benchmark and writes docs/benchmarks.md: `make bench` (or `python -m bench`).

The staff pages (bench/pages.py) need PostgreSQL: `BENCH_DATABASE_URL=postgres://… make bench`
runs them with the others; `python -m bench pages [--sizes 1000,100000] [--repeat 7]` runs only
them and keeps the other sections of the file. Without the URL the file keeps the pages' section
of an earlier run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
from datetime import date
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()  # the test client's host, locmem mail, no real side effects

from bench import anonymity, matching, pages, public_page  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count()
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {cores} cores{memory}; Python {platform.python_version()}, {platform.system()}"


# Measured by hand, not by `make bench` (it needs an empty PostgreSQL database and minutes): the
# section is carried over from the file as it is.
KEPT_SECTIONS = ("## National data set",)
SECTIONS = ("## Matching", "## Public municipality page", "## Anonymity check")


def kept_sections(text: str, headings: tuple[str, ...] = KEPT_SECTIONS) -> list[str]:
    """The sections of the current docs/benchmarks.md that `make bench` does not measure."""
    kept = []
    for heading in headings:
        start = text.find(heading + "\n")
        if start < 0:
            continue
        end = text.find("\n## ", start + len(heading))
        kept.append(text[start : end if end >= 0 else len(text)].rstrip() + "\n")
    return kept


def current_commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("only", nargs="?", choices=["pages"], help="run only the staff pages")
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in pages.SIZES),
        help="families per data set for the staff pages, comma-separated (1000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=pages.REPEAT, help="requests per page")
    parser.add_argument(
        "--table-only",
        action="store_true",
        help="with pages: write the table again from the last run's figures (var/bench_pages.json)",
    )
    options = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL", "")
    if options.only == "pages" and options.table_only:
        database = ""
    elif options.only == "pages" and not database.startswith("postgres"):
        raise SystemExit("The staff pages need PostgreSQL: set BENCH_DATABASE_URL=postgres://…")
    path = ROOT / "docs" / "benchmarks.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    commit = current_commit()
    if options.only == "pages":
        sections = kept_sections(old, SECTIONS)
    else:
        sections = [matching.run(), public_page.run(), anonymity.run()]
    if database.startswith("postgres"):
        sizes = tuple(int(size) for size in options.sizes.split(","))
        sections.append(pages.run(database, commit, sizes, options.repeat))
    elif options.table_only:
        sections.append(pages.table_again())
    else:
        print(
            "The staff pages benchmark needs PostgreSQL: set BENCH_DATABASE_URL=postgres://… "
            "(bench/pages.py); docs/benchmarks.md keeps its section of an earlier run."
        )
        sections += kept_sections(old, (pages.HEADING,))
    sections += kept_sections(old)
    header = [
        f"- Date: {date.today().isoformat()}",
        f"- Machine: {machine()}",
        f"- Commit: {commit or 'unknown'}",
    ]
    if options.only == "pages":  # the other sections keep the date and commit they were run at
        before = old.split("\n## ", 1)[0].splitlines()
        header = [line for line in before if line.startswith("- ")] or header
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `make bench` (`bench/`); every ratio is measured within one run.",
            "",
            *header,
            "",
            *sections,
        ]
    )
    path.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
