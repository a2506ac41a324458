"""CPU per update for /start, /garantiekader 250000 and one intake step, next to a bare PTB echo
bot, in the same run.

Each bot processes updates through ``Application.process_update`` against an offline Bot API
(httpx.MockTransport), so only the bot's own work counts: seller lookup, handlers, Babel
formatting, the persistence flush and building the request. CPU is ``time.process_time`` per
update (the whole process, the SQLite thread included); the figures are the median and the p99
of the best of ``--repeat`` rounds. The intake step is typing the order id after choosing
Amazon and amazon.nl (the users are brought there first, unmeasured).

    .venv/bin/python -m bench.cpu_per_update [--updates 400] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters
from telegram.request import HTTPXRequest

from bench.echo_bot import echo
from bot.app import build_application
from bot.config import Config
from tests import updates
from tests.botapi_mock import MockBotApi

TOKEN = "123456789:AAHfakeTokenForClaimwachtBench000"
ORDER_ID = "171-1234567-1234567"
INTAKE_SETUP = ("/newclaim", ("cb", "in:src:az"), ("cb", "in:mp:nl"))

App = Application[Any, Any, Any, Any, Any, Any]


def _echo_bot() -> tuple[App, MockBotApi]:
    api = MockBotApi(validate=False)
    request = HTTPXRequest(httpx_kwargs={"transport": api.transport})
    application = ApplicationBuilder().token(TOKEN).request(request).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application, api


def _claimwacht(data_dir: Path) -> tuple[App, MockBotApi]:
    api = MockBotApi(validate=False)
    config = Config(TOKEN, data_dir, ZoneInfo("Europe/Amsterdam"), None, None)
    request = HTTPXRequest(httpx_kwargs={"transport": api.transport})
    return build_application(config, request=request, rate_limit=False), api


def _update(application: App, sender: dict[str, Any], step: str | tuple[str, str]) -> Update:
    raw = updates.callback(sender, step[1]) if isinstance(step, tuple) else updates.message(
        sender, step)
    return Update.de_json(raw, application.bot)


async def _cpu_per_update(
    make: Callable[[], tuple[App, MockBotApi]],
    text: str,
    users: int,
    count: int,
    setup: tuple[Any, ...] = (),
) -> tuple[list[float], str]:
    """CPU seconds of each of ``count`` updates saying ``text``, from ``users`` senders; and the
    last reply (to check the bench measures what it says)."""
    application, api = make()
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    senders = [updates.user(20_000 + i, "nl" if i % 2 else "en") for i in range(users)]
    # Warm up: every sender known (stored), Babel's data and PTB's lazy imports loaded.
    for sender in senders:
        await application.process_update(_update(application, sender, "/help"))
    costs: list[float] = []
    for index in range(count):
        sender = senders[index % users]
        for step in setup:
            await application.process_update(_update(application, sender, step))
        update = _update(application, sender, text)
        started = time.process_time()
        await application.process_update(update)
        costs.append(time.process_time() - started)
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)
    return costs, api.texts()[-1]


def _p99(costs: list[float]) -> float:
    return sorted(costs)[min(len(costs) - 1, int(len(costs) * 0.99))]


async def main(count: int, repeat: int) -> None:
    cases: list[tuple[str, str, tuple[Any, ...]]] = [
        ("/start", "/start", ()),
        ("/garantiekader 250000", "/garantiekader 250000", ()),
        ("intake step (order id)", ORDER_ID, INTAKE_SETUP),
    ]
    best: dict[str, tuple[float, float]] = {}
    replies: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(repeat):
            runs: list[tuple[str, Callable[[], tuple[App, MockBotApi]], str, tuple[Any, ...]]] = [
                ("echo bot", _echo_bot, "hello", ())]
            for name, text, setup in cases:
                data_dir = Path(folder) / f"{round_number}-{len(runs)}"
                data_dir.mkdir()
                runs.append((name, lambda d=data_dir: _claimwacht(d), text, setup))
            for name, make, text, setup in runs:
                # An intake step needs a fresh intake: one sender per update there.
                costs, replies[name] = await _cpu_per_update(
                    make, text, count if setup else min(200, count), count, setup)
                figures = (statistics.median(costs), _p99(costs))
                old = best.get(name)
                best[name] = (min(figures[0], old[0]), min(figures[1], old[1])) if old else figures
    echo_median, echo_p99 = best["echo bot"]
    print(f"CPU per update, {count} updates per case, best of {repeat}: median / p99")
    for name, (median, p99) in best.items():
        print(f"  {name:24} {median * 1e3:6.2f} ms / {p99 * 1e3:6.2f} ms"
              f"   ({median / echo_median:4.2f}x / {p99 / echo_p99:4.2f}x echo)"
              f"   reply: {replies[name].splitlines()[0][:40]!r}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.updates, arguments.repeat))
