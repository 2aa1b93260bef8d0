"""Dutch is complete: every string in the code has a Dutch translation."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.conftest import in_ci

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale/nl/LC_MESSAGES/django.po"
IGNORE = [".venv/*", "staticfiles/*", "var/*", "tests/*", "scripts/*"]


def test_dutch_po_has_no_missing_or_fuzzy_translations() -> None:
    po = polib.pofile(str(PO))
    assert not po.untranslated_entries()
    assert not po.fuzzy_entries()
    assert len(po.translated_entries()) > 100


def test_po_file_covers_every_string_in_the_code(tmp_path: Path, monkeypatch) -> None:
    if shutil.which("xgettext") is None:
        if in_ci():
            pytest.fail("GNU gettext (xgettext) is missing in CI")
        pytest.skip("GNU gettext (xgettext) is not installed")
    # makemessages writes next to the code, into locale/: keep the committed file and restore it.
    monkeypatch.chdir(ROOT)
    kept = tmp_path / "django.po"
    shutil.copy2(PO, kept)
    try:
        call_command(
            "makemessages", locale=["nl"], ignore_patterns=IGNORE, no_obsolete=True, verbosity=0
        )
        fresh = {entry.msgid for entry in polib.pofile(str(PO))}
    finally:
        shutil.copy2(kept, PO)
    committed = {entry.msgid for entry in polib.pofile(str(PO))}
    assert fresh - committed == set(), "run `make messages` and translate the new strings"


@pytest.mark.django_db
def test_pages_are_dutch_by_default_and_english_on_request() -> None:
    dutch = Client().get("/").content.decode()
    assert "Direct naar de inhoud" in dutch
    assert 'lang="nl"' in dutch
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/").content.decode()
    assert "Skip to main content" in english


@pytest.mark.django_db
def test_error_pages_are_dutch_without_a_stack_trace() -> None:
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_dutch_and_has_no_trace(monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("secret detail j.jansen@example.nl")

    monkeypatch.setattr("buurtgezinnen.core.views.render", explode)
    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=False):
        response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in body
    assert "Traceback" not in body
    assert "secret detail" not in body
