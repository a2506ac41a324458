"""Reminder delivery: alarms for the pending rows due soon, and the dispatcher they call.

The rows in SQLite (``bot/reminders_repo.py``) are the truth; jobs are only alarms, and only
for what is due soon. At start-up (``ReminderDispatcher.start``, from ``post_init``) the rows
due within ``WINDOW`` get a job each, id ``reminder:<row id>`` (``replace_existing=True``,
``misfire_grace_time=None``), and one repeating sweep (every ``SWEEP_EVERY``, shorter than
``WINDOW``) arms the rows that came within the window since: a hundred thousand open claims
cost a few hundred jobs, not a job per row. Whenever ``Services.claim_changed(claim_id)`` says
a unit of work changed a claim's rows, that claim's jobs are made to match them. A job that
fires calls ``dispatch_claim``; tests with a fake clock call ``run_due`` instead, which runs the
same code for every row due by ``clock()``.

Time is ``services.clock``: a job is placed at ``due_at - clock()`` from now, and a job that
fires before ``clock()`` reaches ``due_at`` only puts itself back.

Exactly once. Sending a row is: (1) ``claim_for_sending``, a conditional UPDATE that stamps
``sending_since`` only if the row is pending and nobody holds it (or the holder's lease of
``LEASE`` ran out), so of two jobs or two processes exactly one sends; (2) the send;
(3) ``mark_sent`` after Telegram accepted it. A failed send releases the row for a retry. A
second alarm for a row (the sweep re-arms a row whose job already fired) finds it held or done.

    The crash window is between (2) and (3): Telegram has the message but the row is not marked.
    The row stays held; at the next start-up a process that holds the data directory's lock
    (``bot.instance_lock``, taken by ``main()``; ``Services.owns_data_dir``) knows no other
    process is sending and frees held rows at once; without that lock the lease frees them
    after ``LEASE``. Either way that one reminder is sent a second time, once. A reminder is
    never skipped: rows are only marked sent after an accepted send. The same holds for a send
    whose answer never came (timeout): it is retried, so it may arrive twice.

After downtime. Rows whose time passed while the bot was down fire at start-up and are sent
marked as late. When several rows of one claim are due at once only the most urgent one (the
latest, e.g. the overdue notice over T-1h) is sent; the others end as ``superseded``. Rows whose
deadline passed more than ``STALE_AFTER`` ago become one summary message per seller.

Telegram's limits. ``Pacer`` (``bot/pacing.py``) spaces reminder sends to a share of the 30
messages/s overall and one message per ``chat_interval`` per chat; PTB's ``AIORateLimiter``
(installed in ``bot/app.py``) retries a ``RetryAfter`` itself. What still fails is retried by
putting the row's job back: after ``retry_after`` for a 429, with exponential backoff
(``attempts`` counts) for 5xx, ``NetworkError`` and timeouts. A 403 (the seller blocked the bot)
or "chat not found" marks the seller inactive and drops their jobs, without an error per
reminder; when they write again (``handlers.reminders.resume_reminders``) their pending rows
are scheduled again.

What the messages say, and the sending itself, come from a ``Notifier`` (``bot/notifier.py``)
that the wiring hands in; this module knows no texts.

Daily digests are not rows: each seller with the digest on has a next local digest time in
memory (recomputed at start-up; a digest missed while down is skipped) and, once it is within
``WINDOW``, a ``digest:<seller id>`` job.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.alarms import Alarms
from bot.context import SERVICES_KEY, ClaimwachtContext
from bot.listings import refresh_deadlines
from bot.notifier import Notifier, Outgoing
from bot.pacing import Pacer
from bot.reminders_repo import Outcome, ReminderRow
from bot.sellers import Seller
from bot.services import Services
from domain.reminders import next_digest_at

__all__ = [
    "DISPATCHER_KEY",
    "LEASE",
    "STALE_AFTER",
    "SWEEP_EVERY",
    "WINDOW",
    "Pacer",
    "ReminderDispatcher",
    "dispatcher_of",
    "install_dispatcher",
]

_LOGGER = logging.getLogger(__name__)

DISPATCHER_KEY = "claimwacht.reminders"
LEASE = timedelta(minutes=10)  # a send never takes this long: SEND_TIMEOUT bounds it
SEND_TIMEOUT = 120.0  # seconds for one send, AIORateLimiter's own 429 retries included
LATE_AFTER = timedelta(minutes=10)  # sent this long after its time: says so
STALE_AFTER = timedelta(days=1)  # deadline passed longer ago: only in the summary
BACKOFF_FIRST = 2.0
BACKOFF_MAX = 300.0
MAX_BAD_REQUESTS = 5  # a 400 is our bug; after this many the row ends as failed
DIGEST_WINDOW = timedelta(hours=48)
DIGEST_LISTED = 40  # a digest lists the nearest deadlines; a message holds about 30
WINDOW = timedelta(hours=1)  # rows due within this get a job
SWEEP_EVERY = timedelta(minutes=20)  # < WINDOW: a row is armed well before it is due
SWEEP_JOB = "reminders:sweep"


@dataclass
class _Held:
    """Rows this process claimed for one message."""

    ids: list[int]
    attempts: int


def dispatcher_of(application: Application[Any, Any, Any, Any, Any, Any]) -> ReminderDispatcher:
    dispatcher: ReminderDispatcher = application.bot_data[DISPATCHER_KEY]
    return dispatcher


def install_dispatcher(
    application: Application[Any, Any, Any, Any, Any, Any], notifier: Notifier
) -> ReminderDispatcher:
    """Create the dispatcher (once) and subscribe it to claim changes."""
    existing = application.bot_data.get(DISPATCHER_KEY)
    if isinstance(existing, ReminderDispatcher):
        return existing
    # APScheduler logs two INFO lines per job added or run: noise, and slow by the thousand.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    dispatcher = ReminderDispatcher(application, notifier)
    application.bot_data[DISPATCHER_KEY] = dispatcher
    dispatcher.services.claim_listeners.append(dispatcher.claim_changed)
    return dispatcher


class ReminderDispatcher:
    """Arms alarms for the pending rows due soon and sends what is due, exactly once."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        notifier: Notifier,
        *,
        pacer: Pacer | None = None,
        lease: timedelta = LEASE,
        window: timedelta = WINDOW,
    ) -> None:
        self.application = application
        self.notifier = notifier
        self.pacer = pacer or Pacer()
        self.lease = lease
        self.window = window
        self.started_at: datetime | None = None
        self.stats: Counter[str] = Counter()
        self.alarms = Alarms(application, _reminder_job, _digest_job)
        self._inactive: set[int] = set()
        self._next_digest: dict[int, datetime] = {}

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data[SERVICES_KEY]
        return services

    def now(self) -> datetime:
        return self.services.clock()

    # --- start-up ----------------------------------------------------------------------

    async def start(self) -> None:
        """Arm the rows and digests due soon, and the sweep (post_init; rows are the truth)."""
        self.started_at = self.now()
        database = self.services.database
        only_process = self.services.owns_data_dir
        async with database.unit_of_work() as uow:
            if only_process:
                freed = await uow.reminders.clear_leases()
                if freed:
                    _LOGGER.warning("freed %d reminder(s) a stopped process was sending", freed)
            rows = await uow.reminders.pending(
                due_by=self.started_at + self.window, active_only=True
            )
            self._inactive = set(await uow.reminders.inactive_sellers_with_pending())
            sellers = await uow.sellers.with_digest()
        for row in rows:
            self._arm_row(row)
        for seller in sellers:
            self._schedule_digest(seller)
        self.alarms.repeat(_sweep_job, SWEEP_EVERY, SWEEP_JOB)
        missed = sum(1 for row in rows if row.due_at < self.started_at)
        _LOGGER.info(
            "reminders: %d due within %s (%d missed while stopped), %d digests",
            len(rows),
            self.window,
            missed,
            len(self._next_digest),
        )

    async def stop(self) -> None:
        """Nothing to release: the instance lock belongs to ``main()``."""

    async def sweep(self) -> int:
        """Arm the rows and digests that came within the window; how many were armed."""
        horizon = self.now() + self.window
        async with self.services.database.unit_of_work(write=False) as uow:
            rows = await uow.reminders.pending(due_by=horizon, active_only=True)
        fresh = [row for row in rows if row.id not in self.alarms]
        for row in fresh:
            self._arm_row(row)
        digests = [
            seller_id
            for seller_id, at in self._next_digest.items()
            if at <= horizon and not self.alarms.has_digest(seller_id)
        ]
        for seller_id in digests:
            self._arm_digest(seller_id, self._next_digest[seller_id])
        return len(fresh) + len(digests)

    # --- jobs --------------------------------------------------------------------------

    def _delay_until(self, moment: datetime) -> timedelta:
        return max(moment - self.now(), timedelta(0))

    def _arm_row(self, row: ReminderRow) -> None:
        """A job for a row of an active seller due within the window; no job otherwise."""
        if row.seller_active and row.due_at <= self.now() + self.window:
            self.alarms.arm(row, self._delay_until(row.due_at))
        else:
            self.alarms.disarm(row.id)

    def scheduled_ids(self) -> set[int]:
        """Row ids that have a job (for tests and logs)."""
        return self.alarms.ids()

    def _sync(self, rows: Sequence[ReminderRow], armed: set[int]) -> None:
        """Make the jobs of ``armed`` rows match the pending ``rows`` of the same scope."""
        pending = {row.id for row in rows}
        for stale in armed - pending:
            self.alarms.disarm(stale)
        for row in rows:
            self._arm_row(row)

    async def claim_changed(self, claim_id: int) -> None:
        """A unit of work changed the claim's rows: make its jobs match them."""
        async with self.services.database.unit_of_work(write=False) as uow:
            rows = await uow.reminders.pending(claim_id=claim_id)
        self._sync(rows, self.alarms.of_claim(claim_id))

    async def seller_changed(self, seller_id: int) -> None:
        """Settings changed (timezone, quiet hours, digest): reschedule the seller's work."""
        async with self.services.database.unit_of_work(write=False) as uow:
            seller = await uow.sellers.get(seller_id)
            rows = await uow.reminders.pending(seller_id=seller_id)
        self._sync(rows, self.alarms.of_seller(seller_id))
        if seller is not None:
            self._schedule_digest(seller)

    def is_paused(self, seller_id: int) -> bool:
        return seller_id in self._inactive

    async def resume_seller(self, seller_id: int) -> None:
        """The seller wrote again after blocking the bot: their reminders run again."""
        self._inactive.discard(seller_id)
        await self.seller_changed(seller_id)

    def _mark_blocked(self, seller_id: int) -> None:
        """At once, before any await: sends queued for this chat see it and stay unsent."""
        if seller_id not in self._inactive:
            self._inactive.add(seller_id)
            self.stats["blocked_sellers"] += 1
            _LOGGER.info("seller %s blocked the bot; their reminders wait", seller_id)

    async def _pause_seller(self, seller_id: int) -> None:
        """403: the seller blocked the bot. Mark them inactive and drop their jobs."""
        self._mark_blocked(seller_id)
        async with self.services.database.unit_of_work() as uow:
            await uow.sellers.set_active(seller_id, False, self.now())
        for row_id in self.alarms.of_seller(seller_id):
            self.alarms.disarm(row_id)
        self.alarms.disarm_digest(seller_id)
        self._next_digest.pop(seller_id, None)

    # --- dispatching -------------------------------------------------------------------

    async def run_due(self) -> int:
        """Send everything due by ``clock()`` (reminders, summaries, digests); messages sent."""
        before = self.stats["messages"]
        async with self.services.database.unit_of_work(write=False) as uow:
            rows = await uow.reminders.pending(due_by=self.now(), active_only=True)
        for claim_id in dict.fromkeys(row.claim_id for row in rows):
            await self.dispatch_claim(claim_id)
        for seller_id, at in sorted(self._next_digest.items()):
            if at <= self.now():
                await self.run_digest(seller_id)
        return self.stats["messages"] - before

    async def run_row(self, reminder_id: int) -> None:
        """What a row's job does: wait for ``clock()`` if it is early, else dispatch its claim."""
        self.alarms.forget(reminder_id)  # the job has fired; the sweep may arm the row again
        async with self.services.database.unit_of_work(write=False) as uow:
            row = await uow.reminders.get(reminder_id)
        if row is None or not row.pending:
            return
        if row.due_at > self.now():
            self._arm_row(row)
            return
        await self.dispatch_claim(row.claim_id)

    async def dispatch_claim(self, claim_id: int) -> None:
        """Send the claim's due rows: the most urgent one; stale ones go into the summary."""
        now = self.now()
        async with self.services.database.unit_of_work() as uow:
            due = await uow.reminders.pending(claim_id=claim_id, due_by=now, active_only=True)
            free = [row for row in due if not self._held(row, now)]
            stale = [row for row in free if row.deadline_at < now - STALE_AFTER]
            fresh = [row for row in free if row.deadline_at >= now - STALE_AFTER]
            best = max(fresh, key=lambda row: row.urgency) if fresh else None
            superseded = [row.id for row in fresh if row is not best]
            if superseded:
                await uow.reminders.finish_unsent(superseded, now, Outcome.SUPERSEDED)
                self.stats["superseded"] += len(superseded)
        for row_id in superseded:
            self.alarms.disarm(row_id)
        if stale:
            await self.send_summary(stale[0].seller_id)
        if best is not None:
            await self.deliver(best.id)

    def _held(self, row: ReminderRow, now: datetime) -> bool:
        return row.sending_since is not None and row.sending_since >= now - self.lease

    async def deliver(self, reminder_id: int) -> bool:
        """Claim, send and mark one row; False when someone else has it or the send failed."""
        now = self.now()
        async with self.services.database.unit_of_work() as uow:
            if not await uow.reminders.claim_for_sending(reminder_id, now, self.lease):
                return False
            row = await uow.reminders.get(reminder_id)
            assert row is not None  # claimed inside this transaction
            seller = await uow.sellers.get(row.seller_id)
            stored = await uow.claims.get(row.seller_id, row.claim_id)
        if seller is None or stored is None or not seller.active:
            await self._release([reminder_id])
            return False
        assert self.started_at is not None, "start() first"
        late = row.due_at < self.started_at or now - row.due_at > LATE_AFTER
        tr = self.services.translator(seller.locale)
        message = self.notifier.reminder(
            tr, _zone(self.services, seller), stored, row, now, late=late
        )
        held = _Held([reminder_id], row.attempts)  # claiming counted this attempt
        if not await self._send(seller.user_id, message, held, row):
            return False
        async with self.services.database.unit_of_work() as uow:
            await uow.reminders.mark_sent([reminder_id], self.now(), Outcome.LATE if late
                                          else Outcome.SENT)
        self.alarms.disarm(reminder_id)
        self.stats["late" if late else "sent"] += 1
        return True

    async def send_summary(self, seller_id: int) -> bool:
        """One message for all of the seller's due rows whose deadline passed long ago."""
        now = self.now()
        async with self.services.database.unit_of_work() as uow:
            due = await uow.reminders.pending(seller_id=seller_id, due_by=now, active_only=True)
            held: list[ReminderRow] = []
            for row in due:
                if row.deadline_at < now - STALE_AFTER and await uow.reminders.claim_for_sending(
                    row.id, now, self.lease
                ):
                    held.append(row)
            seller = await uow.sellers.get(seller_id)
            claims = {row.claim_id: await uow.claims.get(seller_id, row.claim_id) for row in held}
        if not held:
            return False
        if seller is None:
            await self._release([row.id for row in held])
            return False
        tr = self.services.translator(seller.locale)
        message = self.notifier.summary(
            tr, _zone(self.services, seller), [(row, claims[row.claim_id]) for row in held]
        )
        ids = [row.id for row in held]
        attempts = max(row.attempts for row in held) + 1
        if not await self._send(seller_id, message, _Held(ids, attempts), held[0]):
            return False
        async with self.services.database.unit_of_work() as uow:
            await uow.reminders.mark_sent(ids, self.now(), Outcome.SUMMARY)
        for row in held:
            self.alarms.disarm(row.id)
        self.stats["summaries"] += 1
        return True

    async def _send(self, chat_id: int, message: Outgoing, held: _Held, row: ReminderRow) -> bool:
        """One paced send; on failure the rows are released and their retry is scheduled."""
        try:
            async with self.pacer.turn(chat_id):
                if chat_id in self._inactive:
                    await self._release(held.ids)
                    return False
                await asyncio.wait_for(self.notifier.send(chat_id, message), SEND_TIMEOUT)
        except Forbidden:
            self._mark_blocked(chat_id)
            await self._release(held.ids)
            await self._pause_seller(chat_id)
            return False
        except RetryAfter as error:
            self.stats["retry_after"] += 1
            await self._retry(held, row, error.retry_after)
            return False
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                self._mark_blocked(chat_id)
                await self._release(held.ids)
                await self._pause_seller(chat_id)
                return False
            self.stats["bad_request"] += 1
            _LOGGER.error("reminder %s refused by Telegram: %s", held.ids, error.message)
            if held.attempts >= MAX_BAD_REQUESTS:
                async with self.services.database.unit_of_work() as uow:
                    await uow.reminders.finish_unsent(held.ids, self.now(), Outcome.FAILED)
                for row_id in held.ids:
                    self.alarms.disarm(row_id)
                return False
            await self._retry(held, row, _backoff(held.attempts))
            return False
        except (NetworkError, TimeoutError) as error:  # 5xx, timeouts, connection errors
            self.stats["network_errors"] += 1
            _LOGGER.warning("reminder %s not sent (%s); retrying", held.ids, error)
            await self._retry(held, row, _backoff(held.attempts))
            return False
        except TelegramError as error:
            self.stats["telegram_errors"] += 1
            _LOGGER.error("reminder %s not sent: %s", held.ids, error)
            await self._retry(held, row, _backoff(held.attempts))
            return False
        self.stats["messages"] += 1
        return True

    async def _release(self, ids: Sequence[int]) -> None:
        async with self.services.database.unit_of_work() as uow:
            await uow.reminders.release(ids)

    async def _retry(self, held: _Held, row: ReminderRow, seconds: float | timedelta) -> None:
        await self._release(held.ids)
        delay = seconds if isinstance(seconds, timedelta) else timedelta(seconds=seconds)
        self.alarms.arm(row, delay)

    # --- digests -----------------------------------------------------------------------

    def _schedule_digest(self, seller: Seller) -> None:
        if not seller.digest_enabled or not seller.active:
            self.alarms.disarm_digest(seller.user_id)
            self._next_digest.pop(seller.user_id, None)
            return
        at = next_digest_at(seller.digest_time, _zone(self.services, seller), self.now())
        self._next_digest[seller.user_id] = at
        if at <= self.now() + self.window:
            self._arm_digest(seller.user_id, at)
        else:
            self.alarms.disarm_digest(seller.user_id)

    def _arm_digest(self, seller_id: int, at: datetime) -> None:
        self.alarms.arm_digest(seller_id, self._delay_until(at))

    def next_digest(self, seller_id: int) -> datetime | None:
        return self._next_digest.get(seller_id)

    async def run_digest(self, seller_id: int) -> bool:
        """Send the seller's digest if it is time and there is something to say; plan the next."""
        self.alarms.forget_digest(seller_id)  # a job that fired is gone
        at = self._next_digest.get(seller_id)
        if at is None:
            return False
        async with self.services.database.unit_of_work(write=False) as uow:
            seller = await uow.sellers.get(seller_id)
        if seller is None or not seller.active or not seller.digest_enabled:
            self._next_digest.pop(seller_id, None)
            return False
        if at > self.now():
            self._schedule_digest(seller)  # fired early (clock): put it back
            return False
        now = self.now()
        # The next one is planned first: a failing digest is skipped, never repeated in a loop.
        self._schedule_digest(seller)
        await refresh_deadlines(self.services.database, seller_id)
        async with self.services.database.unit_of_work(write=False) as uow:
            claims, total = await uow.claims.with_deadline_ahead(
                seller_id, now, DIGEST_LISTED, within=DIGEST_WINDOW
            )
        tr = self.services.translator(seller.locale)
        message = self.notifier.digest(
            tr, _zone(self.services, seller), claims, now, DIGEST_WINDOW, total
        )
        if message is None:
            self.stats["digests_skipped"] += 1
            return False
        try:
            async with self.pacer.turn(seller_id):
                await asyncio.wait_for(self.notifier.send(seller_id, message), SEND_TIMEOUT)
        except Forbidden:
            await self._pause_seller(seller_id)
            return False
        except (TelegramError, TimeoutError) as error:
            _LOGGER.warning("digest for %s not sent: %s", seller_id, error)
            return False
        self.stats["messages"] += 1
        self.stats["digests"] += 1
        return True


def _zone(services: Services, seller: Seller) -> ZoneInfo:
    zone = services.zone(seller.timezone)
    return zone if isinstance(zone, ZoneInfo) else services.default_timezone


def _backoff(attempts: int) -> float:
    return float(min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX))


async def _reminder_job(context: ClaimwachtContext) -> None:
    """The JobQueue callback of ``reminder:<row id>``."""
    assert context.job is not None
    await dispatcher_of(context.application).run_row(int(context.job.data))  # type: ignore[arg-type]


async def _digest_job(context: ClaimwachtContext) -> None:
    """The JobQueue callback of ``digest:<seller id>``."""
    assert context.job is not None
    await dispatcher_of(context.application).run_digest(int(context.job.data))  # type: ignore[arg-type]


async def _sweep_job(context: ClaimwachtContext) -> None:
    """The repeating JobQueue callback that arms what came within the window."""
    await dispatcher_of(context.application).sweep()
