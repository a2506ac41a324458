"""Reminder rows: the durable plan the scheduler works from (``due_at``, ``sent_at``).

A claim's rows are re-planned in the same unit of work that changes the claim, so a crash
never leaves a claim without its reminders; the scheduler picks the rows up after commit, or
at start-up.

A row is *pending* while ``sent_at`` and ``cancelled_at`` are both NULL. Sending one goes
through ``claim_for_sending`` (a conditional UPDATE that stamps ``sending_since``: of two jobs
or two processes only one gets the row), then ``mark_sent`` once Telegram accepted the
message, or ``release`` when it did not. ``outcome`` records how a row ended: ``sent``,
``late`` (sent after its time had passed while the bot was down), ``summary`` (folded into one
message about long-passed deadlines), ``superseded`` (a more urgent reminder of the same claim
went out instead) or ``failed``; a row a re-plan cancelled has no outcome. A snoozed reminder is
the same row sent again later: ``snooze`` re-arms it (``snoozed = 1``) and re-plans keep it as
long as its deadline is still running.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import aiosqlite

from bot.claims_repo import StoredClaim
from bot.dbtime import from_db_time, to_db_time
from bot.sellers import Seller
from domain.deadlines import deadlines
from domain.reminders import QuietHours, Reminder, ReminderKind, plan_reminders

if TYPE_CHECKING:
    from bot.storage import UnitOfWork

__all__ = [
    "IMMEDIATE_KINDS",
    "Outcome",
    "ReminderRepository",
    "ReminderRow",
    "plan_for_claim",
    "replan_seller",
]

IMMEDIATE_KINDS = frozenset({ReminderKind.RESPONSE_NOW, ReminderKind.APPEAL_NOW})

_ROW_COLUMNS = (
    "r.id, r.claim_id, c.seller_id, r.kind, r.deadline_at, r.due_at, r.sending_since,"
    " r.sent_at, r.cancelled_at, r.attempts, r.outcome, r.snoozed, s.active"
)
_FROM = (
    " FROM reminders r JOIN claims c ON c.id = r.claim_id"
    " JOIN sellers s ON s.user_id = c.seller_id"
)
_PENDING = " r.sent_at IS NULL AND r.cancelled_at IS NULL"


class Outcome(StrEnum):
    SENT = "sent"
    LATE = "late"
    SUMMARY = "summary"
    SUPERSEDED = "superseded"
    FAILED = "failed"


@dataclass(frozen=True)
class ReminderRow:
    """A stored reminder with its owner; ``seller_active`` is False once they blocked the bot."""

    id: int
    claim_id: int
    seller_id: int
    kind: ReminderKind
    deadline_at: datetime
    due_at: datetime
    sending_since: datetime | None
    sent_at: datetime | None
    cancelled_at: datetime | None
    attempts: int
    outcome: Outcome | None
    snoozed: bool
    seller_active: bool

    @property
    def pending(self) -> bool:
        return self.sent_at is None and self.cancelled_at is None

    @property
    def urgency(self) -> tuple[datetime, datetime, int]:
        """Sort key, most urgent last: of one deadline the later reminder (T beats T-1h)."""
        return (self.due_at, self.deadline_at, self.id)


def plan_for_claim(stored: StoredClaim, seller: Seller, now: datetime) -> tuple[Reminder, ...]:
    """Every reminder still to come for the claim's running deadlines, in the seller's zone."""
    quiet = (
        QuietHours(ZoneInfo(seller.timezone), seller.quiet_start, seller.quiet_end)
        if seller.quiet_enabled
        else None
    )
    planned: list[Reminder] = []
    for deadline in deadlines(stored.claim, stored.events):
        planned.extend(plan_reminders(deadline, now, quiet))
    return tuple(sorted(planned, key=lambda reminder: reminder.due_at))


class ReminderRepository:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def replace_plan(
        self, claim_id: int, plan: Sequence[Reminder], now: datetime
    ) -> list[int]:
        """Make the claim's pending rows match ``plan``; returns the ids of pending rows.

        Sent rows stay as they are (a reminder goes out once per deadline); pending rows that
        are no longer planned are cancelled, except snoozed ones whose deadline is still
        planned; planned ones are inserted or moved.
        """
        keep: list[int] = []
        for reminder in plan:
            rows = await self._connection.execute_fetchall(
                "INSERT INTO reminders (claim_id, kind, deadline_at, due_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT (claim_id, kind, deadline_at) DO UPDATE"
                " SET due_at = excluded.due_at, cancelled_at = NULL, outcome = NULL"
                " WHERE sent_at IS NULL AND snoozed = 0"
                " RETURNING id",
                (
                    claim_id,
                    reminder.kind.value,
                    to_db_time(reminder.deadline),
                    to_db_time(reminder.due_at),
                ),
            )
            keep.extend(int(row[0]) for row in rows)
        # ``id NOT IN (NULL)`` is never true, so an empty plan needs no id filter at all.
        not_kept = f" AND id NOT IN ({','.join('?' * len(keep))})" if keep else ""
        running = sorted({to_db_time(reminder.deadline) for reminder in plan})
        snoozes = (
            f" AND NOT (snoozed = 1 AND deadline_at IN ({','.join('?' * len(running))}))"
            if running
            else ""
        )
        await self._connection.execute(
            "UPDATE reminders SET cancelled_at = ?"
            " WHERE claim_id = ? AND sent_at IS NULL AND cancelled_at IS NULL"
            + not_kept
            + snoozes,
            (to_db_time(now), claim_id, *keep, *running),
        )
        return keep

    async def replan_keeping_sent(
        self, claim_id: int, plan: Sequence[Reminder], now: datetime
    ) -> list[int]:
        """``replace_plan`` for a changed *setting* (timezone, quiet hours), not a changed claim.

        The plan's immediate reminder stands in for reminders whose time has passed; those were
        sent already, so it is only kept when such a row is still pending.
        """
        pending_kinds = {row.kind for row in await self.pending(claim_id=claim_id)}
        kept = [r for r in plan if r.kind not in IMMEDIATE_KINDS or r.kind in pending_kinds]
        return await self.replace_plan(claim_id, kept, now)

    async def cancel_for_claim(self, claim_id: int, now: datetime) -> None:
        await self._connection.execute(
            "UPDATE reminders SET cancelled_at = ?"
            " WHERE claim_id = ? AND sent_at IS NULL AND cancelled_at IS NULL",
            (to_db_time(now), claim_id),
        )

    # --- reading ------------------------------------------------------------------------

    async def get(self, reminder_id: int) -> ReminderRow | None:
        rows = await self._connection.execute_fetchall(
            f"SELECT {_ROW_COLUMNS}{_FROM} WHERE r.id = ?", (reminder_id,)
        )
        return next((_row(row) for row in rows), None)

    async def pending(
        self,
        *,
        claim_id: int | None = None,
        seller_id: int | None = None,
        due_by: datetime | None = None,
        active_only: bool = False,
    ) -> list[ReminderRow]:
        """Pending rows, soonest first, optionally of one claim or seller, or due by a time."""
        where = [_PENDING]
        params: list[object] = []
        if claim_id is not None:
            where.append(" r.claim_id = ?")
            params.append(claim_id)
        if seller_id is not None:
            where.append(" c.seller_id = ?")
            params.append(seller_id)
        if due_by is not None:
            where.append(" r.due_at <= ?")
            params.append(to_db_time(due_by))
        if active_only:
            where.append(" s.active = 1")
        rows = await self._connection.execute_fetchall(
            f"SELECT {_ROW_COLUMNS}{_FROM} WHERE" + " AND".join(where) + " ORDER BY r.due_at, r.id",
            params,
        )
        return [_row(row) for row in rows]

    async def inactive_sellers_with_pending(self) -> list[int]:
        """Sellers who blocked the bot and still have pending rows (few; no reminder scan)."""
        rows = await self._connection.execute_fetchall(
            "SELECT s.user_id FROM sellers s WHERE s.active = 0 AND EXISTS ("
            " SELECT 1 FROM claims c JOIN reminders r ON r.claim_id = c.id"
            f" WHERE c.seller_id = s.user_id AND{_PENDING})"
        )
        return [int(row[0]) for row in rows]

    # --- sending --------------------------------------------------------------------------

    async def claim_for_sending(self, reminder_id: int, now: datetime, lease: timedelta) -> bool:
        """Take the row for one send; False if it is gone, done, or another sender holds it.

        A holder that died leaves ``sending_since`` behind; after ``lease`` the row is free.
        """
        cursor = await self._connection.execute(
            "UPDATE reminders SET sending_since = ?, attempts = attempts + 1"
            " WHERE id = ? AND sent_at IS NULL AND cancelled_at IS NULL"
            " AND (sending_since IS NULL OR sending_since < ?)",
            (to_db_time(now), reminder_id, to_db_time(now - lease)),
        )
        return cursor.rowcount == 1

    async def mark_sent(self, reminder_ids: Iterable[int], now: datetime, outcome: Outcome) -> None:
        """Telegram accepted the message: the rows are done."""
        for reminder_id in reminder_ids:
            await self._connection.execute(
                "UPDATE reminders SET sent_at = ?, sending_since = NULL, outcome = ?"
                " WHERE id = ? AND sent_at IS NULL",
                (to_db_time(now), outcome.value, reminder_id),
            )

    async def release(self, reminder_ids: Iterable[int]) -> None:
        """The send did not go through: the row is pending and free again."""
        for reminder_id in reminder_ids:
            await self._connection.execute(
                "UPDATE reminders SET sending_since = NULL WHERE id = ? AND sent_at IS NULL",
                (reminder_id,),
            )

    async def finish_unsent(
        self, reminder_ids: Iterable[int], now: datetime, outcome: Outcome
    ) -> None:
        """Close pending rows that will not be sent (superseded, failed for good)."""
        for reminder_id in reminder_ids:
            await self._connection.execute(
                "UPDATE reminders SET cancelled_at = ?, sending_since = NULL, outcome = ?"
                " WHERE id = ? AND sent_at IS NULL AND cancelled_at IS NULL",
                (to_db_time(now), outcome.value, reminder_id),
            )

    async def clear_leases(self) -> int:
        """Free every row a sender holds; only for a process that knows it is the only one."""
        cursor = await self._connection.execute(
            "UPDATE reminders SET sending_since = NULL"
            " WHERE sending_since IS NOT NULL AND sent_at IS NULL AND cancelled_at IS NULL"
        )
        return cursor.rowcount

    async def snooze(self, reminder_id: int, until: datetime) -> bool:
        """Send a sent reminder again at ``until``; False unless it was sent (not pending)."""
        cursor = await self._connection.execute(
            "UPDATE reminders SET sent_at = NULL, due_at = ?, snoozed = 1, outcome = NULL,"
            " sending_since = NULL, attempts = 0"
            " WHERE id = ? AND sent_at IS NOT NULL AND cancelled_at IS NULL",
            (to_db_time(until), reminder_id),
        )
        return cursor.rowcount == 1


async def replan_seller(uow: UnitOfWork, seller: Seller, now: datetime) -> list[int]:
    """Re-plan the pending rows of the seller's claims after a settings change; the claim ids."""
    changed: list[int] = []
    pending = await uow.reminders.pending(seller_id=seller.user_id)
    claim_ids = sorted({row.claim_id for row in pending})
    for claim_id in claim_ids:
        stored = await uow.claims.get(seller.user_id, claim_id)
        if stored is None:
            continue
        await uow.reminders.replan_keeping_sent(claim_id, plan_for_claim(stored, seller, now), now)
        changed.append(claim_id)
    return changed


def _time(value: object) -> datetime | None:
    return from_db_time(str(value)) if value is not None else None


def _row(row: Iterable[object]) -> ReminderRow:
    (
        reminder_id,
        claim_id,
        seller_id,
        kind,
        deadline_at,
        due_at,
        sending_since,
        sent_at,
        cancelled_at,
        attempts,
        outcome,
        snoozed,
        active,
    ) = tuple(row)
    return ReminderRow(
        id=int(str(reminder_id)),
        claim_id=int(str(claim_id)),
        seller_id=int(str(seller_id)),
        kind=ReminderKind(str(kind)),
        deadline_at=from_db_time(str(deadline_at)),
        due_at=from_db_time(str(due_at)),
        sending_since=_time(sending_since),
        sent_at=_time(sent_at),
        cancelled_at=_time(cancelled_at),
        attempts=int(str(attempts)),
        outcome=Outcome(str(outcome)) if outcome is not None else None,
        snoozed=bool(snoozed),
        seller_active=bool(active),
    )
