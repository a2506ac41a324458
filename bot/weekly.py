"""The weekly ODR summary: Monday morning in the seller's timezone, outside their quiet hours.

Off by default; sellers switch it on (``odr_weekly.enabled``). One repeating JobQueue job
(``weekly:check``, every ``CHECK_EVERY``) looks at every seller who has it on: from Monday
``MORNING`` local time until the week ends, outside quiet hours, a seller whose ``last_week`` is
not this ISO week gets this week's summary. So a summary is never repeated within a week, and
one missed while the bot was down goes out when it is back, the same week; a new timezone or
new quiet hours apply at the next check, with nothing to reschedule.

The week is recorded after Telegram accepted the message, so nothing is lost; a crash between
the two sends that one summary again, once. A week in which nothing counts is recorded without
a message. What the summary says comes from ``Builder``, injected by the wiring (``bot/app.py``):
``bot/`` does not know the screens.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.constants import MessageLimit
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, JobQueue

from bot.context import SERVICES_KEY, ClaimwachtContext
from bot.odr_repo import OdrRepository
from bot.sellers import Seller
from bot.services import Services
from domain.errors import ValidationError
from domain.reminders import QuietHours

__all__ = [
    "CHECK_EVERY",
    "MORNING",
    "WEEKLY_JOB",
    "WEEKLY_KEY",
    "Builder",
    "WeeklyMessage",
    "WeeklySummaries",
    "install_weekly",
    "iso_week",
    "summary_due",
    "weekly_of",
]

_LOGGER = logging.getLogger(__name__)

WEEKLY_KEY = "claimwacht.weekly"
WEEKLY_JOB = "weekly:check"
CHECK_EVERY = timedelta(minutes=10)
FIRST_CHECK = timedelta(minutes=1)  # after start-up, once the reminders have caught up
MORNING = time(8, 0)
SEND_TIMEOUT = 120.0


@dataclass(frozen=True)
class WeeklyMessage:
    """A summary: a text (a caption when there is a chart, so at most 1024 characters)."""

    text: str
    photo: bytes | None = None


Builder = Callable[[Services, Seller, datetime], Awaitable[WeeklyMessage | None]]


def iso_week(moment: datetime, zone: ZoneInfo) -> str:
    """``2026-W49``: the seller's local ISO week of ``moment``."""
    year, week, _ = moment.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"


def summary_due(seller: Seller, zone: ZoneInfo, last_week: str | None, now: datetime) -> bool:
    """Whether this week's summary should go out now."""
    local = now.astimezone(zone)
    monday = local.date() - timedelta(days=local.weekday())
    if local < datetime.combine(monday, MORNING, tzinfo=zone):
        return False
    if last_week == iso_week(now, zone):
        return False
    if seller.quiet_enabled:
        try:
            quiet = QuietHours(zone, seller.quiet_start, seller.quiet_end)
        except ValidationError:
            return True
        return not quiet.contains(now)
    return True


class WeeklySummaries:
    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any],
                 builder: Builder) -> None:
        self.application = application
        self.builder = builder
        self.sent = 0
        self._lock = asyncio.Lock()

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data[SERVICES_KEY]
        return services

    @property
    def job_queue(self) -> JobQueue[Any]:
        queue = self.application.job_queue
        if queue is None:
            raise RuntimeError("python-telegram-bot[job-queue] is required")
        return queue

    def start(self) -> None:
        """The repeating check; the first soon after start-up, for a Monday missed while down."""
        self.job_queue.run_repeating(
            _weekly_job, CHECK_EVERY, first=FIRST_CHECK, name=WEEKLY_JOB,
            job_kwargs={"id": WEEKLY_JOB, "replace_existing": True,
                        "misfire_grace_time": None, "coalesce": True},
        )

    async def run_due(self) -> int:
        """Send every summary due by ``clock()``; how many were sent."""
        async with self._lock:  # two overlapping checks would both see the week unsent
            services = self.services
            async with services.database.unit_of_work(write=False) as uow:
                settings = await OdrRepository(uow.connection).weekly_enabled()
                sellers = {s.seller_id: await uow.sellers.get(s.seller_id) for s in settings}
            sent = 0
            for setting in settings:
                seller = sellers[setting.seller_id]
                if seller is None:
                    continue
                zone = _zone(services, seller)
                if summary_due(seller, zone, setting.last_week, services.clock()):
                    sent += await self._send(seller, zone)
            self.sent += sent
            return sent

    async def _send(self, seller: Seller, zone: ZoneInfo) -> int:
        services = self.services
        now = services.clock()
        week = iso_week(now, zone)
        try:
            message = await self.builder(services, seller, now)
        except Exception:  # one seller's broken data must not stop everyone's summary
            _LOGGER.exception("weekly summary for %s could not be built", seller.user_id)
            return 0
        delivered = 0
        if message is not None:
            bot = self.application.bot
            try:
                if message.photo is not None:
                    await asyncio.wait_for(bot.send_photo(
                        seller.user_id, message.photo,
                        caption=message.text[: MessageLimit.CAPTION_LENGTH],
                    ), SEND_TIMEOUT)
                else:
                    await asyncio.wait_for(bot.send_message(seller.user_id, message.text),
                                           SEND_TIMEOUT)
                delivered = 1
            except Forbidden:
                _LOGGER.info("seller %s blocked the bot; weekly summary skipped", seller.user_id)
            except (TelegramError, TimeoutError) as error:
                _LOGGER.warning("weekly summary for %s not sent (%s); next check retries",
                                seller.user_id, error)
                return 0
        async with services.database.unit_of_work() as uow:
            await OdrRepository(uow.connection).mark_week(seller.user_id, week, services.clock())
        return delivered


def _zone(services: Services, seller: Seller) -> ZoneInfo:
    zone = services.zone(seller.timezone)
    return zone if isinstance(zone, ZoneInfo) else services.default_timezone


def install_weekly(application: Application[Any, Any, Any, Any, Any, Any],
                   builder: Builder) -> WeeklySummaries:
    weekly = WeeklySummaries(application, builder)
    application.bot_data[WEEKLY_KEY] = weekly
    return weekly


def weekly_of(application: Application[Any, Any, Any, Any, Any, Any]) -> WeeklySummaries:
    weekly: WeeklySummaries = application.bot_data[WEEKLY_KEY]
    return weekly


async def _weekly_job(context: ClaimwachtContext) -> None:
    """The JobQueue callback of ``weekly:check``."""
    await weekly_of(context.application).run_due()
