"""Everything the ODR screen and chart show, computed once from the claims and the seller's counts.

The chart holds at most ``MAX_SERIES`` lines (a phone screen stays readable): the channel keys
with an order count, highest estimated rate first. Keys without an order count have no rate;
the screen still lists their defects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from domain.claims import Claim
from domain.instants import as_utc
from domain.lifecycle import ClaimEvent
from domain.odr_window import (
    ChannelKey,
    ChannelStatus,
    by_key,
    channel_keys,
    channel_status,
    counting_spans,
    rolling_defects,
    window_moves,
)

__all__ = ["CHART_DAYS", "MAX_SERIES", "Entered", "OdrReport", "Series", "odr_report"]

CHART_DAYS = 90
MAX_SERIES = 3


@dataclass(frozen=True)
class Entered:
    """What the seller entered for one marketplace and channel."""

    orders: int | None = None
    orders_updated: date | None = None
    negative_feedback: int | None = None


@dataclass(frozen=True)
class Series:
    """One chart line: defective orders per day over ``orders``, with the window's moves."""

    key: ChannelKey
    defects: tuple[int, ...]  # one per day, from the report's ``chart_first`` to ``today``
    orders: int
    enter: tuple[date, ...]
    leave: tuple[date, ...]

    @property
    def rates(self) -> tuple[float, ...]:
        """Per day, as a percentage (1.0 = 1 %); plotting needs floats, not exact decimals."""
        return tuple(100.0 * count / self.orders for count in self.defects)


@dataclass(frozen=True)
class OdrReport:
    today: date
    statuses: tuple[ChannelStatus, ...]
    entered: Mapping[ChannelKey, Entered]
    series: tuple[Series, ...]
    left_out: int  # keys with a rate that the chart leaves out

    @property
    def chart_first(self) -> date:
        return self.today - timedelta(days=CHART_DAYS - 1)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.chart_first + timedelta(days=n) for n in range(CHART_DAYS))

    @property
    def anything_counts(self) -> bool:
        return any(status.defects for status in self.statuses)


def _rank(status: ChannelStatus) -> tuple[Decimal, int]:
    return (-(status.rate or Decimal(0)), -status.defects)


def odr_report(
    claims: Iterable[tuple[Claim, Sequence[ClaimEvent]]],
    entered: Mapping[ChannelKey, Entered],
    now: datetime,
) -> OdrReport:
    """Today's status per marketplace and channel, and the chart's lines over 90 days."""
    today = as_utc(now, "now").date()
    first = today - timedelta(days=CHART_DAYS - 1)
    spans = by_key(counting_spans(claims, since=first))
    statuses = tuple(sorted((
        channel_status(spans.get(key, []), key, today, entered.get(key, Entered()).orders,
                       entered.get(key, Entered()).negative_feedback)
        for key in channel_keys(
            [s for group in spans.values() for s in group[:1]],
            [k for k, v in entered.items() if v.orders is not None],
        )
    ), key=_rank))  # worst first; equal ones keep the marketplace order
    rated = [status for status in statuses if status.orders]
    series = []
    for status in rated[:MAX_SERIES]:
        mine = spans.get(status.key, [])
        enter, leave = window_moves(mine, status.key, first, today)
        defects = rolling_defects(mine, status.key, first, today)
        assert status.orders  # rated holds only keys with orders
        series.append(Series(status.key, tuple(defects), status.orders, tuple(enter),
                             tuple(leave)))
    return OdrReport(today, statuses, dict(entered), tuple(series),
                     max(len(rated) - MAX_SERIES, 0))
