"""Production configuration: `check --deploy` is clean, and DEMO_MODE refuses to run there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="buurtgezinnen.settings",
        SECRET_KEY="x" * 20 + "-production-like-secret-key-with-enough-entropy-" + "y" * 20,
        ALLOWED_HOSTS="buurtgezinnen.example.nl",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        VAR_DIR=str(tmp_path),
        TRUSTED_PROXY_COUNT="1",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_proxy_is_not_configured(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["TRUSTED_PROXY_COUNT"]
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "buurtgezinnen.W001" in result.stderr + result.stdout
    # The name older deployments used still counts.
    result = manage(
        {**env, "AXES_IPWARE_PROXY_COUNT": "1"}, "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_demo_mode_is_refused_in_a_production_configuration(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path, DEMO_MODE="true"), "check")
    assert result.returncode != 0
    assert "buurtgezinnen.E001" in result.stderr


def test_wsgi_refuses_to_start_with_demo_mode_in_production(tmp_path: Path) -> None:
    env = production_env(tmp_path, DEMO_MODE="true")
    result = subprocess.run(
        [sys.executable, "-c", "import buurtgezinnen.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "DEMO_MODE is on in a production configuration" in result.stderr


def test_demo_mode_is_fine_locally(tmp_path: Path) -> None:
    env = production_env(tmp_path, DEMO_MODE="true", HTTPS="false")
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    result = manage(env, "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_load_demo_refuses_without_demo_mode() -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo")
