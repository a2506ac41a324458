"""The weekly ODR summary in process: Monday morning, outside quiet hours, once a week."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config
from bot.odr_repo import OdrRepository
from bot.sellers import Seller
from bot.weekly import iso_week, weekly_of
from tests import updates
from tests.conftest import FakeClock
from tests.fakebotapi.errors import ApiError
from tests.fakebotapi.transport import ApiRequest
from tests.intake_helpers import seed_claim
from tests.test_odr import NL_SELLER, OdrHarness, PhotoBotApi, decoded

NL = updates.user(7601, "nl", "Sanne")
EN = updates.user(7602, "en", "Sam")
MONDAY_0710_UTC = datetime(2026, 11, 23, 7, 10, tzinfo=UTC)  # 08:10 in Amsterdam


@pytest.fixture
async def bot(config: Config, clock: FakeClock) -> AsyncIterator[OdrHarness]:
    harness = OdrHarness(config, clock)
    await harness.start()
    yield harness
    await harness.stop()


async def counting_seller(bot: OdrHarness, user: dict[str, object], *, orders: bool = True,
                          weekly: bool = True) -> None:
    user_id = int(str(user["id"]))
    await seed_claim(bot, user_id, bot.clock.now, locale=str(user["language_code"]))
    async with bot.database.unit_of_work() as uow:
        odr = OdrRepository(uow.connection)
        if orders:
            await odr.set_orders(user_id, NL_SELLER, 400, bot.clock.now.date(), bot.clock.now)
        if weekly:
            await odr.set_weekly(user_id, True, bot.clock.now)


async def run(bot: OdrHarness) -> int:
    assert bot.app is not None
    return await weekly_of(bot.app).run_due()


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


async def test_the_summary_goes_out_monday_morning_with_the_chart_once_a_week(
    bot: OdrHarness,
) -> None:
    bot.clock.now = at(23, 6, 30)  # 07:30 local: before the morning
    await counting_seller(bot, NL)
    assert await run(bot) == 0
    bot.clock.now = MONDAY_0710_UTC
    assert await run(bot) == 1
    [upload] = bot.api.photos()
    assert int(upload["params"]["chat_id"]) == NL["id"]
    caption = str(upload["params"]["caption"])
    assert caption.startswith("📉 Je wekelijkse ODR-schatting, op basis van de claims in")
    assert "amazon.nl · verzending door verkoper: 0,25% (1 van 400 bestellingen)" in caption
    assert decoded(upload).format == "PNG"
    assert await run(bot) == 0
    bot.clock.advance(days=1)
    assert await run(bot) == 0
    bot.clock.now = at(30, 7, 10)
    assert await run(bot) == 1


async def test_quiet_hours_hold_the_summary_until_they_end(bot: OdrHarness) -> None:
    bot.clock.now = MONDAY_0710_UTC
    await counting_seller(bot, EN)
    async with bot.database.unit_of_work() as uow:
        await uow.sellers.set_quiet_hours(EN["id"], True, time(22), time(9, 30), bot.clock.now)
    assert await run(bot) == 0
    bot.clock.now = at(23, 8, 40)  # 09:40 local
    assert await run(bot) == 1
    assert bot.api.photos()[-1]["params"]["caption"].startswith("📉 Your weekly ODR estimate")


async def test_without_an_order_count_the_summary_comes_as_text(bot: OdrHarness) -> None:
    bot.clock.now = MONDAY_0710_UTC
    await counting_seller(bot, EN, orders=False)
    assert await run(bot) == 1
    assert bot.api.photos() == []
    assert "amazon.nl · seller-fulfilled: 1 defective order" in bot.api.texts()[-1]


async def test_it_is_off_by_default_and_silent_when_nothing_counts(bot: OdrHarness) -> None:
    bot.clock.now = MONDAY_0710_UTC
    await counting_seller(bot, EN, weekly=False)
    async with bot.database.unit_of_work() as uow:
        await uow.sellers.add(Seller(NL["id"], "nl", "Europe/Amsterdam", True, bot.clock.now))
        await OdrRepository(uow.connection).set_weekly(NL["id"], True, bot.clock.now)
    assert await run(bot) == 0
    assert bot.api.texts() == [] and bot.api.photos() == []
    async with bot.database.unit_of_work(write=False) as uow:
        setting = await OdrRepository(uow.connection).weekly(NL["id"])
    assert setting.last_week == "2026-W48"  # handled: a claim later this week waits


async def test_a_failed_send_is_tried_again_at_the_next_check(bot: OdrHarness) -> None:
    class FailingOnce(PhotoBotApi):
        failed = False

        def _file_result(self, request: ApiRequest) -> Any:
            if request.method == "sendPhoto" and not self.failed:
                self.failed = True
                raise ApiError(502, "Bad Gateway")
            return super()._file_result(request)

    bot.clock.now = MONDAY_0710_UTC
    await counting_seller(bot, NL)
    await bot.stop()
    bot.api = FailingOnce()
    await bot.start()
    assert await run(bot) == 0
    assert await run(bot) == 1


async def test_a_monday_missed_while_down_is_sent_after_a_restart_once(
    config: Config, clock: FakeClock
) -> None:
    clock.now = at(20, 12)  # the Friday before
    first = OdrHarness(config, clock)
    await first.start()
    try:
        await counting_seller(first, NL)
        assert first.app is not None and first.app.job_queue is not None
        assert "weekly:check" in [job.name for job in first.app.job_queue.jobs()]
    finally:
        await first.stop()
    clock.now = at(25, 14)  # Wednesday: the bot was down on Monday
    for expected in (1, 0):
        harness = OdrHarness(config, clock)
        await harness.start()
        try:
            assert await run(harness) == expected
        finally:
            await harness.stop()


def test_weeks_are_the_sellers_local_iso_weeks() -> None:
    sunday_late_utc = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert iso_week(sunday_late_utc, ZoneInfo("Europe/Amsterdam")) == "2026-W49"
    assert iso_week(sunday_late_utc, ZoneInfo("America/New_York")) == "2026-W48"
