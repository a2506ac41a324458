"""Seed a Claimwacht database through the project's own code (repositories and reminder plan).

Open A-to-z claims whose notices arrived over the last ``spread`` hours, spread over ``sellers``
sellers, each stored with its reminder plan as the intake stores it: ~3.9 reminder rows each.
One unit of work per seller keeps seeding a hundred thousand claims to well under a minute.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from bot.reminders_repo import plan_for_claim
from bot.sellers import Seller
from bot.storage import Database
from domain.claims import Fulfilment, Reason, new_claim
from domain.money import Money
from domain.rules import ClaimSource, Marketplace

__all__ = ["FIRST_SELLER", "seed", "seeded_copy"]

FIRST_SELLER = 900_000


async def seed(
    path: Path,
    claims: int,
    sellers: int,
    now: datetime,
    *,
    spread: timedelta = timedelta(hours=20),
    first_seller: int = FIRST_SELLER,
) -> int:
    """Store ``claims`` open claims for ``sellers`` sellers; the number of reminder rows."""
    database = Database(path)
    rows = 0
    try:
        await database.open()
        for index in range(max(sellers, 1)):
            seller = Seller(
                user_id=first_seller + index,
                locale="nl" if index % 2 else "en",
                timezone="Europe/Amsterdam",
                active=True,
                created_at=now,
            )
            mine = range(index, claims, max(sellers, 1))
            async with database.unit_of_work() as uow:
                await uow.sellers.add(seller)
                for number in mine:
                    notice = now - spread * ((number * 7919) % 1000) / 1000
                    claim = new_claim(
                        ClaimSource.A_TO_Z,
                        Marketplace.AMAZON_NL,
                        f"171-{number // 10_000_000:07d}-{number % 10_000_000:07d}",
                        Reason.NOT_RECEIVED,
                        Fulfilment.SELLER,
                        Money(Decimal("49.95"), "EUR"),
                        notice,
                    )
                    claim_id = await uow.claims.add(seller.user_id, claim, now)
                    stored = await uow.claims.get(seller.user_id, claim_id)
                    assert stored is not None
                    plan = plan_for_claim(stored, seller, now)
                    rows += len(await uow.reminders.replace_plan(claim_id, plan, now))
    finally:
        await database.close()
    return rows


async def seeded_copy(
    cache: dict[tuple[int, int], Path], work: Path, claims: int, sellers: int, now: datetime
) -> Path:
    """A fresh copy of a database seeded once per run (the copy is what a bot may change)."""
    key = (claims, sellers)
    if key not in cache:
        pristine = work / f"pristine-{claims}-{sellers}.sqlite3"
        await seed(pristine, claims, sellers, now)
        cache[key] = pristine
    target = work / f"run-{claims}" / "claimwacht.sqlite3"
    if target.parent.exists():
        shutil.rmtree(target.parent)
    target.parent.mkdir(parents=True)
    shutil.copyfile(cache[key], target)
    return target.parent
