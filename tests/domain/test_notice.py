"""Reading pasted notices: every kind in every language, and what is certain or asked."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.claims import Fulfilment, Reason
from domain.confidence import Confidence, Reading
from domain.money import Money
from domain.notice import Notice, NoticeEvent, read_notice
from domain.notice_text import MAX_CHARS
from domain.rules import ClaimSource, Marketplace
from tests.notice_samples import NOW, SAMPLES, ZONE, Sample, local


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s.language}-{s.name}")
def test_each_notice_kind_in_each_language_is_read_with_its_facts(sample: Sample) -> None:
    notice = read_notice(sample.text, NOW, ZONE)
    assert notice is not None
    assert notice.language == sample.language
    assert (notice.kind.value, notice.kind.confidence) == (sample.kind, Confidence.CERTAIN)
    assert (notice.source.value, notice.source.confidence) == (sample.source, Confidence.CERTAIN)
    assert notice.marketplace.value is sample.marketplace
    assert notice.marketplace.is_certain
    assert (notice.order_id.value, notice.order_id.confidence) == (
        sample.order_id, Confidence.CERTAIN)
    assert (notice.amount.value, notice.amount.confidence) == (sample.amount, Confidence.CERTAIN)
    assert notice.reason.value is sample.reason
    assert notice.reason.is_certain
    if sample.info_requested is None:
        assert not notice.info_requested.is_certain
    else:
        assert notice.info_requested == notice.info_requested.certain(sample.info_requested)
    if sample.notice_at is not None:
        assert notice.notice_at == notice.notice_at.certain(sample.notice_at)
    else:
        assert not notice.notice_at.is_certain
    if sample.respond_by is not None:
        assert notice.respond_by == notice.respond_by.certain(sample.respond_by)
    else:
        assert notice.respond_by.is_missing


def read(text: str) -> Notice:
    notice = read_notice(text, NOW, ZONE)
    assert notice is not None
    return notice


@pytest.mark.parametrize("text", [
    "",
    "hallo, ik heb een vraag over mijn garantiekader",
    "250000",
    "171-1234567-1234567",
    "Can I get my PayPal € 20 back?",
    "Trusted Shops is great",
    "<html><body><p>&nbsp;</p></body></html>",
])
def test_text_that_is_no_notice_is_not_read_as_one(text: str) -> None:
    assert read_notice(text, NOW, ZONE) is None


def test_several_order_ids_make_the_order_id_unsure_with_the_labelled_one_first() -> None:
    notice = read(
        "A-to-z Guarantee claim on Amazon.nl. See also 171-5555555-6666666. "
        "Order ID: 171-1111111-2222222."
    )
    assert notice.order_id == Reading.unsure("171-1111111-2222222", ("171-5555555-6666666",))
    notice = read(
        "A-to-z claims on Amazon.nl for 171-1111111-2222222 and 171-3333333-4444444."
    )
    assert notice.order_id.confidence is Confidence.UNSURE
    assert notice.order_id.value == "171-1111111-2222222"
    assert notice.order_id.alternatives == ("171-3333333-4444444",)


def test_an_order_id_with_typographic_dashes_and_spaces_is_read_in_canonical_form() -> None:
    notice = read("A-tot-Z-garantieclaim, bestelling 171 – 1234567 — 1234567, Amazon.nl")
    assert notice.order_id == Reading.certain("171-1234567-1234567")


def test_without_a_site_name_the_language_suggests_a_marketplace_to_confirm() -> None:
    notice = read("Een koper heeft een A-tot-Z-garantieclaim ingediend voor bestelling "
                  "171-1234567-1234567. Bedrag: € 12,00.")
    assert notice.marketplace == Reading.unsure(Marketplace.AMAZON_NL, (Marketplace.AMAZON_BE,))
    assert "marketplace" in notice.to_confirm


def test_a_pound_amount_names_amazon_uk_without_a_site_name() -> None:
    notice = read("A buyer filed an A-to-z Guarantee claim for order 203-1234567-1234567, £12.00.")
    assert notice.marketplace == Reading.certain(Marketplace.AMAZON_UK)


def test_an_english_notice_in_euros_without_a_site_name_is_unsure() -> None:
    notice = read("A buyer filed an A-to-z Guarantee claim for order 303-1234567-1234567, €12.00.")
    assert notice.marketplace.confidence is Confidence.UNSURE
    assert notice.marketplace.value is Marketplace.AMAZON_DE


def test_a_claim_notice_that_neither_asks_nor_says_no_action_takes_the_strict_reading() -> None:
    notice = read("A buyer filed an A-to-z Guarantee claim for order 203-1234567-1234567 "
                  "on Amazon.co.uk.")
    assert notice.info_requested == Reading.unsure(True, (False,))
    assert notice.to_confirm == ("reason", "fulfilment", "amount", "notice_at",
                                 "info_requested")


def test_the_fulfilment_is_read_when_the_notice_names_it() -> None:
    notice = read("A-to-z Guarantee claim for order 203-1234567-1234567 on Amazon.co.uk "
                  "(Fulfilled by Amazon).")
    assert notice.fulfilment == Reading.certain(Fulfilment.FBA)
    notice = read("Garantie A à Z, commande 402-1234567-1234567, Amazon.fr, Prime expédié par "
                  "le vendeur.")
    assert notice.fulfilment == Reading.certain(Fulfilment.SELLER_PRIME)


def test_a_notice_date_without_a_time_is_offered_as_the_start_of_that_day() -> None:
    notice = read("A-to-z Guarantee claim, Amazon.nl, order 171-1234567-1234567, "
                  "claim date: 30 November 2026.")
    assert notice.notice_at == Reading.unsure(_nov(30))


def _nov(day: int) -> datetime:
    return datetime(2026, 11, day, tzinfo=ZONE).astimezone(UTC)


def test_a_forwarded_header_with_a_utc_offset_is_read_in_that_offset() -> None:
    notice = read("Date: Tue, 1 Dec 2026 21:08:05 +0000\nA-to-z Guarantee claim for order "
                  "203-1234567-1234567, Amazon.co.uk")
    assert notice.notice_at == Reading.certain(datetime(2026, 12, 1, 21, 8, tzinfo=UTC))


def test_an_unlabelled_past_date_is_only_a_best_reading_and_future_ones_are_ignored() -> None:
    notice = read("On 30 November 2026 a buyer filed an A-to-z Guarantee claim for order "
                  "203-1234567-1234567 on Amazon.co.uk. Delivery is expected on 9 December 2026.")
    assert notice.notice_at == Reading.unsure(_nov(30))
    assert notice.respond_by.is_missing


def test_a_respond_by_date_before_the_notice_is_not_taken() -> None:
    notice = read("PayPal dispute. Transaction ID: 7XK41234AB5678901. Date opened: "
                  "1 December 2026 10:00. Respond by 30 November 2026.")
    assert notice.respond_by.is_missing


def test_a_us_notice_reads_numeric_dates_month_first() -> None:
    notice = read("A-to-z Guarantee claim for order 113-1234567-1234567 on Amazon.com, $20.00. "
                  "Sent: 12/01/2026 10:08 PM")
    assert notice.notice_at == Reading.certain(local(1, 22, 8))


def test_contradicting_decisions_make_the_kind_unsure() -> None:
    notice = read("A-to-z Guarantee claim 171-1234567-1234567 on Amazon.nl: the claim was "
                  "granted. The claim was denied.")
    assert notice.kind.confidence is Confidence.UNSURE
    assert set((notice.kind.value, *notice.kind.alternatives)) == {
        NoticeEvent.GRANTED, NoticeEvent.DENIED}


def test_two_reasons_make_the_reason_unsure_with_the_most_named_first() -> None:
    notice = read("A-to-z claim 171-1234567-1234567 (Amazon.nl): item not received. The buyer "
                  "says the box was damaged and the item never arrived.")
    assert notice.reason == Reading.unsure(Reason.NOT_RECEIVED, (Reason.DAMAGED,))


def test_a_refund_not_received_is_a_return_claim_not_a_parcel_not_received() -> None:
    notice = read("A-to-z claim 171-1234567-1234567 (Amazon.nl): returned, refund not received.")
    assert notice.reason == Reading.certain(Reason.RETURN_NO_REFUND)


def test_a_notice_naming_two_sources_equally_is_unsure_about_the_source() -> None:
    notice = read("Trusted Shops case for order 1234; the buyer paid with PayPal.")
    assert notice.source.confidence is Confidence.UNSURE
    assert {notice.source.value, *notice.source.alternatives} == {
        ClaimSource.TRUSTED_SHOPS, ClaimSource.PAYPAL}


def test_a_paypal_chargeback_is_a_paypal_case_and_an_amazon_one_an_amazon_chargeback() -> None:
    paypal = read("PayPal: the buyer's card issuer filed a chargeback. Transaction ID: "
                  "7XK41234AB5678901")
    assert paypal.source == Reading.certain(ClaimSource.PAYPAL)
    amazon = read("Amazon.de chargeback for order 302-1234567-1234567")
    assert amazon.source == Reading.certain(ClaimSource.CHARGEBACK)


def test_a_paypal_case_id_is_the_order_id_when_no_transaction_id_is_given() -> None:
    notice = read("PayPal dispute PP-D-987654321 has been escalated to a claim.")
    assert notice.order_id == Reading.certain("PP-D-987654321")
    assert notice.case_id == "PP-D-987654321"
    assert notice.kind == Reading.certain(NoticeEvent.ESCALATED)


def test_an_unlabelled_transaction_id_is_only_a_best_reading() -> None:
    notice = read("PayPal dispute about payment 7XK41234AB5678901: item not received.")
    assert notice.order_id == Reading.unsure("7XK41234AB5678901")


def test_several_amounts_without_a_label_make_the_amount_unsure() -> None:
    notice = read("A-to-z Guarantee claim for order 171-1234567-1234567 on Amazon.nl: "
                  "€ 12,50 item, € 4,95 shipping.")
    assert notice.amount == Reading.unsure(Money(Decimal("12.50"), "EUR"),
                                           (Money(Decimal("4.95"), "EUR"),))


@pytest.mark.parametrize(("written", "value"), [
    ("€ 1.234,56", "1234.56"), ("€1,234.56", "1234.56"), ("1 234,5 €", "1234.50"),
    ("EUR 49", "49.00"), ("49,95 EUR", "49.95"), ("€ 1.234", "1234.00"),
])
def test_amounts_are_read_in_either_european_or_english_notation(written: str, value: str) -> None:
    notice = read(f"A-to-z Guarantee claim, Amazon.nl, order 171-1234567-1234567, "
                  f"amount: {written}")
    assert notice.amount == Reading.certain(Money(Decimal(value), "EUR"))


def test_html_leftovers_and_entities_do_not_hide_the_facts() -> None:
    notice = read("<div style=\"x\">A&#8209;tot&#8209;Z? <b>A-tot-Z-garantieclaim</b> voor "
                  "<a href=\"https://sellercentral.amazon.de/x\">bestelling</a>&nbsp;"
                  "171&#8209;1234567&#8209;1234567</div><br>Bedrag:&nbsp;&euro;&nbsp;9,99<br>Amazon.nl")
    assert notice.order_id == Reading.certain("171-1234567-1234567")
    assert notice.amount == Reading.certain(Money(Decimal("9.99"), "EUR"))
    assert notice.marketplace == Reading.certain(Marketplace.AMAZON_NL)


def test_a_sender_address_does_not_name_the_marketplace() -> None:
    notice = read("From: atoz@amazon.com\nA-tot-Z-garantieclaim voor bestelling "
                  "171-1234567-1234567 op Amazon.nl")
    assert notice.marketplace == Reading.certain(Marketplace.AMAZON_NL)


def test_text_beyond_the_reading_limit_changes_nothing() -> None:
    head = SAMPLES[0].text + " " * (MAX_CHARS - len(SAMPLES[0].text))
    assert read_notice(head + "PayPal chargeback " * 500, NOW, ZONE) == read_notice(
        head, NOW, ZONE)


@settings(max_examples=300)
@given(st.text(max_size=4096))
def test_any_text_up_to_telegrams_limit_is_read_without_raising(text: str) -> None:
    notice = read_notice(text, NOW, ZONE)
    assert notice is None or notice.source.value is not None


_NOTICE_WORDS = st.sampled_from([
    "A-to-z", "Amazon.nl", "PayPal", "Trusted Shops", "chargeback", "171-1234567-1234567",
    "PP-D-123456789", "€ 12,50", "£3", "1 december 2026 22:08", "respond by", "Datum:",
    "<b>", "&euro;", "order", "niet ontvangen", "in your favour", "granted", "7XK41234AB5678901",
    "12/01/2026", "\u00a0", "–", "9:99 pm", "32 dec", "Dec 1,", "+0100", "n°", "1", " ",
])


@settings(max_examples=300)
@given(st.lists(_NOTICE_WORDS, max_size=400).map(" ".join))
def test_notice_shaped_noise_is_read_without_raising(text: str) -> None:
    notice = read_notice(text[:4096], NOW, ZONE)
    if notice is not None:
        for name in ("kind", "source", "marketplace", "order_id", "amount", "reason",
                     "notice_at", "respond_by", "info_requested"):
            reading = getattr(notice, name)
            assert (reading.value is None) == reading.is_missing


def test_a_grant_amazon_paid_for_is_told_apart_from_one_debited_from_the_seller() -> None:
    granted = next(s.text for s in SAMPLES if s.name == "claim granted" and s.language == "nl")
    assert not read(granted).amazon_funded
    funded = granted.replace("Het bedrag van € 24,50 is van je account afgeschreven.",
                             "Het bedrag van € 24,50 is door Amazon vergoed.")
    notice = read(funded)
    assert notice.kind == Reading.certain(NoticeEvent.GRANTED)
    assert notice.amazon_funded
