"""The intake asks for the facts the advice needs, only where they apply, and they reach the
claim: which notice, what the tracking says, carrier, tracking number and ship date, Buy Shipping
with its first scan, the buyer's first contact, the chargeback reason and PayPal's stage."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain import intake
from domain.claims import (
    ChargebackReason,
    Fulfilment,
    NoticeKind,
    PayPalStage,
    Reason,
    TrackingStatus,
)
from domain.errors import DomainError
from domain.intake import ClaimDraft, Step
from domain.rules import ClaimSource

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
AMS = ZoneInfo("Europe/Amsterdam")
ORDER = "171-1234567-1234567"


def answer(draft: ClaimDraft, *answers: str) -> list[Step]:
    """Answer the open questions in order (buttons by value, text by text); the steps asked."""
    asked = []
    for value in answers:
        step = intake.next_step(draft)
        assert step is not None, f"no question left for {value!r}"
        asked.append(step)
        if step in intake.TEXT_STEPS:
            intake.read_text(draft, step, value, NOW, AMS)
        elif step is Step.NOTICE:
            intake.notice_now(draft, NOW)
        else:
            intake.choose(draft, step, value)
    return asked


def test_a_not_received_a_to_z_claim_asks_every_fact_in_order() -> None:
    draft = ClaimDraft.start(NOW)
    asked = answer(draft, "az", "nl", ORDER, "nr", "fbm", "49,95", "req", "now", "skip", "dlv",
                   "PostNL", "3SABC", "20-11", "y", "y", "n", "skip")
    assert asked == [
        Step.SOURCE, Step.MARKETPLACE, Step.ORDER_ID, Step.REASON, Step.FULFILMENT, Step.AMOUNT,
        Step.NOTICE_KIND, Step.NOTICE, Step.DELIVERY, Step.TRACKING, Step.CARRIER,
        Step.TRACKING_NUMBER, Step.SHIP_DATE, Step.BUY_SHIPPING, Step.FIRST_SCAN, Step.CONTACT,
        Step.NOTES,
    ]
    claim = intake.to_claim(draft)
    assert claim.notice_kind is NoticeKind.INFO_REQUEST
    assert claim.tracking_status is TrackingStatus.DELIVERED
    assert (claim.carrier, claim.tracking_number, claim.ship_date) == (
        "PostNL", "3SABC", date(2026, 11, 20))
    assert claim.buy_shipping_protected and claim.first_scan_on_time is True
    assert claim.buyer_contacted_first is False


def test_no_tracking_skips_the_tracking_number_and_fba_skips_shipping_questions() -> None:
    draft = ClaimDraft.start(NOW)
    asked = answer(draft, "az", "nl", ORDER, "nr", "fbm", "10", "unk", "now", "skip", "none",
                   "skip", "skip", "n", "u", "skip")
    assert Step.TRACKING_NUMBER not in asked and Step.FIRST_SCAN not in asked
    fba = ClaimDraft.start(NOW)
    asked = answer(fba, "az", "nl", ORDER, "nr", "fba", "10", "filed", "now", "skip", "u", "skip")
    assert not {Step.TRACKING, Step.CARRIER, Step.BUY_SHIPPING} & set(asked)
    assert intake.to_claim(fba).notice_kind is NoticeKind.CLAIM_FILED


def test_buy_shipping_is_asked_only_for_not_received() -> None:
    draft = ClaimDraft.start(NOW)
    asked = answer(draft, "az", "nl", ORDER, "dmg", "fbm", "10", "unk", "now", "skip", "y",
                   "skip")
    assert Step.BUY_SHIPPING not in asked and Step.TRACKING not in asked
    assert intake.to_claim(draft).buyer_contacted_first is True


def test_a_chargeback_asks_its_reason_and_not_the_a_to_z_questions() -> None:
    draft = ClaimDraft.start(NOW)
    asked = answer(draft, "cb", "de", ORDER, "oth", "fraud", "fbm", "10", "now", "skip", "skip")
    assert Step.CB_REASON in asked
    assert not {Step.NOTICE_KIND, Step.CONTACT} & set(asked)
    assert intake.to_claim(draft).chargeback_reason is ChargebackReason.FRAUD


def test_a_paypal_claim_takes_the_respond_by_date_as_the_end_of_that_local_day() -> None:
    draft = ClaimDraft.start(NOW)
    answer(draft, "pp", "TX-1", "nad", "30", "now", "claim", "28-11", "skip", "skip")
    claim = intake.to_claim(draft)
    assert claim.paypal_stage is PayPalStage.CLAIM
    assert claim.respond_by == datetime(2026, 11, 28, 23, 59, tzinfo=AMS).astimezone(UTC)


def test_a_passed_respond_by_date_is_refused_with_an_example() -> None:
    draft = ClaimDraft.start(NOW)
    answer(draft, "pp", "TX-1", "nad", "30", "now", "claim")
    with pytest.raises(DomainError) as raised:
        intake.read_text(draft, Step.RESPOND_BY, "20-11", NOW, AMS)
    assert "has passed" in raised.value.msg.key


def test_a_paypal_dispute_has_no_respond_by_question() -> None:
    draft = ClaimDraft.start(NOW)
    asked = answer(draft, "pp", "TX-1", "nr", "30", "now", "dispute", "skip", "none",
                   "skip", "skip", "skip")
    assert Step.RESPOND_BY not in asked
    assert intake.to_claim(draft).paypal_stage is PayPalStage.DISPUTE


def test_a_carrier_or_tracking_number_is_one_short_line() -> None:
    draft = ClaimDraft.start(NOW)
    answer(draft, "az", "nl", ORDER, "nr", "fbm", "10", "req", "now", "skip", "dlv")
    with pytest.raises(DomainError):
        intake.read_text(draft, Step.CARRIER, "x" * 65, NOW, AMS)


def test_the_facts_survive_a_round_trip_through_the_stored_json() -> None:
    draft = ClaimDraft.start(NOW)
    answer(draft, "az", "nl", ORDER, "nr", "fbm", "10", "req", "now", "skip", "dlv", "PostNL",
           "skip", "20-11", "y", "u")
    again = ClaimDraft.from_json(draft.to_json())
    assert intake.next_step(again) is Step.CONTACT
    assert (again.tracking_status, again.carrier, again.tracking_number, again.ship_date) == (
        TrackingStatus.DELIVERED, "PostNL", None, date(2026, 11, 20))
    assert Step.TRACKING_NUMBER in again.skipped and Step.FIRST_SCAN in again.skipped


def test_editing_the_tracking_asks_the_shipment_questions_again() -> None:
    draft = ClaimDraft.start(NOW)
    answer(draft, "az", "nl", ORDER, "nr", "fbm", "10", "req", "now", "skip", "none", "skip",
           "skip", "n", "u", "skip")
    assert {"nk", "trk", "ctc"} <= set(intake.editable(draft))
    intake.edit(draft, "trk")
    assert intake.next_step(draft) is Step.TRACKING
    answer(draft, "transit", "DHL", "JJD1", "skip")
    claim = intake.to_claim(draft)
    assert (claim.tracking_status, claim.carrier) == (TrackingStatus.IN_TRANSIT, "DHL")


def test_facts_of_steps_that_no_longer_apply_do_not_reach_the_claim() -> None:
    draft = ClaimDraft.start(NOW)
    answer(draft, "az", "nl", ORDER, "nr", "fbm", "10", "req", "now", "skip", "dlv", "PostNL",
           "3S", "skip", "n", "y", "skip")
    intake.edit(draft, "rsn")
    answer(draft, "dmg")
    claim = intake.to_claim(draft)
    assert claim.reason is Reason.DAMAGED
    assert (claim.tracking_status, claim.carrier) == (None, "")
    assert claim.fulfilment is Fulfilment.SELLER and claim.source is ClaimSource.A_TO_Z


def test_every_fact_button_value_is_short_enough_for_callback_data() -> None:
    for step in (Step.CB_REASON, Step.NOTICE_KIND, Step.PAYPAL_STAGE, Step.TRACKING,
                 Step.FIRST_SCAN, Step.CONTACT):
        assert all(len(value) <= 12 for value in intake.button_values(step))
