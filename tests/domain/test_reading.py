"""What sellers type, read without Telegram: amounts and currencies (dates: see the intake)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel.numbers import list_currencies
from hypothesis import given
from hypothesis import strategies as st

from domain.currencies import CURRENCY_CODES
from domain.errors import ReadingError, ValidationError
from domain.money import Money
from domain.reading import (
    default_currency,
    parse_claim_amount,
    parse_clock,
    parse_delivery_date,
    parse_notice_time,
    parse_quiet_hours,
)


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


_NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # a Wednesday
_ZONE = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(("typed", "local"), [
    ("1 december 22:00", datetime(2026, 12, 1, 22, 0, tzinfo=_ZONE)),
    ("1 dec 22:00", datetime(2026, 12, 1, 22, 0, tzinfo=_ZONE)),
    ("Dec 1, 10:08 PM", datetime(2026, 12, 1, 22, 8, tzinfo=_ZONE)),
    ("maandag 14:00", datetime(2026, 11, 30, 14, 0, tzinfo=_ZONE)),
    ("Monday 2 pm", datetime(2026, 11, 30, 14, 0, tzinfo=_ZONE)),
    ("21-11 14:30", datetime(2026, 11, 21, 14, 30, tzinfo=_ZONE)),
])
def test_notice_times_are_read_with_month_and_weekday_names_too(typed: str,
                                                                 local: datetime) -> None:
    assert parse_notice_time(typed, _NOW, _ZONE) == local.astimezone(UTC)


@pytest.mark.parametrize(("typed", "part"), [
    ("31 februari 10:00", "does not exist"),
    ("1 december", "add the time"),
    ("3 december 10:00", "in the future"),
])
def test_named_notice_times_that_cannot_be_are_refused_with_a_reason(typed: str,
                                                                      part: str) -> None:
    with pytest.raises(ReadingError) as refused:
        parse_notice_time(typed, _NOW, _ZONE)
    assert part in refused.value.msg.key


def test_delivery_dates_are_read_with_month_names() -> None:
    assert parse_delivery_date("28 november", _NOW.date()) == date(2026, 11, 28)


def test_clock_times_and_quiet_hours_are_read_as_typed() -> None:
    assert parse_clock("7.30") == time(7, 30)
    assert parse_clock(" 08:05 ") == time(8, 5)
    assert parse_quiet_hours("22:00 - 07:00") == (time(22), time(7))
    assert parse_quiet_hours("22:00 tot 7:00") == (time(22), time(7))


@pytest.mark.parametrize("text", ["24:00", "8", "half negen", ""])
def test_a_time_that_is_no_clock_time_is_refused(text: str) -> None:
    with pytest.raises(ReadingError):
        parse_clock(text)


@pytest.mark.parametrize("text", ["22:00-22:00", "22:00", "22:00-25:00", "evening"])
def test_quiet_hours_need_two_different_clock_times(text: str) -> None:
    with pytest.raises(ReadingError):
        parse_quiet_hours(text)
