"""Seller operations: timezone, quiet hours, the daily digest; delete my data. No Telegram.

A new timezone or new quiet hours re-plan the pending reminders of the seller's claims in the
same unit of work; the unit of work tells the scheduler after COMMIT (``changed_sellers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from functools import cache
from zoneinfo import available_timezones

from bot.files import EvidenceFiles
from bot.reminders_repo import replan_seller
from bot.sellers import Seller
from bot.storage import Database, UnitOfWork
from domain.errors import ReadingError
from domain.text import N_, Msg

__all__ = [
    "Deleted",
    "delete_everything",
    "known_timezone",
    "set_digest",
    "set_quiet_hours",
    "set_timezone",
]


@cache
def _zones() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones() if "/" in name or name == "UTC"}


def known_timezone(text: str) -> str:
    """The canonical IANA name for ``europe/london`` and the like, or ``ReadingError``."""
    zone = _zones().get(text.strip().replace(" ", "_").lower())
    if zone is None:
        raise ReadingError(Msg.of(
            N_("I don't know the timezone “{value}”. Type a name like Europe/London, "
               "Europe/Amsterdam or America/New_York, or /cancel."),
            value=text.strip()[:64],
        ))
    return zone


async def set_timezone(database: Database, seller_id: int, text: str, now: datetime) -> Seller:
    """Store the seller's timezone (``ReadingError`` for an unknown name) and re-plan."""
    zone = known_timezone(text)
    async with database.unit_of_work() as uow:
        await uow.sellers.set_timezone(seller_id, zone, now)
        return await _replanned(uow, seller_id, now)


async def set_quiet_hours(
    database: Database,
    seller_id: int,
    now: datetime,
    *,
    enabled: bool,
    start: time | None = None,
    end: time | None = None,
) -> Seller:
    """Quiet hours on or off, with new times or the stored ones; re-plans the reminders."""
    async with database.unit_of_work() as uow:
        seller = await _seller(uow, seller_id)
        await uow.sellers.set_quiet_hours(
            seller_id, enabled, start or seller.quiet_start, end or seller.quiet_end, now
        )
        return await _replanned(uow, seller_id, now)


async def set_digest(
    database: Database, seller_id: int, now: datetime, *, enabled: bool, at: time | None = None
) -> Seller:
    """The daily digest on (at ``at`` or the stored time) or off."""
    async with database.unit_of_work() as uow:
        seller = await _seller(uow, seller_id)
        await uow.sellers.set_digest(seller_id, enabled, at or seller.digest_time, now)
        uow.changed_sellers.add(seller_id)
        return await _seller(uow, seller_id)


async def _seller(uow: UnitOfWork, seller_id: int) -> Seller:
    seller = await uow.sellers.get(seller_id)
    if seller is None:  # every update creates its sender's row first (handlers.seller)
        raise LookupError(f"no seller {seller_id}")
    return seller


async def _replanned(uow: UnitOfWork, seller_id: int, now: datetime) -> Seller:
    seller = await _seller(uow, seller_id)
    await replan_seller(uow, seller, now)
    uow.changed_sellers.add(seller_id)  # the scheduler re-reads all of the seller's rows
    return seller


@dataclass(frozen=True)
class Deleted:
    claims: int
    files: int


async def delete_everything(database: Database, files: EvidenceFiles, seller_id: int) -> Deleted:
    """Remove the seller's rows (claims, timelines, evidence, reminders and the rest cascade),
    their persisted conversations and user data, and evidence files no one else uses."""
    removed = 0
    async with database.unit_of_work() as uow:
        claim_ids = [stored.id for stored in await uow.claims.list_for_seller(seller_id)]
        hashes = await uow.evidence.hashes_of_seller(seller_id)
        await uow.sellers.delete(seller_id)
        await uow.ptb_state.drop_conversations_of(seller_id)
        await uow.ptb_state.drop_user_data(seller_id)
        for sha256 in hashes:
            if not await uow.evidence.hash_in_use(sha256):
                files.remove(sha256)  # under the lock: nobody stores this content meanwhile
                removed += 1
        uow.changed_claims.update(claim_ids)  # the scheduler drops their alarms
    return Deleted(claims=len(claim_ids), files=removed)
