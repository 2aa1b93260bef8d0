"""The anonymity check on a table of Dutch texts: what it finds, and what it (knowingly) misses."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from buurtgezinnen.recruitment import deep_check
from buurtgezinnen.recruitment.anonymity import Record, check, passes_eleven_test

RECORD = Record(
    names=("Samira", "El Idrissi", "Yasmine", "Noah"),
    streets=("Amsterdamsestraatweg",),
    house_numbers=("112",),
    postcodes=("3513 AB",),
    phones=("06-12345678",),
    emails=("samira.elidrissi@example.nl",),
    dates_of_birth=(date(2016, 3, 12),),
    schools=("De Regenboog",),
)

# (text, kinds that must be found)
IDENTIFYING = [
    ("Moeder Samira zoekt steun.", {"name"}),
    ("Het gezin EL IDRISSI uit Zuilen.", {"name"}),
    ("Yasmine en Noah houden van voetbal.", {"name"}),
    ("Ze wonen aan de Amsterdamsestraatweg 112.", {"address"}),
    ("Postcode 3513AB.", {"postcode"}),
    ("Bel 06 1234 5678.", {"phone"}),
    ("Bel +31 6 12345678.", {"phone"}),
    ("Bel 0031-612345678.", {"phone"}),
    ("Mail Samira.ElIdrissi@example.nl", {"email"}),
    ("Yasmine is geboren op 12-03-2016.", {"name", "date_of_birth"}),
    ("jarig op 12 maart", {"date_of_birth"}),
    ("Hij zit op De Regenboog.", {"school"}),
    # Patterns: not from this family's record, but identifying all the same.
    ("Bel 030-2345678 na zessen.", {"phone"}),
    ("Bel 020 123 4567.", {"phone"}),
    ("Schrijf naar info@buurtgezin.example.nl.", {"email"}),
    ("Wij wonen in 3581 KX.", {"postcode"}),
    ("Afspraak op 3/4/2025.", {"date"}),
    ("BSN 111222333 staat op de brief.", {"bsn"}),
    ("Kijk op www.onzefamilie.nl", {"url"}),
    ("Volg ons op @familie_devries", {"handle"}),
    ("Het huis aan de Kerkstraat 5 is groot.", {"address"}),
]

NOT_IDENTIFYING = [
    "Een moeder met twee kinderen van 4 en 7 jaar in Overvecht zoekt een gezin voor de woensdag.",
    "De jongen van 9 houdt van voetbal en zit op een school in de buurt.",
    "Het gezin zoekt iemand die één middag per week wil helpen met huiswerk.",
    "Twee kinderen (6-10 jaar) willen graag af en toe logeren.",
    "Een vader met drie kinderen in Zeist zoekt rust in de week.",
]

# What the record and the patterns cannot see; the deeper check (deduce) is for these.
KNOWN_MISSES = [
    "Vader Johan werkt bij de Albert Heijn op de hoek.",  # a name that is not in the record
]

# The deeper check (deduce), with the allow-list of municipalities, regions and places:
# (text, what it must mark).
DEEP_FINDS = [
    ("Vader Johan werkt bij de Albert Heijn op de hoek.", {"Vader Johan", "Albert Heijn"}),
    ("Sem speelt elke zaterdag voetbal.", {"Sem"}),
    ("Oma Fatima komt vaak langs.", {"Fatima"}),
    ("Ze gaan elke week naar het UMC Utrecht.", {"UMC Utrecht"}),
    ("De moeder werkt bij de Hema.", {"Hema"}),
    ("Johan de Vries is de buurman.", {"Johan de Vries"}),
]
# What the deeper check misses as well: neighbourhoods and clubs it does not know.
DEEP_KNOWN_MISSES = [
    "Het gezin woont in Overvecht.",
    "Ze wonen in Hoograven, vlak bij het park.",
    "Hij speelt bij VV Zwaluwen.",
]
DEEP_ALLOWED = deep_check.allowed_names(["Utrecht", "Zeist", "Amersfoort", "Regio Utrecht"])


def deep_texts(text: str) -> set[str]:
    return {text[f.start : f.end] for f in deep_check.check(text, allowed=DEEP_ALLOWED)}


@pytest.mark.parametrize(("text", "kinds"), IDENTIFYING)
def test_finds_what_identifies(text: str, kinds: set[str]) -> None:
    found = check(text, RECORD)
    assert kinds <= {f.kind for f in found}, [(f.kind, text[f.start : f.end]) for f in found]
    for finding in found:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.reason


@pytest.mark.parametrize("text", NOT_IDENTIFYING)
def test_leaves_anonymous_text_alone(text: str) -> None:
    assert check(text, RECORD) == []


@pytest.mark.parametrize("text", KNOWN_MISSES)
def test_known_misses_are_misses(text: str) -> None:
    # If this starts failing, the check got better: move the text to IDENTIFYING.
    assert check(text, RECORD) == []


@pytest.mark.parametrize(("text", "marked"), DEEP_FINDS)
def test_deep_check_finds_names_and_places_not_in_the_record(text: str, marked: set[str]) -> None:
    assert marked <= deep_texts(text)


@pytest.mark.parametrize("text", NOT_IDENTIFYING)
def test_deep_check_leaves_anonymous_text_alone(text: str) -> None:
    assert deep_texts(text) == set()  # "Zeist" and the age ranges are allowed


@pytest.mark.parametrize("text", DEEP_KNOWN_MISSES)
def test_deep_check_known_misses_are_misses(text: str) -> None:
    # If this starts failing, deduce got better: move the text to DEEP_FINDS.
    assert deep_texts(text) == set()


def test_report_of_what_each_check_finds_and_misses(capsys) -> None:
    """One table over every text: the kinds the record and patterns find, what deduce adds."""
    rows = []
    texts = [t for t, _ in IDENTIFYING] + NOT_IDENTIFYING + KNOWN_MISSES
    texts += [t for t, _ in DEEP_FINDS] + DEEP_KNOWN_MISSES
    for text in dict.fromkeys(texts):
        first = check(text, RECORD)
        deeper = deep_check.check(text, allowed=DEEP_ALLOWED, covered=first)
        kinds = ",".join(sorted({f.kind for f in first})) or "-"
        added = ",".join(text[f.start : f.end] for f in deeper) or "-"
        rows.append(f"{kinds:<22} {added:<28} {text}")
    with capsys.disabled():
        print("\nrecord+patterns        deduce adds                  text")
        print("\n".join(rows))
    missed = [row for row in rows if row.startswith("-  ") and " - " in row[22:52]]
    assert len(missed) == len(NOT_IDENTIFYING) + len(DEEP_KNOWN_MISSES)


def test_record_finding_wins_over_pattern_at_same_place() -> None:
    (finding,) = check("Bel 06-12345678", RECORD)
    assert finding.source == "record"


def test_eleven_test() -> None:
    assert passes_eleven_test("111222333")
    assert not passes_eleven_test("123456789")


@given(st.text(max_size=300))
def test_never_crashes_and_spans_are_in_the_text(text: str) -> None:
    for finding in check(text, RECORD):
        assert 0 <= finding.start < finding.end <= len(text)


def test_command_reads_and_writes_json_lines(monkeypatch) -> None:
    lines = "\n".join(
        [
            json.dumps({"text": "Bel 06-12345678"}),
            json.dumps({"text": "Een gezin in Overvecht."}),
            "geen json",
            json.dumps({"text": "Sem is jarig", "record": {"names": ["Sem"]}}),
        ]
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(lines + "\n"))
    out = io.StringIO()
    call_command("check_anonymity", stdout=out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert results[0]["findings"][0]["kind"] == "phone"
    assert results[0]["findings"][0]["reason"] == "een telefoonnummer"
    assert results[1] == {"findings": []}
    assert "error" in results[2]
    assert results[3]["findings"] == [
        {"start": 0, "end": 3, "kind": "name", "reason": "een naam uit het dossier van het gezin"}
    ]


@pytest.mark.django_db
def test_command_deep_adds_deduce_findings(monkeypatch, world) -> None:
    lines = "\n".join(
        [
            json.dumps({"text": "Vader Johan woont in Utrecht."}),
            json.dumps({"text": "Een gezin in Lombok.", "area": "Lombok"}),
            json.dumps({"text": "Het gezin gaat vaak naar het UMC Utrecht."}),
        ]
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(lines + "\n"))
    out = io.StringIO()
    call_command("check_anonymity", "--deep", stdout=out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    # Every layer: the quasi-identifiers mark "Vader Johan" first (deduce agrees: not twice) ...
    assert results[0]["findings"] == [
        {
            "start": 0,
            "end": 11,
            "kind": "person",
            "reason": "Iemand rond het gezin, met naam, kan het gezin herkenbaar maken",
            "suggestion": "De vader",
        }
    ]
    assert results[1] == {"findings": []}
    # ... and deduce adds what only it knows: a hospital.
    assert results[2]["findings"] == [
        {
            "start": 29,
            "end": 40,
            "kind": "institution",
            "reason": "Lijkt op een instelling (deduce)",
        }
    ]
    # Without --deep, only the fast checks run.
    monkeypatch.setattr("sys.stdin", io.StringIO(lines + "\n"))
    out = io.StringIO()
    call_command("check_anonymity", stdout=out)
    assert json.loads(out.getvalue().splitlines()[0]) == {"findings": []}
