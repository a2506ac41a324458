from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.claims import Claim, Fulfilment, Reason
from domain.errors import ValidationError
from domain.lifecycle import ClaimEvent, EventKind
from domain.odr import (
    ODR_TARGET,
    OdrChannel,
    channel_of,
    estimate_odr,
    odr_verdict,
)
from domain.rules import ClaimSource, Marketplace
from tests.domain.test_builders import at, event, make_claim

E = EventKind


def counts(events: Sequence[ClaimEvent] = (), **claim: object) -> bool:
    return odr_verdict(make_claim(**claim), events).counts


def test_a_pending_claim_counts() -> None:
    assert counts()
    assert counts([event(E.RESPOND, at(21))])


def test_a_denied_claim_does_not_count() -> None:
    assert not counts([event(E.RESPOND, at(21)), event(E.DENY, at(22))])


def test_a_closed_denied_claim_still_does_not_count() -> None:
    assert not counts([event(E.DENY, at(22)), event(E.CLOSE, at(23))])


def test_a_seller_funded_grant_counts() -> None:
    assert counts([event(E.GRANT_SELLER, at(22))])


def test_an_amazon_funded_grant_counts() -> None:
    assert counts([event(E.GRANT_AMAZON, at(22))])


def test_an_amazon_funded_buy_shipping_protected_not_received_claim_does_not_count() -> None:
    assert not counts([event(E.GRANT_AMAZON, at(22))], buy_shipping_protected=True)


def test_a_pending_buy_shipping_protected_not_received_claim_is_expected_not_to_count() -> None:
    assert not counts(buy_shipping_protected=True)


def test_buy_shipping_protection_does_not_help_a_damaged_item_claim() -> None:
    assert counts([event(E.GRANT_AMAZON, at(22))], buy_shipping_protected=True,
                  reason=Reason.DAMAGED)


def test_a_seller_funded_grant_counts_even_with_buy_shipping_protection() -> None:
    assert counts([event(E.GRANT_SELLER, at(22))], buy_shipping_protected=True)


def test_a_claim_refunded_after_filing_counts() -> None:
    assert counts([event(E.REFUND, at(21))])


def test_a_claim_withdrawn_before_a_decision_does_not_count() -> None:
    assert not counts([event(E.WITHDRAW, at(21))])


def test_a_claim_withdrawn_after_a_grant_or_refund_counts() -> None:
    assert counts([event(E.GRANT_AMAZON, at(21)), event(E.WITHDRAW, at(22))])
    assert counts([event(E.REFUND, at(21)), event(E.WITHDRAW, at(22)), event(E.CLOSE, at(23))])


def test_a_claim_won_on_appeal_does_not_count() -> None:
    events = [event(E.GRANT_SELLER, at(21)), event(E.APPEAL, at(22)),
              event(E.WIN_APPEAL, at(25)), event(E.CLOSE, at(25))]
    assert not counts(events)


def test_a_claim_lost_on_appeal_counts() -> None:
    assert counts([event(E.GRANT_SELLER, at(21)), event(E.APPEAL, at(22)),
                   event(E.LOSE_APPEAL, at(25))])


def test_a_claim_under_appeal_still_counts() -> None:
    assert counts([event(E.GRANT_SELLER, at(21)), event(E.APPEAL, at(22))])


def test_an_amazon_chargeback_counts_like_a_claim() -> None:
    assert counts(source=ClaimSource.CHARGEBACK)
    assert not counts([event(E.DENY, at(22))], source=ClaimSource.CHARGEBACK)


@pytest.mark.parametrize("source", [ClaimSource.TRUSTED_SHOPS, ClaimSource.PAYPAL])
def test_cases_outside_amazon_never_count(source: ClaimSource) -> None:
    verdict = odr_verdict(make_claim(source=source, marketplace=Marketplace.WEBSHOP,
                                     order_id="WS-1"), [event(E.GRANT_SELLER, at(22))])
    assert not verdict.counts
    assert "Only Amazon" in verdict.reason.key


def test_every_verdict_explains_itself() -> None:
    verdict = odr_verdict(make_claim(), [event(E.REFUND, at(21))])
    assert "still counts" in verdict.reason.key


def test_fba_is_its_own_channel_and_seller_fulfilled_prime_is_seller_fulfilled() -> None:
    assert channel_of(Fulfilment.FBA) is OdrChannel.FBA
    assert channel_of(Fulfilment.SELLER) is OdrChannel.SELLER
    assert channel_of(Fulfilment.SELLER_PRIME) is OdrChannel.SELLER


NOW = at(30, 12)


def claim_on(day: date, order_id: str = "171-1234567-1234567", **kw: object) -> Claim:
    return make_claim(order_id=order_id, order_date=day, **kw)


def test_the_odr_is_defective_orders_over_orders_in_60_days_per_channel() -> None:
    claims: list[tuple[Claim, Sequence[ClaimEvent]]] = [
        (claim_on(date(2026, 11, 1), "111-0000000-0000001"), []),
        (claim_on(date(2026, 11, 2), "111-0000000-0000002"), [event(E.DENY, at(22))]),
        (claim_on(date(2026, 11, 3), "111-0000000-0000003", fulfilment=Fulfilment.FBA),
         [event(E.GRANT_SELLER, at(22))]),
    ]
    estimate = estimate_odr(claims, {OdrChannel.SELLER: 200, OdrChannel.FBA: 50}, NOW)
    seller, fba = estimate[OdrChannel.SELLER], estimate[OdrChannel.FBA]
    assert (seller.defects, seller.orders, seller.rate) == (1, 200, Decimal("0.005"))
    assert seller.meets_target
    assert (fba.defects, fba.rate) == (1, Decimal("0.02"))
    assert not fba.meets_target
    assert Decimal("0.01") == ODR_TARGET


def test_an_order_with_several_defects_counts_once() -> None:
    same = "111-0000000-0000001"
    claims = [(claim_on(date(2026, 11, 1), same), ()),
              (claim_on(date(2026, 11, 5), same, reason=Reason.DAMAGED), ())]
    estimate = estimate_odr(claims, {OdrChannel.SELLER: 10}, NOW)[OdrChannel.SELLER]
    assert estimate.defective_orders == (same,)


def test_the_window_is_the_60_days_ending_today() -> None:
    estimate = estimate_odr([], {OdrChannel.SELLER: 10}, NOW)[OdrChannel.SELLER]
    assert (estimate.window_start, estimate.window_end) == (date(2026, 10, 2), date(2026, 11, 30))
    assert estimate.window_end - estimate.window_start == timedelta(days=59)
    inside = claim_on(date(2026, 10, 2), "111-0000000-0000001")
    outside = claim_on(date(2026, 10, 1), "111-0000000-0000002")
    future = claim_on(date(2026, 12, 1), "111-0000000-0000003")
    result = estimate_odr([(inside, ()), (outside, ()), (future, ())],
                          {OdrChannel.SELLER: 10}, NOW)
    assert result[OdrChannel.SELLER].defective_orders == ("111-0000000-0000001",)


def test_without_an_order_date_the_notice_date_counts() -> None:
    old = make_claim(notice_at=at(1, month=9))
    assert estimate_odr([(old, ())], {OdrChannel.SELLER: 10}, NOW)[OdrChannel.SELLER].defects == 0
    recent = make_claim()
    assert estimate_odr([(recent, ())], {OdrChannel.SELLER: 10},
                        NOW)[OdrChannel.SELLER].defects == 1


def test_the_estimate_can_be_limited_to_one_marketplace() -> None:
    de = make_claim(marketplace=Marketplace.AMAZON_DE)
    assert estimate_odr([(de, ())], {OdrChannel.SELLER: 10}, NOW,
                        Marketplace.AMAZON_NL)[OdrChannel.SELLER].defects == 0
    assert estimate_odr([(de, ())], {OdrChannel.SELLER: 10}, NOW,
                        Marketplace.AMAZON_DE)[OdrChannel.SELLER].defects == 1


def test_only_channels_with_an_order_count_are_estimated() -> None:
    fba = make_claim(fulfilment=Fulfilment.FBA)
    assert set(estimate_odr([(fba, ())], {OdrChannel.SELLER: 10}, NOW)) == {OdrChannel.SELLER}


def test_no_orders_means_no_rate_and_the_target_is_met() -> None:
    estimate = estimate_odr([], {OdrChannel.FBA: 0}, NOW)[OdrChannel.FBA]
    assert estimate.rate is None
    assert estimate.meets_target


def test_exactly_one_percent_misses_the_target() -> None:
    estimate = estimate_odr([(make_claim(), ())], {OdrChannel.SELLER: 100}, NOW)
    assert estimate[OdrChannel.SELLER].rate == ODR_TARGET
    assert not estimate[OdrChannel.SELLER].meets_target


def test_fewer_orders_than_defective_orders_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        estimate_odr([(make_claim(), ())], {OdrChannel.SELLER: 0}, NOW)
    assert raised.value.msg.params == {"orders": 0, "defects": 1, "days": 60}
