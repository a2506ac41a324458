"""A claim draft from a pasted notice: certain readings filled in, the rest asked."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain.claims import ChargebackReason, Fulfilment, NoticeKind, PayPalStage
from domain.confidence import Reading
from domain.intake import ClaimDraft, Step, edit, next_step, to_claim
from domain.money import Money
from domain.notice import Notice, NoticeEvent, read_notice
from domain.notice_intake import (
    NoticeHints,
    draft_from_notice,
    fill_defaults,
    use_suggestion,
    with_notice_facts,
)
from domain.rules import ClaimSource, Marketplace
from tests.notice_samples import NOW, SAMPLES, ZONE, Sample


def drafted(text: str) -> tuple[ClaimDraft, NoticeHints]:
    notice = read_notice(text, NOW, ZONE)
    assert notice is not None
    return draft_from_notice(notice, text, NOW)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s.language}-{s.name}")
def test_every_sample_leaves_at_most_the_fulfilment_and_the_notice_time_to_ask(
    sample: Sample,
) -> None:
    draft, hints = drafted(sample.text)
    assert draft.order_id == sample.order_id
    assert draft.amount == sample.amount
    assert hints.kind is sample.kind
    asked = next_step(draft)
    if sample.source.is_amazon:
        assert asked is Step.FULFILMENT
        draft.fulfilment = Fulfilment.SELLER
        fill_defaults(draft, hints)
        asked = next_step(draft)
    assert asked is (None if sample.notice_at else Step.NOTICE)
    if asked is None:
        claim = to_claim(draft)
        assert (claim.source, claim.marketplace) == (sample.source, sample.marketplace)


def test_the_hints_survive_the_trip_through_the_persisted_user_data() -> None:
    _, hints = drafted(next(s.text for s in SAMPLES if s.name == "paypal dispute"))
    assert hints.respond_by is not None and hints.case_id == "PP-D-123456789"
    assert NoticeHints.from_json(hints.to_json()) == hints


@pytest.mark.parametrize("stored", [
    None, [], {}, {"kind": "nope"},
    {"kind": "filed", "language": "en", "text": "x", "draft_started": "2026-12-01T10:00:00"},
    {"kind": "filed", "language": "en", "text": "x", "draft_started": "yesterday"},
])
def test_hints_that_no_longer_read_are_dropped(stored: object) -> None:
    assert NoticeHints.from_json(stored) is None


def test_a_naive_respond_by_is_ignored_and_a_strange_info_flag_is_unknown() -> None:
    _, hints = drafted(next(s.text for s in SAMPLES if s.name == "paypal dispute"))
    data = {**hints.to_json(), "respond_by": "2026-12-21T00:00:00", "info_requested": "yes"}
    read = NoticeHints.from_json(data)
    assert read is not None and read.respond_by is None and read.info_requested is None


TWO_MARKETPLACES = ("Een koper heeft een A-tot-Z-garantieclaim ingediend voor bestelling "
                    "171-7777777-1234567, € 12,00, niet ontvangen, verzonden door de verkoper. "
                    "Datum: 1 december 2026 22:08. Zie ook 171-1111111-2222222.")


def test_unsure_readings_become_suggestions_and_taking_one_answers_the_question() -> None:
    draft, hints = drafted(TWO_MARKETPLACES)
    assert next_step(draft) is Step.MARKETPLACE
    assert hints.suggestions[Step.MARKETPLACE] == ("nl", "be")
    assert hints.suggestions[Step.ORDER_ID] == ("171-7777777-1234567", "171-1111111-2222222")
    assert use_suggestion(draft, hints, 1, NOW) is Step.MARKETPLACE
    assert draft.marketplace is Marketplace.AMAZON_BE
    assert use_suggestion(draft, hints, 0, NOW) is Step.ORDER_ID
    assert draft.order_id == "171-7777777-1234567"
    assert use_suggestion(draft, hints, 1, NOW) is Step.NOTICE_KIND
    assert draft.notice_kind is NoticeKind.CLAIM_FILED
    with pytest.raises(ValueError, match="no such suggestion"):
        use_suggestion(draft, hints, 0, NOW)  # the open question now has no suggestions


def test_a_suggestion_that_a_rule_refuses_is_not_taken() -> None:
    draft, hints = drafted(TWO_MARKETPLACES)
    draft.marketplace = Marketplace.AMAZON_NL
    hints.suggestions[Step.ORDER_ID] = ("not an order",)
    with pytest.raises(ValueError):
        use_suggestion(draft, hints, 0, NOW)
    assert draft.order_id is None


def test_unsure_amounts_and_notice_times_are_offered_and_read_back() -> None:
    text = ("A-to-z Guarantee claim for order 203-1234567-1234567 on Amazon.co.uk, fulfilled by "
            "Amazon: £12.50 item, £4.95 shipping, never arrived. On 30 November 2026 the buyer "
            "filed it.")
    draft, hints = drafted(text)
    assert next_step(draft) is Step.AMOUNT
    assert hints.suggestions[Step.AMOUNT] == ("12.50 GBP", "4.95 GBP")
    use_suggestion(draft, hints, 1, NOW)
    assert draft.amount == Money(Decimal("4.95"), "GBP")
    assert use_suggestion(draft, hints, 0, NOW) is Step.NOTICE_KIND
    assert next_step(draft) is Step.NOTICE
    use_suggestion(draft, hints, 0, NOW)
    assert draft.notice_at == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
    hints.suggestions[Step.AMOUNT] = ("x EUR",)
    draft.amount = None
    with pytest.raises(ValueError):
        use_suggestion(draft, hints, 0, NOW)


def test_an_unsure_source_is_asked_before_anything_that_depends_on_it() -> None:
    draft, hints = drafted("Trusted Shops case for order 1234; the buyer paid with PayPal.")
    assert next_step(draft) is Step.SOURCE
    assert hints.suggestions[Step.SOURCE] == ("ts", "pp")
    use_suggestion(draft, hints, 0, NOW)
    assert draft.source is ClaimSource.TRUSTED_SHOPS


def test_a_default_is_given_once_so_an_edit_asks_the_question() -> None:
    draft, hints = drafted(next(s.text for s in SAMPLES if s.name == "a-to-z claim"))
    draft.fulfilment = Fulfilment.SELLER
    fill_defaults(draft, hints)
    assert draft.buy_shipping is False and next_step(draft) is None
    edit(draft, "bs")
    fill_defaults(draft, hints)
    assert next_step(draft) is Step.BUY_SHIPPING


def test_a_certain_reading_a_rule_refuses_is_asked_instead() -> None:
    notice = read_notice(next(s.text for s in SAMPLES if s.name == "paypal dispute"), NOW, ZONE)
    assert notice is not None
    broken = Notice(**{**notice.__dict__, "order_id": Reading.certain("x" * 80)})
    draft, hints = draft_from_notice(broken, "text", NOW)
    assert draft.order_id is None and Step.ORDER_ID not in hints.read
    assert hints.kind is NoticeEvent.FILED


def _claim_of(text: str, fulfilment: Fulfilment | None = Fulfilment.SELLER) -> tuple[Any, Any]:
    draft, hints = drafted(text)
    if draft.source is not None and draft.source.is_amazon:
        draft.fulfilment = fulfilment
        fill_defaults(draft, hints)
    return with_notice_facts(to_claim(draft), hints), hints


@pytest.mark.parametrize(("name", "notice_kind"), [
    ("a-to-z claim", NoticeKind.CLAIM_FILED),
    ("request for information", NoticeKind.INFO_REQUEST),
])
def test_the_notice_says_whether_amazon_asked_for_information(name: str,
                                                              notice_kind: NoticeKind) -> None:
    claim, _ = _claim_of(next(s.text for s in SAMPLES if s.name == name and s.language == "de"))
    assert claim.notice_kind is notice_kind


def test_a_claim_notice_that_does_not_say_is_asked_with_the_strict_reading_first() -> None:
    draft, hints = drafted("Date: Tue, 1 Dec 2026 at 22:08\nA buyer filed an A-to-z Guarantee "
                           "claim for order 203-1234567-1234567 on Amazon.co.uk, £12.00, "
                           "item not received, fulfilled by the seller.")
    assert next_step(draft) is Step.NOTICE_KIND
    assert hints.suggestions[Step.NOTICE_KIND] == ("req", "filed")


@pytest.mark.parametrize(("name", "stage"), [
    ("paypal dispute", PayPalStage.DISPUTE), ("paypal claim", PayPalStage.CLAIM),
])
def test_a_paypal_notice_gives_the_stage_and_its_respond_by_date(name: str,
                                                                 stage: PayPalStage) -> None:
    sample = next(s for s in SAMPLES if s.name == name and s.language == "fr")
    text = sample.text if sample.notice_at else "Date : 1 décembre 2026 22:08\n" + sample.text
    claim, _ = _claim_of(text)
    assert claim.paypal_stage is stage
    assert claim.respond_by == sample.respond_by


def test_a_chargeback_for_unauthorised_use_is_a_fraud_chargeback() -> None:
    sample = next(s for s in SAMPLES if s.name == "chargeback" and s.language == "es")
    claim, _ = _claim_of(sample.text)
    assert claim.chargeback_reason is ChargebackReason.SERVICE
    fraud = sample.text.replace("Motivo: artículo no recibido",
                                "Motivo: artículo no recibido, uso no autorizado de la tarjeta")
    claim, hints = _claim_of(fraud)
    assert claim.chargeback_reason is ChargebackReason.FRAUD
    assert NoticeHints.from_json(hints.to_json()) == hints
