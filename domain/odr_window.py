"""The 60-day ODR window as days: when each defective order counts, day by day.

Amazon attributes a defect to the order date and counts it for the 60 days starting there
(``domain.odr``: the window is the 60 UTC days ending on a day). Which outcomes count is
``domain.odr.odr_verdict``, asked once per step of a claim's timeline, so a claim counts from the
day it was known (its notice) until a decision stops it (denied, withdrawn early, won on appeal)
or its order leaves the window. An order with several counting claims counts once.

Everything is per channel key: an Amazon marketplace and a fulfilment channel, as Seller Central
reports the ODR. Days are UTC dates, as in ``domain.odr.estimate_odr``; for claims whose events
all lie on or before ``today`` the count on ``today`` equals that estimate.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from domain.claims import Claim
from domain.lifecycle import ClaimEvent
from domain.odr import ODR_TARGET, ODR_WINDOW_DAYS, OdrChannel, OdrEstimate, channel_of, odr_verdict
from domain.rules import Marketplace

__all__ = [
    "ChannelKey",
    "ChannelStatus",
    "CountingOrder",
    "Span",
    "by_key",
    "channel_keys",
    "channel_status",
    "counting_spans",
    "defects_to_limit",
    "rolling_defects",
    "window_moves",
]

ChannelKey = tuple[Marketplace, OdrChannel]
WINDOW = timedelta(days=ODR_WINDOW_DAYS)
_DAY = timedelta(days=1)


@dataclass(frozen=True, order=True)
class Span:
    """An order counts as a defect on the days ``[start, end)`` (``end`` is the first day out)."""

    key: ChannelKey
    order_id: str
    start: date
    end: date


def _claim_spans(claim: Claim, events: Sequence[ClaimEvent]) -> list[tuple[date, date]]:
    """The days one claim counts: its verdict per day, cut to its order's window."""
    attributed = claim.attribution_date
    window_end = attributed + WINDOW
    known = claim.notice_at.date()
    # The verdict holds from the end of each day with a step: same-day steps collapse into one.
    changes: dict[date, bool] = {known: odr_verdict(claim, ()).counts}
    for index, event in enumerate(events):
        changes[max(event.at.date(), known)] = odr_verdict(claim, events[: index + 1]).counts
    days = sorted(changes)
    spans = []
    for position, day in enumerate(days):
        if not changes[day]:
            continue
        until = days[position + 1] if position + 1 < len(days) else window_end
        start, end = max(day, attributed), min(until, window_end)
        if start < end:
            spans.append((start, end))
    return spans


def counting_spans(
    claims: Iterable[tuple[Claim, Sequence[ClaimEvent]]], since: date | None = None
) -> list[Span]:
    """Every stretch of days an order counted, per channel key, merged per order, sorted.

    ``since`` skips claims whose order left the window before that day (years of history
    cost nothing when only the last 90 days are shown).
    """
    by_order: dict[tuple[ChannelKey, str], list[tuple[date, date]]] = {}
    for claim, events in claims:
        if not claim.source.is_amazon:
            continue  # odr_verdict says so too; skipping early keeps 10,000 claims cheap
        if since is not None and claim.attribution_date + WINDOW <= since:
            continue
        key = (claim.marketplace, channel_of(claim.fulfilment))
        found = _claim_spans(claim, events)
        if found:
            by_order.setdefault((key, claim.order_id), []).extend(found)
    spans: list[Span] = []
    for (key, order_id), stretches in by_order.items():
        stretches.sort()
        start, end = stretches[0]
        for next_start, next_end in stretches[1:]:
            if next_start <= end:  # overlapping or touching: one order counts once
                end = max(end, next_end)
                continue
            spans.append(Span(key, order_id, start, end))
            start, end = next_start, next_end
        spans.append(Span(key, order_id, start, end))
    spans.sort(key=_span_order)
    return spans


def _span_order(span: Span) -> tuple[str, str, str, date, date]:
    return (span.key[0].value, span.key[1].value, span.order_id, span.start, span.end)


def by_key(spans: Iterable[Span]) -> dict[ChannelKey, list[Span]]:
    """Spans grouped per channel key (order kept), so per-key work skips the others."""
    grouped: dict[ChannelKey, list[Span]] = {}
    for span in spans:
        grouped.setdefault(span.key, []).append(span)
    return grouped


def rolling_defects(spans: Iterable[Span], key: ChannelKey, first: date, last: date) -> list[int]:
    """Defective orders of ``key`` on each day from ``first`` to ``last`` (both included)."""
    length = (last - first).days + 1
    if length <= 0:
        return []
    delta = [0] * (length + 1)
    for span in spans:
        if span.key != key or span.end <= first or span.start > last:
            continue
        delta[max((span.start - first).days, 0)] += 1
        delta[min((span.end - first).days, length)] -= 1
    counts, running = [], 0
    for change in delta[:length]:
        running += change
        counts.append(running)
    return counts


def window_moves(
    spans: Iterable[Span], key: ChannelKey, first: date, last: date
) -> tuple[list[date], list[date]]:
    """(days an order starts counting, days one stops), within ``first``..``last``, sorted."""
    enter = sorted({s.start for s in spans if s.key == key and first <= s.start <= last})
    leave = sorted({s.end for s in spans if s.key == key and first <= s.end <= last})
    return enter, leave


def defects_to_limit(defects: int, orders: int) -> int:
    """How many more defective orders bring the rate to 1 % or above (0 when already there)."""
    return max(math.ceil(orders * ODR_TARGET) - defects, 0)


@dataclass(frozen=True)
class CountingOrder:
    order_id: str
    leaves_on: date  # the first day it no longer counts


@dataclass(frozen=True)
class ChannelStatus:
    """Today's estimate for one marketplace and channel, with what the seller entered."""

    key: ChannelKey
    today: date
    counting: tuple[CountingOrder, ...]  # soonest to leave first
    orders: int | None  # the seller's order count for the window, if entered
    negative_feedback: int | None = None  # the seller's count of 1-2 star feedback, if entered

    @property
    def defects(self) -> int:
        return len(self.counting)

    @property
    def estimate(self) -> OdrEstimate | None:
        """The rate as ``domain.odr`` defines it; None without an order count."""
        if self.orders is None:
            return None
        return OdrEstimate(
            self.key[1], self.today - WINDOW + _DAY, self.today, self.orders,
            tuple(order.order_id for order in self.counting),
        )

    @property
    def rate(self) -> Decimal | None:
        estimate = self.estimate
        return estimate.rate if estimate is not None else None

    @property
    def orders_too_low(self) -> bool:
        """More orders with claims than orders entered: the count needs updating."""
        return self.orders is not None and self.orders < self.defects

    @property
    def headroom(self) -> Decimal | None:
        """1 % minus the rate (a fraction; negative above the limit)."""
        rate = self.rate
        return ODR_TARGET - rate if rate is not None else None

    @property
    def more_to_limit(self) -> int | None:
        if self.orders is None or not self.orders:
            return None
        return defects_to_limit(self.defects, self.orders)

    @property
    def rate_with_feedback(self) -> Decimal | None:
        """An upper bound: claims and feedback on the same order would count once."""
        if not self.orders or self.negative_feedback is None:
            return None
        return Decimal(min(self.defects + self.negative_feedback, self.orders)) / self.orders


def channel_status(
    spans: Sequence[Span],
    key: ChannelKey,
    today: date,
    orders: int | None = None,
    negative_feedback: int | None = None,
) -> ChannelStatus:
    """What counts for ``key`` on ``today``, soonest to leave the window first."""
    counting = sorted(
        (CountingOrder(s.order_id, s.end) for s in spans
         if s.key == key and s.start <= today < s.end),
        key=lambda order: (order.leaves_on, order.order_id),
    )
    return ChannelStatus(key, today, tuple(counting), orders, negative_feedback)


def channel_keys(
    spans: Iterable[Span], entered: Mapping[ChannelKey, object] | Iterable[ChannelKey] = ()
) -> list[ChannelKey]:
    """Keys with anything to show: a span or an entered order count, in a stable order."""
    keys = {span.key for span in spans} | set(entered)
    return sorted(keys, key=lambda key: (key[0].value, key[1].value))
