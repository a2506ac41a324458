"""How long reading a pasted notice takes: the 48 test notices and worst-case pastes of 4,096
characters (Telegram's limit). Prints the median and the maximum per text in microseconds.
(No echo-bot ratio: this is pure domain code, measured without Telegram.)

    .venv/bin/python -m bench.notice_reading [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from domain.notice import read_notice
from tests.notice_samples import NOW, SAMPLES, ZONE

WORST = {
    "digits": "1 " * 2048,
    "a-to-z repeated": "a-to-z " * 600,
    "euro amounts": "€1 " * 1400,
    "case-id shapes": "pp-1-1-1-1-1-" * 320,
    "dates": "1 dec 2026 22:00 " * 250,
    "order ids": "a-to-z 171-1234567-1234567 " * 160,
    "open tags": "<a " * 1400,
    "one long tag": "<" + "x" * 4095,
    "dash runs": "1-" * 2048,
    "labels": "paypal respond by order amount " * 140,
    "notices pasted 12 times": (SAMPLES[1].text + "\n") * 12,
}


def _timed(text: str, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        read_notice(text[:4096], NOW, ZONE)
        times.append((time.perf_counter() - start) * 1e6)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    read_notice(SAMPLES[0].text, NOW, ZONE)  # compile the patterns once, as a running bot has
    sample_times = [t for s in SAMPLES for t in _timed(s.text, rounds)]
    print(f"{len(SAMPLES)} test notices: median {statistics.median(sample_times):8.0f} µs, "
          f"max {max(sample_times):8.0f} µs")
    for name, text in WORST.items():
        times = _timed(text, rounds)
        print(f"{name:>24}: median {statistics.median(times):8.0f} µs, max {max(times):8.0f} µs")


if __name__ == "__main__":
    main()
