"""Updates per second and memory of Claimwacht vs a bare PTB echo bot, in the same run.

Both bots process the same number of private-chat updates through ``Application.process_update``
against an offline Bot API (httpx.MockTransport), so only the bot's own work is measured: our
seller lookup, conversation persistence flush, parsing, Babel formatting and reply. Prints
figures and the ratio to the echo bot. The rate limiter (30 messages/s, as Telegram allows) is
off for both, or it would be all we measure.

    .venv/bin/python -m bench.frame_throughput [--updates N]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from bot.app import build_application
from bot.config import Config
from tests import updates
from tests.botapi_mock import MockBotApi

TOKEN = "123456789:AAHfakeTokenForClaimwachtBench000"


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


def _echo_bot(api: MockBotApi) -> Application[Any, Any, Any, Any, Any, Any]:
    request = HTTPXRequest(httpx_kwargs={"transport": api.transport})
    application = ApplicationBuilder().token(TOKEN).request(request).build()
    application.add_handler(MessageHandler(filters.TEXT, _echo))
    return application


def _claimwacht(api: MockBotApi, data_dir: Path) -> Application[Any, Any, Any, Any, Any, Any]:
    config = Config(TOKEN, data_dir, ZoneInfo("Europe/Amsterdam"), None, None)
    request = HTTPXRequest(httpx_kwargs={"transport": api.transport})
    return build_application(config, request=request, rate_limit=False)


async def _measure(
    make: Callable[[], Application[Any, Any, Any, Any, Any, Any]],
    texts: list[str],
    users: int,
) -> tuple[float, int]:
    application = make()
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    senders = [updates.user(10_000 + i, "nl" if i % 2 else "en") for i in range(users)]
    batch = [
        Update.de_json(updates.message(senders[i % users], text), application.bot)
        for i, text in enumerate(texts)
    ]
    # Warm up: Babel's locale data, SQLite's page cache and PTB's lazy imports load once.
    for text in texts[:20]:
        await application.process_update(
            Update.de_json(updates.message(updates.user(1, "nl"), text), application.bot)
        )
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    for update in batch:
        await application.process_update(update)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)
    return len(batch) / elapsed, peak


async def main(count: int, users: int) -> None:
    texts = [f"/garantiekader {250_000 + i * 1000}" for i in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        runs: dict[str, tuple[float, int]] = {}
        # Interleave and take the best of three so a noisy neighbour doesn't decide the ratio.
        for name, make in [
            ("echo", lambda: _echo_bot(MockBotApi(validate=False))),
            ("claimwacht", lambda: _claimwacht(MockBotApi(validate=False), Path(folder))),
        ] * 3:
            rate, peak = await _measure(make, texts, users)
            best = runs.get(name)
            runs[name] = (
                max(rate, best[0]) if best else rate,
                max(peak, best[1]) if best else peak,
            )
    echo_rate, echo_peak = runs["echo"]
    rate, peak = runs["claimwacht"]
    print(f"updates: {count} from {users} sellers (/garantiekader <amount>), best of 3")
    print(f"echo bot:    {echo_rate:8.0f} updates/s   peak traced memory {echo_peak / 1e6:6.2f} MB")
    print(f"claimwacht:  {rate:8.0f} updates/s   peak traced memory {peak / 1e6:6.2f} MB")
    print(f"ratio:       {rate / echo_rate:8.2f} x speed       {peak / echo_peak:6.2f} x memory")
    print(f"per update:  {1e3 / rate:8.2f} ms (echo {1e3 / echo_rate:.2f} ms)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--users", type=int, default=200)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.updates, arguments.users))
