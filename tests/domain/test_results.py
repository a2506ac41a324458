"""Results: won, lost and withdrawn per source and reason, money, and the time to respond."""

from __future__ import annotations

import statistics
from datetime import timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.claims import Reason
from domain.lifecycle import ClaimEvent, EventKind
from domain.money import Money
from domain.results import Result, median, money_of, response_time, result_of, summarise
from domain.rules import ClaimSource, Marketplace
from tests.domain.odr_strategies import NOW, ClaimRecord, claim_records
from tests.domain.test_builders import NOTICE, at, eur, event, make_claim

E = EventKind


def test_outcomes_map_to_won_lost_withdrawn_or_open() -> None:
    assert result_of(()) is Result.OPEN
    assert result_of((event(E.RESPOND, at(21)),)) is Result.OPEN
    assert result_of((event(E.DENY, at(22)), event(E.CLOSE, at(23)))) is Result.WON
    assert result_of((event(E.GRANT_AMAZON, at(22)),)) is Result.LOST
    assert result_of((event(E.REFUND, at(22)),)) is Result.LOST
    assert result_of((event(E.WITHDRAW, at(22)),)) is Result.WITHDRAWN
    appealed = (event(E.GRANT_SELLER, at(21)), event(E.APPEAL, at(22)))
    assert result_of(appealed) is Result.OPEN
    assert result_of((*appealed, event(E.WIN_APPEAL, at(25)))) is Result.WON
    assert result_of((*appealed, event(E.LOSE_APPEAL, at(25)), event(E.CLOSE, at(26)))) \
        is Result.LOST


def test_a_seller_funded_grant_debits_and_a_won_appeal_recovers_it() -> None:
    claim = make_claim(amount=eur("49.95"))
    granted = (event(E.GRANT_SELLER, at(21)),)
    assert money_of(claim, granted) == (eur("49.95"), None)
    won = (*granted, event(E.APPEAL, at(22)), event(E.WIN_APPEAL, at(25)))
    assert money_of(claim, won) == (eur("49.95"), eur("49.95"))
    assert money_of(claim, (event(E.REFUND, at(21)),)) == (eur("49.95"), None)
    assert money_of(claim, (event(E.GRANT_AMAZON, at(21)),)) == (None, None)
    assert money_of(claim, (event(E.DENY, at(21)),)) == (None, None)


def test_a_won_appeal_that_keeps_the_debit_recovers_nothing() -> None:
    claim = make_claim(amount=eur("20.00"))
    appealed = (event(E.GRANT_SELLER, at(21)), event(E.APPEAL, at(22)))
    kept = (*appealed, ClaimEvent(E.WIN_APPEAL, at(25), debited=True, counts_odr=False))
    assert money_of(claim, kept) == (eur("20.00"), None)
    reversed_ = (*appealed, ClaimEvent(E.WIN_APPEAL, at(25), debited=False, counts_odr=True))
    assert money_of(claim, reversed_) == (eur("20.00"), eur("20.00"))


def test_the_response_time_runs_from_the_notice_to_the_first_response() -> None:
    claim = make_claim()
    assert response_time(claim, ()) is None
    events = (event(E.RESPOND, NOTICE + timedelta(hours=5)),
              event(E.RESPOND, NOTICE + timedelta(hours=9)))
    assert response_time(claim, (events[0],)) == timedelta(hours=5)


def test_the_summary_groups_by_source_and_reason_and_keeps_currencies_apart() -> None:
    records = [
        (make_claim(order_id="111-0000000-0000001"), (event(E.DENY, at(22)),)),
        (make_claim(order_id="111-0000000-0000002"), (event(E.GRANT_SELLER, at(22)),)),
        (make_claim(order_id="111-0000000-0000003", reason=Reason.DAMAGED,
                    amount=eur("10.00")), (event(E.REFUND, at(22)),)),
        (make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                    order_id="PP-9", amount=Money(Decimal("5"), "GBP")),
         (event(E.RESPOND, NOTICE + timedelta(hours=2)), event(E.GRANT_SELLER, at(23)))),
    ]
    results = summarise(records)
    assert (results.totals.won, results.totals.lost, results.totals.open) == (1, 3, 0)
    assert [(s, r, c.won, c.lost) for s, r, c in results.groups()] == [
        (ClaimSource.A_TO_Z, Reason.NOT_RECEIVED, 1, 1),
        (ClaimSource.A_TO_Z, Reason.DAMAGED, 0, 1),
        (ClaimSource.PAYPAL, Reason.NOT_RECEIVED, 0, 1),
    ]
    assert results.debited == (eur("59.95"),
                               Money(Decimal("5"), "GBP"))
    assert results.recovered == ()
    assert results.median_response == timedelta(hours=2)


def test_the_last_90_days_only_take_claims_noticed_since_then() -> None:
    old = make_claim(order_id="111-0000000-0000001", notice_at=NOW - timedelta(days=91))
    new = make_claim(order_id="111-0000000-0000002", notice_at=NOW - timedelta(days=10))
    results = summarise([(old, ()), (new, ())], since=NOW - timedelta(days=90))
    assert results.totals.total == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(claim_records(), max_size=15), st.none() | st.integers(0, 150))
def test_every_claim_in_the_period_lands_in_exactly_one_group_and_result(
    records: list[ClaimRecord], days: int | None
) -> None:
    since = None if days is None else NOW - timedelta(days=days)
    results = summarise(records, since)
    inside = [r for r in records if since is None or r[0].notice_at >= since]
    assert results.totals.total == len(inside)
    assert sum(c.total for _, _, c in results.groups()) == len(inside)
    for result in Result:
        assert sum(getattr(c, result.value) for _, _, c in results.groups()) == getattr(
            results.totals, result.value)
    for money in results.recovered:
        assert money.amount <= results.debited_totals[money.currency]
    assert len(results.response_times) == sum(
        1 for claim, events in inside if any(e.kind is E.RESPOND for e in events))


@given(st.lists(st.integers(0, 10**6), max_size=30))
def test_the_median_is_the_middle_time(minutes: list[int]) -> None:
    spans = [timedelta(minutes=m) for m in minutes]
    expected = timedelta(minutes=statistics.median(minutes)) if minutes else None
    assert median(spans) == expected
