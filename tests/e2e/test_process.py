"""``python -m bot`` as a real process: it talks to the fake Bot API and stops cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import text_of
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.fakeclock import TOKEN

# Each test starts the bot as a process and waits for it in real time.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TELEGRAM_")}
    env.update({"CLAIMWACHT_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}, **extra)
    return env


async def _bot_process(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_the_bot_process_answers_and_exits_cleanly_on_sigterm(
    server: FakeBotApi, tmp_path: Path
) -> None:
    env = _environment(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=server.base_url,
        TELEGRAM_BASE_FILE_URL=server.base_file_url,
    )
    process = await _bot_process(env)
    try:
        await server.wait_for_request("getUpdates", timeout=30)
        user = FakeUser(6001, "Eva", "nl")
        server.inject_command(user, "garantiekader", "600.000")
        reply = text_of(await server.wait_for_message(user.id, timeout=30))
        assert "Indicatief garantiekader: ca. €\u00a016.700" in reply
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log
    assert TOKEN not in log
    assert (tmp_path / "claimwacht.sqlite3").exists()


async def test_a_missing_token_prints_one_line_and_exits_with_2(tmp_path: Path) -> None:
    process = await _bot_process(_environment(tmp_path))
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    lines = stderr.decode().strip().splitlines()
    assert process.returncode == 2
    assert len(lines) == 1 and "@BotFather" in lines[0]
    assert stdout == b""


async def test_a_malformed_token_prints_one_line_and_exits_with_2(tmp_path: Path) -> None:
    process = await _bot_process(_environment(tmp_path, TELEGRAM_BOT_TOKEN="not-a-token"))
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert stderr.decode().count("\n") == 1 and "does not look like a bot token" in stderr.decode()


async def test_an_unknown_timezone_prints_one_line_and_exits_with_2(tmp_path: Path) -> None:
    env = _environment(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, CLAIMWACHT_TIMEZONE="Europe/Atlantis")
    process = await _bot_process(env)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "Europe/Atlantis" in stderr.decode() and "Traceback" not in stderr.decode()


async def test_a_token_telegram_rejects_prints_one_line_and_exits_with_2(
    server: FakeBotApi, tmp_path: Path
) -> None:
    env = _environment(
        tmp_path,
        TELEGRAM_BOT_TOKEN="987654321:AAHsomeoneElsesTokenThatIsRevoked00",
        TELEGRAM_BASE_URL=server.base_url,
        TELEGRAM_BASE_FILE_URL=server.base_file_url,
    )
    process = await _bot_process(env)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in stderr.decode()
    assert "Traceback" not in stderr.decode()
