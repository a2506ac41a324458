from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.exposure import PROTECTION_DAYS, Protection, peak_exposure
from domain.money import Money
from tests.domain.test_builders import eur


def jan(day: int) -> date:
    return date(2026, 1, day)


def test_the_trusted_shops_example_needs_a_frame_of_2000() -> None:
    protections = [Protection(jan(1), eur("500")), Protection(jan(10), eur("1000")),
                   Protection(jan(16), eur("500"))]
    peak = peak_exposure(protections)
    assert peak.total == eur("2000")
    assert peak.on == jan(16)
    assert peak.active == tuple(protections)


def test_a_protection_runs_30_days_and_frees_its_capacity_on_day_31() -> None:
    first = Protection(jan(1), eur("500"))
    assert PROTECTION_DAYS == 30
    assert first.ends == jan(31)
    peak = peak_exposure([first, Protection(jan(31), eur("700"))])
    assert (peak.total, peak.on) == (eur("700"), jan(31))
    assert peak_exposure([first, Protection(jan(30), eur("700"))]).total == eur("1200")


def test_the_order_of_the_input_does_not_matter() -> None:
    protections = [Protection(jan(16), eur("500")), Protection(jan(1), eur("500")),
                   Protection(jan(10), eur("1000"))]
    assert peak_exposure(protections).total == eur("2000")


def test_the_first_day_of_the_peak_is_reported() -> None:
    protections = [Protection(jan(1), eur("100")), Protection(date(2026, 3, 1), eur("100"))]
    peak = peak_exposure(protections)
    assert (peak.total, peak.on) == (eur("100"), jan(1))
    assert peak.active == (protections[0],)


def test_no_protections_need_no_frame() -> None:
    peak = peak_exposure([])
    assert (peak.total, peak.on, peak.active) == (eur("0"), None, ())


def test_protections_in_another_currency_are_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        peak_exposure([Protection(jan(1), Money(eur("5").amount, "GBP"))])
    assert raised.value.msg.params == {"currency": "EUR"}


def test_a_protection_amount_must_be_positive() -> None:
    with pytest.raises(ValidationError):
        Protection(jan(1), eur("0"))


def test_other_currencies_work_when_named() -> None:
    gbp = Money(eur("250").amount, "GBP")
    assert peak_exposure([Protection(jan(1), gbp)], currency="GBP").total == gbp
