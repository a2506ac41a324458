"""The real ``python -m bot`` stopped mid-intake (SIGTERM, SIGKILL) continues after a restart."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import text_of
from tests.e2e.test_process import _bot_process, _environment
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.fakeclock import TOKEN

# Each test starts and kills the bot as a process, in real time.
pytestmark = pytest.mark.slow

ORDER = "171-1234567-1234567"


def _intake_state(database: Path, user_id: int) -> str | None:
    if not database.exists():
        return None
    try:
        with sqlite3.connect(database) as connection:
            rows = connection.execute(
                "SELECT state FROM conversations WHERE name = 'intake' AND conv_key = ?",
                (json.dumps([user_id, user_id]),),
            ).fetchall()
    except sqlite3.OperationalError:  # not migrated yet
        return None
    return json.loads(rows[0][0]) if rows else None


async def _until_stored(database: Path, user_id: int, state: str) -> None:
    """Wait (bounded) until the process has flushed the conversation state to SQLite."""
    for _ in range(400):
        if _intake_state(database, user_id) == state:
            return
        await asyncio.sleep(0.025)
    raise AssertionError(f"intake state {state!r} never reached the database")


def _fresh(message: dict[str, Any]) -> bool:
    return not message.get("_edited")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
async def test_a_restart_of_the_process_mid_intake_continues_at_the_same_step(
    server: FakeBotApi, tmp_path: Path, stop: signal.Signals
) -> None:
    env = _environment(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=server.base_url,
        TELEGRAM_BASE_FILE_URL=server.base_file_url,
    )
    database = tmp_path / "claimwacht.sqlite3"
    user = FakeUser(7301, "Eva", "nl")
    process = await _bot_process(env)
    try:
        await server.wait_for_request("getUpdates", timeout=30)
        server.inject_command(user, "nieuweclaim")
        question = await server.wait_for_message(user.id, _fresh, timeout=30)
        server.inject_button_press(user, question, "A-tot-Z-garantieclaim (Amazon)")
        question = await server.wait_for_message(user.id, _fresh, timeout=30)
        server.inject_button_press(user, question, "amazon.nl")
        await server.wait_for_message(user.id, _fresh, timeout=30)
        server.inject_message(user, ORDER)
        reason_question = await server.wait_for_message(user.id, _fresh, timeout=30)
        assert text_of(reason_question) == "Wat claimt de koper?"
        await _until_stored(database, user.id, "reason")
    finally:
        process.send_signal(stop)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    if stop is signal.SIGTERM:
        assert process.returncode == 0, stderr.decode()
    else:
        assert process.returncode == -signal.SIGKILL

    process = await _bot_process(env)
    try:
        server.inject_button_press(user, reason_question, "Artikel niet ontvangen")
        question = await server.wait_for_message(
            user.id, lambda m: _fresh(m) and text_of(m).startswith("Wie heeft"), timeout=30
        )
        assert text_of(question) == "Wie heeft de bestelling verzonden?"
        server.inject_button_press(user, question, "Zelf verzonden (FBM)")
        question = await server.wait_for_message(user.id, _fresh, timeout=30)
        assert text_of(question).startswith("Om welk bedrag gaat de claim?")
        server.inject_message(user, "49,95")
        for label in ("Weet ik niet", "Zojuist", "Overslaan", "Geen tracking", "Overslaan",
                      "Overslaan", "Nee", "Weet ik niet", "Overslaan"):
            question = await server.wait_for_message(user.id, _fresh, timeout=30)
            server.inject_button_press(user, question, label)
        summary = await server.wait_for_message(user.id, _fresh, timeout=30)
        assert f"Bestelling: {ORDER}" in text_of(summary)
        server.inject_button_press(user, summary, "Bevestigen")
        card = await server.wait_for_message(user.id, _fresh, timeout=30)
        assert text_of(card).startswith(
            f"📦 A-tot-Z-garantieclaim (Amazon) · amazon.nl\nBestelling: {ORDER}"
        )
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode()
