"""The 60-day ODR window day by day: attribution, one defect per order, counting outcomes."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.claims import Claim, Fulfilment
from domain.lifecycle import EventKind
from domain.odr import ODR_TARGET, OdrChannel, channel_of, estimate_odr, odr_verdict
from domain.odr_window import (
    ChannelKey,
    channel_keys,
    channel_status,
    counting_spans,
    defects_to_limit,
    rolling_defects,
    window_moves,
)
from domain.rules import ClaimSource, Marketplace
from tests.domain.odr_strategies import MARKETPLACES, NOW, TODAY, ClaimRecord, claim_records
from tests.domain.test_builders import at, event, make_claim

E = EventKind
NL_SELLER: ChannelKey = (Marketplace.AMAZON_NL, OdrChannel.SELLER)
UTC_END = time(23, 59, 59)


def brute_force(records: Sequence[ClaimRecord], key: ChannelKey, day: date) -> int:
    """Straight from the rules: orders with a claim known by ``day``, attributed to the 60 days
    ending on ``day``, whose timeline up to that day makes it count."""
    end_of_day = datetime.combine(day, UTC_END, tzinfo=NOW.tzinfo)
    orders = set()
    for claim, events in records:
        if not claim.source.is_amazon:
            continue
        if (claim.marketplace, channel_of(claim.fulfilment)) != key:
            continue
        if claim.notice_at > end_of_day:
            continue
        if not day - timedelta(days=59) <= claim.attribution_date <= day:
            continue
        known = [e for e in events if e.at <= end_of_day]
        if odr_verdict(claim, known).counts:
            orders.add(claim.order_id)
    return len(orders)


KEYS = [(m, c) for m in MARKETPLACES for c in OdrChannel]


@settings(max_examples=75, deadline=None)
@given(st.lists(claim_records(), max_size=12), st.integers(0, 120))
def test_the_rolling_count_on_any_day_follows_the_rules(
    records: list[ClaimRecord], back: int
) -> None:
    spans = counting_spans(records)
    day = TODAY - timedelta(days=back)
    for key in KEYS:
        series = rolling_defects(spans, key, day - timedelta(days=3), day)
        assert series[-1] == brute_force(records, key, day)


@settings(max_examples=75, deadline=None)
@given(st.lists(claim_records(), max_size=12))
def test_today_agrees_with_the_existing_estimate(records: list[ClaimRecord]) -> None:
    spans = counting_spans(records)
    for marketplace in MARKETPLACES:
        estimate = estimate_odr(records, dict.fromkeys(OdrChannel, 10**6), NOW, marketplace)
        for channel in OdrChannel:
            status = channel_status(spans, (marketplace, channel), TODAY, orders=10**6)
            assert sorted(o.order_id for o in status.counting) == sorted(
                estimate[channel].defective_orders)
            assert status.rate == estimate[channel].rate


@settings(max_examples=50, deadline=None)
@given(st.lists(claim_records(amazon_only=True), max_size=12))
def test_an_order_counts_at_most_once_on_any_day(records: list[ClaimRecord]) -> None:
    spans = counting_spans(records)
    for key in KEYS:
        mine = [s for s in spans if s.key == key]
        for first, second in itertools.pairwise(mine):
            if first.order_id == second.order_id:
                assert first.end < second.start  # merged: no overlap, no touching
        orders = {s.order_id for s in mine}
        assert max(rolling_defects(spans, key, TODAY - timedelta(days=200), TODAY),
                   default=0) <= len(orders)


@settings(max_examples=50, deadline=None)
@given(st.lists(claim_records(amazon_only=True), max_size=12))
def test_an_order_never_counts_outside_its_60_days(records: list[ClaimRecord]) -> None:
    attributed: dict[tuple[ChannelKey, str], list[date]] = {}
    for claim, _ in records:
        key = (claim.marketplace, channel_of(claim.fulfilment))
        attributed.setdefault((key, claim.order_id), []).append(claim.attribution_date)
    for span in counting_spans(records):
        days = attributed[span.key, span.order_id]
        assert min(days) <= span.start < span.end <= max(days) + timedelta(days=60)


@given(st.integers(0, 500), st.integers(1, 100_000))
def test_the_defects_to_the_limit_reach_one_percent_and_one_fewer_does_not(
    defects: int, orders: int
) -> None:
    more = defects_to_limit(defects, orders)
    assert Decimal(defects + more) / orders >= ODR_TARGET
    if more:
        assert Decimal(defects + more - 1) / orders < ODR_TARGET


def claim_on(day: date, order_id: str = "171-1234567-1234567", **kw: object) -> Claim:
    return make_claim(order_id=order_id, order_date=day, **kw)


def test_a_claim_counts_from_its_notice_until_sixty_days_after_the_order() -> None:
    claim = claim_on(date(2026, 11, 1), notice_at=at(10))
    [span] = counting_spans([(claim, ())])
    assert (span.start, span.end) == (date(2026, 11, 10), date(2026, 12, 31))
    enter, leave = window_moves([span], NL_SELLER, date(2026, 11, 1), date(2027, 1, 31))
    assert (enter, leave) == ([date(2026, 11, 10)], [date(2026, 12, 31)])


def test_a_denial_stops_a_claim_counting_from_that_day() -> None:
    claim = claim_on(date(2026, 11, 1), notice_at=at(10))
    [span] = counting_spans([(claim, (event(E.DENY, at(15)),))])
    assert (span.start, span.end) == (date(2026, 11, 10), date(2026, 11, 15))


def test_a_claim_denied_on_its_notice_day_never_counts() -> None:
    claim = claim_on(date(2026, 11, 1), notice_at=at(10))
    assert counting_spans([(claim, (event(E.DENY, at(10, 20)),))]) == []


def test_an_appeal_won_stops_the_count_and_a_withdrawal_after_a_grant_does_not() -> None:
    won = claim_on(date(2026, 11, 1), "111-0000000-0000001", notice_at=at(10))
    withdrawn = claim_on(date(2026, 11, 1), "111-0000000-0000002", notice_at=at(10))
    spans = counting_spans([
        (won, (event(E.GRANT_SELLER, at(12)), event(E.APPEAL, at(13)),
               event(E.WIN_APPEAL, at(20)))),
        (withdrawn, (event(E.GRANT_AMAZON, at(12)), event(E.WITHDRAW, at(14)))),
    ])
    assert [(s.order_id, s.end) for s in spans] == [
        ("111-0000000-0000001", date(2026, 11, 20)),
        ("111-0000000-0000002", date(2026, 12, 31)),
    ]


def test_two_claims_on_one_order_count_once() -> None:
    first = claim_on(date(2026, 11, 1), notice_at=at(5))
    second = claim_on(date(2026, 11, 1), notice_at=at(8), source=ClaimSource.CHARGEBACK)
    spans = counting_spans([(first, ()), (second, ())])
    assert len(spans) == 1
    assert rolling_defects(spans, NL_SELLER, date(2026, 11, 4), date(2026, 11, 9)) == [
        0, 1, 1, 1, 1, 1]


def test_without_an_order_date_the_notice_date_is_the_attribution() -> None:
    claim = make_claim(notice_at=at(10))
    [span] = counting_spans([(claim, ())])
    assert span.end == date(2026, 11, 10) + timedelta(days=60)


def test_channels_and_marketplaces_are_kept_apart() -> None:
    fba = claim_on(date(2026, 11, 1), fulfilment=Fulfilment.FBA, notice_at=at(5))
    de = claim_on(date(2026, 11, 1), marketplace=Marketplace.AMAZON_DE, notice_at=at(5))
    shop = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                      order_id="PP-1", notice_at=at(5))
    # Amazon handles FBA claims: only a grant at the seller's expense counts there.
    spans = counting_spans([(fba, (event(E.GRANT_SELLER, at(6)),)), (de, ()), (shop, ())])
    assert channel_keys(spans, [NL_SELLER]) == [
        (Marketplace.AMAZON_DE, OdrChannel.SELLER),
        (Marketplace.AMAZON_NL, OdrChannel.FBA),
        NL_SELLER,
    ]
    assert channel_status(spans, NL_SELLER, date(2026, 11, 30)).defects == 0


def test_the_status_lists_what_counts_soonest_to_leave_first_with_the_distance_to_one_percent(
) -> None:
    older = claim_on(date(2026, 10, 5), "111-0000000-0000001", notice_at=at(1))
    newer = claim_on(date(2026, 11, 2), "111-0000000-0000002", notice_at=at(5))
    spans = counting_spans([(newer, ()), (older, ())])
    status = channel_status(spans, NL_SELLER, date(2026, 11, 30), orders=300,
                            negative_feedback=1)
    assert [(o.order_id, o.leaves_on) for o in status.counting] == [
        ("111-0000000-0000001", date(2026, 12, 4)),
        ("111-0000000-0000002", date(2027, 1, 1)),
    ]
    assert status.rate == Decimal(2) / 300
    assert status.headroom == ODR_TARGET - Decimal(2) / 300
    assert status.more_to_limit == 1
    assert status.rate_with_feedback == Decimal(3) / 300
    assert not status.orders_too_low
    assert status.estimate is not None and status.estimate.window_start == date(2026, 10, 2)


def test_without_an_order_count_there_is_no_rate_and_a_low_count_is_flagged() -> None:
    spans = counting_spans([(claim_on(date(2026, 11, 2), notice_at=at(5)), ())])
    unknown = channel_status(spans, NL_SELLER, date(2026, 11, 30))
    assert (unknown.rate, unknown.headroom, unknown.more_to_limit,
            unknown.rate_with_feedback) == (None, None, None, None)
    assert channel_status(spans, NL_SELLER, date(2026, 11, 30), orders=0).orders_too_low


def test_an_empty_range_has_no_days() -> None:
    assert rolling_defects([], NL_SELLER, date(2026, 11, 2), date(2026, 11, 1)) == []


def test_ten_thousand_claims_compute_quickly_enough_to_not_need_a_cache() -> None:
    # Not a timing assertion (see bench/odr_compute.py): it proves the path runs at that size.
    records = [
        (claim_on(TODAY - timedelta(days=n % 90), f"171-{n:07d}-0000000",
                  notice_at=NOW - timedelta(days=n % 80)),
         (event(E.RESPOND, NOW - timedelta(days=n % 80) + timedelta(hours=1)),) if n % 2 else ())
        for n in range(10_000)
    ]
    spans = counting_spans(records)
    assert sum(rolling_defects(spans, NL_SELLER, TODAY, TODAY)) > 0
