"""Paste the notice, end to end: one notice per kind and language, at most three actions from
the paste to the claim card (paste, at most one answer, Confirm)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import FakeClock
from tests.e2e.conftest import text_of
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.notice_samples import NOW, SAMPLES, Sample

pytestmark = pytest.mark.usefixtures("running")

LANGUAGES = ("en", "nl", "de", "fr", "it", "es")
MAX_ACTIONS = 3
# The one question a notice leaves open for Amazon: who shipped (a notice rarely says).
ANSWERS = {"en": "Fulfilled by the seller", "nl": "Verzonden door de verkoper"}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def fresh(message: dict[str, Any]) -> bool:
    return not message.get("_edited")


def labels(message: dict[str, Any]) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


async def paste_until_card(server: FakeBotApi, seller: FakeUser, sample: Sample,
                           *, forwarded: bool) -> tuple[dict[str, Any], int]:
    """Paste the notice and answer as a seller would; the card and the actions it took."""
    if forwarded:
        server.inject_forwarded_message(seller, sample.text, "Amazon Seller Central")
    else:
        server.inject_message(seller, sample.text)
    actions = 1
    reply = await server.wait_for_message(seller.id, fresh)
    while True:
        buttons = labels(reply)
        if not buttons or "Confirm" not in buttons and "Bevestigen" not in buttons and \
                not any(b.startswith("📋") for b in buttons) and \
                ANSWERS[seller.language_code] not in buttons and "Just now" not in buttons \
                and "Zojuist" not in buttons:
            return reply, actions
        if actions > MAX_ACTIONS + 1:
            raise AssertionError(f"still asking after {actions} actions: {text_of(reply)}")
        choice = next((b for b in buttons if b.startswith("📋")), None) or next(
            b for b in ("Confirm", "Bevestigen", ANSWERS[seller.language_code], "Just now",
                        "Zojuist") if b in buttons)
        server.inject_button_press(seller, reply, choice)
        actions += 1
        reply = await server.wait_for_message(seller.id, fresh)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_each_pasted_notice_becomes_a_claim_card_in_three_actions_at_most(
    server: FakeBotApi, language: str
) -> None:
    for number, sample in enumerate(s for s in SAMPLES if s.language == language):
        seller = FakeUser(9000 + 100 * LANGUAGES.index(language) + number, "Seller",
                          "nl" if language == "nl" else "en")
        card, actions = await paste_until_card(server, seller, sample, forwarded=number % 2 == 1)
        text = text_of(card)
        assert sample.order_id in text, f"{sample.name}: {text}"
        assert actions <= MAX_ACTIONS, f"{sample.name}: {actions} actions"
        assert len(labels(card)) >= 3  # the card's actions: evidence, draft, outcome, overview
