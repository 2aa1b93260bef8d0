"""The pure cores are pure: each imports in a fresh interpreter without Django settings, and
brings in no Django and no models. Their values are the models' values; their reasons are worded
at the edge, every one of them.

``CORE_MODULES`` is the one list of the pure cores (``docs/architecture.md`` names them).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import models

CORE_MODULES = (
    "buurtgezinnen.policy",
    "buurtgezinnen.geo.postcodes",
    "buurtgezinnen.org.enums",
    "buurtgezinnen.families.enums",
    "buurtgezinnen.families.workflow",
    "buurtgezinnen.matching.enums",
    "buurtgezinnen.matching.scoring",
    "buurtgezinnen.matching.assignment",
    "buurtgezinnen.matching.schedule",
    "buurtgezinnen.concerns.enums",
    "buurtgezinnen.concerns.meldcode",
    "buurtgezinnen.recruitment.anonymity",
    "buurtgezinnen.recruitment.quasi",
)

ROOT = Path(__file__).resolve().parent.parent

# Imports the module, then reports what else came with it.
PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def loaded_with(module: str) -> list[str]:
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(  # noqa: S603 (our own interpreter and module names)
        [sys.executable, "-c", PROBE, module],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"{module} does not import without Django settings:\n{done.stderr}"
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_a_core_imports_without_django_and_without_models(module: str) -> None:
    loaded = loaded_with(module)
    assert module in loaded
    django = [name for name in loaded if name == "django" or name.startswith("django.")]
    assert django == [], f"{module} brings in Django: {django[:5]}"
    model_modules = [
        name for name in loaded if name.startswith("buurtgezinnen.") and name.endswith(".models")
    ]
    assert model_modules == [], f"{module} brings in models: {model_modules}"


def test_the_architecture_names_the_same_cores() -> None:
    """``docs/architecture.md`` lists the pure cores ("Pure cores"): the same modules."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("\n## Pure cores\n", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(buurtgezinnen/[\w/]+)\.py`", section))
    assert named == {module.replace(".", "/") for module in CORE_MODULES}


# --- the values are the models' values ----------------------------------------------------------


def choices_and_enums() -> list[tuple[type[models.Choices], type]]:
    from buurtgezinnen.concerns import enums as concern_enums
    from buurtgezinnen.concerns import models as concern_models
    from buurtgezinnen.families import enums as family_enums
    from buurtgezinnen.families import models as family_models
    from buurtgezinnen.matching import enums as matching_enums
    from buurtgezinnen.matching import models as matching_models
    from buurtgezinnen.org import enums as org_enums
    from buurtgezinnen.org import models as org_models

    return [
        (family_models.Kind, family_enums.Kind),
        (family_models.Status, family_enums.Status),
        (family_models.SupportType, family_enums.SupportType),
        (family_models.DayPart, family_enums.DayPart),
        (matching_models.MatchStatus, matching_enums.MatchStatus),
        (matching_models.ReviewKind, matching_enums.ReviewKind),
        (concern_models.Step, concern_enums.Step),
        (org_models.Role, org_enums.Role),
    ]


@pytest.mark.parametrize(("choices", "enum"), choices_and_enums())
def test_the_models_choices_are_the_plain_enums_with_labels(choices: type, enum: type) -> None:
    assert [(member.name, member.value) for member in choices] == [
        (member.name, member.value) for member in enum
    ]
    # Stored as plain values, not as the enum's members.
    assert all(type(value) in (str, int) for value in choices.values)


# --- every reason has its words -----------------------------------------------------------------


def test_every_matching_reason_has_dutch_words() -> None:
    from django.utils import translation

    from buurtgezinnen.matching.scoring import Reason, ReasonCode
    from buurtgezinnen.matching.wording import Words

    figures = {
        ReasonCode.DISTANCE: Reason(ReasonCode.DISTANCE, numbers=(2.14,)),
        ReasonCode.SHARED_DAYS: Reason(ReasonCode.SHARED_DAYS, values=("wed_afternoon",)),
        ReasonCode.SHARED_SUPPORT: Reason(ReasonCode.SHARED_SUPPORT, values=("homework",)),
        ReasonCode.SHARED_LANGUAGES: Reason(ReasonCode.SHARED_LANGUAGES, values=("Arabisch",)),
        ReasonCode.TOO_FAR: Reason(ReasonCode.TOO_FAR, numbers=(12.25, 10)),
        ReasonCode.TOO_MANY_CHILDREN: Reason(ReasonCode.TOO_MANY_CHILDREN, numbers=(2,)),
        ReasonCode.AGES: Reason(ReasonCode.AGES, numbers=(4, 12)),
    }
    with translation.override("nl"):
        words = Words()
        said = {code: words.reason(figures.get(code, Reason(code))) for code in ReasonCode}
    assert said[ReasonCode.DISTANCE] == "2,1 km"
    assert said[ReasonCode.SHARED_DAYS] == "allebei woensdagmiddag"
    assert said[ReasonCode.TOO_FAR] == "12,2 km weg, reist hoogstens 10 km"
    assert said[ReasonCode.AGES] == "kinderen van 4 tot 12 jaar"
    assert said[ReasonCode.VOG_MISSING] == "VOG ontbreekt"
    # Every code in Dutch words of its own: none left as a code or in English.
    assert len(set(said.values())) == len(ReasonCode)
    with translation.override("en"):
        english = {code: Words().reason(figures.get(code, Reason(code))) for code in ReasonCode}
    assert all(said[code] != english[code] for code in ReasonCode)


def test_every_anonymity_reason_has_dutch_words() -> None:
    from django.utils import translation

    from buurtgezinnen.recruitment.anonymity import Finding, Reason
    from buurtgezinnen.recruitment.wording import REASONS, reason

    assert set(REASONS) == set(Reason)
    with translation.override("nl"):
        said = {code: reason(Finding(0, 1, "x", code)) for code in Reason}
    with translation.override("en"):
        english = {code: reason(Finding(0, 1, "x", code)) for code in Reason}
    assert said[Reason.PHONE] == "een telefoonnummer"
    assert len(set(said.values())) == len(Reason)
    assert all(said[code] != english[code] for code in Reason)
