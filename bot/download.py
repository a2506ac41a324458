"""Evidence downloads streamed to disk, stopped at Telegram's download limit and a time limit.

``File.download_to_drive`` reads the whole body into memory before writing it, whatever the
size announced by getFile, so a file announced as 1 KB that serves 30 MB costs 30 MB of memory
before anyone can refuse it. Here the body is streamed in chunks into the temporary file and
the download stops as soon as it passes ``FileSizeLimit.FILESIZE_DOWNLOAD`` bytes (what the
Bot API lets a bot download), or when the whole download takes longer than ``TIME_LIMIT``.

Errors are PTB's, so callers handle them like any other Bot API failure: ``FileTooBig``
(a ``BadRequest`` saying "File is too big", as Telegram words it), ``TimedOut`` and
``NetworkError``.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import httpx
from telegram import File
from telegram.constants import FileSizeLimit
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.private_files import FILE_MODE

__all__ = ["LIMIT", "TIME_LIMIT", "FileTooBig", "download"]

LIMIT = int(FileSizeLimit.FILESIZE_DOWNLOAD)
TIME_LIMIT = 120.0  # seconds for one whole download; 20 MB at a poor 200 kB/s fits
_CONNECT_TIMEOUT = 10.0


class FileTooBig(BadRequest):
    """The file is bigger than a bot may download; nothing beyond the limit was read."""

    def __init__(self, read: int) -> None:
        super().__init__("File is too big")
        self.bytes_read = read


async def download(
    telegram_file: File,
    target: Path,
    *,
    limit: int = LIMIT,
    time_limit: float = TIME_LIMIT,
    client: httpx.AsyncClient | None = None,
) -> int:
    """Stream ``telegram_file`` into ``target`` (mode 0600); the number of bytes written."""
    if not telegram_file.file_path:
        raise BadRequest("Telegram gave no file path for the download")
    if telegram_file.file_size is not None and telegram_file.file_size > limit:
        raise FileTooBig(0)
    client = client or _client_of(telegram_file)
    own_client = client is None
    http = client or httpx.AsyncClient(timeout=httpx.Timeout(time_limit, connect=_CONNECT_TIMEOUT))
    try:
        async with asyncio.timeout(time_limit):
            return await _stream(http, telegram_file.file_path, target, limit)
    except TimeoutError:
        raise TimedOut(f"download took longer than {time_limit:.0f} seconds") from None
    except httpx.HTTPError as error:
        raise NetworkError(f"download failed: {type(error).__name__}") from error
    finally:
        if own_client:
            await http.aclose()


def _client_of(telegram_file: File) -> httpx.AsyncClient | None:
    """The bot's own HTTP client (its proxy, pool, transport), when PTB's HTTPXRequest has one."""
    try:
        request = telegram_file.get_bot().request
    except RuntimeError:  # a File built by hand, without a bot
        return None
    client = getattr(request, "_client", None)
    return client if isinstance(client, httpx.AsyncClient) else None


async def _stream(http: httpx.AsyncClient, url: str, target: Path, limit: int) -> int:
    async with http.stream("GET", url) as response:
        if response.status_code != httpx.codes.OK:
            raise NetworkError(f"download failed: HTTP {response.status_code}")
        announced = response.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > limit:
            raise FileTooBig(0)
        written = 0
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            async for chunk in response.aiter_bytes():
                written += len(chunk)
                if written > limit:
                    raise FileTooBig(written)
                handle.write(chunk)
        return written
