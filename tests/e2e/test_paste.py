"""Paste the notice, end to end: one notice per kind and language, at most three actions from
the paste to the claim card (paste, at most one answer, Confirm)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from domain.lifecycle import State
from domain.notice import NoticeEvent
from tests.conftest import FakeClock
from tests.e2e.conftest import text_of
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.notice_samples import NOW, SAMPLES, Sample

pytestmark = pytest.mark.usefixtures("running")

LANGUAGES = ("en", "nl", "de", "fr", "it", "es")
MAX_ACTIONS = 3
# The one question a notice leaves open for Amazon: who shipped (a notice rarely says).
ANSWERS = ("Confirm", "Bevestigen", "Fulfilled by the seller", "Zelf verzonden (FBM)")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def fresh(message: dict[str, Any]) -> bool:
    return not message.get("_edited")


def labels(message: dict[str, Any]) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


def is_card(message: dict[str, Any]) -> bool:
    return text_of(message).startswith("📦")


async def paste_until_card(server: FakeBotApi, seller: FakeUser, sample: Sample,
                           *, forwarded: bool) -> tuple[dict[str, Any], int]:
    """Paste the notice and answer as a seller would; the card and the actions it took:
    a reading from the notice (📋) when offered, else the one answer, then Confirm."""
    if forwarded:
        server.inject_forwarded_message(seller, sample.text, origin="Saved Messages")
    else:
        server.inject_message(seller, sample.text)
    actions = 1
    reply = await server.wait_for_message(seller.id, fresh)
    while not is_card(reply):
        buttons = labels(reply)
        wanted = [b for b in buttons if b.startswith("📋")] + [
            b for b in (*ANSWERS, "Just now", "Zojuist") if b in buttons]
        if actions > MAX_ACTIONS or not wanted:
            raise AssertionError(f"{sample.name}: after {actions} actions: {text_of(reply)} "
                                 f"{buttons}")
        server.inject_button_press(seller, reply, wanted[0])
        actions += 1
        reply = await server.wait_for_message(seller.id, fresh)
    return reply, actions


async def paste_update(server: FakeBotApi, seller: FakeUser,
                       sample: Sample) -> tuple[dict[str, Any], dict[str, Any]]:
    """Paste a notice about a registered claim: what changed, then the card (one action)."""
    server.inject_message(seller, sample.text)
    said = await server.wait_for_message(seller.id, fresh)
    card = await server.wait_for_message(seller.id, lambda m: fresh(m) and is_card(m))
    return said, card


DECISIONS = (NoticeEvent.GRANTED, NoticeEvent.DENIED)
STATES = {NoticeEvent.GRANTED: State.GRANTED_SELLER, NoticeEvent.DENIED: State.DENIED}


@pytest.mark.parametrize("language", LANGUAGES)
async def test_each_pasted_notice_becomes_a_claim_card_in_three_actions_at_most(
    server: FakeBotApi, language: str
) -> None:
    claim_notice = next(s for s in SAMPLES if s.language == language and s.name == "a-to-z claim")
    for number, sample in enumerate(s for s in SAMPLES if s.language == language):
        dutch = language == "nl" and sample.kind not in DECISIONS
        seller = FakeUser(9000 + 100 * LANGUAGES.index(language) + number, "Seller",
                          "nl" if dutch else "en")
        if sample.kind in DECISIONS:
            # The claim was registered from its first notice; the decision updates it.
            first = replace(claim_notice, text=claim_notice.text.replace(
                claim_notice.order_id, sample.order_id), order_id=sample.order_id)
            await paste_until_card(server, seller, first, forwarded=False)
            said, card = await paste_update(server, seller, sample)
            assert sample.order_id in text_of(said)
            assert f"Status: {STATES[sample.kind].label.key}" in text_of(card)
            continue
        card, actions = await paste_until_card(server, seller, sample, forwarded=number % 2 == 1)
        text = text_of(card)
        assert sample.order_id in text, f"{sample.name}: {text}"
        assert actions <= MAX_ACTIONS, f"{sample.name}: {actions} actions"
        assert len(labels(card)) >= 3  # the card's actions: evidence, draft, outcome, overview
