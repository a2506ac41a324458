"""Test helpers for reminders: sellers and claims straight into the database, with their plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from decimal import Decimal

from bot.reminders_repo import plan_for_claim
from bot.sellers import Seller
from bot.storage import Database
from domain.claims import Fulfilment, Reason, new_claim
from domain.money import Money
from domain.reminders import Reminder
from domain.rules import ClaimSource, Marketplace


async def add_seller(
    database: Database,
    user_id: int,
    now: datetime,
    *,
    locale: str = "en",
    timezone: str = "Europe/Amsterdam",
    quiet: bool = True,
    digest_at: time | None = None,
) -> Seller:
    seller = Seller(
        user_id=user_id,
        locale=locale,
        timezone=timezone,
        active=True,
        created_at=now,
        quiet_enabled=quiet,
        digest_enabled=digest_at is not None,
        digest_time=digest_at or time(8, 0),
    )
    async with database.unit_of_work() as uow:
        if await uow.sellers.get(user_id) is None:
            await uow.sellers.add(seller)
        else:
            await uow.sellers.set_quiet_hours(user_id, quiet, seller.quiet_start,
                                              seller.quiet_end, now)
    return seller


async def add_claim(
    database: Database,
    seller_id: int,
    order_id: str,
    notice_at: datetime,
    now: datetime,
    *,
    marketplace: Marketplace = Marketplace.AMAZON_NL,
    reason: Reason = Reason.NOT_RECEIVED,
    amount: str = "49.95",
    keep: tuple[str, ...] | None = None,
) -> tuple[int, tuple[Reminder, ...]]:
    """Store a claim and its reminder plan at ``now`` (only the kinds in ``keep``, if given)."""
    claim = new_claim(
        ClaimSource.A_TO_Z,
        marketplace,
        order_id,
        reason,
        Fulfilment.SELLER,
        Money(Decimal(amount), "EUR"),
        notice_at,
    )
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(seller_id, claim, now)
        stored = await uow.claims.get(seller_id, claim_id)
        seller = await uow.sellers.get(seller_id)
        assert stored is not None and seller is not None
        plan = plan_for_claim(stored, seller, now)
        if keep is not None:
            plan = tuple(r for r in plan if r.kind.value in keep)
        await uow.reminders.replace_plan(claim_id, plan, now)
    return claim_id, plan


def moved(reminder: Reminder, at: datetime) -> Reminder:
    return replace(reminder, due_at=at)
