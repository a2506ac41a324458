"""The seller's ODR inputs and the weekly summary switch in SQLite (``odr_counts``, ``odr_weekly``).

Both tables cascade from ``sellers``: deleting a seller deletes them. Use on a unit of work's
connection: ``OdrRepository(uow.connection)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.dbtime import to_db_time
from domain.odr import OdrChannel
from domain.odr_report import Entered
from domain.odr_window import ChannelKey
from domain.rules import Marketplace

__all__ = ["OdrRepository", "WeeklySetting"]


@dataclass(frozen=True)
class WeeklySetting:
    seller_id: int
    enabled: bool
    last_week: str | None  # ISO week of the last summary handled, e.g. "2026-W49"


class OdrRepository:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def entered(self, seller_id: int) -> dict[ChannelKey, Entered]:
        rows = await self._connection.execute_fetchall(
            "SELECT marketplace, channel, orders, orders_updated, negative_feedback"
            " FROM odr_counts WHERE seller_id = ?",
            (seller_id,),
        )
        entered = {}
        for marketplace, channel, orders, updated, feedback in rows:
            try:
                key = (Marketplace(marketplace), OdrChannel(channel))
            except ValueError:  # a marketplace this version no longer knows: ignore the row
                continue
            entered[key] = Entered(
                orders=None if orders is None else int(orders),
                orders_updated=date.fromisoformat(updated) if updated else None,
                negative_feedback=None if feedback is None else int(feedback),
            )
        return entered

    async def set_orders(
        self, seller_id: int, key: ChannelKey, orders: int, today: date, now: datetime
    ) -> None:
        await self._connection.execute(
            "INSERT INTO odr_counts (seller_id, marketplace, channel, orders, orders_updated,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (seller_id, marketplace, channel) DO UPDATE SET"
            " orders = excluded.orders, orders_updated = excluded.orders_updated,"
            " updated_at = excluded.updated_at",
            (seller_id, key[0].value, key[1].value, orders, today.isoformat(), to_db_time(now)),
        )

    async def set_feedback(
        self, seller_id: int, key: ChannelKey, count: int | None, now: datetime
    ) -> None:
        await self._connection.execute(
            "INSERT INTO odr_counts (seller_id, marketplace, channel, negative_feedback,"
            " updated_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (seller_id, marketplace, channel) DO UPDATE SET"
            " negative_feedback = excluded.negative_feedback, updated_at = excluded.updated_at",
            (seller_id, key[0].value, key[1].value, count, to_db_time(now)),
        )

    async def weekly(self, seller_id: int) -> WeeklySetting:
        rows = await self._connection.execute_fetchall(
            "SELECT enabled, last_week FROM odr_weekly WHERE seller_id = ?", (seller_id,)
        )
        row = next(iter(rows), None)
        if row is None:
            return WeeklySetting(seller_id, False, None)
        return WeeklySetting(seller_id, bool(row[0]), row[1])

    async def weekly_enabled(self) -> list[WeeklySetting]:
        rows = await self._connection.execute_fetchall(
            "SELECT w.seller_id, w.last_week FROM odr_weekly w"
            " JOIN sellers s ON s.user_id = w.seller_id"
            " WHERE w.enabled = 1 AND s.active = 1 ORDER BY w.seller_id"
        )
        return [WeeklySetting(int(seller_id), True, last) for seller_id, last in rows]

    async def set_weekly(self, seller_id: int, enabled: bool, now: datetime) -> None:
        await self._connection.execute(
            "INSERT INTO odr_weekly (seller_id, enabled, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (seller_id) DO UPDATE SET enabled = excluded.enabled,"
            " updated_at = excluded.updated_at",
            (seller_id, int(enabled), to_db_time(now)),
        )

    async def mark_week(self, seller_id: int, week: str, now: datetime) -> bool:
        """Record ``week`` as handled unless it already was; False when someone else did."""
        cursor = await self._connection.execute(
            "UPDATE odr_weekly SET last_week = ?, updated_at = ?"
            " WHERE seller_id = ? AND (last_week IS NULL OR last_week <> ?)",
            (week, to_db_time(now), seller_id, week),
        )
        return cursor.rowcount == 1
