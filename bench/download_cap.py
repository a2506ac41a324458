"""A file announced as 1 KB that serves 30 MB: peak memory and bytes taken, PTB's download vs ours.

Each method runs in its own process (peak RSS is per process) against a fake Bot API on
loopback that serves 30,000,000 bytes without Content-Length for a file getFile calls 1 KB.
``ptb`` is ``File.download_to_drive`` (what the bot used before), ``streamed`` is
``bot.download.download``. Printed: growth of peak RSS over the baseline after set-up, bytes
that reached the disk, and how the download ended.

    .venv/bin/python -m bench.download_cap
"""

from __future__ import annotations

import asyncio
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from telegram import Bot

from bot.download import download
from tests.fakebotapi import FakeBotApi

TOKEN = "123456789:AAHfakeTokenForClaimwachtBench000"
SERVED = 30_000_000
ROOT = Path(__file__).resolve().parents[1]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure(method: str) -> str:
    async with FakeBotApi(token=TOKEN) as server:
        stored = server.register_file(b"\0" * SERVED, file_name="x.pdf", file_size=1024,
                                      chunked=True)
        bot = Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url)
        async with bot:
            telegram_file = await bot.get_file(stored.file_id)
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / "x.part"
                baseline = _peak_mb()
                try:
                    if method == "ptb":
                        await telegram_file.download_to_drive(target)
                    else:
                        await download(telegram_file, target)
                    outcome = "completed"
                except Exception as error:  # the figure is the point, not the error
                    outcome = type(error).__name__
                written = target.stat().st_size if target.exists() else 0
                growth = _peak_mb() - baseline
    return f"{method:9s} peak RSS +{growth:6.1f} MB  on disk {written:>10,d} bytes  {outcome}"


def main() -> None:
    if len(sys.argv) == 2:
        print(asyncio.run(measure(sys.argv[1])))
        return
    print(f"file announced as 1,024 bytes, served {SERVED:,d} bytes without Content-Length")
    for method in ("ptb", "streamed"):
        subprocess.run([sys.executable, "-m", "bench.download_cap", method], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
