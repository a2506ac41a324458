"""The evidence screens as pure functions: within Telegram's limits, buttons that read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from telegram.constants import MessageLimit

from bot.claims_repo import StoredClaim
from bot.evidence_repo import StoredEvidence
from bot.i18n import load_translators
from domain.claims import Fulfilment, Reason, new_claim
from domain.evidence import checklist_for
from domain.lifecycle import State
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from handlers.ui.callbacks import EvidenceButton
from handlers.views import evidence, evidence_list

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Amsterdam")
CLAIM = StoredClaim(
    id=17, seller_id=5,
    claim=new_claim(ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, "171-1234567-1234567",
                    Reason.NOT_RECEIVED, Fulfilment.SELLER, Money(Decimal("49.95"), "EUR"), NOW),
    state=State.OPEN, events=(), draft_language=None, created_at=NOW,
)


def note(number: int) -> StoredEvidence:
    return StoredEvidence(kind="text", item_id="tracking", detail=f"{number} " + "x" * 300,
                          received_at=NOW + timedelta(minutes=number), id=1000 + number,
                          claim_id=CLAIM.id)


def pressed(markup: object) -> list[EvidenceButton]:
    rows = getattr(markup, "inline_keyboard", ())
    buttons = [EvidenceButton.unpack(button.callback_data) for row in rows for button in row]
    assert all(button is not None for button in buttons)
    return [button for button in buttons if button is not None]


@pytest.mark.parametrize("code", ["en", "nl"])
def test_a_long_evidence_list_stays_within_one_message_and_offers_the_zip(code: str) -> None:
    tr = load_translators()[code]
    text, markup = evidence_list.evidence_list(tr, ZONE, CLAIM, [note(n) for n in range(1, 41)])
    assert len(text) <= MessageLimit.MAX_TEXT_LENGTH
    buttons = pressed(markup)
    removals = [b for b in buttons if b.action == "del"]
    shown = sum(1 for line in text.splitlines() if line[:1].isdigit())
    assert 0 < len(removals) == shown < 40
    assert [int(b.arg or 0) for b in removals] == [1000 + n for n in range(1, shown + 1)]
    assert {b.action for b in buttons} == {"del", "zip", "add"}
    assert {b.id for b in buttons} == {CLAIM.id}


def test_the_item_question_offers_every_checklist_item_and_other_and_ticks_what_is_there() -> None:
    tr = load_translators()["en"]
    _text, markup = evidence.item_question(tr, CLAIM, {"tracking"})
    claim = CLAIM.claim
    expected = [item.item_id for item in checklist_for(claim.source, claim.reason,
                                                       claim.fulfilment)]
    assert [b.arg for b in pressed(markup)] == [*expected, "other"]
    labels = [button.text for row in getattr(markup, "inline_keyboard", ()) for button in row]
    assert labels[expected.index("tracking")] == "✅ Tracking number"
    assert sum(label.startswith("✅") for label in labels) == 1
