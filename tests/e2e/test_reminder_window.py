"""Only reminders due soon are armed as jobs; a periodic sweep arms the next ones.

Counts, not timings: how many jobs the JobQueue holds after start-up and after each sweep.
"""

from __future__ import annotations

import ast
from datetime import time, timedelta
from pathlib import Path

from bot.config import Config
from bot.scheduler import SWEEP_JOB, WINDOW, dispatcher_of
from bot.storage import Database
from bot.weekly import WEEKLY_JOB
from tests.conftest import FakeClock
from tests.e2e.conftest import RunningBot
from tests.fakebotapi import FakeBotApi
from tests.reminder_support import add_claim, add_seller

SELLER, FAR_SELLER, DIGEST_SOON, DIGEST_LATE = 7001, 7002, 7003, 7004
ROOT = Path(__file__).resolve().parents[2]


def reminder_jobs(bot: RunningBot) -> set[str]:
    assert bot.application.job_queue is not None
    # The weekly ODR summary's check is no reminder job.
    return {job.name or "" for job in bot.application.job_queue.jobs()} - {SWEEP_JOB, WEEKLY_JOB}


async def seed(config: Config, clock: FakeClock) -> dict[str, int]:
    """A claim whose T-1h falls in 30 minutes (its overdue notice in 90), one a day away, 200
    claims weeks away, and two sellers with a digest: one in 45 minutes, one tonight."""
    now = clock()
    database = Database(config.database_path)
    try:
        await add_seller(database, SELLER, now, quiet=False)
        await add_seller(database, FAR_SELLER, now, quiet=False)
        await add_seller(database, DIGEST_SOON, now, digest_at=time(10, 45))  # 09:45 UTC
        await add_seller(database, DIGEST_LATE, now, digest_at=time(20, 0))
        soon, _ = await add_claim(
            database, SELLER, "171-0000000-0000001", now - timedelta(hours=46, minutes=30), now,
            keep=("response_t1h", "response_overdue"),
        )
        day, _ = await add_claim(
            database, SELLER, "171-0000000-0000002", now - timedelta(hours=18), now
        )
        for index in range(200):
            await add_claim(
                database, FAR_SELLER, f"171-1000000-{index:07d}", now + timedelta(days=20), now
            )
        async with database.unit_of_work(write=False) as uow:
            rows = {
                f"{name}:{row.kind.value}": row.id
                for name, claim_id in (("soon", soon), ("day", day))
                for row in await uow.reminders.pending(claim_id=claim_id)
            }
    finally:
        await database.close()
    return rows


async def test_start_up_arms_only_what_is_due_within_the_window_and_the_sweep_the_rest(
    server: FakeBotApi, e2e_config: Config, clock: FakeClock
) -> None:
    ids = await seed(e2e_config, clock)
    t1h, overdue = ids["soon:response_t1h"], ids["soon:response_overdue"]
    bot = RunningBot(e2e_config, clock)
    await bot.start()
    try:
        dispatcher = dispatcher_of(bot.application)
        # 800+ pending rows, one of them due within the hour: one reminder job, one digest job.
        assert dispatcher.scheduled_ids() == {t1h}
        assert reminder_jobs(bot) == {f"reminder:{t1h}", f"digest:{DIGEST_SOON}"}
        assert dispatcher.next_digest(DIGEST_LATE) is not None  # known, armed when it is near
        assert bot.application.job_queue is not None
        assert len(bot.application.job_queue.get_jobs_by_name(SWEEP_JOB)) == 1
        # An hour on, the overdue notice (due at +90 minutes) comes within the window.
        clock.advance(hours=1)
        assert await dispatcher.sweep() == 1
        assert dispatcher.scheduled_ids() == {t1h, overdue}
        # Nothing new: a second sweep arms nothing twice.
        assert await dispatcher.sweep() == 0
        # Toward the evening the second claim's T-24h and the late digest come within reach.
        clock.advance(hours=9, minutes=30)
        armed = await dispatcher.sweep()
        assert armed == 2
        assert f"digest:{DIGEST_LATE}" in reminder_jobs(bot)
        assert dispatcher.scheduled_ids() == {t1h, overdue, ids["day:response_t24h"]}
    finally:
        await bot.stop()


async def test_a_claim_changed_far_ahead_gets_no_job_until_it_is_near(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    dispatcher = dispatcher_of(running.application)
    database = dispatcher.services.database
    await add_seller(database, SELLER, clock(), quiet=False)
    claim_id, plan = await add_claim(database, SELLER, "171-0000000-0000003", clock(), clock())
    await dispatcher.services.claim_changed(claim_id)
    assert dispatcher.scheduled_ids() == set()
    # The T-24h reminder is due 24 hours after the notice: within the window an hour before.
    clock.now = plan[0].due_at - WINDOW
    assert await dispatcher.sweep() == 1
    assert len(dispatcher.scheduled_ids()) == 1
    # Deleting the claim drops the job again.
    async with database.unit_of_work() as uow:
        assert await uow.claims.delete(SELLER, claim_id)
    await dispatcher.services.claim_changed(claim_id)
    assert dispatcher.scheduled_ids() == set()
    assert reminder_jobs(running) == set()


def test_the_shell_outside_its_wiring_imports_nothing_from_the_handlers() -> None:
    for path in sorted((ROOT / "bot").glob("*.py")):
        if path.name == "app.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert all(name.split(".")[0] != "handlers" for name in names), path.name
