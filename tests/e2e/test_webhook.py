"""Webhook mode: ``python -m bot`` registers the webhook with its secret, serves updates posted
to its listener, and refuses posts without the right secret token."""

from __future__ import annotations

import asyncio
import signal
import socket
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import TOKEN
from tests.e2e.conftest import text_of
from tests.e2e.test_process import _bot_process, _environment
from tests.fakebotapi import FakeBotApi, FakeUser

SECRET = "wh_Secret-123"
URL = "https://bot.example.org/claimwacht"
SAM = FakeUser(6401, "Sam", "en")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _post(port: int, update: dict[str, Any], secret: str | None) -> int:
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with httpx.AsyncClient() as client:
        for _ in range(100):  # the listener may still be starting
            try:
                response = await client.post(
                    f"http://127.0.0.1:{port}/claimwacht", json=update, headers=headers
                )
            except httpx.ConnectError:
                await asyncio.sleep(0.1)
                continue
            return response.status_code
    raise AssertionError("the webhook listener never came up")


async def test_webhook_mode_serves_posted_updates_and_refuses_a_wrong_or_missing_secret(
    server: FakeBotApi, tmp_path: Path
) -> None:
    port = _free_port()
    env = _environment(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=server.base_url,
        TELEGRAM_BASE_FILE_URL=server.base_file_url,
        CLAIMWACHT_WEBHOOK_URL=URL,
        CLAIMWACHT_WEBHOOK_SECRET=SECRET,
        CLAIMWACHT_WEBHOOK_PORT=str(port),
    )
    process = await _bot_process(env)
    try:
        registered = await server.wait_for_request("setWebhook", timeout=30)
        assert (registered["url"], registered["secret_token"]) == (URL, SECRET)
        update = server.inject_command(SAM, "guaranteeframe", "600000")
        assert await _post(port, update, "wrong-secret") == 403
        assert await _post(port, update, None) == 403
        assert await _post(port, update, SECRET) == 200
        reply = text_of(await server.wait_for_message(SAM.id, timeout=30))
        assert "Indicative frame: about €16,700" in reply
        assert len(server.sent_messages(SAM.id)) == 1  # the refused posts did nothing
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()
    assert "getUpdates" not in [name for name, _ in server.requests]


async def test_webhook_mode_without_a_secret_stops_with_one_line(tmp_path: Path) -> None:
    env = _environment(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, CLAIMWACHT_WEBHOOK_URL=URL)
    process = await _bot_process(env)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    [line] = stderr.decode().splitlines()
    assert "CLAIMWACHT_WEBHOOK_SECRET must be set" in line
