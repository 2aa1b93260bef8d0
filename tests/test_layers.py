"""Imports point one way (docs/architecture.md, "Layers").

The layers are the import-linter contract in pyproject.toml. The first test holds the code to it;
the second shows, on a copy of the code, that the contract catches an import against the
direction even inside a function, so the first cannot pass by checking nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


def test_imports_follow_the_layers(capsys: pytest.CaptureFixture[str]) -> None:
    result = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    assert result == 0, capsys.readouterr().out


def test_an_import_against_the_layers_fails(tmp_path: Path) -> None:
    """families (low) importing the agenda (high) inside a function breaks the contract."""
    shutil.copytree(
        ROOT / "buurtgezinnen",
        tmp_path / "buurtgezinnen",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    selectors = tmp_path / "buurtgezinnen" / "families" / "selectors.py"
    selectors.write_text(
        selectors.read_text()
        + "\n\ndef _upward() -> None:\n    from buurtgezinnen.agenda import page  # noqa: F401\n"
    )
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(  # noqa: S603 (our own tool on our own code)
        [str(lint), "--config", str(PYPROJECT), "--no-cache"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "buurtgezinnen.families is not allowed to import buurtgezinnen.agenda" in run.stdout
    assert "buurtgezinnen.families.selectors -> buurtgezinnen.agenda.page" in run.stdout
