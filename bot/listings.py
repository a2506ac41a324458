"""Support for listings that page in SQL by each claim's stored nearest deadline."""

from __future__ import annotations

from bot.storage import Database

__all__ = ["refresh_deadlines"]


async def refresh_deadlines(database: Database, seller_id: int) -> int:
    """Bring the seller's stored deadlines up to date before a listing sorts by them.

    Claims written by this version are always current, so this is one indexed read; rows
    written before (or under an older ``DEADLINE_REV``) are recomputed once, in a write.
    """
    async with database.unit_of_work(write=False) as uow:
        if not await uow.claims.has_stale_deadlines(seller_id):
            return 0
    async with database.unit_of_work() as uow:
        return await uow.claims.refresh_deadlines(seller_id)
