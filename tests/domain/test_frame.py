from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.frame import (
    FRAME_RULE,
    MAX_REVENUE,
    indicative,
    indicative_frame,
    peak_month_exposure,
)
from domain.money import Money

revenues = st.decimals(min_value=Decimal("0.01"), max_value=MAX_REVENUE, places=2)


def test_the_frame_is_annual_revenue_divided_by_twelve_and_by_three() -> None:
    estimate = indicative_frame(Decimal(250000))
    assert estimate.monthly_revenue == Money(Decimal("20833.33"))
    assert estimate.frame == Money(Decimal("6944.44"))


def test_trusted_shops_own_example_of_600000_gives_16666_67() -> None:
    assert indicative_frame(Decimal(600000)).frame.amount == Decimal("16666.67")


def test_the_rule_names_its_source_and_the_date_it_was_checked() -> None:
    assert "360044319072" in FRAME_RULE.source_url
    assert FRAME_RULE.checked_on == date(2026, 11, 23)
    assert FRAME_RULE.starting_frame == Money(Decimal(5000), "EUR")


def test_zero_or_negative_revenue_has_no_frame() -> None:
    with pytest.raises(ValueError):
        indicative_frame(Decimal(0))
    with pytest.raises(ValueError):
        indicative_frame(Decimal(-1))


@given(revenues)
def test_the_frame_is_within_half_a_cent_of_a_thirty_sixth(revenue: Decimal) -> None:
    frame = indicative_frame(revenue).frame.amount
    assert abs(frame - revenue / 36) <= Decimal("0.005")


@given(revenues, revenues)
def test_more_revenue_never_gives_a_smaller_frame(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert indicative_frame(low).frame <= indicative_frame(high).frame


def test_a_peak_month_of_60000_exceeds_the_frame_of_250000_revenue() -> None:
    exposure = peak_month_exposure(Decimal(250000), [Decimal(60000)])
    assert exposure.concurrent_protection == Money(Decimal("20000.00"))
    assert exposure.exceeds_frame
    assert exposure.shortfall == Money(Decimal("13055.56"))
    assert exposure.exceeds_starting_frame


def test_a_quiet_peak_fits_and_has_no_shortfall() -> None:
    exposure = peak_month_exposure(Decimal(600000), [Decimal(30000), Decimal(45000)])
    assert exposure.peak_month_revenue == Money(Decimal("45000.00"))
    assert not exposure.exceeds_frame
    assert exposure.shortfall.amount == 0


def test_a_peak_needs_at_least_one_positive_month() -> None:
    with pytest.raises(ValueError):
        peak_month_exposure(Decimal(250000), [])
    with pytest.raises(ValueError):
        peak_month_exposure(Decimal(250000), [Decimal(0)])


def test_the_frame_is_shown_rounded_to_100_because_it_is_no_exact_figure() -> None:
    assert indicative(indicative_frame(Decimal(250000)).frame) == Money(Decimal(6900))
    assert indicative(indicative_frame(Decimal(600000)).frame) == Money(Decimal(16700))


def test_amounts_below_one_rounding_step_keep_their_cents() -> None:
    assert indicative(Money(Decimal("27.78"))) == Money(Decimal("27.78"))


@given(revenues)
def test_the_rounded_frame_is_within_50_of_the_exact_one(revenue: Decimal) -> None:
    exact = indicative_frame(revenue).frame
    assert abs(indicative(exact).amount - exact.amount) <= Decimal(50)
