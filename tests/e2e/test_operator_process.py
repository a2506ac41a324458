"""What an operator meets running ``python -m bot`` for real: one instance per data directory,
private files, a read-only or unopenable database, each refused with one line and exit 2."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TOKEN
from tests.e2e.test_process import ROOT, _bot_process, _environment
from tests.fakebotapi import FakeBotApi

NOBODY = 65534


def _bot_env(server: FakeBotApi, data_dir: Path) -> dict[str, str]:
    return _environment(
        data_dir,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=server.base_url,
        TELEGRAM_BASE_FILE_URL=server.base_file_url,
    )


async def _stop(process: asyncio.subprocess.Process) -> str:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    return stderr.decode()


async def test_a_second_process_on_the_same_data_dir_exits_2_naming_the_first(
    server: FakeBotApi, tmp_path: Path
) -> None:
    env = _bot_env(server, tmp_path)
    first = await _bot_process(env)
    try:
        await server.wait_for_request("getUpdates", timeout=30)
        calls_before = _non_polling_calls(server)
        second = await _bot_process(env)
        stdout, stderr = await asyncio.wait_for(second.communicate(), timeout=30)
        assert _non_polling_calls(server) == calls_before  # it never talked to Telegram
        assert second.returncode == 2
        assert stderr.decode().splitlines() == [
            f"claimwacht: another Claimwacht (pid {first.pid}) is running on {tmp_path}"
        ]
        assert stdout == b""
        assert first.returncode is None  # the first one is left alone
    finally:
        log = await _stop(first)
    assert first.returncode == 0, log


def _non_polling_calls(server: FakeBotApi) -> list[str]:
    return [name for name, _ in server.requests if name != "getUpdates"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_an_existing_world_readable_data_dir_is_tightened_and_new_files_are_private(
    server: FakeBotApi, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    (data / "evidence" / "ab").mkdir(parents=True)
    (data / "evidence" / "ab" / ("ab" + "0" * 62)).write_bytes(b"old evidence")
    for path in (data, data / "evidence", data / "evidence" / "ab"):
        path.chmod(0o755)
    (data / "evidence" / "ab" / ("ab" + "0" * 62)).chmod(0o644)
    process = await _bot_process(_bot_env(server, data))
    try:
        await server.wait_for_request("getUpdates", timeout=30)
    finally:
        log = await _stop(process)
    assert process.returncode == 0, log
    everything = [data, *data.rglob("*")]
    loose = {str(path): oct(_mode(path)) for path in everything if _mode(path) & 0o077}
    assert loose == {}
    assert _mode(data / "claimwacht.sqlite3") == 0o600


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A data dir outside pytest's private tmp tree, so another user can reach it."""
    path = Path(tempfile.mkdtemp(prefix="claimwacht-ro-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


async def test_a_read_only_database_stops_the_bot_with_one_line_and_exit_2(
    server: FakeBotApi, shared_dir: Path
) -> None:
    data = shared_dir / "data"
    data.mkdir()
    database = data / "claimwacht.sqlite3"
    process = await _bot_process(_bot_env(server, data))  # creates and migrates it
    await server.wait_for_request("getUpdates", timeout=30)
    await _stop(process)
    extra: dict[str, int] = {}
    if os.geteuid() == 0:  # root writes read-only files: run the bot as nobody instead
        for path in (data, *data.iterdir()):
            os.chown(path, NOBODY, NOBODY)
        extra = {"user": NOBODY, "group": NOBODY}
    database.chmod(0o444)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=ROOT, env=_bot_env(server, data),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, **extra,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    lines = stderr.decode().splitlines()
    assert process.returncode == 2, stderr.decode()
    assert len(lines) == 1, stderr.decode()
    assert lines[0].startswith(f"claimwacht: database {database}: cannot write to it")


async def test_a_database_that_cannot_be_opened_prints_one_line_and_nothing_after(
    tmp_path: Path,
) -> None:
    (tmp_path / "claimwacht.sqlite3").mkdir()  # a directory where the file should be
    process = await _bot_process(_environment(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN))
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert stderr.decode().splitlines() == [
        f"claimwacht: database {tmp_path / 'claimwacht.sqlite3'}: unable to open database file"
    ]

