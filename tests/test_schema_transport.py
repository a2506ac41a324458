"""The in-process mock Bot API checks every request against the official schema, as the e2e
fake server does: what Telegram would refuse is refused here too, and listed as a violation."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest
from telegram.request import HTTPXRequest

from tests.botapi_mock import MockBotApi
from tests.fakeclock import TOKEN
from tests.harness import EN, Harness

CHAT = 4343


@pytest.fixture
def api() -> MockBotApi:
    return MockBotApi()


@pytest.fixture
async def ptb(api: MockBotApi) -> AsyncIterator[Bot]:
    request = HTTPXRequest(httpx_kwargs={"transport": api.transport})
    async with Bot(TOKEN, request=request) as bot:
        yield bot


def button(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("knop", callback_data=data)]])


async def test_a_valid_message_is_answered_and_recorded(ptb: Bot, api: MockBotApi) -> None:
    sent = await ptb.send_message(CHAT, "x" * 4096, reply_markup=button("é" * 32))
    assert sent.chat_id == CHAT
    assert api.of("sendMessage")[-1]["text"] == "x" * 4096
    assert api.violations == []


async def test_a_4097_character_text_is_refused_like_telegram_refuses_it(
    ptb: Bot, api: MockBotApi
) -> None:
    with pytest.raises(BadRequest, match="too long"):
        await ptb.send_message(CHAT, "x" * 4097)
    assert api.take_violations() == [
        "sendMessage: text is 4097 characters after entity parsing (max 4096)"
    ]
    assert api.of("sendMessage") == []


async def test_a_65_byte_button_is_refused(ptb: Bot, api: MockBotApi) -> None:
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await ptb.send_message(CHAT, "te lang", reply_markup=button("a" * 65))
    [violation] = api.take_violations()
    assert "reply_markup.inline_keyboard[0][0].callback_data is 65 bytes" in violation


async def test_an_unknown_parameter_is_refused(ptb: Bot, api: MockBotApi) -> None:
    with pytest.raises(BadRequest, match=r"(?i)unknown parameter"):
        await ptb.send_message(CHAT, "hallo", api_kwargs={"colour": "red"})
    assert api.take_violations() == ["sendMessage: unknown parameter 'colour'"]


async def test_an_answer_text_over_200_characters_is_refused(ptb: Bot, api: MockBotApi) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message_too_long"):
        await ptb.answer_callback_query("q1", "z" * 201)
    assert api.take_violations() == ["answerCallbackQuery: text is 201 characters (max 200)"]


async def test_the_harness_fails_a_test_whose_bot_broke_the_contract(bot: Harness) -> None:
    assert bot.app is not None
    with pytest.raises(BadRequest):
        await bot.app.bot.send_message(EN["id"], "x" * 5000)
    with pytest.raises(AssertionError, match="text is 5000 characters"):
        bot.api.assert_no_violations()
    bot.api.take_violations()  # consumed on purpose, so the teardown check passes
