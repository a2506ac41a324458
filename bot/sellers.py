"""Sellers: who uses the bot, in which language and timezone, and their reminder settings."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import datetime, time

import aiosqlite

from bot.dbtime import from_db_time, to_db_time

__all__ = ["Seller", "SellerRepository"]

_COLUMNS = (
    "user_id, locale, timezone, active, created_at, quiet_start, quiet_end, quiet_enabled,"
    " digest_enabled, digest_time, shop_name"
)


@dataclass(frozen=True)
class Seller:
    user_id: int
    locale: str
    timezone: str
    active: bool
    created_at: datetime
    quiet_start: time = time(22, 0)
    quiet_end: time = time(7, 0)
    quiet_enabled: bool = True
    digest_enabled: bool = False
    digest_time: time = time(8, 0)
    shop_name: str = ""  # signs the drafts


# Every update reads its sender's seller row (who writes, in which language), but rows change
# rarely and only through this repository; the trip to aiosqlite's thread costs more than the
# rest of a simple update. So reads are served from memory, one cache per connection, and every
# write here drops the entry first (a write that is rolled back only costs a re-read).
_CACHES: weakref.WeakKeyDictionary[aiosqlite.Connection, dict[int, Seller]] = (
    weakref.WeakKeyDictionary()
)
_CACHE_LIMIT = 100_000


class SellerRepository:
    """Sellers in SQLite; times stored as UTC ISO text, times of day as ``HH:MM``."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection
        self._cache = _CACHES.setdefault(connection, {})

    async def get(self, user_id: int) -> Seller | None:
        if (cached := self._cache.get(user_id)) is not None:
            return cached
        # One round trip to aiosqlite's thread instead of execute + fetchone + close.
        rows = await self._connection.execute_fetchall(
            f"SELECT {_COLUMNS} FROM sellers WHERE user_id = ?", (user_id,)
        )
        row = next(iter(rows), None)
        if row is None:
            return None
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        seller = self._cache[user_id] = _seller(row)
        return seller

    async def all_active(self) -> list[Seller]:
        rows = await self._connection.execute_fetchall(
            f"SELECT {_COLUMNS} FROM sellers WHERE active = 1 ORDER BY user_id"
        )
        return [_seller(row) for row in rows]

    async def with_digest(self) -> list[Seller]:
        """Active sellers with the daily digest on."""
        rows = await self._connection.execute_fetchall(
            f"SELECT {_COLUMNS} FROM sellers WHERE active = 1 AND digest_enabled = 1"
            " ORDER BY user_id"
        )
        return [_seller(row) for row in rows]

    async def add(self, seller: Seller) -> None:
        self._cache.pop(seller.user_id, None)
        stamp = to_db_time(seller.created_at)
        await self._connection.execute(
            f"INSERT INTO sellers ({_COLUMNS}, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seller.user_id,
                seller.locale,
                seller.timezone,
                int(seller.active),
                stamp,
                _hhmm(seller.quiet_start),
                _hhmm(seller.quiet_end),
                int(seller.quiet_enabled),
                int(seller.digest_enabled),
                _hhmm(seller.digest_time),
                seller.shop_name,
                stamp,
            ),
        )

    async def _set(self, user_id: int, now: datetime, **values: object) -> None:
        self._cache.pop(user_id, None)
        assignments = ", ".join(f"{name} = ?" for name in values)
        await self._connection.execute(
            f"UPDATE sellers SET {assignments}, updated_at = ? WHERE user_id = ?",
            (*values.values(), to_db_time(now), user_id),
        )

    async def set_locale(self, user_id: int, locale: str, now: datetime) -> None:
        await self._set(user_id, now, locale=locale)

    async def set_active(self, user_id: int, active: bool, now: datetime) -> None:
        await self._set(user_id, now, active=int(active))

    async def set_timezone(self, user_id: int, timezone: str, now: datetime) -> None:
        await self._set(user_id, now, timezone=timezone)

    async def set_quiet_hours(
        self, user_id: int, enabled: bool, start: time, end: time, now: datetime
    ) -> None:
        await self._set(
            user_id, now, quiet_enabled=int(enabled), quiet_start=_hhmm(start), quiet_end=_hhmm(end)
        )

    async def set_digest(self, user_id: int, enabled: bool, at: time, now: datetime) -> None:
        await self._set(user_id, now, digest_enabled=int(enabled), digest_time=_hhmm(at))

    async def set_shop_name(self, user_id: int, shop_name: str, now: datetime) -> None:
        await self._set(user_id, now, shop_name=shop_name)

    async def delete(self, user_id: int) -> bool:
        """Remove the seller and, by cascade, their claims, events, evidence rows and reminders."""
        self._cache.pop(user_id, None)
        cursor = await self._connection.execute("DELETE FROM sellers WHERE user_id = ?", (user_id,))
        return cursor.rowcount == 1


def _hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")


def _seller(row: object) -> Seller:
    (
        user_id,
        locale,
        timezone,
        active,
        created_at,
        quiet_start,
        quiet_end,
        quiet_enabled,
        digest_enabled,
        digest_time,
        shop_name,
    ) = tuple(row)  # type: ignore[arg-type]
    return Seller(
        user_id=int(user_id),
        locale=str(locale),
        timezone=str(timezone),
        active=bool(active),
        created_at=from_db_time(str(created_at)),
        quiet_start=time.fromisoformat(str(quiet_start)),
        quiet_end=time.fromisoformat(str(quiet_end)),
        quiet_enabled=bool(quiet_enabled),
        digest_enabled=bool(digest_enabled),
        digest_time=time.fromisoformat(str(digest_time)),
        shop_name=str(shop_name),
    )
