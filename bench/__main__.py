"""Runs every benchmark and writes docs/benchmarks.md: `make bench` (or `python -m bench`)."""

from __future__ import annotations

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

from bench import anonymity, matching, public_page  # noqa: E402

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


def kept_sections(text: str) -> list[str]:
    """The sections of the current docs/benchmarks.md that `make bench` does not measure."""
    kept = []
    for heading in KEPT_SECTIONS:
        start = text.find(heading + "\n")
        if start < 0:
            continue
        end = text.find("\n## ", start + len(heading))
        kept.append(text[start : end if end >= 0 else len(text)].rstrip() + "\n")
    return kept


def main() -> None:
    path = ROOT / "docs" / "benchmarks.md"
    kept = kept_sections(path.read_text(encoding="utf-8")) if path.exists() else []
    sections = [matching.run(), public_page.run(), anonymity.run(), *kept]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `make bench` (`bench/`); every ratio is measured within one run.",
            "",
            f"- Date: {date.today().isoformat()}",
            f"- Machine: {machine()}",
            f"- Commit: {commit or 'unknown'}",
            "",
            *sections,
        ]
    )
    path.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
