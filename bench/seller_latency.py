"""Another seller's reply latency while one seller's evidence download trickles in slowly and
while a burst of reminders goes out, next to a bare PTB echo bot in the same run.

Both bots poll a fake Bot API on loopback that enforces Telegram's limits (30 messages/s
overall, 1/s per chat). The latency is from the moment the fake server holds the update to the
moment the reply reaches it (``/help`` for Claimwacht, a text for the echo bot).

* Slow download: one seller sends a PDF during an evidence session; the file server (a proxy in
  this script) trickles it out over ``--trickle`` seconds. Meanwhile another seller sends /help
  every half second.
* Reminder burst: ``--burst`` claims of 100 sellers have their T-1h reminder due at the same
  moment; meanwhile another seller sends /help every half second. The burst's own duration is
  printed against the 30 messages/s minimum.

    .venv/bin/python -m bench.seller_latency [--trickle 20] [--burst 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from aiohttp import web
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters

from bench.echo_bot import echo
from bot.app import build_application
from bot.config import Config
from bot.services import utc_now
from bot.storage import Database
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.reminder_support import add_claim, add_seller

TOKEN = "123456789:AAHfakeTokenForClaimwachtBench000"
PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"
# Several askers in turn, so no chat gets more than Telegram's one message per second.
ASKERS = [FakeUser(930_100 + index, "Ask", "en") for index in range(8)]
UPLOADER = FakeUser(930_002, "Upl", "en")
FIRST_SELLER = 931_000

App = Application[Any, Any, Any, Any, Any, Any]


class TricklingFiles:
    """A file server in front of the fake Bot API that sends each file in ``chunks`` parts
    spread over ``seconds``."""

    def __init__(self, upstream: str, seconds: float, chunks: int = 20) -> None:
        self.upstream = upstream
        self.seconds = seconds
        self.chunks = chunks
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def _file(self, request: web.Request) -> web.StreamResponse:
        async with aiohttp.ClientSession() as session, session.get(
            f"{self.upstream}{request.match_info['rest']}"
        ) as upstream:
            body = await upstream.read()
        response = web.StreamResponse(headers={"Content-Length": str(len(body))})
        await response.prepare(request)
        step = -(-len(body) // self.chunks)
        for start in range(0, len(body), step):
            await asyncio.sleep(self.seconds / self.chunks)
            await response.write(body[start : start + step])
        await response.write_eof()
        return response

    async def __aenter__(self) -> TricklingFiles:
        app = web.Application()
        app.router.add_get("/file/bot{rest:.+}", self._file)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}/file/bot"
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._runner is not None
        await self._runner.cleanup()


async def _start(application: App) -> None:
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    await application.start()


async def _stop(application: App) -> None:
    assert application.updater is not None
    await application.updater.stop()
    await application.stop()
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)


async def _latencies(
    server: FakeBotApi, text: str, until: asyncio.Future[Any] | float
) -> list[float]:
    """Send ``text`` every half second until ``until`` (a future, or a number of seconds)."""
    loop = asyncio.get_running_loop()
    stop_at = loop.time() + until if isinstance(until, float) else None
    found: list[float] = []
    while (stop_at is None and not until.done()) or (stop_at and loop.time() < stop_at):  # type: ignore[union-attr]
        user = ASKERS[len(found) % len(ASKERS)]
        started = loop.time()
        if text.startswith("/"):
            server.inject_command(user, text[1:])
        else:
            server.inject_message(user, text)
        await server.wait_for_message(user.id, timeout=120)
        found.append(loop.time() - started)
        await asyncio.sleep(max(0.0, 0.5 - (loop.time() - started)))
    return found


def _summary(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1e3:6.0f} ms, max {max(values) * 1e3:6.0f} ms"
            f" ({len(values)} replies)")


async def echo_latency(seconds: float) -> list[float]:
    async with FakeBotApi(token=TOKEN) as server:
        server.enforce_rate_limits(global_per_second=30, per_chat_per_second=1, burst=3)
        application = ApplicationBuilder().token(TOKEN).base_url(server.base_url).build()
        application.add_handler(MessageHandler(filters.TEXT, echo))
        await _start(application)
        try:
            return await _latencies(server, "hello", seconds)
        finally:
            await _stop(application)


async def during_download(data_dir: Path, trickle: float) -> tuple[list[float], float]:
    async with FakeBotApi(token=TOKEN) as server:
        server.enforce_rate_limits(global_per_second=30, per_chat_per_second=1, burst=3)
        async with TricklingFiles(f"{server.base_file_url}", trickle) as files:
            config = Config(TOKEN, data_dir, ZoneInfo("Europe/Amsterdam"), server.base_url,
                            files.url)
            database = Database(config.database_path)
            await add_seller(database, UPLOADER.id, datetime.now(UTC))
            await add_claim(database, UPLOADER.id, "171-1234567-1234567", datetime.now(UTC),
                            datetime.now(UTC))
            await database.close()
            application = build_application(config)
            await _start(application)
            try:
                server.inject_command(UPLOADER, "evidence", "171-1234567-1234567")
                question = await server.wait_for_message(UPLOADER.id)
                server.inject_button_press(UPLOADER, question, "Tracking number")
                await server.wait_for_message(UPLOADER.id)
                started = asyncio.get_running_loop().time()
                server.inject_document(UPLOADER, file_name="tracking.pdf", content=PDF)
                stored = asyncio.ensure_future(server.wait_for_message(
                    UPLOADER.id, lambda m: "tracking.pdf" in str(m.get("text", "")),
                    timeout=trickle * 3 + 30))
                await asyncio.sleep(0.5)
                latencies = await _latencies(server, "/help", stored)
                await stored
                return latencies, asyncio.get_running_loop().time() - started
            finally:
                await _stop(application)


async def during_burst(data_dir: Path, claims: int) -> tuple[list[float], float, int]:
    async with FakeBotApi(token=TOKEN) as server:
        server.enforce_rate_limits(global_per_second=30, per_chat_per_second=1, burst=3)
        sellers = 100
        lead = 5.0 + claims / 200
        due = datetime.now(UTC) + timedelta(seconds=lead)
        database = Database(data_dir / "claimwacht.sqlite3")
        now = datetime.now(UTC)
        for index in range(sellers):
            await add_seller(database, FIRST_SELLER + index, now, quiet=False)
        for index in range(claims):
            await add_claim(database, FIRST_SELLER + index % sellers,
                            f"171-{index:07d}-{index:07d}", due - timedelta(hours=47), now,
                            keep=("response_t1h",))
        await database.close()
        config = Config(TOKEN, data_dir, ZoneInfo("Europe/Amsterdam"), server.base_url,
                        server.base_file_url)
        application = build_application(config, clock=utc_now)
        await _start(application)
        loop = asyncio.get_running_loop()
        try:
            await asyncio.sleep(max((due - datetime.now(UTC)).total_seconds(), 0))
            started = loop.time()

            async def delivered() -> float:
                while True:
                    sent = sum(len(server.sent_messages(FIRST_SELLER + index))
                               for index in range(sellers))  # accepted, not 429ed
                    if sent >= claims:
                        return loop.time() - started
                    await asyncio.sleep(0.1)

            burst = asyncio.ensure_future(delivered())
            latencies = await _latencies(server, "/help", burst)
            return latencies, await burst, len(server.rate_limited)
        finally:
            await _stop(application)


async def main(trickle: float, burst: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        echo = await echo_latency(10.0)
        print(f"echo bot, idle:                   {_summary(echo)}", flush=True)
        for name in ("download", "burst"):
            (Path(folder) / name).mkdir()
        download, took = await during_download(Path(folder) / "download", trickle)
        print(f"claimwacht, during a {took:4.1f} s download: {_summary(download)}", flush=True)
        during, seconds, limited = await during_burst(Path(folder) / "burst", burst)
        print(f"claimwacht, during the burst:     {_summary(during)}")
        print(f"burst: {burst} reminders in {seconds:.1f} s ({seconds / (burst / 30):.2f}x the 30/s"
              f" minimum), 429 answers: {limited}; bench ran {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trickle", type=float, default=20.0)
    parser.add_argument("--burst", type=int, default=1000)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.trickle, arguments.burst))
