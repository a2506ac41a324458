from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from domain.claims import NOTES_MAX_CHARS, Fulfilment, Reason, normalise_order_id
from domain.errors import DomainError, ValidationError
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from domain.text import Msg
from tests.domain.test_builders import NOTICE, eur, make_claim


@pytest.mark.parametrize(
    "raw",
    [
        "171-1234567-1234567",
        "  171-1234567-1234567 ",
        "171–1234567–1234567",  # en dash
        "171 ‐ 1234567 — 1234567",  # hyphen and em dash with spaces
        "171－1234567－1234567",  # fullwidth hyphen-minus
        "17112345671234567",
    ],
)
def test_an_amazon_order_id_is_normalised_to_3_7_7_digits(raw: str) -> None:
    assert normalise_order_id(ClaimSource.A_TO_Z, raw) == "171-1234567-1234567"


@pytest.mark.parametrize(
    "raw", ["", "171-123456-1234567", "171-1234567-12345678", "ABC-1234567-1234567",
            "１７１-1234567-1234567", "171-1234567-1234567-1"],
)
def test_a_malformed_amazon_order_id_is_refused_with_an_example(raw: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalise_order_id(ClaimSource.CHARGEBACK, raw)
    assert raised.value.msg.params == {"value": raw}
    assert "171-1234567-1234567" in raised.value.msg.key


def test_other_sources_take_any_printable_id_up_to_64_characters() -> None:
    assert normalise_order_id(ClaimSource.PAYPAL, "  9XY12345AB678901C ") == "9XY12345AB678901C"
    assert normalise_order_id(ClaimSource.TRUSTED_SHOPS, "x" * 64) == "x" * 64


@pytest.mark.parametrize("raw", ["", "   ", "x" * 65, "line\nbreak"])
def test_other_sources_refuse_empty_long_or_unprintable_ids(raw: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalise_order_id(ClaimSource.PAYPAL, raw)
    assert raised.value.msg.params == {"max": 64}


def test_a_claim_stores_the_normalised_order_id_and_the_notice_in_utc() -> None:
    claim = make_claim(
        order_id=" 171–1234567–1234567 ",
        notice_at=datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )
    assert claim.order_id == "171-1234567-1234567"
    assert claim.notice_at == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert claim.notice_at.tzinfo is UTC


def test_a_claim_records_the_rule_it_was_created_under() -> None:
    assert (make_claim().rule_id, make_claim().rule_version) == ("az.nl", 2)
    paypal = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                        order_id="TX-1")
    assert (paypal.rule_id, paypal.rule_version) == ("pp", 2)


def test_a_naive_notice_time_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        make_claim(notice_at=datetime(2026, 11, 20, 9, 0))  # noqa: DTZ001 - the point of the test
    assert raised.value.msg.params == {"field": "notice_at"}


@pytest.mark.parametrize(
    ("source", "marketplace"),
    [(ClaimSource.A_TO_Z, Marketplace.WEBSHOP), (ClaimSource.CHARGEBACK, Marketplace.WEBSHOP),
     (ClaimSource.TRUSTED_SHOPS, Marketplace.AMAZON_NL),
     (ClaimSource.PAYPAL, Marketplace.AMAZON_DE)],
)
def test_amazon_claims_need_an_amazon_marketplace_and_others_the_own_shop(
    source: ClaimSource, marketplace: Marketplace
) -> None:
    with pytest.raises(ValidationError, match="Amazon marketplace"):
        make_claim(source=source, marketplace=marketplace, order_id="171-1234567-1234567")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Money(Decimal("0"), "EUR"), "more than zero"),
        (Money(Decimal("-1"), "EUR"), "more than zero"),
        (Money(Decimal("NaN"), "EUR"), "more than zero"),
        (Money(1.5, "EUR"), "more than zero"),  # type: ignore[arg-type]
        (Money(Decimal("10"), "eur"), "three-letter"),
        (Money(Decimal("10"), "EURO"), "three-letter"),
        (Money(Decimal("10"), "E1R"), "three-letter"),
        (Money(Decimal("10"), "ÉUR"), "three-letter"),
    ],
)
def test_the_amount_must_be_positive_in_a_three_letter_currency(
    amount: Money, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        make_claim(amount=amount)


def test_the_amount_keeps_its_currency() -> None:
    assert make_claim(amount=Money(Decimal("12.50"), "GBP"),
                      marketplace=Marketplace.AMAZON_UK).amount.currency == "GBP"


def test_notes_are_trimmed_and_limited_in_length() -> None:
    assert make_claim(notes="  buyer is a regular  ").notes == "buyer is a regular"
    assert len(make_claim(notes="x" * NOTES_MAX_CHARS).notes) == NOTES_MAX_CHARS
    with pytest.raises(ValidationError) as raised:
        make_claim(notes="x" * (NOTES_MAX_CHARS + 1))
    assert raised.value.msg.params == {"max": NOTES_MAX_CHARS, "count": NOTES_MAX_CHARS + 1}


def test_buy_shipping_protection_only_fits_amazon_orders_the_seller_ships() -> None:
    assert make_claim(buy_shipping_protected=True, fulfilment=Fulfilment.SELLER_PRIME)
    with pytest.raises(ValidationError, match="Buy Shipping"):
        make_claim(buy_shipping_protected=True, fulfilment=Fulfilment.FBA)
    with pytest.raises(ValidationError, match="Buy Shipping"):
        make_claim(buy_shipping_protected=True, source=ClaimSource.PAYPAL,
                   marketplace=Marketplace.WEBSHOP)


def test_a_protected_not_received_claim_is_recognised() -> None:
    assert make_claim(buy_shipping_protected=True).protected_not_received
    assert not make_claim(buy_shipping_protected=True, reason=Reason.DAMAGED)\
        .protected_not_received
    assert not make_claim().protected_not_received


def test_odr_attributes_a_claim_to_its_order_date_else_its_notice_date() -> None:
    assert make_claim().attribution_date == date(2026, 11, 20)
    assert make_claim(order_date=date(2026, 11, 2)).attribution_date == date(2026, 11, 2)


def test_claims_are_frozen_values() -> None:
    claim = make_claim()
    assert claim == make_claim()
    with pytest.raises(AttributeError):
        claim.notes = "changed"  # type: ignore[misc]


def test_return_reasons_are_grouped() -> None:
    assert {r for r in Reason if r.is_return} == {
        Reason.RETURN_NO_REFUND, Reason.RETURN_WRONG_AMOUNT, Reason.RETURN_REJECTED,
        Reason.RETURN_NO_LABEL,
    }


def test_every_reason_and_fulfilment_has_a_label() -> None:
    assert all(isinstance(r.label, Msg) for r in Reason)
    assert all(isinstance(f.label, Msg) for f in Fulfilment)


def test_enum_values_stay_short_for_callback_data() -> None:
    for enum in (Reason, Fulfilment):
        assert all(len(member.value.encode()) <= 8 for member in enum)


def test_validation_errors_are_domain_errors_and_value_errors_carrying_a_msg() -> None:
    with pytest.raises(DomainError) as raised:
        make_claim(amount=eur("0"))
    assert isinstance(raised.value, ValueError)
    assert str(raised.value) == raised.value.msg.key


def test_notice_time_is_kept_exactly() -> None:
    assert make_claim().notice_at == NOTICE
