"""Tests for buurtgezinnen.geo.postcodes (pure Python: no Django, no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtgezinnen.geo import postcodes
from buurtgezinnen.geo.postcodes import (
    MalformedPostcode,
    MunicipalityRef,
    PostcodeError,
    UnknownPostcode,
    all_municipalities,
    distance_km,
    lookup,
    municipalities_for_postcode,
    municipality_for_postcode,
    normalize_pc4,
    postcodes_of,
)

ALL_PC4S: list[str] = sorted({pc4 for code in all_municipalities() for pc4 in postcodes_of(code)})

# 1000 is a well-formed PC4 without any addresses (not in the table).
UNKNOWN_PC4 = "1000"
# 7461 (Rijssen/Holten) appears twice under Rijssen-Holten and once under Wierden in GeoNames.
SHARED_PC4 = "7461"


# --- normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "3511",
        "3511AB",
        "3511 AB",
        "3511 ab",
        "3511aB",
        " 3511  AB ",
        "\t3511\u00a0AB\n",
        "3511SB",
        "3511AS",
    ],
)
def test_normalize_pc4_accepts(value: str) -> None:
    assert normalize_pc4(value) == "3511"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "0511",
        "0511 AB",
        "351",
        "35111",
        "3511A",
        "3511 ABC",
        "3511-AB",
        "35 11 AB",
        "AB 3511",
        "3511 SA",
        "3511 sd",
        "3511SS",
        "3511 A1",
        "٣٥١١",  # Arabic-Indic digits
        "\uff13\uff15\uff11\uff11",  # full-width digits
        "3511 ÄB",
        "3511\x00AB",
        "3511 AB 3511 AB",
        "3511" + " " * 1000,
        "9" * 10_000,
        "🏠 3511 AB",
    ],
)
def test_normalize_pc4_rejects(value: str) -> None:
    with pytest.raises(MalformedPostcode):
        normalize_pc4(value)


@pytest.mark.parametrize("value", [None, 3511, 3511.0, b"3511", ["3511"], object()])
def test_normalize_pc4_rejects_non_str(value: object) -> None:
    with pytest.raises(MalformedPostcode):
        normalize_pc4(value)  # type: ignore[arg-type]


def test_error_messages_are_dutch_and_do_not_echo_input() -> None:
    secret = "1000 XY"
    with pytest.raises(UnknownPostcode) as unknown:
        lookup(secret)
    with pytest.raises(MalformedPostcode) as malformed:
        lookup("<script>alert(1)</script>")
    for error in (unknown.value, malformed.value):
        assert isinstance(error, PostcodeError)
        assert isinstance(error, ValueError)
        assert str(error) == error.message
        assert "1000" not in error.message
        assert "script" not in error.message
    assert malformed.value.message == "Vul een geldige postcode in, bijvoorbeeld 3511 AB."
    assert unknown.value.message == "Deze postcode kennen wij niet. Controleer de cijfers."


def test_error_message_can_be_overridden() -> None:
    assert str(UnknownPostcode("Andere tekst.")) == "Andere tekst."


# --- lookups ------------------------------------------------------------------------------


def test_unknown_postcode() -> None:
    assert UNKNOWN_PC4 not in ALL_PC4S
    with pytest.raises(UnknownPostcode):
        lookup(UNKNOWN_PC4)
    with pytest.raises(UnknownPostcode):
        municipality_for_postcode(UNKNOWN_PC4 + " AB")
    with pytest.raises(UnknownPostcode):
        distance_km("3511", UNKNOWN_PC4)


def test_malformed_postcode_in_every_entry_point() -> None:
    for call in (lookup, municipality_for_postcode, municipalities_for_postcode):
        with pytest.raises(MalformedPostcode):
            call("12345")
    with pytest.raises(MalformedPostcode):
        distance_km("3511", "abc")


def test_lookup_utrecht() -> None:
    area = lookup("3511 AB")
    assert area.pc4 == "3511"
    assert area.municipality == MunicipalityRef("GM0344", "Utrecht")
    assert not area.is_shared
    assert area.latitude == pytest.approx(52.09, abs=0.02)
    assert area.longitude == pytest.approx(5.12, abs=0.02)


def test_lookup_zeist() -> None:
    assert municipality_for_postcode("3707") == MunicipalityRef("GM0355", "Zeist")


def test_voorne_aan_zee_has_code() -> None:
    # Hellevoetsluis, Brielle, Oostvoorne/Rockanje: no municipality code in GeoNames.
    for pc4 in ("3221", "3231", "3235"):
        assert municipality_for_postcode(pc4) == MunicipalityRef("GM1992", "Voorne aan Zee")
    assert "3221" in postcodes_of("GM1992")


def test_shared_postcode_lists_both_municipalities_primary_first() -> None:
    area = lookup(SHARED_PC4)
    assert area.is_shared
    assert area.municipalities == (
        MunicipalityRef("GM1742", "Rijssen-Holten"),
        MunicipalityRef("GM0189", "Wierden"),
    )
    assert municipalities_for_postcode(SHARED_PC4) == area.municipalities
    assert municipality_for_postcode(SHARED_PC4) == area.municipality
    assert SHARED_PC4 in postcodes_of("GM1742")
    assert SHARED_PC4 in postcodes_of("GM0189")


def test_shared_postcode_centroid_is_weighted_between_parts() -> None:
    # Rijssen-Holten part (2 rows) lies south-west of the Wierden part (1 row).
    area = lookup(SHARED_PC4)
    assert 52.30735 < area.latitude < 52.35950
    assert 6.53315 < area.longitude < 6.59170
    assert area.latitude == pytest.approx((2 * 52.30735 + 52.35950) / 3, abs=1e-5)


def test_official_cbs_names() -> None:
    names = all_municipalities()
    assert names["GM0518"] == "'s-Gravenhage"
    assert names["GM0373"] == "Bergen (NH.)"
    assert names["GM0893"] == "Bergen (L.)"
    assert names["GM1900"] == "Súdwest-Fryslân"
    assert names["GM0267"] == "Nijkerk"
    assert all(name == name.strip() and "  " not in name for name in names.values())
    assert not any("Gemeente" in name or "Municipal" in name for name in names.values())
    assert len(set(names.values())) == len(names)


def test_all_municipalities() -> None:
    names = all_municipalities()
    assert len(names) == 342
    assert names["GM0344"] == "Utrecht"
    assert list(names) == sorted(names)
    assert all(len(code) == 6 and code.startswith("GM") for code in names)
    names.clear()  # a copy: the cached table is unaffected
    assert len(all_municipalities()) == 342


def test_every_municipality_has_postcodes() -> None:
    for code in all_municipalities():
        pc4s = postcodes_of(code)
        assert pc4s
        assert list(pc4s) == sorted(pc4s)


def test_postcodes_of() -> None:
    utrecht = postcodes_of("GM0344")
    assert "3511" in utrecht
    assert "3707" not in utrecht
    assert postcodes_of("gm0344") == utrecht
    assert postcodes_of(" 0344 ") == utrecht
    assert postcodes_of("GM9999") == ()
    assert postcodes_of("Utrecht") == ()


def test_every_pc4_is_well_formed_and_found() -> None:
    assert len(ALL_PC4S) > 4000
    for pc4 in ALL_PC4S:
        assert normalize_pc4(pc4) == pc4
        area = lookup(pc4)
        assert 50.7 < area.latitude < 53.6
        assert 3.3 < area.longitude < 7.3


def test_data_is_loaded_once() -> None:
    assert postcodes._table() is postcodes._table()


# --- distances ----------------------------------------------------------------------------


def test_distance_utrecht_amersfoort() -> None:
    assert 18.0 < distance_km("3511", "3811") < 24.0  # data gives ~19.9 km


def test_distance_to_itself_is_zero() -> None:
    assert distance_km("3511", "3511 AB") == 0.0


def test_distance_long_range() -> None:
    # Amsterdam centre to Maastricht centre: ~175 km as the crow flies.
    assert 165.0 < distance_km("1012", "6211") < 185.0


# --- properties ---------------------------------------------------------------------------


@given(st.text())
def test_normalize_pc4_only_raises_postcode_error(value: str) -> None:
    try:
        result = normalize_pc4(value)
    except PostcodeError:
        return
    assert len(result) == 4 and result.isascii() and result.isdigit()


@given(st.text())
def test_lookup_only_raises_postcode_error(value: str) -> None:
    try:
        area = lookup(value)
    except PostcodeError:
        return
    assert area.municipalities


@given(st.from_regex(r"\s*[0-9]{4}\s*([a-zA-Z]{2})?\s*", fullmatch=True))
def test_lookup_postcode_like_input_only_raises_postcode_error(value: str) -> None:
    try:
        area = lookup(value)
    except PostcodeError:
        return
    assert area.pc4 == value.strip()[:4]


@given(st.sampled_from(ALL_PC4S), st.sampled_from(ALL_PC4S))
def test_distance_is_symmetric_and_non_negative(a: str, b: str) -> None:
    forward = distance_km(a, b)
    assert forward >= 0.0
    assert forward == pytest.approx(distance_km(b, a), abs=1e-9)
    assert forward < 400.0  # the Netherlands is not that big
    if a == b:
        assert forward == 0.0
