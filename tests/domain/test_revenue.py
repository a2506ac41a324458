from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from domain.frame import MAX_REVENUE
from domain.revenue import (
    Ambiguous,
    Parsed,
    RevenueInputError,
    parse_amount,
    parse_frame_query,
    parse_peaks,
)

amounts = st.decimals(min_value=Decimal("0.01"), max_value=MAX_REVENUE, places=2)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("250000", "250000"),
        ("250.000", "250000"),
        ("250,000", "250000"),
        ("250 000", "250000"),
        ("€ 250.000,00", "250000"),
        ("€250,000.00", "250000"),
        ("EUR 250.000", "250000"),
        ("250.000,-", "250000"),
        ("250k", "250000"),
        ("250 K", "250000"),
        ("1,5 mln", "1500000"),
        ("1.5m", "1500000"),
        ("2 miljoen", "2000000"),
        ("0,500 mln", "500000"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("12,5", "12.5"),
        ("12.50", "12.5"),
        ("250 000,50", "250000.5"),
        # Dutch business speech: one "ton" is 100,000.
        ("3 ton", "300000"),
        ("2,5 ton", "250000"),
        ("€ 3 ton", "300000"),
        ("ca. 250.000", "250000"),
        ("circa 3 ton", "300000"),
        ("ongeveer 1,5 mln", "1500000"),
        ("about 250k", "250000"),
        ("± 250.000", "250000"),
        ("~250k", "250000"),
    ],
)
def test_amounts_a_seller_types_are_read_as_they_mean_them(typed: str, value: str) -> None:
    assert parse_amount(typed) == Parsed(Decimal(value).quantize(Decimal("0.01")))


def test_three_digits_after_a_single_separator_group_thousands_in_any_language() -> None:
    # Money never has three decimals: a Dutch seller's "250,000" is 250 thousand, not 250.
    assert parse_amount("250,000") == parse_amount("250.000") == Parsed(Decimal("250000.00"))


def test_a_multiplier_with_three_decimals_is_ambiguous_and_offers_both_readings() -> None:
    assert parse_amount("1,500 mln") == Ambiguous((Decimal("1500000.00"), Decimal("1500000000.00")))


def test_an_ambiguous_reading_beyond_the_limit_is_not_offered() -> None:
    assert parse_amount("1.500 mld") == Parsed(Decimal("1500000000.00"))


@pytest.mark.parametrize(
    ("typed", "key_part"),
    [
        ("", "Please type an amount"),
        ("   ", "Please type an amount"),
        ("abc", "can't read"),
        ("5 apples", "can't read"),
        ("2500,000", "can't read"),
        ("1 2345", "can't read"),
        ("250.00.0", "can't read"),
        ("0", "more than zero"),
        ("0,00", "more than zero"),
        ("-5000", "can't be negative"),
        ("−5000", "can't be negative"),
        ("2000000000000", "more than {limit}"),
        ("2 mld mld", "can't read"),
    ],
)
def test_bad_input_gets_a_reason_with_an_example(typed: str, key_part: str) -> None:
    with pytest.raises(RevenueInputError) as caught:
        parse_amount(typed)
    assert key_part in caught.value.msg.key
    assert "example" in caught.value.msg.params


@given(amounts, st.sampled_from(["nl", "en", "nl_BE", "en_GB", "de"]))
def test_an_amount_formatted_as_currency_reads_back_exactly(amount: Decimal, locale: str) -> None:
    assert parse_amount(format_currency(amount, "EUR", locale=locale)) == Parsed(amount)


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["nl", "en"]))
def test_a_whole_amount_formatted_as_a_number_reads_back_exactly(value: int, locale: str) -> None:
    assert parse_amount(format_decimal(value, locale=locale)) == Parsed(Decimal(value))


def test_a_frame_query_can_carry_peak_months() -> None:
    query = parse_frame_query("250000 piek 60000")
    assert query.revenue == Parsed(Decimal("250000.00"))
    assert query.peaks == (Decimal("60000.00"),)


@pytest.mark.parametrize(
    "typed",
    ["60000; 80000", "60k en 80k", "60.000 and 80.000", "60000 80000", "60 k / 80 k"],
)
def test_several_peak_months_can_be_given_at_once(typed: str) -> None:
    assert parse_peaks(typed) == (Decimal("60000.00"), Decimal("80000.00"))


def test_a_peak_word_without_an_amount_asks_for_the_peak() -> None:
    with pytest.raises(RevenueInputError) as caught:
        parse_frame_query("250000 peak")
    assert "peak month" in caught.value.msg.key


def test_an_ambiguous_peak_asks_for_the_amount_in_full() -> None:
    with pytest.raises(RevenueInputError) as caught:
        parse_peaks("1,500k")
    assert "Did you mean" in caught.value.msg.key


def test_mixed_separators_must_group_thousands_properly() -> None:
    with pytest.raises(RevenueInputError):
        parse_amount("1234,567.89")


def test_a_frame_query_without_peak_months_has_none() -> None:
    assert parse_frame_query("€ 250.000").peaks == ()


def test_a_lone_multiplier_word_belongs_to_the_number_before_it() -> None:
    assert parse_peaks("60 k 80 mln") == (Decimal("60000.00"), Decimal("80000000.00"))
