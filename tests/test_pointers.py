"""Every pointer in the docs, docstrings and comments leads to something that exists.

Read: README.md and docs/**/*.md, every docstring and comment of our Python (buurtgezinnen/,
tests/, bench/, scripts/) and the ``{# #}`` comments of templates/. Checked:

- a path that starts in our tree (``tests/families/test_family_flow.py``, ``templates/base.html``,
  ``core/unchanged.py``, also followed by ``::`` and a test's name); a file inside a package we
  install (``deduce/data/...``) is not ours and not checked;
- a dotted name of ours in backticks (``org.actions.assign_stand_in``, ``policy.VOG_MAX_AGE_YEARS``,
  ``buurtgezinnen.core.client``), or written plainly in a docstring or comment;
- a URL name (``families:detail``), a page address (``/beheer/waarnemers/``), a ``manage.py``
  command, a test named ``test_...`` and a "decision N" of docs/decisions.md.
"""

from __future__ import annotations

import importlib
import io
import re
import tokenize
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from django.core.management import get_commands
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import Resolver404

ROOT = Path(__file__).resolve().parent.parent
APPS = sorted(p.name for p in (ROOT / "buurtgezinnen").iterdir() if (p / "__init__.py").is_file())
# Where a path of ours starts (an app's name stands for buurtgezinnen/<app>/ or templates/<app>/).
TOP = ("buurtgezinnen", "tests", "templates", "static", "docs", "bench", "scripts", "locale", ".ci")
CODE_DIRS = ("buurtgezinnen", "tests", "bench", "scripts")
SKIPPED_DIRS = {"migrations", "__pycache__"}
# Named in docs/decisions.md as what a decision removed.
GONE = {"public.ratelimit.client_ip", "agreements.views._client_ip"}

EXTENSIONS = r"py|html|md|txt|toml|json|ya?ml|css|js|po|csv|tsv|svg|png|ics"
PATH = re.compile(
    rf"(?<![\w/.<>*-])((?:[\w.-]+/)+(?:[\w.-]+\.(?:{EXTENSIONS})(?:::\w+)?)?)(?![\w/<*])"
)
TICKED = re.compile(r"``?([^`\s][^`]*?)``?")
OURS = "|".join(("buurtgezinnen", "policy", *APPS))
DOTTED = re.compile(rf"^(?:{OURS})(?:\.[A-Za-z_]\w*)+$")
# Dotted, but no name: a file (``policy.py``), a system check's id, a domain.
NOT_A_NAME = re.compile(rf"\.(?:{EXTENSIONS}|[EW]\d{{3}}|nl)$")
PLAIN_DOTTED = re.compile(rf"(?<![\w.@/`-])((?:{OURS})(?:\.[A-Za-z_]\w*)+)(?![\w`/-])")
URL_NAME = re.compile(r"^[a-z_]+:[a-z_]+$")
ADDRESS = re.compile(r"^/[\w<>/.-]*(?:/|\.ics)$")
COMMAND = re.compile(r"manage\.py (\w+)")
TEST_NAME = re.compile(r"(?<![\w./])(test_\w+)")
DECISIONS = re.compile(r"\b[Dd]ecisions? (\d+(?:(?:, | and | en |-)\d+)*)")


def _lines() -> Iterator[tuple[str, int, str, bool]]:
    """(file, line number, text, whether it is prose of code) of every place we read."""
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            yield str(path.relative_to(ROOT)), number, line, False
    for top in CODE_DIRS:
        for path in sorted((ROOT / top).rglob("*.py")):
            if SKIPPED_DIRS & set(path.parts):
                continue
            name = str(path.relative_to(ROOT))
            tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
            for token in tokens:
                if token.type == tokenize.COMMENT or (
                    token.type == tokenize.STRING
                    and token.string.lstrip("rRbBuUfF").startswith(('"""', "'''"))
                ):
                    for offset, line in enumerate(token.string.splitlines()):
                        yield name, token.start[0] + offset, line, True
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for comment in re.findall(r"\{#(.*?)#\}", line):
                yield str(path.relative_to(ROOT)), number, comment, True


def _path_exists(reference: str) -> bool:
    reference, _, test = reference.partition("::")
    first = reference.split("/")[0]
    if first in TOP:
        candidates = [ROOT / reference]
    elif first in APPS:
        candidates = [ROOT / "buurtgezinnen" / reference, ROOT / "templates" / reference]
    else:
        return True  # not ours: a file inside a package, a directory on a server
    found = [path for path in candidates if path.exists()]
    if not found or not test:
        return bool(found)
    return re.search(rf"^def {test}\(", found[0].read_text(), re.M) is not None


def _resolves(name: str) -> bool:
    parts = name.split(".")
    if parts[0] != "buurtgezinnen":
        parts = ["buurtgezinnen", *parts]
    for cut in range(len(parts), 1, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attribute in parts[cut:]:
                target = getattr(target, attribute)
        except AttributeError:
            return False
        return True
    return False


@cache
def _url_names() -> frozenset[str]:
    names = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "")
    return frozenset(names)


def _address_exists(address: str) -> bool:
    for sample in ("1", "abc"):
        try:
            get_resolver().resolve(re.sub(r"<[^>]+>", sample, address))
        except Resolver404:
            continue
        return True
    return False


@cache
def _test_names() -> frozenset[str]:
    names = set()
    for path in (ROOT / "tests").rglob("*.py"):
        names.add(path.stem)
        names.update(re.findall(r"^\s*def (test_\w+)", path.read_text(), re.M))
    return frozenset(names)


def _decision_numbers() -> set[str]:
    text = (ROOT / "docs" / "decisions.md").read_text()
    return set(re.findall(r"^## (\d+)\.", text, re.M))


def broken_pointers() -> list[str]:
    decisions = _decision_numbers()
    commands = get_commands()
    broken = []
    for source, number, text, is_code in _lines():
        where = f"{source}:{number}"
        broken += [f"{where}: {ref}" for ref in PATH.findall(text) if not _path_exists(ref)]
        for found in DECISIONS.findall(text):
            broken += [
                f"{where}: decision {n}" for n in re.findall(r"\d+", found) if n not in decisions
            ]
        broken += [
            f"{where}: manage.py {command}"
            for command in COMMAND.findall(text)
            if command not in commands
        ]
        broken += [
            f"{where}: {name}" for name in TEST_NAME.findall(text) if name not in _test_names()
        ]
        names = [re.sub(r"\(.*\)$", "", ref) for ref in TICKED.findall(text)]
        if is_code:
            names += PLAIN_DOTTED.findall(text)
        for name in names:
            if NOT_A_NAME.search(name) or name in GONE:
                continue
            if DOTTED.match(name) and not _resolves(name):
                broken.append(f"{where}: {name}")
            elif URL_NAME.match(name) and name not in _url_names():
                broken.append(f"{where}: URL name {name}")
            elif ADDRESS.match(name) and not _address_exists(name):
                broken.append(f"{where}: address {name}")
    return broken


def test_every_pointer_leads_somewhere() -> None:
    broken = broken_pointers()
    assert not broken, "Pointers to nothing:\n" + "\n".join(broken)


def test_the_check_finds_a_broken_pointer_of_each_kind(tmp_path: Path) -> None:
    # Guards the check itself: each kind of pointer, once to something and once to nothing.
    assert _path_exists("tests/families/test_family_flow.py::test_workflow_graph_is_what_we_mean")
    assert not _path_exists("tests/families/test_workflow.py")
    assert not _path_exists("tests/families/test_family_flow.py::test_nothing")
    assert _path_exists("core/unchanged.py") and _path_exists("public/_honeypot.html")
    assert not _path_exists("org/actions_gone.py")
    assert _path_exists("deduce/data/lookup/src/")  # not ours
    assert _resolves("org.actions.assign_stand_in") and _resolves("policy.VOG_MAX_AGE_YEARS")
    assert _resolves("families.models.Vog.objects.valid_on")
    assert not _resolves("org.actions.assign_nobody") and not _resolves("org.nowhere.thing")
    assert "families:detail" in _url_names() and "families:nothing" not in _url_names()
    assert _address_exists("/beheer/waarnemers/") and _address_exists("/kalender/<token>.ics")
    assert "test_every_pointer_leads_somewhere" in _test_names()
    assert PATH.findall("see `templates/includes/pagination.html`, then org/views.py.") == [
        "templates/includes/pagination.html",
        "org/views.py",
    ]
    assert PLAIN_DOTTED.findall("views pass their data to org.actions. A mail to x@demo.nl") == [
        "org.actions"
    ]
    assert DECISIONS.findall("decisions 3, 31 and 35; decision 7") == ["3, 31 and 35", "7"]
