"""/claims, /deadlines and /export for a seller with 10 claims and one with 10,000.

Both sellers live in one database seeded through the project's own code (``bench/seed.py``).
The bot runs in process against the fake Bot API on loopback; each command is one update
through ``Application.process_update``, timed from the update to the reply being accepted, best
of ``--repeat``. "loop stall" is the longest the event loop went without running a 1 ms ticker
during the command: what every other seller waits at worst meanwhile. The echo bot's reply to a
text message, through the same server, is the yardstick.

    .venv/bin/python -m bench.listings [--claims 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters

from bench.echo_bot import echo
from bench.seed import seed
from bot.app import build_application
from bot.config import Config
from tests import updates
from tests.fakebotapi import FakeBotApi

TOKEN = "123456789:AAHfakeTokenForClaimwachtBench000"
SMALL, BIG = 910_001, 920_001
COMMANDS = ("/claims", "/deadlines", "/export")


class StallMeter:
    """The longest gap between ticks of a 1 ms ticker: how long the event loop was blocked."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - 0.001)
            last = now

    def __enter__(self) -> StallMeter:
        self.longest = 0.0
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *_: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def timed(
    application: Application[Any, Any, Any, Any, Any, Any], sender: dict[str, Any], text: str
) -> tuple[float, float]:
    update = Update.de_json(updates.message(sender, text), application.bot)
    with StallMeter() as meter:
        await asyncio.sleep(0.002)  # let the ticker start
        started = time.perf_counter()
        await application.process_update(update)
        seconds = time.perf_counter() - started
    return seconds, meter.longest


async def main(claims: int, repeat: int) -> None:
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        started = time.perf_counter()
        await seed(data_dir / "claimwacht.sqlite3", 10, 1, now, first_seller=SMALL)
        await seed(data_dir / "claimwacht.sqlite3", claims, 1, now, first_seller=BIG)
        print(f"seeded 10 + {claims} claims in {time.perf_counter() - started:.0f} s", flush=True)
        async with FakeBotApi(token=TOKEN) as server:
            config = Config(TOKEN, data_dir, ZoneInfo("Europe/Amsterdam"), server.base_url,
                            server.base_file_url)
            bot = build_application(config, rate_limit=False)
            echo_bot = ApplicationBuilder().token(TOKEN).base_url(server.base_url).build()
            echo_bot.add_handler(MessageHandler(filters.TEXT, echo))
            await bot.initialize()
            assert bot.post_init is not None
            await bot.post_init(bot)
            await echo_bot.initialize()
            small = updates.user(SMALL, "en", "Sam")
            big = updates.user(BIG, "en", "Bea")
            best: dict[tuple[str, str], tuple[float, float]] = {}
            for _ in range(repeat):
                for label, application, sender, command in [
                    ("echo", echo_bot, small, "hello"),
                    *[(f"{n} claims", bot, who, command) for command in COMMANDS
                      for n, who in ((10, small), (claims, big))],
                ]:
                    seconds, stall = await timed(application, sender, command)
                    key = (command if application is bot else "echo reply", label)
                    old = best.get(key)
                    best[key] = (min(seconds, old[0]), min(stall, old[1])) if old else (
                        seconds, stall)
            await echo_bot.shutdown()
            await bot.shutdown()
            assert bot.post_shutdown is not None
            await bot.post_shutdown(bot)
            violations = server.take_violations()
    echo_seconds = best[("echo reply", "echo")][0]
    print(f"best of {repeat}; ms from update to accepted reply (x echo), longest loop stall")
    print(f"  {'echo reply':11} {echo_seconds * 1e3:8.1f} ms")
    for command in COMMANDS:
        s10 = best[(command, "10 claims")][0]
        sbig, stbig = best[(command, f"{claims} claims")]
        print(f"  {command:11} 10 claims {s10 * 1e3:7.1f} ms ({s10 / echo_seconds:4.1f}x)"
              f"   {claims} claims {sbig * 1e3:7.1f} ms ({sbig / echo_seconds:4.1f}x,"
              f" {sbig / s10:4.1f}x the 10-claim time)   stall {stbig * 1e3:6.1f} ms")
    if violations:
        print("Bot API violations:", *violations, sep="\n  ")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.claims, arguments.repeat))
