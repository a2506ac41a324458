"""Bot process CPU per update, the bot polling a fake Bot API on loopback as it would Telegram:
``python -m bot`` next to the bare PTB echo bot (``bench/echo_bot.py``), in the same run.

Each bot runs as its own process. After a warm-up (every sender once), ``--updates`` messages
from ``--users`` senders arrive at ``--rate`` per second, round-robin, whether or not the bot has
answered the previous ones, as Telegram delivers them; the bot process's CPU time (user +
system, from /proc) from the first message to the last reply, divided by the number of
updates, is the figure. Best of ``--repeat``.

The rate stays under Telegram's 30 messages/s, which Claimwacht's rate limiter keeps to and the
echo bot ignores. Offered more than that, Claimwacht's replies are spread out by its limiter
while the echo bot answers in bursts, and a process that sleeps between sends pays more CPU
per send (cold caches): the echo bot given the same limiter costs about 2.8 times as much per
update as without it. ``--rate 0`` gives that closed loop (each sender's next message once the
bot answered the previous one) and adds the echo bot with PTB's rate limiter, to see it.

    .venv/bin/python -m bench.process_cpu [--updates 300] [--users 30] [--rate 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
from pathlib import Path

from bench.startup import ROOT, TOKEN
from tests.fakebotapi import FakeBotApi, FakeUser

CASES = [
    ("echo bot", "bench.echo_bot", "hello"),
    ("/start", "bot", "/start"),
    ("/garantiekader 250000", "bot", "/garantiekader 250000"),
]
LIMITED_ECHO = ("echo bot, PTB rate limiter", "bench.echo_bot", "hello")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _send(server: FakeBotApi, user: FakeUser, text: str) -> None:
    if text.startswith("/"):
        command, _, args = text[1:].partition(" ")
        server.inject_command(user, command, args)
    else:
        server.inject_message(user, text)


async def _round(server: FakeBotApi, users: list[FakeUser], text: str, count: int) -> None:
    """``count`` messages, each sender's next once the bot answered its previous one."""

    async def sender(user: FakeUser, times: int) -> None:
        for _ in range(times):
            _send(server, user, text)
            await server.wait_for_message(user.id, timeout=300)

    share, extra = divmod(count, len(users))
    await asyncio.gather(*(sender(user, share + (i < extra)) for i, user in enumerate(users)))


async def _paced(
    server: FakeBotApi, users: list[FakeUser], text: str, count: int, rate: float
) -> None:
    """``count`` messages at ``rate`` per second, round-robin; returns once all are answered."""
    loop = asyncio.get_running_loop()
    seen = _replies(server)
    start = loop.time()
    for index in range(count):
        delay = start + index / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        _send(server, users[index % len(users)], text)
    deadline = loop.time() + 300
    while _replies(server) < seen + count:
        if loop.time() > deadline:
            raise TimeoutError(f"{_replies(server) - seen} of {count} answered")
        await asyncio.sleep(0.02)


def _replies(server: FakeBotApi) -> int:
    return sum(1 for method, _ in server.requests if method == "sendMessage")


async def cpu_per_update(
    module: str, text: str, updates: int, users: int, rate: float, root: Path = ROOT,
    limited: bool = False,
) -> float:
    async with FakeBotApi(token=TOKEN) as server:
        env = {key: value for key, value in os.environ.items() if not key.startswith("TELEGRAM_")}
        with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryFile() as log:
            env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=server.base_url,
                       TELEGRAM_BASE_FILE_URL=server.base_file_url, CLAIMWACHT_DATA_DIR=data_dir)
            if limited:
                env["BENCH_ECHO_RATE_LIMITER"] = "1"
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", module, cwd=root, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=log,
            )
            try:
                await server.wait_for_request("getUpdates", timeout=120)
                senders = [FakeUser(940_000 + i, "Sam", "nl" if i % 2 else "en")
                           for i in range(users)]
                await _round(server, senders, text, users)  # warm-up: everyone known
                before = _cpu_seconds(process.pid)
                if rate:
                    await _paced(server, senders, text, updates, rate)
                else:
                    await _round(server, senders, text, updates)
                return (_cpu_seconds(process.pid) - before) / updates
            finally:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), timeout=60)


async def main(updates: int, users: int, rate: float, repeat: int, root: Path) -> None:
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, module, text in [*CASES, *([] if rate else [LIMITED_ECHO])]:
            cost = await cpu_per_update(module, text, updates, users, rate, root,
                                        limited=name == LIMITED_ECHO[0])
            best[name] = min(cost, best.get(name, cost))
    echo = best["echo bot"]
    pace = f"{rate:g} per second" if rate else "each sender's next once answered"
    print(f"bot process CPU per update, {updates} updates from {users} senders ({pace}),"
          f" best of {repeat}")
    for name, cost in best.items():
        print(f"  {name:28} {cost * 1e3:6.2f} ms   ({cost / echo:4.2f}x echo)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=300)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--rate", type=float, default=20.0,
                        help="updates per second (0: closed loop)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="checkout whose bot/ is started (to compare with another version)")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.updates, arguments.users, arguments.rate, arguments.repeat,
                     arguments.root))
