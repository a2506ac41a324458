"""One flow owns a seller at a time, and every button press is answered and guarded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiosqlite
from telegram import Update
from telegram.ext import ConversationHandler

from bot.migrations import MIGRATIONS
from bot.storage import Database
from tests import updates
from tests.harness import EN, Harness
from tests.intake_helpers import ENGLISH_AMAZON_STEPS, run, seed_claim


def group_callback(sender: dict[str, Any], data: str) -> dict[str, Any]:
    update = updates.callback(sender, data)
    update["callback_query"]["message"]["chat"] = {
        "id": -100777, "type": "supergroup", "title": "Shop team"
    }
    return update


async def press_quietly(bot: Harness, update: dict[str, Any]) -> None:
    assert bot.app is not None
    await bot.app.process_update(Update.de_json(update, bot.app.bot))


async def test_an_open_frame_question_does_not_swallow_the_intakes_order_id(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/guaranteeframe"))
    reply = await run(bot, EN, "/newclaim", *ENGLISH_AMAZON_STEPS[:3])
    assert reply == "What does the buyer claim?"


async def test_the_settings_timezone_question_does_not_take_the_order_id(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/settings"))
    await bot.send(updates.callback(EN, "st:tz"))
    reply = await run(bot, EN, "/newclaim", *ENGLISH_AMAZON_STEPS[:3])
    assert reply == "What does the buyer claim?"


async def test_a_half_finished_intake_does_not_swallow_an_evidence_note(bot: Harness) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    await run(bot, EN, "/newclaim", *ENGLISH_AMAZON_STEPS[:2])
    await bot.send(updates.message(EN, f"/evidence {stored.claim.order_id}"))
    await bot.send(updates.callback(EN, f"ev:item:{stored.id}:other"))
    reply = await bot.send(updates.message(EN, "Tracking 3SABC123 delivered"))
    assert "tap one of the buttons" not in reply
    assert "note" in reply.lower() or "stored" in reply.lower()


async def test_starting_another_flow_keeps_the_claim_draft_and_says_so(bot: Harness) -> None:
    await run(bot, EN, "/newclaim", *ENGLISH_AMAZON_STEPS[:2])
    await bot.send(updates.message(EN, "/guaranteeframe"))
    assert any("unfinished claim is kept" in text for text in bot.api.texts()[-2:])
    reply = await bot.send(updates.message(EN, "250000"))
    assert "€6,944.44" in reply
    assert "Continue" in await bot.send(updates.message(EN, "/newclaim"))


async def test_cancel_only_cancels_the_active_flow(bot: Harness) -> None:
    await run(bot, EN, "/newclaim", *ENGLISH_AMAZON_STEPS[:2])
    await bot.send(updates.message(EN, "/guaranteeframe"))
    assert "stopped" in await bot.send(updates.message(EN, "/cancel"))
    assert "Continue" in await bot.send(updates.message(EN, "/newclaim"))


async def test_unknown_and_mangled_buttons_are_answered(bot: Harness) -> None:
    for data in ("x", "cl:", "dd:maybe", "cl:open:" + "9" * 25, "ev:add:0", "in:zzz"):
        before = len(bot.api.of("answerCallbackQuery"))
        await press_quietly(bot, updates.callback(EN, data))
        assert len(bot.api.of("answerCallbackQuery")) == before + 1, data


async def test_evidence_buttons_pressed_in_a_group_show_nothing_of_the_claim(
    bot: Harness,
) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    for action in ("add", "list", "zip", "items", "done"):
        sent_before = len(bot.api.texts())
        await press_quietly(bot, group_callback(EN, f"ev:{action}:{stored.id}"))
        assert len(bot.api.texts()) == sent_before, action
        answer = bot.api.of("answerCallbackQuery")[-1]
        assert "private" in answer["text"]
        assert stored.claim.order_id not in answer["text"]


async def test_someone_elses_claim_button_is_not_found(bot: Harness) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    stranger = updates.user(5151, "en")
    await press_quietly(bot, updates.callback(stranger, f"ev:list:{stored.id}"))
    answer = bot.api.of("answerCallbackQuery")[-1]
    assert "can't find that claim" in answer["text"]


# Persisted conversation states: renaming one strands every seller who is in it.
PERSISTED_STATES = {
    "intake": {
        "amount", "buy_shipping", "delivery", "edit", "fulfilment", "marketplace", "notes",
        "notice", "order_id", "reason", "resume", "source", "summary",
    },
    "evidence": {"ask_item", "pick_claim", "receiving"},
    "frame": {"ask_peak", "ask_revenue", "choose_revenue"},
    "settings": {"digest", "quiet", "timezone"},
    "outcome": {"date"},
}


async def test_persisted_conversation_states_keep_their_names(bot: Harness) -> None:
    assert bot.app is not None
    conversations = {
        handler.name: {str(state) for state in handler.states}
        for handler in bot.app.handlers[0]
        if isinstance(handler, ConversationHandler)
    }
    for name, states in PERSISTED_STATES.items():
        assert states <= conversations[name], name


async def test_numbered_states_of_older_versions_are_renamed(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    await Database(path, MIGRATIONS[:3]).open()
    async with aiosqlite.connect(path) as connection:
        await connection.executemany(
            "INSERT INTO conversations (name, conv_key, state, updated_at) VALUES (?, ?, ?, ?)",
            [("evidence", "[1, 1]", "2", "2026-12-01T10:00:00Z"),
             ("frame", "[1, 1]", "0", "2026-12-01T10:00:00Z"),
             ("intake", "[1, 1]", '"notes"', "2026-12-01T10:00:00Z")],
        )
        await connection.commit()
    database = Database(path)
    async with database.unit_of_work(write=False) as uow:
        assert await uow.ptb_state.conversations("evidence") == {(1, 1): "receiving"}
        assert await uow.ptb_state.conversations("frame") == {(1, 1): "ask_revenue"}
        assert await uow.ptb_state.conversations("intake") == {(1, 1): "notes"}
    await database.close()
