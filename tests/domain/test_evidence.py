from __future__ import annotations

from datetime import datetime

import pytest

from domain.claims import Reason
from domain.errors import ValidationError
from domain.evidence import (
    DETAIL_MAX_CHARS,
    ITEM_LABELS,
    EvidenceItem,
    checklist_for,
    evidence_details,
    new_evidence,
    progress,
)
from domain.lifecycle import EventKind
from domain.rules import ClaimSource
from tests.domain.test_builders import NOTICE, at, event, item

AZ = ClaimSource.A_TO_Z


def ids(source: ClaimSource, reason: Reason, required: bool | None = None) -> list[str]:
    return [c.item_id for c in checklist_for(source, reason)
            if required is None or c.required is required]


def test_not_received_needs_tracking_proof_of_delivery_and_the_delivery_address() -> None:
    assert ids(AZ, Reason.NOT_RECEIVED, required=True) == [
        "carrier", "tracking", "pod", "address", "msgs",
    ]
    assert ids(AZ, Reason.NOT_RECEIVED, required=False) == ["dispatch", "signature", "concess"]


def test_return_claims_ask_for_the_return_address_label_and_why_a_return_was_closed() -> None:
    assert ids(AZ, Reason.RETURN_NO_LABEL, required=True) == ["ret_addr", "ret_label", "msgs"]
    assert ids(AZ, Reason.RETURN_REJECTED, required=True) == ["ret_elig", "ret_closed", "msgs"]


def test_a_wrong_refund_amount_needs_the_return_tracking_condition_and_refund() -> None:
    assert ids(AZ, Reason.RETURN_WRONG_AMOUNT, required=True) == [
        "ret_track", "ret_recv", "refund", "msgs",
    ]


def test_a_returned_item_without_refund_needs_eligibility_and_return_tracking() -> None:
    assert ids(AZ, Reason.RETURN_NO_REFUND, required=True) == ["ret_elig", "ret_track", "msgs"]


def test_damaged_and_not_as_described_claims_show_the_return_path() -> None:
    assert ids(AZ, Reason.DAMAGED, required=True) == ["ret_elig", "ret_addr", "msgs"]
    assert ids(AZ, Reason.NOT_AS_DESCRIBED, required=True) == [
        "listing", "ret_elig", "ret_addr", "msgs",
    ]


@pytest.mark.parametrize("reason", list(Reason))
def test_every_claim_needs_the_buyer_correspondence(reason: Reason) -> None:
    checklist = checklist_for(AZ, reason)
    msgs = next(c for c in checklist if c.item_id == "msgs")
    assert msgs.required
    assert msgs.label == ITEM_LABELS["msgs"]


def test_outside_amazon_the_invoice_is_recommended() -> None:
    assert ids(ClaimSource.PAYPAL, Reason.OTHER) == ["msgs", "concess", "invoice"]
    assert "invoice" not in ids(ClaimSource.CHARGEBACK, Reason.OTHER)


def test_checklist_ids_are_short_and_known() -> None:
    for reason in Reason:
        for source in ClaimSource:
            for c in checklist_for(source, reason):
                assert c.item_id in ITEM_LABELS and len(c.item_id) <= 10


def test_progress_counts_required_and_recommended_items_separately() -> None:
    checklist = checklist_for(AZ, Reason.NOT_RECEIVED)
    found = progress(checklist, [item("tracking"), item("tracking"), item("signature"),
                                 item("photos")])
    assert (found.required_done, found.required_total) == (1, 5)
    assert (found.recommended_done, found.recommended_total) == (1, 3)
    assert [c.item_id for c in found.missing_required] == ["carrier", "pod", "address", "msgs"]
    assert not found.complete


def test_progress_is_complete_when_every_required_item_is_there() -> None:
    checklist = checklist_for(AZ, Reason.RETURN_NO_LABEL)
    found = progress(checklist, [item("ret_addr"), item("ret_label"), item("msgs")])
    assert found.complete


def test_an_evidence_item_must_use_a_checklist_id() -> None:
    with pytest.raises(ValidationError) as raised:
        item("selfie")
    assert raised.value.msg.params == {"item_id": "selfie"}


def test_an_evidence_detail_is_one_trimmed_line_of_limited_length() -> None:
    assert item("tracking", detail="  3SABC123  ").detail == "3SABC123"
    item("tracking", detail="x" * DETAIL_MAX_CHARS)
    for bad in ("x" * (DETAIL_MAX_CHARS + 1), "two\nlines"):
        with pytest.raises(ValidationError):
            item("tracking", detail=bad)


def test_an_evidence_time_must_be_aware() -> None:
    with pytest.raises(ValidationError):
        EvidenceItem("tracking", datetime(2026, 11, 20))  # noqa: DTZ001 - the point of the test


def test_details_are_distinct_non_empty_and_in_the_given_order() -> None:
    evidence = [item("tracking", detail="B"), item("tracking"), item("carrier", detail="PostNL"),
                item("tracking", at(21), "A"), item("tracking", detail="B")]
    assert evidence_details(evidence, "tracking") == ("B", "A")
    assert evidence_details(evidence, "pod") == ()
    assert evidence[0].added_at == NOTICE


def test_new_evidence_is_what_was_added_after_the_response() -> None:
    old, new = item("pod", at(20)), item("signature", at(22))
    assert new_evidence([old, new], [event(EventKind.RESPOND, at(21))]) == (new,)
    assert new_evidence([old, new], []) == (old, new)
