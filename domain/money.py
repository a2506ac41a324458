"""Amounts of money as exact decimals with an ISO 4217 currency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["CENT", "Money"]

CENT = Decimal("0.01")


@dataclass(frozen=True, order=True)
class Money:
    """An amount in a currency; the shell formats it with Babel's ``format_currency``."""

    amount: Decimal
    currency: str = "EUR"

    def rounded(self) -> Money:
        return Money(self.amount.quantize(CENT, rounding=ROUND_HALF_UP), self.currency)
