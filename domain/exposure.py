"""Concurrent buyer protection, as Trusted Shops defines the guarantee frame.

The frame is the largest total of buyer protections active at the same time; each protection
runs 30 days (help.etrusted.com article 360044319072). Their example: 500, 1,000 and 500 taken on
1, 10 and 16 January overlap on 16 January, so the frame must be at least 2,000.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from domain.errors import ValidationError
from domain.money import Money
from domain.text import N_, Msg

__all__ = ["PROTECTION_DAYS", "PeakExposure", "Protection", "peak_exposure"]

PROTECTION_DAYS = 30


@dataclass(frozen=True)
class Protection:
    """A buyer protection taken on ``start``; active on ``start`` and the 29 days after it."""

    start: date
    amount: Money

    def __post_init__(self) -> None:
        if not self.amount.amount > 0:
            raise ValidationError(Msg.of(N_("A protection amount must be more than zero.")))

    @property
    def ends(self) -> date:
        """The first day it is no longer active: the capacity is free again."""
        return self.start + timedelta(days=PROTECTION_DAYS)


@dataclass(frozen=True)
class PeakExposure:
    total: Money
    on: date | None  # the first day the peak is reached; None without protections
    active: tuple[Protection, ...]  # the protections making up the peak


def peak_exposure(protections: Iterable[Protection], currency: str = "EUR") -> PeakExposure:
    """The highest total of protections active on one day, and when it first occurs."""
    items = sorted(protections, key=lambda p: p.start)
    if any(p.amount.currency != currency for p in items):
        raise ValidationError(Msg.of(
            N_("All protections must be in {currency}."), currency=currency
        ))
    # Sweep the days where the total changes. A protection ending on a day frees its capacity
    # before one starting that day takes it (end before start in the sort key).
    changes = sorted(
        [(p.ends, 0, -p.amount.amount) for p in items]
        + [(p.start, 1, p.amount.amount) for p in items]
    )
    total = peak = Decimal(0)
    peak_on: date | None = None
    for day, _, delta in changes:
        total += delta
        if total > peak:
            peak, peak_on = total, day
    active = tuple(p for p in items if peak_on is not None and p.start <= peak_on < p.ends)
    return PeakExposure(Money(peak, currency), peak_on, active)
