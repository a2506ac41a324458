"""The Trusted Shops guarantee frame (garantiekader): rule of thumb and peak-season exposure.

Source: Trusted Shops help centre, "Hoe wordt het garantiekader gedefinieerd?" (article
360044319072). The frame is the maximum total of buyer protections active at the same time;
protection runs 30 days and about a third of buyers take it, hence revenue / 12 / 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from domain.money import Money

__all__ = [
    "FRAME_ROUNDING",
    "FRAME_RULE",
    "MAX_REVENUE",
    "FrameEstimate",
    "FrameRule",
    "PeakMonthExposure",
    "indicative",
    "indicative_frame",
    "peak_month_exposure",
]

MAX_REVENUE = Decimal(10) ** 12
# "Je garantiekader wordt niet op de cent precies berekend" (FACTS "ts.frame_rule_of_thumb"):
# figures derived from the rule of thumb are shown rounded to this step.
FRAME_ROUNDING = Decimal(100)


def indicative(money: Money, step: Decimal = FRAME_ROUNDING) -> Money:
    """``money`` rounded half up to ``step``; amounts below one step keep their cents."""
    if money.amount < step:
        return money.rounded()
    steps = (money.amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Money(steps * step, money.currency)


@dataclass(frozen=True)
class FrameRule:
    """The rule of thumb as data, with where it comes from and when it was checked."""

    months_per_year: int
    protected_share_divisor: int
    protection_days: int
    starting_frame: Money
    source_url: str
    checked_on: date


FRAME_RULE = FrameRule(
    months_per_year=12,
    protected_share_divisor=3,
    protection_days=30,
    starting_frame=Money(Decimal(5000), "EUR"),
    source_url="https://help.etrusted.com/hc/nl/articles/360044319072",
    checked_on=date(2026, 11, 23),
)


@dataclass(frozen=True)
class FrameEstimate:
    """Annual revenue, the monthly revenue derived from it, and the indicative frame."""

    annual_revenue: Money
    monthly_revenue: Money
    frame: Money
    rule: FrameRule


def indicative_frame(annual_revenue: Decimal, rule: FrameRule = FRAME_RULE) -> FrameEstimate:
    """Annual online revenue / 12 / 3, rounded to the cent only at the end."""
    if annual_revenue <= 0:
        raise ValueError("annual revenue must be positive")
    currency = rule.starting_frame.currency
    monthly = annual_revenue / rule.months_per_year
    frame = monthly / rule.protected_share_divisor
    return FrameEstimate(
        annual_revenue=Money(annual_revenue, currency).rounded(),
        monthly_revenue=Money(monthly, currency).rounded(),
        frame=Money(frame, currency).rounded(),
        rule=rule,
    )


@dataclass(frozen=True)
class PeakMonthExposure:
    """Protections active at once in the busiest month, compared with the indicative frame."""

    estimate: FrameEstimate
    peak_month_revenue: Money
    concurrent_protection: Money
    exceeds_frame: bool
    shortfall: Money
    exceeds_starting_frame: bool


def peak_month_exposure(
    annual_revenue: Decimal, peak_monthly_revenues: Sequence[Decimal], rule: FrameRule = FRAME_RULE
) -> PeakMonthExposure:
    """Whether the busiest peak month would need more frame than revenue / 12 / 3 gives.

    A month's orders are all protected at once at the end of a 30-day window, and about a
    third of buyers take protection, so a month with revenue R ties up about R / 3.
    """
    if not peak_monthly_revenues:
        raise ValueError("at least one peak month is needed")
    if any(value <= 0 for value in peak_monthly_revenues):
        raise ValueError("peak revenues must be positive")
    estimate = indicative_frame(annual_revenue, rule)
    currency = estimate.frame.currency
    peak = max(peak_monthly_revenues)
    concurrent = Money(peak / rule.protected_share_divisor, currency).rounded()
    shortfall = max(concurrent.amount - estimate.frame.amount, Decimal(0))
    return PeakMonthExposure(
        estimate=estimate,
        peak_month_revenue=Money(peak, currency).rounded(),
        concurrent_protection=concurrent,
        exceeds_frame=concurrent.amount > estimate.frame.amount,
        shortfall=Money(shortfall, currency),
        exceeds_starting_frame=concurrent.amount > rule.starting_frame.amount,
    )
