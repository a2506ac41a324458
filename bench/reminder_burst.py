"""A burst of reminders due in the same moment, against a fake Bot API that enforces Telegram's
limits: how long until every reminder arrived, compared with the 30 messages/s minimum.

Sellers each have several claims whose T-1h reminder falls due at the same instant, a few
seconds after start-up (real clock, real APScheduler jobs). The fake Bot API answers 429 with
``retry_after`` above 30 messages/s overall or 1/s per chat (beyond a burst of 3), and while
the burst runs it now and then answers 500 or holds a send for a while. One seller has blocked
the bot. Checked: every other reminder arrives exactly once; the blocked seller costs one
request, not a pile of errors.

    .venv/bin/python -m bench.reminder_burst [--claims 1000] [--sellers 200]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import build_application
from bot.config import Config
from bot.scheduler import dispatcher_of
from bot.services import utc_now
from bot.storage import Database
from tests.fakebotapi import FakeBotApi
from tests.reminder_support import add_claim, add_seller

TOKEN = "123456789:AAHfakeTokenForClaimwachtBench000"
FIRST_SELLER = 800_000
TELEGRAM_RATE = 30  # messages per second, overall


@dataclass
class BurstResult:
    claims: int
    sellers: int
    expected: int
    delivered: int
    duplicates: int
    seconds: float
    blocked_attempts: int
    rate_limited: int
    injected_500: int
    injected_stalls: int
    stats: Counter[str] = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)

    @property
    def minimum(self) -> float:
        return self.expected / TELEGRAM_RATE

    def report(self) -> str:
        return "\n".join(
            [
                f"reminders due at once: {self.claims} for {self.sellers} sellers "
                f"(one seller blocked the bot: {self.claims - self.expected} reminders)",
                f"delivered: {self.delivered}/{self.expected}, duplicates: {self.duplicates}",
                f"delivery took {self.seconds:.1f} s; at {TELEGRAM_RATE} messages/s the minimum "
                f"is {self.minimum:.1f} s ({self.seconds / self.minimum:.2f}x)",
                f"429 answers: {self.rate_limited}, injected 500s: {self.injected_500}, "
                f"held sends: {self.injected_stalls}, requests to the blocked seller: "
                f"{self.blocked_attempts}",
                f"dispatcher: {dict(sorted(self.stats.items()))}",
            ]
        )


async def _store(data_dir: Path, claims: int, sellers: int, due: datetime) -> list[str]:
    database = Database(data_dir / "claimwacht.sqlite3")
    now = datetime.now(UTC)
    orders: list[str] = []
    try:
        for index in range(sellers):
            await add_seller(database, FIRST_SELLER + index, now, quiet=False)
        for index in range(claims):
            order = f"171-{index:07d}-{index:07d}"
            seller = FIRST_SELLER + index % sellers
            await add_claim(
                database, seller, order, due - timedelta(hours=47), now, keep=("response_t1h",)
            )
            orders.append(order)
    finally:
        await database.close()
    return orders


class _Chaos:
    """Every ``fail_every``-th send answers 500, every ``stall_every``-th is held 1.5 s (under
    PTB's 5 s read timeout, so Telegram's late answer still reaches the bot: no duplicate)."""

    def __init__(self, server: FakeBotApi, fail_every: int, stall_every: int) -> None:
        self.server = server
        self.fail_every = fail_every
        self.stall_every = stall_every
        self.counts: Counter[str] = Counter()
        self._seen = 0
        self._sends = 0

    def step(self) -> None:
        requests = self.server.requests
        for method, _ in requests[self._seen :]:
            if method == "sendMessage":
                self._sends += 1
                if self._sends % self.fail_every == 0:
                    self.server.fail_next("sendMessage", 500)
                    self.counts["500"] += 1
                if self._sends % self.stall_every == 0:
                    self.server.stall_next("sendMessage", 1.5)
                    self.counts["stall"] += 1
        self._seen = len(requests)


def _delivered(server: FakeBotApi, sellers: int) -> Counter[str]:
    counts: Counter[str] = Counter()
    for index in range(sellers):
        for message in server.sent_messages(FIRST_SELLER + index):
            if not message["_edited"]:
                text = str(message.get("text", ""))
                counts.update(word for word in text.split() if word.startswith("171-"))
    return counts


async def run_burst(
    claims: int,
    sellers: int,
    data_dir: Path,
    *,
    lead: float = 3.0,
    fail_every: int = 37,
    stall_every: int = 53,
    settle: float = 2.0,
) -> BurstResult:
    """Store the claims, start the bot, let the burst happen; the figures."""
    async with FakeBotApi(token=TOKEN) as server:
        server.enforce_rate_limits(global_per_second=30, per_chat_per_second=1, burst=3)
        blocked = FIRST_SELLER  # the first seller blocked the bot
        server.block_user(blocked)
        due = datetime.now(UTC) + timedelta(seconds=lead)
        orders = await _store(data_dir, claims, sellers, due)
        blocked_orders = {o for i, o in enumerate(orders) if i % sellers == 0}
        expected = len(orders) - len(blocked_orders)
        config = Config(
            TOKEN, data_dir, ZoneInfo("Europe/Amsterdam"), server.base_url, server.base_file_url
        )
        application = build_application(config, clock=utc_now)
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        await application.start()
        chaos = _Chaos(server, fail_every, stall_every)
        loop = asyncio.get_running_loop()
        try:
            await asyncio.sleep(max((due - datetime.now(UTC)).total_seconds(), 0))
            started = loop.time()
            deadline = started + max(60.0, expected / 5)
            while loop.time() < deadline:
                chaos.step()
                if len(_delivered(server, sellers)) >= expected:
                    break
                try:
                    await server.wait_for_request("sendMessage", timeout=1.0)
                except AssertionError:
                    continue
            finished = loop.time()
            await asyncio.sleep(settle)  # a late duplicate would show up here
        finally:
            stats = Counter(dispatcher_of(application).stats)
            await application.stop()
            await application.shutdown()
            assert application.post_shutdown is not None
            await application.post_shutdown(application)
        delivered = _delivered(server, sellers)
        return BurstResult(
            claims=claims,
            sellers=sellers,
            expected=expected,
            delivered=len([o for o in orders if o not in blocked_orders and delivered[o] >= 1]),
            duplicates=sum(count - 1 for count in delivered.values() if count > 1),
            seconds=finished - started,
            blocked_attempts=sum(
                1
                for method, params in server.requests
                if method == "sendMessage" and params.get("chat_id") == blocked
            ),
            rate_limited=len(server.rate_limited),
            injected_500=chaos.counts["500"],
            injected_stalls=chaos.counts["stall"],
            stats=stats,
            violations=server.take_violations(),
        )


async def main(claims: int, sellers: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        result = await run_burst(claims, sellers, Path(directory), lead=3.0 + claims / 100)
    print(result.report())
    if result.violations:
        print("Bot API violations:", *result.violations, sep="\n  ")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--sellers", type=int, default=200)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.claims, arguments.sellers))
