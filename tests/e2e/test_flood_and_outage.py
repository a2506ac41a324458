"""A 429 storm and a getUpdates outage, against the fake Bot API's fault injection."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.e2e.conftest import RunningBot, text_of
from tests.fakebotapi import FakeBotApi, FakeUser

EVA = FakeUser(6301, "Eva", "en")


async def test_a_reply_survives_more_429s_than_three_retries(
    server: FakeBotApi, running: RunningBot
) -> None:
    server.fail_next("sendMessage", 429, retry_after=1, count=4)
    server.inject_command(EVA, "guaranteeframe", "600000")
    reply = text_of(await server.wait_for_message(EVA.id, timeout=30))
    assert "Indicative frame: about €16,700" in reply, reply
    sends = [name for name, params in server.requests if name == "sendMessage"]
    assert len(sends) == 5


async def test_an_outage_logs_one_warning_and_one_line_when_telegram_is_back(
    server: FakeBotApi, running: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await server.wait_for_request("getUpdates")
    server.fail_next("getUpdates", 502, count=3)
    for _ in range(4):  # three failures and the first call that works again
        await server.wait_for_request("getUpdates", timeout=30)
    server.inject_command(EVA, "start")
    await server.wait_for_message(EVA.id, timeout=30)
    await asyncio.sleep(0)
    warnings = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert [record.getMessage() for record in warnings] == [
        "cannot reach Telegram (getUpdates: HTTP 502); retrying quietly until it is back",
        "Telegram reachable again after 3 failed getUpdates call(s)",
    ]
    assert [record for record in caplog.records if record.exc_info] == []
