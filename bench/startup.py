"""Start-up with 0, 10,000 and 100,000 open claims: time to the first getUpdates, and RSS then.

Each database is seeded once through the project's own code (``bench/seed.py``: 10 claims per
seller, ~3.9 reminder rows per claim), copied fresh for every start, and ``python -m bot`` is
started against a fake Bot API on loopback. The bare PTB echo bot (``bench/echo_bot.py``) is
started the same way in the same run. Figures are the best of ``--repeat`` starts: the machine
is shared, so the best run is the one least disturbed.

    .venv/bin/python -m bench.startup [--claims 0 10000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.seed import seeded_copy
from tests.fakebotapi import FakeBotApi

TOKEN = "123456789:AAHfakeTokenForClaimwachtBench000"
ROOT = Path(__file__).resolve().parents[1]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def start_once(module: str, data_dir: Path | None, root: Path = ROOT) -> tuple[float, float]:
    """Seconds from spawning ``python -m <module>`` to its first getUpdates, and its RSS in MB."""
    async with FakeBotApi(token=TOKEN) as server:
        env = {key: value for key, value in os.environ.items() if not key.startswith("TELEGRAM_")}
        env.update(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_BASE_URL=server.base_url,
            TELEGRAM_BASE_FILE_URL=server.base_file_url,
            PYTHONUNBUFFERED="1",
        )
        if data_dir is not None:
            env["CLAIMWACHT_DATA_DIR"] = str(data_dir)
        # The log goes to a file: a pipe nobody reads would stall a chatty bot once it is full.
        with tempfile.TemporaryFile() as log:
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", module, cwd=root, env=env,
                stdout=asyncio.subprocess.DEVNULL, stderr=log,
            )
            try:
                await server.wait_for_request("getUpdates", timeout=900)
                seconds = time.perf_counter() - started
                rss = _rss_mb(process.pid)
            finally:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), timeout=120)
            if process.returncode != 0:
                log.seek(0)
                raise RuntimeError(f"{module} exited {process.returncode}: {log.read().decode()}")
    return seconds, rss


async def main(counts: list[int], repeat: int, root: Path) -> None:
    now = datetime.now(UTC)
    cache: dict[tuple[int, int], Path] = {}
    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for count in counts:  # seed first, so every start sees the same "now"
            seeding = time.perf_counter()
            await seeded_copy(cache, work, count, max(count // 10, 1), now)
            print(f"seeded {count} open claims in {time.perf_counter() - seeding:.0f} s",
                  flush=True)
        for _ in range(repeat):
            runs: list[tuple[str, str, Path | None]] = [("echo bot", "bench.echo_bot", None)]
            for count in counts:
                data_dir = await seeded_copy(cache, work, count, max(count // 10, 1), now)
                runs.append((f"claimwacht, {count} open claims", "bot", data_dir))
            for name, module, data_dir in runs:
                seconds, rss = await start_once(module, data_dir, root)
                best = results.get(name)
                results[name] = (min(seconds, best[0]), min(rss, best[1])) if best else (
                    seconds, rss)
    print(f"start-up to the first getUpdates, best of {repeat} (loopback fake Bot API):")
    echo_seconds, echo_rss = results["echo bot"]
    for name, (seconds, rss) in results.items():
        print(f"  {name:32} {seconds:6.2f} s ({seconds / echo_seconds:4.1f}x echo)"
              f"   RSS {rss:6.1f} MB ({rss / echo_rss:4.1f}x echo)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, nargs="+", default=[0, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="checkout whose bot/ is started (to compare with another version)")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.claims, arguments.repeat, arguments.root))
