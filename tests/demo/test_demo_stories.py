"""The demo's story data file: how its long texts are written, the placeholders they use, and
the loader's refusal of values that are not the models' choices. No database needed."""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from buurtgezinnen.demo import stories

REQUEST_PLACEHOLDERS = {"ouder", "partner", "kind", "jongste"}
SUPPORT_PLACEHOLDERS = {"ouder", "partner"}


def texts(value: Any) -> Iterator[str]:
    """Every string in a loaded structure."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from texts(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(key)
            yield from texts(item)
    elif isinstance(value, list | tuple | frozenset):
        for item in value:
            yield from texts(item)


def placeholders(value: Any) -> set[str]:
    return {
        name
        for text in texts(value)
        for _, name, _, _ in string.Formatter().parse(text)
        if name is not None
    }


def test_a_continued_line_keeps_the_space_between_two_words() -> None:
    # TOML joins "heb ik \" and "weinig" into "heb ik weinig"; without the space before the
    # backslash the two words would run together ("heb ikweinig").
    lines = stories.DATA_FILE.read_text("utf-8").splitlines()
    glued = [
        number
        for number, line in enumerate(lines, start=1)
        if line.endswith("\\") and not line.endswith((" \\", '"""\\'))
    ]
    assert glued == []
    assert sum(line.endswith(" \\") for line in lines) > 100


def test_texts_have_no_stray_whitespace_and_only_known_placeholders() -> None:
    data = stories.load()
    for text in texts(data):
        assert text == text.strip() and "  " not in text and "\n" not in text, text
    requests = (data.suitable, data.referred, data.declined, data.referral_notes)
    assert placeholders(requests) == REQUEST_PLACEHOLDERS
    assert placeholders((data.support, data.not_approved)) == SUPPORT_PLACEHOLDERS
    assert placeholders(data.withdrawn_reasons) | placeholders(data.support_withdrawn) <= {"ouder"}


def test_every_criterion_a_story_rates_is_in_the_profile() -> None:
    data = stories.load()
    names = {name for name, _ in data.criteria}
    assert set(data.criterion_notes) <= names
    for story in data.not_approved:
        assert story.ratings and set(story.ratings) <= names


@pytest.mark.parametrize(
    ("original", "changed"),
    [
        ('poverty = "yes"', 'poverty = "maybe"'),
        ('category = "district_team"', 'category = "neighbours"'),
        ('["wed_afternoon"]', '["wednesday"]'),
    ],
)
def test_a_value_that_is_not_a_choice_fails_the_load(
    tmp_path: Path, original: str, changed: str
) -> None:
    text = stories.DATA_FILE.read_text("utf-8")
    assert original in text
    path = tmp_path / "families.toml"
    path.write_text(text.replace(original, changed, 1), "utf-8")
    with pytest.raises(ValueError, match=re.escape(changed.split('"')[1])):
        stories.load(path)


def test_a_key_the_stories_do_not_know_fails_the_load(tmp_path: Path) -> None:
    text = stories.DATA_FILE.read_text("utf-8")
    path = tmp_path / "families.toml"
    path.write_text(text.replace("[[suitable]]\n", "[[suitable]]\nmood = 'sunny'\n", 1), "utf-8")
    with pytest.raises(TypeError, match="mood"):
        stories.load(path)
