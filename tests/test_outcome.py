"""Outcomes, drafts and ownership in process: record events, replan reminders, draft texts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.lifecycle import EventKind, State
from domain.reminders import ReminderKind
from tests import updates
from tests.harness import EN, NL, Harness
from tests.intake_helpers import (
    button_data,
    claims_of,
    last_markup,
    press,
    reminder_rows,
    seed_claim,
)

NOT_FOUND_EN = "I can't find that claim. Send /claims to see your claims."



async def test_record_outcome_offers_only_the_events_the_state_allows(bot: Harness) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    assert await bot.send(updates.callback(EN, f"cl:out:{stored.id}")) == (
        f"What happened with claim {stored.claim.order_id}?"
    )
    labels = [row[0]["text"] for row in last_markup(bot)["inline_keyboard"]]
    assert labels == [
        "Amazon asked for information", "Response sent", "Granted, at your expense",
        "Granted: debited to you, but not counted toward your ODR",
        "Granted, at Amazon's expense", "Claim denied", "Buyer withdrew the claim",
        "Buyer refunded", "Back to the claim",
    ]


async def test_responding_today_closes_the_response_reminders(bot: Harness) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    before = await reminder_rows(bot, stored.id)
    assert before and all(cancelled is None for _, _, cancelled in before)
    reply = await bot.send(updates.callback(EN, f"cl:ev:{stored.id}:respond"))
    assert reply == "“Response sent”: on which day? Tap Today or type the date, like 21-11."
    bot.clock.advance(hours=2)
    await bot.send(updates.callback(EN, f"cl:evt:{stored.id}"))
    texts = bot.api.texts(EN["id"])
    assert texts[-2] == "Recorded: Response sent (November 23, 2026)."
    assert "Status: Responded, waiting for a decision" in texts[-1]
    (after,) = await claims_of(bot, EN["id"])
    assert after.state is State.RESPONDED
    assert after.events[0].at == bot.clock.now
    assert all(cancelled is not None for _, _, cancelled in await reminder_rows(bot, stored.id))


async def test_a_seller_funded_grant_opens_the_appeal_window_and_offers_the_appeal_draft(
    bot: Harness,
) -> None:
    notice = bot.clock.now - timedelta(days=3)
    stored = await seed_claim(bot, EN["id"], bot.clock.now, notice_at=notice)
    await bot.send(updates.callback(EN, f"cl:ev:{stored.id}:grant_s"))
    await bot.send(updates.message(EN, "22-11"))
    texts = bot.api.texts(EN["id"])
    assert texts[-2].startswith(
        "Recorded: Granted, at your expense (November 22, 2026).\nYou can appeal until "
        "Tue, Dec 22, 2026, 12:00\u202fAM (28 days, 14 hours left). An appeal needs new "
        "information, such as evidence you did not send before."
    )
    offer = bot.api.of("sendMessage")[-2]["reply_markup"]
    assert button_data(offer) == [f"cl:appeal:{stored.id}"]
    assert "⏰ Appeal until: Tue, Dec 22, 2026, 12:00\u202fAM" in texts[-1]
    (after,) = await claims_of(bot, EN["id"])
    assert after.state is State.GRANTED_SELLER
    assert after.events[0].at == datetime(2026, 11, 21, 23, 0, tzinfo=UTC)
    rows = await reminder_rows(bot, stored.id)
    pending = [kind for kind, sent, cancelled in rows if sent is None and cancelled is None]
    assert pending and all(kind.startswith("appeal") for kind in pending)
    assert {kind.value for kind in ReminderKind if kind.value.startswith("appeal")} >= set(pending)
    await bot.send(updates.callback(EN, f"cl:appeal:{stored.id}"))
    draft, reminder = bot.api.texts(EN["id"])[-2:]
    assert draft.startswith(
        "Geachte heer, mevrouw,\n\nWij gaan in beroep tegen de beslissing van 22 november 2026 "
        f"over de A-tot-Z-garantieclaim bij bestelling {stored.claim.order_id}, die ten laste "
        "van ons is toegekend."
    )
    assert draft.endswith("terug te boeken en de claim uit ons Percentage defecte bestellingen "
                          "(ODR) te verwijderen.\nMet vriendelijke groet,")
    assert reminder.startswith("Paste the text in Seller Central at Performance > A-to-z "
                               "Guarantee claims > Respond to Amazon.")


async def test_an_invalid_move_is_explained_not_crashed_on(bot: Harness) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    reply = await bot.send(updates.callback(EN, f"cl:ev:{stored.id}:appeal"))
    assert reply == "Only a claim granted at your expense can be appealed."
    reply = await bot.send(updates.callback(EN, f"cl:ev:{stored.id}:win_appeal"))
    assert reply == "That step does not fit the claim's current status."


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("24-11", "November 24, 2026 is in the future. Type the day it happened, for example "
         "21-11."),
        ("2026-11-01", "November 1, 2026 is before the claim notice (November 20, 2026). Type "
         "a later day."),
        ("someday", "I can't read “someday” as a date. Type it like 21-11 (day-month) or "
         "2026-11-21."),
    ],
)
async def test_a_wrong_outcome_date_is_explained_and_asked_again(
    bot: Harness, typed: str, answer: str
) -> None:
    notice = bot.clock.now - timedelta(days=3)
    stored = await seed_claim(bot, EN["id"], bot.clock.now, notice_at=notice)
    await bot.send(updates.callback(EN, f"cl:ev:{stored.id}:deny"))
    reply = await bot.send(updates.message(EN, typed))
    assert reply == answer + "\n\nOn which day? Tap Today or type the date, like 21-11."
    await bot.send(updates.message(EN, "today"))
    assert (await claims_of(bot, EN["id"]))[0].state is State.DENIED


async def test_a_dutch_outcome_is_recorded_in_dutch(bot: Harness) -> None:
    stored = await seed_claim(bot, NL["id"], bot.clock.now, locale="nl")
    assert await bot.send(updates.callback(NL, f"cl:ev:{stored.id}:refund")) == (
        "“Koper terugbetaald”: op welke dag? Tik op Vandaag of typ de datum, "
        "zoals 21-11."
    )
    await bot.send(updates.callback(NL, f"cl:evt:{stored.id}"))
    assert bot.api.texts(NL["id"])[-2] == (
        "Vastgelegd: Koper terugbetaald (23 november 2026)."
    )


async def test_record_outcome_is_usable_from_other_modules(bot: Harness) -> None:
    from handlers.outcome import record_outcome

    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    assert bot.app is not None
    context = bot.app.context_types.context(bot.app, EN["id"], EN["id"])
    after = await record_outcome(context, EN["id"], stored.id, EventKind.RESPOND, bot.clock.now)
    assert after is not None and after.state is State.RESPONDED
    assert await record_outcome(context, NL["id"], stored.id, EventKind.DENY, bot.clock.now) is None


async def test_the_response_draft_defaults_to_dutch_for_amazon_nl_and_switches_to_english(
    bot: Harness,
) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    await bot.send(updates.callback(EN, f"cl:draft:{stored.id}"))
    texts = bot.api.texts(EN["id"])
    assert texts[-2].startswith("Geachte heer, mevrouw,")
    assert texts[-1].startswith("Paste the text in Seller Central at Performance >")
    markup = bot.api.of("sendMessage")[-2]["reply_markup"]
    assert [b["text"] for b in markup["inline_keyboard"][0]] == ["✓ Nederlands", "English"]
    assert button_data(markup)[2:] == [f"ev:zip:{stored.id}", f"cl:open:{stored.id}"]
    english = await bot.send(updates.callback(EN, f"cl:draft:{stored.id}:en"))
    assert english.startswith("Dear Sir or Madam,")
    assert bot.api.calls[-1].method == "editMessageText"
    (after,) = await claims_of(bot, EN["id"])
    assert after.draft_language == "en"
    await bot.send(updates.callback(EN, f"cl:draft:{stored.id}"))
    assert bot.api.texts(EN["id"])[-2].startswith("Dear")


async def test_an_appeal_draft_before_a_grant_is_explained(bot: Harness) -> None:
    stored = await seed_claim(bot, NL["id"], bot.clock.now, locale="nl")
    reply = await bot.send(updates.callback(NL, f"cl:appeal:{stored.id}"))
    assert reply == (
        "Een concept voor een beroep is alleen mogelijk bij een claim die op jouw kosten is "
        "toegekend."
    )


@pytest.mark.parametrize(
    "action",
    ["open", "out", "draft", "appeal", "draft:{id}:en", "ev:{id}:deny", "evt"],
)
async def test_another_sellers_claim_is_not_found_exactly_like_a_missing_one(
    bot: Harness, action: str
) -> None:
    theirs = await seed_claim(bot, NL["id"], bot.clock.now, locale="nl")
    await seed_claim(bot, EN["id"], bot.clock.now)

    def data(claim_id: int) -> str:
        if "{id}" in action:
            return "cl:" + action.format(id=claim_id)
        return f"cl:{action}:{claim_id}"

    await press(bot, EN, data(theirs.id))
    forged = bot.api.of("answerCallbackQuery")[-1]
    await press(bot, EN, data(987654))
    missing = bot.api.of("answerCallbackQuery")[-1]
    if action == "evt":  # no date question open: both are stale buttons
        assert forged["text"] == missing["text"] == "That button is no longer valid."
    else:
        assert forged["text"] == missing["text"] == NOT_FOUND_EN
        assert forged.get("show_alert") == missing.get("show_alert")
    texts = " ".join(bot.api.texts(EN["id"]))
    assert theirs.claim.order_id not in texts
    (still,) = await claims_of(bot, NL["id"])
    assert still.state is State.OPEN and still.draft_language is None
