"""Reminder rows: the durable plan the scheduler works from (``due_at``, ``sent_at``).

A claim's rows are re-planned in the same unit of work that changes the claim, so a crash
never leaves a claim without its reminders; the scheduler picks the rows up after commit, or
at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import aiosqlite

from bot.claims_repo import StoredClaim
from bot.dbtime import to_db_time
from bot.sellers import Seller
from domain.deadlines import deadlines
from domain.reminders import QuietHours, Reminder, plan_reminders

__all__ = ["ReminderRepository", "plan_for_claim"]


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
        are no longer planned are cancelled; planned ones are inserted or moved.
        """
        keep: list[int] = []
        for reminder in plan:
            rows = await self._connection.execute_fetchall(
                "INSERT INTO reminders (claim_id, kind, deadline_at, due_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT (claim_id, kind, deadline_at) DO UPDATE"
                " SET due_at = excluded.due_at, cancelled_at = NULL"
                " WHERE sent_at IS NULL"
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
        await self._connection.execute(
            "UPDATE reminders SET cancelled_at = ?"
            " WHERE claim_id = ? AND sent_at IS NULL AND cancelled_at IS NULL" + not_kept,
            (to_db_time(now), claim_id, *keep),
        )
        return keep

    async def cancel_for_claim(self, claim_id: int, now: datetime) -> None:
        await self._connection.execute(
            "UPDATE reminders SET cancelled_at = ?"
            " WHERE claim_id = ? AND sent_at IS NULL AND cancelled_at IS NULL",
            (to_db_time(now), claim_id),
        )
