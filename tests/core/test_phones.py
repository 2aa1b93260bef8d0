import pytest

from buurtgezinnen.core.phones import compact_phone, is_phone_number


@pytest.mark.parametrize(
    "value",
    [
        "06 12345678",
        "06-1234 5678",
        "030 123 4567",
        "+31 6 12345678",
        "+31 (0)6 12345678",
        "0031612345678",
        "+32 470 12 34 56",
    ],
)
def test_accepts(value: str) -> None:
    assert is_phone_number(value)


@pytest.mark.parametrize(
    "value", ["12345", "06 1234567", "0612345678901", "+31 6 1234", "bel mij", ""]
)
def test_refuses(value: str) -> None:
    assert not is_phone_number(value)


def test_compact() -> None:
    assert compact_phone("+31 (0)6-1234.5678") == "+31612345678"
