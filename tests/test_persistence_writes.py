"""After each update, what PTB hands over is written once, in one transaction, and only if it
changed: counted as SQL transactions per update, never timed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.config import Config
from bot.context import SERVICES_KEY
from tests import updates
from tests.conftest import FakeClock
from tests.test_handlers import EN, Harness


@pytest.fixture
async def bot(config: Config, clock: FakeClock) -> AsyncIterator[Harness]:
    harness = Harness(config, clock)
    await harness.start()
    yield harness
    await harness.stop()


async def transactions(bot: Harness, update: dict[str, Any]) -> tuple[str, list[str]]:
    """The reply to ``update`` and the write transactions it cost, with their statements."""
    assert bot.app is not None
    database = bot.app.bot_data[SERVICES_KEY].database
    statements: list[str] = []
    async with database.unit_of_work(write=False) as uow:
        await uow.connection.set_trace_callback(statements.append)
    try:
        reply = await bot.send(update)
    finally:
        async with database.unit_of_work(write=False) as uow:
            await uow.connection.set_trace_callback(None)
    units: list[str] = []
    for statement in statements:
        if statement.startswith("BEGIN"):
            units.append("")
        elif units and statement != "COMMIT":
            units[-1] += statement.split()[0] + " " + statement.split()[2] + "; "
    return reply, units


async def test_a_conversation_step_writes_its_state_and_user_data_in_one_transaction(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/start"))  # first contact stores the seller
    reply, units = await transactions(bot, updates.message(EN, "/guaranteeframe"))
    assert "revenue" in reply
    assert len(units) == 1 and "conversations" in units[0]
    reply, units = await transactions(bot, updates.message(EN, "250000"))
    assert "Indicative frame" in reply
    # The conversation ended and the amount went into user_data: one transaction for both.
    assert len(units) == 1
    assert "conversations" in units[0] and "user_data" in units[0]


async def test_an_update_that_changes_nothing_writes_nothing(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/start"))
    await bot.send(updates.message(EN, "/guaranteeframe 250000"))
    for text in ("/help", "/guaranteeframe 250000", "/help"):
        _, units = await transactions(bot, updates.message(EN, text))
        assert units == [], text


async def test_the_sender_is_read_from_the_database_once_and_again_after_a_change(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/start"))  # stores the seller
    await bot.send(updates.message(EN, "/help"))  # reads the stored row once
    assert bot.app is not None
    database = bot.app.bot_data[SERVICES_KEY].database
    statements: list[str] = []
    async with database.unit_of_work(write=False) as uow:
        await uow.connection.set_trace_callback(statements.append)
    try:
        await bot.send(updates.message(EN, "/help"))
        await bot.send(updates.message(EN, "/help"))
        assert not [s for s in statements if "FROM sellers" in s]  # known: served from memory
        await bot.send(updates.message(EN, "/language"))
        reply = await bot.send(updates.callback(EN, "lang:nl"))
        assert "Nederlands" in reply or "Taal" in reply or "taal" in reply
        statements.clear()
        help_text = await bot.send(updates.message(EN, "/help"))
    finally:
        async with database.unit_of_work(write=False) as uow:
            await uow.connection.set_trace_callback(None)
    assert help_text.startswith("Wat ik")  # the new language, so the change was seen
    assert len([s for s in statements if "FROM sellers" in s]) == 1
