"""Sellers: who uses the bot, in which language and timezone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.dbtime import from_db_time, to_db_time

__all__ = ["Seller", "SellerRepository"]


@dataclass(frozen=True)
class Seller:
    user_id: int
    locale: str
    timezone: str
    active: bool
    created_at: datetime


class SellerRepository:
    """Sellers in SQLite; times stored as UTC ISO text."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def get(self, user_id: int) -> Seller | None:
        # One round trip to aiosqlite's thread instead of execute + fetchone + close.
        rows = await self._connection.execute_fetchall(
            "SELECT user_id, locale, timezone, active, created_at FROM sellers WHERE user_id = ?",
            (user_id,),
        )
        row = next(iter(rows), None)
        if row is None:
            return None
        return Seller(
            user_id=row[0],
            locale=row[1],
            timezone=row[2],
            active=bool(row[3]),
            created_at=from_db_time(row[4]),
        )

    async def add(self, seller: Seller) -> None:
        stamp = to_db_time(seller.created_at)
        await self._connection.execute(
            "INSERT INTO sellers (user_id, locale, timezone, active, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (seller.user_id, seller.locale, seller.timezone, int(seller.active), stamp, stamp),
        )

    async def set_locale(self, user_id: int, locale: str, now: datetime) -> None:
        await self._connection.execute(
            "UPDATE sellers SET locale = ?, updated_at = ? WHERE user_id = ?",
            (locale, to_db_time(now), user_id),
        )

    async def set_active(self, user_id: int, active: bool, now: datetime) -> None:
        await self._connection.execute(
            "UPDATE sellers SET active = ?, updated_at = ? WHERE user_id = ?",
            (int(active), to_db_time(now), user_id),
        )
