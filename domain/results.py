"""How the seller's claims ended: won, lost, withdrawn, per source and reason; money; speed.

Won: denied, or won on appeal. Lost: granted (either funding), refunded after filing, or lost on
appeal. Withdrawn: the buyer withdrew (also after a grant or refund). Open: no decision yet, or an
appeal under review. Closing a claim changes nothing: the outcome before it counts.

Money: whether the seller is debited after each step comes from ``domain.outcomes`` (a
seller-funded grant or a refund debits, an appeal can reverse it, and what the seller recorded
wins); debited once and no longer at the end is money recovered on appeal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from domain.claims import Claim, Reason
from domain.instants import as_utc
from domain.lifecycle import TRANSITIONS, ClaimEvent, EventKind, State, apply
from domain.money import Money
from domain.outcomes import money_and_odr
from domain.rules import ClaimSource

__all__ = [
    "Result",
    "ResultCounts",
    "Results",
    "median",
    "money_of",
    "response_time",
    "result_of",
    "summarise",
    "summarise_periods",
]


class Result(StrEnum):
    WON = "won"
    LOST = "lost"
    WITHDRAWN = "withdrawn"
    OPEN = "open"


_RESULTS = {
    State.OPEN: Result.OPEN,
    State.RESPONDED: Result.OPEN,
    State.APPEALING: Result.OPEN,
    State.DENIED: Result.WON,
    State.APPEAL_WON: Result.WON,
    State.GRANTED_SELLER: Result.LOST,
    State.GRANTED_AMAZON: Result.LOST,
    State.REFUNDED: Result.LOST,
    State.APPEAL_LOST: Result.LOST,
    State.WITHDRAWN: Result.WITHDRAWN,
}


def result_of(events: Sequence[ClaimEvent]) -> Result:
    """Where a claim's timeline ended, closing ignored (``InvalidTransition`` on a bad one)."""
    state = previous = State.OPEN
    for event in events:
        target = TRANSITIONS.get((state, event.kind))
        if target is None:
            apply(state, event.kind, event.at)  # raises, with the explanation
        previous, state = state, target
    return _RESULTS[previous if state is State.CLOSED else state]


def money_of(claim: Claim, events: Sequence[ClaimEvent]) -> tuple[Money | None, Money | None]:
    """(what the seller was debited, what an appeal got back), each None when nothing.

    Whether the seller is debited after a step is ``domain.outcomes.money_and_odr``'s to say
    (what the seller recorded wins over what the event implies); debited once and no longer
    at the end means an appeal got it back.
    """
    final = money_and_odr(claim, events).debited
    if final:
        return claim.amount, None
    if final is None:  # never decided either way: nothing was debited
        return None, None
    ever = any(money_and_odr(claim, events[: end]).debited for end in range(1, len(events)))
    return (claim.amount, claim.amount) if ever else (None, None)


def response_time(claim: Claim, events: Sequence[ClaimEvent]) -> timedelta | None:
    """From the notice to the first response; None without a response."""
    for event in events:
        if event.kind is EventKind.RESPOND:
            return max(event.at - claim.notice_at, timedelta(0))
    return None


def median(values: Sequence[timedelta]) -> timedelta | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass
class ResultCounts:
    won: int = 0
    lost: int = 0
    withdrawn: int = 0
    open: int = 0

    def add(self, result: Result) -> None:
        if result is Result.WON:
            self.won += 1
        elif result is Result.LOST:
            self.lost += 1
        elif result is Result.WITHDRAWN:
            self.withdrawn += 1
        else:
            self.open += 1

    @property
    def total(self) -> int:
        return self.won + self.lost + self.withdrawn + self.open


def _add_money(totals: dict[str, Decimal], money: Money | None) -> None:
    if money is not None:
        totals[money.currency] = totals.get(money.currency, Decimal(0)) + money.amount


@dataclass
class Results:
    """Totals over the claims noticed since ``since`` (all time when None)."""

    since: datetime | None
    totals: ResultCounts = field(default_factory=ResultCounts)
    by_source: dict[tuple[ClaimSource, Reason], ResultCounts] = field(default_factory=dict)
    debited_totals: dict[str, Decimal] = field(default_factory=dict)
    recovered_totals: dict[str, Decimal] = field(default_factory=dict)
    response_times: list[timedelta] = field(default_factory=list)

    @property
    def debited(self) -> tuple[Money, ...]:
        return tuple(Money(v, c) for c, v in sorted(self.debited_totals.items()))

    @property
    def recovered(self) -> tuple[Money, ...]:
        return tuple(Money(v, c) for c, v in sorted(self.recovered_totals.items()))

    @property
    def median_response(self) -> timedelta | None:
        return median(self.response_times)

    def groups(self) -> list[tuple[ClaimSource, Reason, ResultCounts]]:
        """Per source and reason, sources in their declared order, most claims first."""
        order = list(ClaimSource)
        rows = sorted(self.by_source.items(),
                      key=lambda item: (order.index(item[0][0]), -item[1].total, item[0][1]))
        return [(source, reason, counts) for (source, reason), counts in rows]


def summarise(
    claims: Iterable[tuple[Claim, Sequence[ClaimEvent]]], since: datetime | None = None
) -> Results:
    """Results of the claims noticed at or after ``since`` (aware), or of all of them."""
    return summarise_periods(claims, since)[1 if since is not None else 0]


def summarise_periods(
    claims: Iterable[tuple[Claim, Sequence[ClaimEvent]]], since: datetime | None
) -> tuple[Results, Results]:
    """(all time, since ``since``) in one pass: each timeline is read once."""
    cutoff = as_utc(since, "since") if since is not None else None
    everything, recent = Results(None), Results(cutoff)
    for claim, events in claims:
        result = result_of(events)
        debited, recovered = money_of(claim, events)
        took = response_time(claim, events)
        periods = (everything, recent) if cutoff is None or claim.notice_at >= cutoff \
            else (everything,)
        for results in periods:
            results.totals.add(result)
            group = results.by_source.get((claim.source, claim.reason))
            if group is None:
                group = results.by_source[claim.source, claim.reason] = ResultCounts()
            group.add(result)
            _add_money(results.debited_totals, debited)
            _add_money(results.recovered_totals, recovered)
            if took is not None:
                results.response_times.append(took)
    return everything, recent
