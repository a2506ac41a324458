"""Reminders survive SIGKILL: the real ``python -m bot`` process, killed and started again.

The clock is the real one, so the claims are stored with deadlines seconds away: a claim whose
answer is due in an hour and a few seconds has its T-1h reminder a few seconds from now.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.storage import Database
from tests.e2e.conftest import text_of
from tests.e2e.test_process import _bot_process, _environment
from tests.fakebotapi import FakeBotApi
from tests.fakeclock import TOKEN
from tests.reminder_support import add_claim, add_seller

# Each test starts and SIGKILLs the bot as a process, in real time.
pytestmark = pytest.mark.slow

SELLERS = (7101, 7102, 7103)


async def _store_claims(data_dir: Path, due: dict[str, timedelta]) -> datetime:
    """For every seller, one claim per order id whose T-1h reminder is due after ``due``."""
    database = Database(data_dir / "claimwacht.sqlite3")
    now = datetime.now(UTC)
    try:
        for seller_id in SELLERS:
            await add_seller(database, seller_id, now, quiet=False)
            for order, delay in due.items():
                notice = now + delay - timedelta(hours=47)
                await add_claim(
                    database, seller_id, order, notice, now, keep=("response_t1h",)
                )
    finally:
        await database.close()
    return now


def _counts(server: FakeBotApi, seller_id: int, orders: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for message in server.sent_messages(seller_id):
        if not message["_edited"]:
            counts.update(order for order in orders if order in text_of(message))
    return counts


async def _wait_for(server: FakeBotApi, want: int, orders: list[str], seconds: float) -> None:
    """Until every seller has ``want`` reminder messages (or the time is up)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if all(sum(_counts(server, s, orders).values()) >= want for s in SELLERS):
            return
        await server.wait_for_request("sendMessage", timeout=max(deadline - loop.time(), 0.01))


async def _wait_marked(data_dir: Path, count: int, seconds: float = 10) -> None:
    """Until ``count`` rows are marked sent: a kill after that is outside the crash window."""
    database = Database(data_dir / "claimwacht.sqlite3")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    try:
        while loop.time() < deadline:
            async with database.unit_of_work(write=False) as uow:
                rows = await uow.connection.execute_fetchall(
                    "SELECT count(*) FROM reminders WHERE sent_at IS NOT NULL"
                )
            if next(iter(rows))[0] >= count:
                return
            await asyncio.sleep(0.05)
    finally:
        await database.close()
    raise AssertionError(f"{count} reminders were not marked sent within {seconds}s")


def _env(server: FakeBotApi, data_dir: Path) -> dict[str, str]:
    return _environment(
        data_dir,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=server.base_url,
        TELEGRAM_BASE_FILE_URL=server.base_file_url,
    )


async def _kill(process: asyncio.subprocess.Process) -> str:
    process.kill()
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    return stderr.decode()


async def _stop(process: asyncio.subprocess.Process) -> str:
    process.terminate()
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    return stderr.decode()


async def test_reminders_pending_at_sigkill_arrive_after_a_restart_once(
    server: FakeBotApi, tmp_path: Path
) -> None:
    orders = ["171-0000001-0000001", "171-0000002-0000002"]
    start = await _store_claims(
        tmp_path, {orders[0]: timedelta(seconds=2), orders[1]: timedelta(seconds=5)}
    )
    process = await _bot_process(_env(server, tmp_path))
    try:
        await _wait_for(server, 1, orders, 20)
        await _wait_marked(tmp_path, len(SELLERS))
    finally:
        first_log = await _kill(process)
    assert "Traceback" not in first_log
    for seller in SELLERS:
        assert _counts(server, seller, orders) == Counter({orders[0]: 1})
    # The second reminder falls due while the bot is down.
    down_until = start + timedelta(seconds=5.5)
    await asyncio.sleep(max((down_until - datetime.now(UTC)).total_seconds(), 0))
    process = await _bot_process(_env(server, tmp_path))
    try:
        await _wait_for(server, 2, orders, 20)
    finally:
        second_log = await _stop(process)
    assert "Traceback" not in second_log, second_log
    for seller in SELLERS:
        assert _counts(server, seller, orders) == Counter({orders[0]: 1, orders[1]: 1})
        late = [m for m in server.sent_messages(seller) if orders[1] in text_of(m)]
        assert text_of(late[0]).startswith("🕓 Sent late: I was offline")


async def test_a_reminder_in_flight_at_sigkill_is_sent_again_at_most_once(
    server: FakeBotApi, tmp_path: Path
) -> None:
    orders = ["171-0000003-0000003", "171-0000004-0000004"]
    await _store_claims(
        tmp_path, {orders[0]: timedelta(seconds=1), orders[1]: timedelta(seconds=4)}
    )
    # The first send hangs in Telegram for 3 s; Telegram still delivers it afterwards.
    server.stall_next("sendMessage", 3.0)
    process = await _bot_process(_env(server, tmp_path))
    try:
        await server.wait_for_request("sendMessage", timeout=20)
    finally:
        first_log = await _kill(process)
        killed_at = asyncio.get_running_loop().time()
    assert "Traceback" not in first_log
    # Every send Telegram saw before the kill may be in the crash window (sent, not marked).
    in_flight = {
        (params["chat_id"], order)
        for method, params in server.requests
        if method == "sendMessage"
        for order in orders
        if order in params.get("text", "")
    }
    process = await _bot_process(_env(server, tmp_path))
    try:
        await _wait_for(server, 2, orders, 20)
        # Let the stalled request finish too, so that a duplicate would be counted.
        await asyncio.sleep(max(3.5 - (asyncio.get_running_loop().time() - killed_at), 0))
    finally:
        second_log = await _stop(process)
    assert "Traceback" not in second_log, second_log
    assert re.search(r"freed [1-9][0-9]* reminder\(s\) a stopped process was sending", second_log)
    for seller in SELLERS:
        counts = _counts(server, seller, orders)
        for order in orders:
            if (seller, order) in in_flight:
                assert 1 <= counts[order] <= 2, (seller, order, counts)  # the documented window
            else:
                assert counts[order] == 1, (seller, order, counts)
