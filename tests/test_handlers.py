"""Handlers in process: ``Application.process_update`` against an offline mock Bot API."""

from __future__ import annotations

import pytest
from telegram import Update

from bot.config import Config
from tests import updates
from tests.fakeclock import FakeClock
from tests.harness import EN, NL, Harness

__all__ = ["EN", "NL", "Harness"]  # older tests and helpers import these from here

async def test_start_greets_a_dutch_seller_in_dutch_and_stores_them(bot: Harness) -> None:
    reply = await bot.send(updates.message(NL, "/start"))
    assert reply.startswith("Hallo Sanne!")
    seller = await bot.seller(NL["id"])
    assert seller.locale == "nl"
    assert seller.timezone == "Europe/Amsterdam"
    assert seller.created_at == bot.clock.now


async def test_start_greets_an_english_seller_in_english(bot: Harness) -> None:
    reply = await bot.send(updates.message(EN, "/start"))
    assert reply.startswith("Hello Sam!")
    assert (await bot.seller(EN["id"])).locale == "en"


async def test_a_belgian_dutch_client_gets_dutch_and_german_gets_english(bot: Harness) -> None:
    assert (await bot.send(updates.message(updates.user(1, "nl-BE"), "/help"))).startswith("Wat ik")
    assert (await bot.send(updates.message(updates.user(2, "de"), "/help"))).startswith("What I")


async def test_the_frame_of_250000_is_shown_with_dutch_money(bot: Harness) -> None:
    reply = await bot.send(updates.message(NL, "/garantiekader 250000"))
    assert "÷ 3" in reply
    assert "€\u00a06.944,44" in reply
    assert "€\u00a05.000,00" in reply


async def test_the_english_alias_works_for_a_dutch_seller_too(bot: Harness) -> None:
    reply = await bot.send(updates.message(NL, "/guaranteeframe 250000"))
    assert "€\u00a06.944,44" in reply


async def test_without_an_amount_the_bot_asks_and_keeps_asking_until_it_can_read_one(
    bot: Harness,
) -> None:
    dutch_newcomer = updates.user(4444, "nl")
    assert "jaaromzet" in await bot.send(updates.message(dutch_newcomer, "/garantiekader"))
    reply = await bot.send(updates.message(dutch_newcomer, "veel geld"))
    assert reply == "Ik kan “veel geld” niet als bedrag lezen. Typ het zo: €\u00a0250.000,00."
    reply = await bot.send(updates.message(dutch_newcomer, "0"))
    assert reply.startswith("Het bedrag moet meer dan nul zijn.")
    reply = await bot.send(updates.message(dutch_newcomer, "250.000"))
    assert "€\u00a06.944,44" in reply


async def test_an_ambiguous_amount_is_asked_about_with_two_buttons(bot: Harness) -> None:
    reply = await bot.send(updates.message(EN, "/guaranteeframe 1,500 mln"))
    assert reply == "Which amount did you mean?"
    markup = bot.api.of("sendMessage")[-1]["reply_markup"]
    labels = [row[0]["text"] for row in markup["inline_keyboard"]]
    assert labels == ["€1,500,000.00", "€1,500,000,000.00"]
    reply = await bot.send(updates.callback(EN, "fr:pick:0"))
    assert "€41,666.67" in reply


async def test_a_stale_choice_button_is_answered_not_crashed_on(bot: Harness) -> None:
    await bot.app.process_update(Update.de_json(updates.callback(EN, "fr:pick:1"), bot.app.bot))
    answers = bot.api.of("answerCallbackQuery")
    assert answers and "no longer valid" in answers[-1]["text"]


async def test_the_peak_button_asks_for_a_month_and_compares_it_with_the_frame(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/guaranteeframe 250000"))
    assert "busiest month" in await bot.send(updates.callback(EN, "fr:peak"))
    reply = await bot.send(updates.message(EN, "60000"))
    assert "€20,000.00" in reply and "about €13,100 more" in reply
    assert "Black Friday" in reply


async def test_cancel_stops_the_question(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/guaranteeframe"))
    assert "stopped" in await bot.send(updates.message(EN, "/cancel"))
    assert "not sure" in await bot.send(updates.message(EN, "250000"))


async def test_unknown_commands_and_free_text_get_a_hint(bot: Harness) -> None:
    assert "/help" in await bot.send(updates.message(NL, "/onbekend"))
    assert "/help" in await bot.send(updates.message(NL, "hallo?"))


async def test_switching_language_is_stored_and_changes_the_chat_menu(bot: Harness) -> None:
    await bot.send(updates.message(NL, "/taal"))
    reply = await bot.send(updates.callback(NL, "lang:en"))
    assert reply == "From now on I'll write in English."
    assert (await bot.seller(NL["id"])).locale == "en"
    assert (await bot.send(updates.message(NL, "/help"))).startswith("What I can do")
    scoped = [c for c in bot.api.of("setMyCommands") if "scope" in c]
    assert scoped[-1]["scope"] == {"type": "chat", "chat_id": NL["id"]}
    assert scoped[-1]["commands"][0]["command"] == "guaranteeframe"


async def test_menus_are_registered_per_language_and_as_fallback(bot: Harness) -> None:
    registered = bot.api.of("setMyCommands")
    by_language = {call.get("language_code", ""): call["commands"] for call in registered}
    assert set(by_language) == {"nl", "en", ""}
    assert by_language["nl"][0]["command"] == "garantiekader"
    assert by_language[""] == by_language["en"]


async def test_a_restart_mid_question_continues_at_the_same_step(
    config: Config, clock: FakeClock
) -> None:
    first = Harness(config, clock)
    await first.start()
    await first.send(updates.message(EN, "/guaranteeframe"))
    await first.stop()
    second = Harness(config, clock)
    await second.start()
    try:
        assert "€6,944.44" in await second.send(updates.message(EN, "250000"))
    finally:
        await second.stop()


async def test_an_inline_query_offers_the_calculation_in_the_users_language(bot: Harness) -> None:
    await bot.app.process_update(
        Update.de_json(updates.inline_query(updates.user(77, "nl"), "250000"), bot.app.bot)
    )
    answer = bot.api.of("answerInlineQuery")[-1]
    assert answer["is_personal"] is True
    assert len(answer["results"]) == 1
    content = answer["results"][0]["input_message_content"]["message_text"]
    assert "€\u00a06.944,44" in content
    assert await bot.seller(77) is None


@pytest.mark.parametrize("query", ["", "   ", "hello", "-5"])
async def test_empty_or_invalid_inline_queries_get_a_hint(bot: Harness, query: str) -> None:
    await bot.app.process_update(Update.de_json(updates.inline_query(EN, query), bot.app.bot))
    results = bot.api.of("answerInlineQuery")[-1]["results"]
    assert [r["id"] for r in results] == ["hint"]


async def test_an_error_is_logged_and_the_seller_gets_an_apology_in_their_language(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from handlers import frame

    def explode(*args: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(frame, "render_answer", explode)
    update = updates.message(NL, "/garantiekader 250000")
    reply = await bot.send(update)
    assert reply.startswith("Sorry, er ging bij mij iets mis")
    assert "boom" not in reply
    assert f"update {update['update_id']}" in caplog.text
