"""Evidence downloads stream to disk and stop at Telegram's limit, whatever getFile announced."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from telegram import Bot
from telegram.constants import FileSizeLimit
from telegram.error import NetworkError

from bot.download import FileTooBig, download
from tests.fakebotapi import FakeBotApi

LIMIT = int(FileSizeLimit.FILESIZE_DOWNLOAD)


def _bot(api: FakeBotApi) -> Bot:
    return Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)


async def test_a_file_announced_as_1_kb_that_streams_30_mb_stops_at_the_limit(
    server: FakeBotApi, tmp_path: Path
) -> None:
    stored = server.register_file(
        b"\0" * 30_000_000, file_name="big.pdf", file_size=1024, chunked=True
    )
    target = tmp_path / "download.part"
    async with _bot(server) as bot:
        telegram_file = await bot.get_file(stored.file_id)
        assert telegram_file.file_size == 1024
        with pytest.raises(FileTooBig) as refused:
            await download(telegram_file, target)
    assert LIMIT < refused.value.bytes_read < LIMIT + 1_000_000
    assert target.stat().st_size <= LIMIT
    assert refused.value.message == "File is too big"


async def test_a_body_whose_content_length_is_over_the_limit_is_not_read_at_all(
    server: FakeBotApi, tmp_path: Path
) -> None:
    stored = server.register_file(b"\0" * 30_000_000, file_name="big.pdf", file_size=1024)
    async with _bot(server) as bot:
        with pytest.raises(FileTooBig) as refused:
            await download(await bot.get_file(stored.file_id), tmp_path / "big.part")
    assert refused.value.bytes_read == 0


async def test_a_file_within_the_limit_is_written_whole_and_private(
    server: FakeBotApi, tmp_path: Path
) -> None:
    content = bytes(range(256)) * 4000
    stored = server.register_file(content, file_name="scan.pdf")
    target = tmp_path / "download.part"
    async with _bot(server) as bot:
        written = await download(await bot.get_file(stored.file_id), target)
    assert written == len(content)
    assert target.read_bytes() == content
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_a_file_exactly_at_the_limit_is_accepted(
    server: FakeBotApi, tmp_path: Path
) -> None:
    stored = server.register_file(b"x" * LIMIT, file_name="edge.pdf")
    async with _bot(server) as bot:
        written = await download(await bot.get_file(stored.file_id), tmp_path / "edge.part")
    assert written == LIMIT


async def test_a_file_announced_over_the_limit_is_not_fetched_at_all(
    server: FakeBotApi, tmp_path: Path
) -> None:
    stored = server.register_file(b"small", file_name="lie.pdf", file_size=LIMIT + 1)
    async with _bot(server) as bot:
        telegram_file = await bot.get_file(stored.file_id)
        with pytest.raises(FileTooBig) as refused:
            await download(telegram_file, tmp_path / "lie.part")
    assert refused.value.bytes_read == 0
    assert not (tmp_path / "lie.part").exists()


async def test_a_download_that_runs_past_the_time_limit_is_a_network_error(
    server: FakeBotApi, tmp_path: Path
) -> None:
    stored = server.register_file(b"x" * 5_000_000, file_name="slow.pdf")
    async with _bot(server) as bot:
        telegram_file = await bot.get_file(stored.file_id)
        with pytest.raises(NetworkError, match="longer than"):
            await download(telegram_file, tmp_path / "slow.part", time_limit=0)
