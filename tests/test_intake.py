"""The claim intake in process: every step, wrong answers, cancel, resume, duplicates, restarts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import Config
from domain.lifecycle import State
from domain.rules import ClaimSource
from tests import updates
from tests.fakeclock import FakeClock
from tests.harness import EN, NL, Harness
from tests.intake_helpers import (
    ENGLISH_AMAZON_STEPS,
    all_callback_data,
    button_data,
    claims_of,
    group_message,
    last_markup,
    press,
    reminder_rows,
    run,
    seed_claim,
)

ORDER = "171-1234567-1234567"



async def test_a_full_english_intake_stores_the_claim_plans_reminders_and_shows_the_card(
    bot: Harness,
) -> None:
    assert await bot.send(updates.message(EN, "/newclaim")) == (
        "New claim. Where does it come from?"
    )
    summary = await run(bot, EN, *ENGLISH_AMAZON_STEPS)
    assert summary == "\n".join([
        "Please check the claim:",
        "Source: Amazon A-to-z claim",
        "Marketplace: amazon.nl",
        f"Order: {ORDER}",
        "Reason: Item not received",
        "Fulfilment: Fulfilled by the seller",
        "Amount: €49.95",
        "Notice received: Mon, Nov 23, 2026, 8:00\u202fAM",
        "Latest estimated delivery: not given",
        "Buy Shipping claims protection: no",
        "Notice: not known",
        "Tracking: No tracking",
        "Buyer contacted you first: not known",
        "Notes: none",
    ])
    card = await bot.press(EN, "Confirm")
    lines = card.splitlines()
    assert lines[:5] == [
        "📦 Amazon A-to-z claim · amazon.nl",
        f"Order: {ORDER}",
        "Reason: Item not received",
        "Amount: €49.95",
        "Status: Open",
    ]
    assert "⏰ Respond before: Wed, Nov 25, 2026, 8:00\u202fAM (1 day, 22 hours left)" in lines
    assert "Urgency: 🟢 Normal" in lines
    assert "Recommended: Weigh a refund against disputing" in lines
    assert "Evidence: 0 of 5 required, 0 of 3 recommended" in lines
    assert "✗ Tracking number (required)" in lines
    (stored,) = await claims_of(bot, EN["id"])
    assert stored.claim.notice_at == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    assert button_data(last_markup(bot)) == [
        f"ev:add:{stored.id}", f"cl:draft:{stored.id}", f"cl:ev:{stored.id}:info_req",
        f"cl:nk:{stored.id}:filed", f"cl:rule:{stored.id}", f"cl:out:{stored.id}", "cl:list:0",
    ]
    rows = await reminder_rows(bot, stored.id)
    assert rows and all(sent is None and cancelled is None for _, sent, cancelled in rows)
    assert all(len(data.encode()) <= 64 for data in all_callback_data(bot))


async def test_a_dutch_intake_with_the_order_shortcut_skips_the_order_question(
    bot: Harness,
) -> None:
    await bot.send(updates.message(NL, f"/nieuweclaim {ORDER}"))
    await run(bot, NL, ("press", "Amazon A-to-z claim"))
    assert await run(bot, NL, ("press", "amazon.de")) == "Wat claimt de koper?"
    reply = await run(bot, NL, ("press", "Damaged or defective"),
                      ("press", "Fulfilled by Amazon (FBA)"), "€ 120,50")
    assert reply.startswith("Welke melding heb je?")
    reply = await run(bot, NL, ("press", "I don't know"))
    assert reply.startswith("Wanneer kwam de claimmelding binnen?")
    reply = await run(bot, NL, "gisteren 9:00", "20-11")
    assert reply.startswith("Heeft de koper vóór het indienen van de claim contact met je")
    reply = await run(bot, NL, ("press", "I don't know"))
    assert reply == "Wil je iets toevoegen voor je antwoord, zoals wat de koper schreef? " \
        "Typ het (hooguit 3.000 tekens), of tik op Overslaan."  # FBA: no Buy Shipping question
    summary = await run(bot, NL, "Koper zegt dat de doos kapot was.")
    assert "Bestelling: 171-1234567-1234567" in summary
    assert "Bedrag: €\u00a0120,50" in summary
    assert "Melding ontvangen: zo 22 nov 2026, 09:00" in summary
    assert "Uiterste verwachte bezorgdatum: 20 november 2026" in summary
    assert "Buy Shipping" not in summary
    card = await bot.press(NL, "Confirm")
    assert card.startswith(
        "📦 A-tot-Z-garantieclaim (Amazon) · amazon.de\nBestelling: 171-1234567-1234567"
    )
    assert "Advies: Meestal niets te doen: Amazon handelt FBA-bestellingen af" in card


async def test_an_invalid_shortcut_order_is_explained_at_the_order_step(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim 12345"))
    reply = await run(bot, EN, ("press", "Amazon A-to-z claim"), ("press", "amazon.co.uk"))
    assert reply == (
        "An Amazon order number looks like 171-1234567-1234567; got 12345.\n\n"
        "What is the order number? For example 171-1234567-1234567."
    )
    assert await run(bot, EN, "171 – 1234567 – 1234567") == "What does the buyer claim?"


async def test_a_paypal_claim_skips_marketplace_fulfilment_and_buy_shipping(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    assert (await run(bot, EN, ("press", "PayPal dispute"))).startswith(
        "What is the order or transaction id"
    )
    reply = await run(bot, EN, "PAY-7X", ("press", "Not as described"))
    assert reply.startswith("What amount is the claim about? Type it like 49.95. I'll use EUR")
    reply = await run(bot, EN, "GBP 30", "21-11 14:30")
    assert reply.startswith("Is it a dispute")
    summary = await run(bot, EN, ("press", "Dispute (talking with the buyer)"), ("press", "Skip"),
                        ("press", "Skip"))
    assert "PayPal stage: Dispute (talking with the buyer)" in summary
    assert "Marketplace: your own web shop" in summary
    assert "Amount: £30.00" in summary
    assert "Fulfilment" not in summary and "Buy Shipping" not in summary


async def test_the_currency_follows_the_marketplace_unless_another_is_typed(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    reply = await run(bot, EN, ("press", "Amazon A-to-z claim"), ("press", "amazon.co.uk"), ORDER,
                      ("press", "Item not received"), ("press", "Fulfilled by the seller"))
    assert "I'll use GBP" in reply
    await run(bot, EN, "30", ("press", "I don't know"), "just now", ("press", "Skip"),
              ("press", "No tracking"), ("press", "Skip"), ("press", "Skip"), ("press", "Yes"))
    summary = await run(bot, EN, ("press", "Yes"), ("press", "I don't know"), ("press", "Skip"))
    assert "First carrier scan on time: yes" in summary
    assert "Amount: £30.00" in summary
    assert "Buy Shipping claims protection: yes" in summary


@pytest.mark.parametrize(
    ("steps", "wrong", "explanation", "question"),
    [
        (1, "hello", "Please tap one of the buttons.", "Which Amazon marketplace"),
        (2, "12-34", "An Amazon order number looks like 171-1234567-1234567; got 12-34.",
         "What is the order number?"),
        (3, "damaged", "Please tap one of the buttons.", "What does the buyer claim?"),
        (5, "lots", "I can't read “lots” as an amount. Type it like this: €49.95.",
         "What amount is the claim about?"),
        (5, "0", "The amount must be more than zero. For example: €49.95.", "What amount"),
        (5, "-5", "An amount can't be negative. For example: €49.95.", "What amount"),
        (5, "12 XYZ", "I don't know the currency “XYZ”. Use a three-letter code such as EUR, "
         "GBP or USD, for example £49.95.", "What amount"),
        (5, "5 EUR 6 USD", "That has more than one currency in it. Type one amount, for "
         "example €49.95.", "What amount"),
        (5, "2000000", "That is more than €1,000,000.00; please check the amount, for example "
         "€49.95.", "What amount"),
        (7, "soon", "I can't read “soon” as a date and time. Type it like 21-11 14:30 "
         "(day-month hours:minutes), or “yesterday 9:00”.", "When did the claim notice"),
        (7, "21-11", "Please add the time as well: the deadline counts in hours. For example "
         "21-11 14:30.", "When did the claim notice"),
        (7, "tomorrow 9:00", "Tue, Nov 24, 2026, 9:00\u202fAM is in the future. When did the "
         "notice arrive? For example 21-11 14:30.", "When did the claim notice"),
        (7, "1-6 10:00", "Mon, Jun 1, 2026, 10:00\u202fAM is more than 120 days ago: please check "
         "the date. Claims that old are past every response deadline. For example 21-11 "
         "14:30.", "When did the claim notice"),
        (7, "30-02 10:00", "That date does not exist. Type day-month, for example 21-11.",
         "When did the claim notice"),
        (7, "21-11 24:10", "That time does not exist. Use hours 0-23 and minutes 0-59, for "
         "example 21-11 14:30.", "When did the claim notice"),
        (8, "someday", "I can't read “someday” as a date. Type it like 21-11 (day-month) or "
         "2026-11-21.", "What was the latest estimated delivery date"),
        (8, "2024-01-01", "January 1, 2024 is too far from today for a delivery date of a "
         "claim you still handle. Please check it, for example 21-11.",
         "What was the latest estimated delivery date"),
        (12, "yes", "Please tap one of the buttons.", "Did you buy the shipping label"),
        (14, "x" * 3001, "Notes can be at most 3,000 characters; these have 3,001.",
         "Anything to add"),
    ],
)
async def test_a_wrong_answer_is_explained_once_and_the_question_stays_open(
    bot: Harness, steps: int, wrong: str, explanation: str, question: str
) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[:steps])
    reply = await run(bot, EN, wrong)
    if explanation == "Please tap one of the buttons.":  # the buttons come again with it
        assert reply.startswith(explanation + "\n\n" + question), reply
    else:  # a typed answer: the explanation carries its own example; no repeated question
        assert reply == explanation
    # The state is kept: the right answer now continues the intake.
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[steps:])
    await bot.press(EN, "Confirm")
    assert len(await claims_of(bot, EN["id"])) == 1


async def test_a_button_from_an_earlier_question_is_refused_and_the_question_repeated(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[:5])
    reply = await bot.send(updates.callback(EN, "in:src:cb"))
    assert reply.startswith("What amount is the claim about?")
    assert bot.api.of("answerCallbackQuery")[-1]["text"] == "That button is no longer valid."


async def test_a_dutch_wrong_notice_time_is_explained_in_dutch(bot: Harness) -> None:
    await bot.send(updates.message(NL, "/nieuweclaim"))
    await run(bot, NL, *ENGLISH_AMAZON_STEPS[:7])
    reply = await run(bot, NL, "morgen 9:00")
    assert reply == (
        "di 24 nov 2026, 09:00 ligt in de toekomst. Wanneer kwam de melding binnen? "
        "Bijvoorbeeld 21-11 14:30."
    )
    reply = await run(bot, NL, "2026-03-29 02:30")
    assert reply.startswith("02:30 bestond die dag niet: de klok ging vooruit.")


@pytest.mark.parametrize("steps", range(len(ENGLISH_AMAZON_STEPS) + 1))
@pytest.mark.parametrize("how", ["/cancel", "/annuleren", "button"])
async def test_cancel_works_in_every_step_and_discards_the_draft(
    bot: Harness, steps: int, how: str
) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[:steps])
    if how == "button":
        reply = await bot.press(EN, "Cancel")
    else:
        reply = await bot.send(updates.message(EN, how))
    assert reply == "Okay, I threw the claim draft away. Nothing was saved."
    assert await claims_of(bot, EN["id"]) == []
    assert await bot.send(updates.message(EN, "49,95")) == (
        "I'm not sure what to do with that. Send /help to see what I can do."
    )
    assert await bot.send(updates.message(EN, "/cancel")) == "There is nothing to cancel."


async def test_a_second_newclaim_asks_to_continue_and_continue_repeats_the_question(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[:5])
    reply = await bot.send(updates.message(EN, "/newclaim"))
    assert reply == (
        "You have a claim in progress, started Mon, Nov 23, 2026, 10:00\u202fAM. Continue where "
        "you left off, or start over?"
    )
    assert button_data(last_markup(bot)) == ["in:cont", "in:new"]
    assert (await bot.send(updates.message(EN, "hm"))) == "Please tap Continue or Start over."
    reply = await bot.press(EN, "Continue")
    assert reply.startswith("What amount is the claim about?")
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[5:])
    await bot.press(EN, "Confirm")
    assert [c.claim.order_id for c in await claims_of(bot, EN["id"])] == [ORDER]


async def test_start_over_discards_the_draft_and_keeps_the_new_shortcut(bot: Harness) -> None:
    await bot.send(updates.message(NL, "/nieuweclaim"))
    await run(bot, NL, *ENGLISH_AMAZON_STEPS[:4])
    await bot.send(updates.message(NL, "/newclaim 999-1234567-1234567"))
    assert await bot.press(NL, "Start over") == (
        "Nieuwe claim. Waar komt hij vandaan?"
    )
    await run(bot, NL, ("press", "Amazon A-to-z claim"), ("press", "amazon.nl"))
    summary = await run(bot, NL, *ENGLISH_AMAZON_STEPS[3:])
    assert "Bestelling: 999-1234567-1234567" in summary


async def test_a_registered_order_is_caught_before_the_summary_and_offered_to_open(
    bot: Harness,
) -> None:
    existing = await seed_claim(bot, EN["id"], bot.clock.now, order_id=ORDER)
    await bot.send(updates.message(EN, "/newclaim"))
    reply = await run(bot, EN, *ENGLISH_AMAZON_STEPS[:3])
    assert reply == (
        f"You already registered order {ORDER} for this source. Open that claim, or type "
        "another order number."
    )
    assert button_data(last_markup(bot)) == [f"cl:open:{existing.id}", "in:cancel"]
    card = await bot.press(EN, "Open the existing claim")
    assert card.startswith("📦 Amazon A-to-z claim · amazon.nl")
    # The intake still waits for another order number.
    assert await run(bot, EN, "171-7654321-7654321") == "What does the buyer claim?"


async def test_a_duplicate_made_by_editing_the_source_is_caught_again(bot: Harness) -> None:
    await seed_claim(bot, EN["id"], bot.clock.now, order_id=ORDER)  # an A-to-z claim
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, ("press", "Amazon chargeback"), *ENGLISH_AMAZON_STEPS[1:4],
              ("press", "I don't know"), *ENGLISH_AMAZON_STEPS[4:6], *ENGLISH_AMAZON_STEPS[7:13],
              ENGLISH_AMAZON_STEPS[14])
    assert await bot.press(EN, "Edit a field") == "Which field do you want to change?"
    await bot.press(EN, "Source and marketplace")
    await bot.press(EN, "Amazon A-to-z claim")
    # A-to-z asks what a chargeback did not: which notice, and the buyer's first contact.
    assert (await bot.press(EN, "amazon.nl")).startswith("Which notice do you have?")
    await bot.press(EN, "I don't know")
    reply = await bot.press(EN, "I don't know")
    assert reply.startswith(f"You already registered order {ORDER}")


async def test_a_duplicate_at_confirm_is_caught_by_the_repository(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS)
    existing = await seed_claim(bot, EN["id"], bot.clock.now, order_id=ORDER)
    reply = await bot.press(EN, "Confirm")
    assert reply.startswith(f"You already registered order {ORDER}")
    assert button_data(last_markup(bot))[0] == f"cl:open:{existing.id}"
    assert len(await claims_of(bot, EN["id"])) == 1


async def test_editing_a_field_asks_it_again_and_returns_to_the_summary(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS)
    assert await bot.press(EN, "Edit a field") == "Which field do you want to change?"
    assert button_data(last_markup(bot)) == [
        "in:ef:src", "in:ef:oid", "in:ef:rsn", "in:ef:ful", "in:ef:amt", "in:ef:nk",
        "in:ef:ntc", "in:ef:edd", "in:ef:trk", "in:ef:bs", "in:ef:ctc", "in:ef:nts", "in:sum",
    ]
    assert (await bot.press(EN, "Amount")).startswith("What amount")
    summary = await run(bot, EN, "USD 12.50")
    assert summary.startswith("Please check the claim:")
    assert "Amount: $12.50" in summary
    await bot.press(EN, "Edit a field")
    assert (await bot.press(EN, "Back to the summary")).startswith("Please check the claim:")
    await bot.press(EN, "Edit a field")
    await bot.press(EN, "Fulfilment")
    assert (await bot.press(EN, "Fulfilled by Amazon (FBA)")).startswith("Please check")
    await bot.press(EN, "Confirm")
    (stored,) = await claims_of(bot, EN["id"])
    assert str(stored.claim.amount.amount) == "12.50" and stored.claim.amount.currency == "USD"


async def test_changing_the_source_to_trusted_shops_keeps_the_order_and_sets_the_shop(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS)
    await bot.press(EN, "Edit a field")
    await bot.press(EN, "Source and marketplace")
    summary = await bot.press(EN, "Trusted Shops case")
    assert "Source: Trusted Shops case" in summary
    assert "Marketplace: your own web shop" in summary
    await bot.press(EN, "Confirm")
    (stored,) = await claims_of(bot, EN["id"])
    assert stored.claim.source is ClaimSource.TRUSTED_SHOPS
    assert stored.claim.order_id == ORDER


async def test_a_restart_mid_intake_continues_at_the_same_step(
    config: Config, clock: FakeClock
) -> None:
    first = Harness(config, clock)
    await first.start()
    await first.send(updates.message(EN, "/newclaim"))
    await run(first, EN, *ENGLISH_AMAZON_STEPS[:7])
    await first.stop()
    second = Harness(config, clock)
    await second.start()
    try:
        reply = await run(second, EN, "21-11 14:30")
        assert reply.startswith("What was the latest estimated delivery date")
        summary = await run(second, EN, *ENGLISH_AMAZON_STEPS[8:])
        assert "Amount: €49.95" in summary
        assert "Notice received: Sat, Nov 21, 2026, 2:30\u202fPM" in summary
    finally:
        await second.stop()


async def test_a_draft_idle_for_24_hours_expires_on_the_next_update(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[:5])
    bot.clock.advance(hours=24, minutes=1)
    reply = await bot.send(updates.message(EN, "49,95"))
    assert reply == (
        "Your unfinished claim from Mon, Nov 23, 2026, 10:00\u202fAM had no answer for 24 hours, "
        "so I removed it."
    )
    assert await bot.send(updates.message(EN, "49,95")) == (
        "I'm not sure what to do with that. Send /help to see what I can do."
    )
    assert await bot.send(updates.message(EN, "/newclaim")) == (
        "New claim. Where does it come from?"
    )


async def test_an_expired_draft_is_reported_on_any_update_and_newclaim_starts_fresh(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[:2])
    bot.clock.advance(hours=30)
    await bot.send(updates.message(EN, "/newclaim"))
    texts = bot.api.texts(EN["id"])
    assert texts[-2].startswith("Your unfinished claim from")
    assert texts[-1] == "New claim. Where does it come from?"


async def test_a_draft_is_kept_while_the_seller_keeps_answering(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    for step in ENGLISH_AMAZON_STEPS[:5]:
        bot.clock.advance(hours=20)
        await run(bot, EN, step)
    reply = await run(bot, EN, "49,95")
    assert reply.startswith("Which notice do you have?")


async def test_in_a_group_the_intake_sends_a_deep_link_to_a_private_chat(bot: Harness) -> None:
    reply = await bot.send(group_message(EN, "/newclaim"))
    assert reply.startswith("Claims are private: I only show them in a private chat with you.")
    (button,) = bot.api.of("sendMessage")[-1]["reply_markup"]["inline_keyboard"][0]
    assert button["url"] == "https://t.me/claimwacht_test_bot?start=nieuweclaim"
    assert await bot.send(updates.message(EN, "/start nieuweclaim")) == (
        "New claim. Where does it come from?"
    )


async def test_a_group_claims_command_links_to_the_overview(bot: Harness) -> None:
    await bot.send(group_message(NL, "/claims"))
    (button,) = bot.api.of("sendMessage")[-1]["reply_markup"]["inline_keyboard"][0]
    assert button["url"] == "https://t.me/claimwacht_test_bot?start=claims"
    assert (await bot.send(updates.message(NL, "/start claims"))).startswith("Open claims: 0")
    assert (await bot.send(updates.message(NL, "/start"))).startswith("Hallo Sanne!")


async def test_an_intake_button_on_an_old_message_is_answered_not_crashed_on(
    bot: Harness,
) -> None:
    await press(bot, EN, "in:src:az")
    assert bot.api.of("answerCallbackQuery")[-1]["text"] == "That button is no longer valid."


async def test_the_stored_claim_state_is_open_with_an_empty_timeline(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS)
    await bot.press(EN, "Confirm")
    (stored,) = await claims_of(bot, EN["id"])
    assert stored.state is State.OPEN and stored.events == ()


async def test_typing_skip_or_overslaan_skips_the_optional_steps(bot: Harness) -> None:
    await bot.send(updates.message(NL, f"/nieuweclaim {ORDER}"))
    await run(bot, NL, ("press", "Amazon A-to-z claim"), ("press", "amazon.nl"),
              ("press", "Damaged or defective"))
    await run(bot, NL, ("press", "Fulfilled by Amazon (FBA)"), "49,95",
              ("press", "I don't know"), "gisteren 9:00")
    assert (await run(bot, NL, "overslaan")).startswith("Heeft de koper vóór het indienen")
    assert (await run(bot, NL, ("press", "I don't know"))).startswith("Wil je iets toevoegen")
    summary = await run(bot, NL, "Skip")
    assert "Uiterste verwachte bezorgdatum: niet opgegeven" in summary
    assert "Notities: geen" in summary
