"""What sellers type, read without Telegram: amounts and currencies (dates: see the intake)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import list_currencies
from hypothesis import given
from hypothesis import strategies as st

from domain.currencies import CURRENCY_CODES
from domain.errors import ReadingError, ValidationError
from domain.money import Money
from domain.reading import default_currency, parse_claim_amount


def test_the_currency_codes_are_babels() -> None:
    assert frozenset(list_currencies()) == CURRENCY_CODES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("49,95", Money(Decimal("49.95"), "EUR")),
        ("€ 49,95", Money(Decimal("49.95"), "EUR")),
        ("49.95 GBP", Money(Decimal("49.95"), "GBP")),
        ("£30", Money(Decimal("30.00"), "GBP")),
        ("1.250,00", Money(Decimal("1250.00"), "EUR")),
    ],
)
def test_amounts_are_read_as_sellers_type_them(text: str, expected: Money) -> None:
    assert parse_claim_amount(text, "EUR") == expected


@pytest.mark.parametrize("text", ["veel", "-5", "0", "49,95 XYZ", "€ 5 £ 6", "2.000.000"])
def test_unusable_amounts_are_refused_with_an_explanation(text: str) -> None:
    with pytest.raises(ReadingError) as refused:
        parse_claim_amount(text, "EUR")
    assert isinstance(refused.value, ValidationError)
    assert refused.value.msg.params  # every refusal carries an example


def test_the_marketplace_decides_the_default_currency() -> None:
    assert default_currency("uk") == "GBP"
    assert default_currency("us") == "USD"
    assert default_currency("nl") == default_currency(None) == "EUR"


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2))
def test_a_typed_amount_reads_back_exactly(amount: Decimal) -> None:
    typed = f"{amount:.2f}".replace(".", ",")
    assert parse_claim_amount(typed, "EUR") == Money(amount, "EUR")
