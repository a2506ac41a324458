"""Bot process CPU per update, the bot polling a fake Bot API on loopback as it would Telegram:
``python -m bot`` next to the bare PTB echo bot (``bench/echo_bot.py``), in the same run.

Each bot runs as its own process. After a warm-up (every sender once), ``--updates`` messages
from ``--users`` senders are put on the fake server, each sender's next only after the bot
answered the previous one; the bot process's CPU time (user + system, from /proc) over that
stretch, divided by the number of updates, is the figure. Claimwacht's rate limiter keeps it to
30 replies/s, so this takes a while; waiting costs no CPU. Best of ``--repeat``.

    .venv/bin/python -m bench.process_cpu [--updates 300] [--users 30] [--repeat 3]
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


async def cpu_per_update(
    module: str, text: str, updates: int, users: int, root: Path = ROOT
) -> float:
    async with FakeBotApi(token=TOKEN) as server:
        env = {key: value for key, value in os.environ.items() if not key.startswith("TELEGRAM_")}
        with tempfile.TemporaryDirectory() as data_dir, tempfile.TemporaryFile() as log:
            env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=server.base_url,
                       TELEGRAM_BASE_FILE_URL=server.base_file_url, CLAIMWACHT_DATA_DIR=data_dir)
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
                await _round(server, senders, text, updates)
                return (_cpu_seconds(process.pid) - before) / updates
            finally:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), timeout=60)


async def main(updates: int, users: int, repeat: int, root: Path) -> None:
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, module, text in CASES:
            cost = await cpu_per_update(module, text, updates, users, root)
            best[name] = min(cost, best.get(name, cost))
    echo = best["echo bot"]
    print(f"bot process CPU per update, {updates} updates from {users} senders, best of {repeat}")
    for name, cost in best.items():
        print(f"  {name:24} {cost * 1e3:6.2f} ms   ({cost / echo:4.2f}x echo)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=300)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="checkout whose bot/ is started (to compare with another version)")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.updates, arguments.users, arguments.repeat, arguments.root))
