"""Paste the notice, in process: a claim from a pasted notice, updates of registered claims, the
notice kept as the claim's note and nowhere else, and text that is no notice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.config import Config
from domain.claims import PayPalStage
from domain.lifecycle import State
from domain.notice import NoticeEvent
from handlers.notice import NOTICE_KEY
from tests import updates
from tests.conftest import FakeClock
from tests.intake_helpers import button_data, claims_of, database, last_markup, press
from tests.notice_samples import NOW, SAMPLES
from tests.test_handlers import EN, NL, Harness


def sample(language: str, name: str) -> str:
    return next(s.text for s in SAMPLES if s.language == language and s.name == name)


PAYPAL = sample("en", "paypal dispute")  # every fact certain: paste, Confirm
DUTCH_CLAIM = sample("nl", "a-to-z claim")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
async def bot(config: Config, clock: FakeClock) -> AsyncIterator[Harness]:
    harness = Harness(config, clock)
    await harness.start()
    yield harness
    await harness.stop()


def labels(markup: dict[str, Any]) -> list[str]:
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


async def notes_of(bot: Harness, claim_id: int) -> list[tuple[str, str, str]]:
    async with database(bot).unit_of_work(write=False) as uow:
        rows = await uow.evidence.list_for_claim(claim_id)
    return [(row.kind, row.item_id, row.detail) for row in rows]


def user_data(bot: Harness, user: dict[str, Any]) -> dict[str, Any]:
    assert bot.app is not None
    return dict(bot.app.user_data.get(user["id"], {}))


async def test_a_pasted_paypal_dispute_shows_what_was_read_and_confirm_gives_the_card(
    bot: Harness,
) -> None:
    summary = await bot.send(updates.message(EN, PAYPAL))
    assert summary.startswith("📋 I read the notice: a new claim.\n"
                              "Taken from it: source, order, reason, amount, notice time, "
                              "dispute or claim.")
    assert "Order: 7XK41234AB5678901" in summary
    assert "Amount: €45.00" in summary
    assert labels(last_markup(bot))[0] == "Confirm"
    card = await bot.send(updates.callback(EN, "in:ok"))
    assert card.startswith("📦")
    (claim,) = await claims_of(bot, EN["id"])
    assert claim.claim.order_id == "7XK41234AB5678901"
    assert await notes_of(bot, claim.id) == [("text", "other", PAYPAL.strip())]
    assert NOTICE_KEY not in user_data(bot, EN)


async def test_a_notice_pasted_as_the_answer_to_the_first_question_fills_the_draft(
    bot: Harness,
) -> None:
    await bot.send(updates.message(NL, "/nieuweclaim"))
    question = await bot.send(updates.message(NL, DUTCH_CLAIM))
    assert question.startswith("📋 Ik heb de melding gelezen: een nieuwe claim.")
    assert "Bevestig" not in question.splitlines()[1]
    assert question.endswith("Wie heeft de bestelling verzonden?")
    summary = await bot.send(updates.callback(NL, "in:ful:fbm"))
    assert "Bestelling: 171-1234567-1234567" in summary
    assert "Buy Shipping-claimbescherming: nee" in summary
    await bot.send(updates.callback(NL, "in:ok"))
    (claim,) = await claims_of(bot, NL["id"])
    assert claim.claim.marketplace.value == "nl"


async def test_an_unsure_reading_is_asked_with_the_best_reading_as_a_button(bot: Harness) -> None:
    text = ("Een koper heeft een A-tot-Z-garantieclaim ingediend voor bestelling "
            "171-7777777-1234567. Bedrag van de claim: € 12,00. Reden: niet ontvangen. "
            "Verzonden door de verkoper. Datum: 1 december 2026 22:08")
    question = await bot.send(updates.message(NL, text))
    assert "Bevestig nog: marktplaats, of Amazon om informatie vroeg." in question
    buttons = labels(last_markup(bot))
    assert buttons[:2] == ["📋 amazon.nl", "📋 amazon.com.be"]
    question = await bot.send(updates.callback(NL, "in:use:1"))
    assert labels(last_markup(bot))[0].startswith("📋 Amazon vroeg om aanvullende informatie")
    summary = await bot.send(updates.callback(NL, "in:use:0"))
    assert "Marktplaats: amazon.com.be" in summary


async def test_a_notice_about_a_registered_claim_updates_it_and_says_what_changed(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, PAYPAL))
    await bot.send(updates.callback(EN, "in:ok"))
    again = await bot.send(updates.message(EN, PAYPAL))
    assert again.startswith("📦")  # the card follows what was said
    said = bot.api.texts()[-2]
    assert said == ("📋 You already have a claim for order 7XK41234AB5678901. I kept the notice "
                    "as a note on it.")
    decision = PAYPAL.replace("Your buyer opened a dispute", "We decided in favour of the buyer")
    await bot.send(updates.message(EN, decision))
    assert bot.api.texts()[-2] == (
        "📋 This notice is about your claim for order 7XK41234AB5678901. I recorded: Granted, at "
        "your expense, and kept the notice as a note."
    )
    (claim,) = await claims_of(bot, EN["id"])
    assert claim.state is State.GRANTED_SELLER
    assert len(await notes_of(bot, claim.id)) == 3


async def test_a_decision_for_a_closed_claim_changes_nothing_but_is_kept(bot: Harness) -> None:
    await bot.send(updates.message(EN, PAYPAL))
    await bot.send(updates.callback(EN, "in:ok"))
    denied = PAYPAL.replace("Your buyer opened a dispute", "The case was decided in your favour")
    granted = PAYPAL.replace("Your buyer opened a dispute", "decided in favour of the buyer")
    await bot.send(updates.message(EN, denied))
    await bot.send(updates.message(EN, granted))
    assert "so I changed nothing" in bot.api.texts()[-2]
    (claim,) = await claims_of(bot, EN["id"])
    assert claim.state is State.DENIED


async def test_text_that_is_no_notice_still_gets_the_free_text_hint(bot: Harness) -> None:
    assert await bot.send(updates.message(EN, "hello there")) == (
        "I'm not sure what to do with that. Send /help to see what I can do."
    )


async def test_a_notice_that_cannot_be_read_points_to_the_guided_intake(bot: Harness) -> None:
    text = ("Hello, this is PayPal. Something happened with one of your payments and we would "
            "like you to look at it in your account when you have a moment.")
    assert await bot.send(updates.message(EN, text)) == (
        "This looks like a claim notice, but I could not read its order and what it is about. "
        "Send /newclaim to register the claim step by step."
    )


async def test_cancel_forgets_the_pasted_text(bot: Harness) -> None:
    await bot.send(updates.message(EN, PAYPAL))
    assert NOTICE_KEY in user_data(bot, EN)
    await bot.send(updates.message(EN, "/cancel"))
    assert NOTICE_KEY not in user_data(bot, EN)
    assert await claims_of(bot, EN["id"]) == []


async def test_a_notice_pasted_while_another_flow_waits_for_text_is_that_flows_answer(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/guaranteeframe"))
    reply = await bot.send(updates.message(EN, PAYPAL))
    assert not reply.startswith("📋")
    assert NOTICE_KEY not in user_data(bot, EN)


async def test_an_old_reading_button_is_answered_as_stale(bot: Harness) -> None:
    await bot.send(updates.message(EN, PAYPAL))
    await press(bot, EN, "in:use:7")
    assert bot.api.of("answerCallbackQuery")[-1].get("text") == "That button is no longer valid."


async def test_a_default_the_seller_edits_is_asked_again(bot: Harness) -> None:
    await bot.send(updates.message(EN, sample("en", "a-to-z claim")))
    summary = await bot.send(updates.callback(EN, "in:ful:fbm"))
    assert "Buy Shipping claims protection: no" in summary
    await bot.send(updates.callback(EN, "in:edit"))
    assert "in:ef:bs" in button_data(last_markup(bot))
    question = await bot.send(updates.callback(EN, "in:ef:bs"))
    assert question.startswith("Did you buy the shipping label through Amazon Buy Shipping")


@pytest.mark.parametrize("kind", [NoticeEvent.GRANTED, NoticeEvent.DENIED])
async def test_a_decision_notice_for_a_new_claim_registers_it_decided(
    bot: Harness, kind: NoticeEvent
) -> None:
    text = next(s.text for s in SAMPLES if s.language == "en" and s.kind is kind)
    await bot.send(updates.message(EN, "Date: Tue, 1 Dec 2026 at 22:08\n" + text))
    await bot.send(updates.callback(EN, "in:ful:fbm"))
    await bot.send(updates.callback(EN, "in:ok"))
    (claim,) = await claims_of(bot, EN["id"])
    assert claim.state is (State.GRANTED_SELLER if kind is NoticeEvent.GRANTED else State.DENIED)


async def test_amazons_request_for_information_on_a_registered_claim_opens_48_hours(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, sample("en", "a-to-z claim")))
    await bot.send(updates.callback(EN, "in:ful:fbm"))
    await bot.send(updates.callback(EN, "in:ok"))
    request = sample("en", "request for information").replace(
        "113-9876543-1234567", "203-1234567-7654321").replace("Amazon.com", "Amazon.co.uk")
    card = await bot.send(updates.message(EN, request))
    assert bot.api.texts()[-2] == (
        "📋 This notice is about your claim for order 203-1234567-7654321. I recorded: Amazon "
        "asked for information, and kept the notice as a note."
    )
    (claim,) = await claims_of(bot, EN["id"])
    assert [event.kind.value for event in claim.events] == ["info_req"]
    assert "⏰" in card


async def test_a_grant_amazon_funded_is_recorded_as_amazons(bot: Harness) -> None:
    await bot.send(updates.message(EN, sample("en", "a-to-z claim")))
    await bot.send(updates.callback(EN, "in:ful:fbm"))
    await bot.send(updates.callback(EN, "in:ok"))
    granted = sample("en", "claim granted").replace("026-1112223-3334445", "203-1234567-7654321")
    granted = granted.replace("has been debited from your account", "was funded by Amazon")
    granted = granted.replace("Amazon.de", "Amazon.co.uk")
    await bot.send(updates.message(EN, granted))
    (claim,) = await claims_of(bot, EN["id"])
    assert claim.state is State.GRANTED_AMAZON


async def test_an_escalation_notice_makes_the_paypal_dispute_a_claim_with_its_date(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, PAYPAL))
    await bot.send(updates.callback(EN, "in:ok"))
    (before,) = await claims_of(bot, EN["id"])
    assert before.claim.paypal_stage is PayPalStage.DISPUTE
    card = await bot.send(updates.message(EN, sample("en", "paypal claim")))
    assert card.startswith("📦")
    said = bot.api.texts()[-2]
    assert said.startswith(
        "📋 PayPal escalated the dispute about order 7XK41234AB5678901 to a claim. I recorded "
        "that, with PayPal's respond-by date "
    )
    (after,) = await claims_of(bot, EN["id"])
    assert after.claim.paypal_stage is PayPalStage.CLAIM
    assert after.claim.respond_by is not None
    assert after.claim.respond_by < before.claim.respond_by  # the claim's own, earlier date
    assert len(await notes_of(bot, after.id)) == 2
