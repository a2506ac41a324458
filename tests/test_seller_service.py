"""Seller settings through the service, without Telegram: the scheduler hears after COMMIT."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.sellers import Seller
from bot.services import sellers
from bot.storage import Database
from domain.errors import ReadingError

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "db.sqlite3")
    async with database.unit_of_work() as uow:
        await uow.sellers.add(Seller(7, "en", "Europe/Amsterdam", True, NOW))
    yield database
    await database.close()


async def test_a_new_timezone_is_stored_and_the_scheduler_told_after_commit(
    database: Database,
) -> None:
    heard: list[tuple[int, str]] = []

    async def listener(seller_id: int) -> None:
        async with database.unit_of_work(write=False) as uow:  # committed, and not locked
            seller = await uow.sellers.get(seller_id)
        assert seller is not None
        heard.append((seller_id, seller.timezone))

    database.seller_listeners.append(listener)
    seller = await sellers.set_timezone(database, 7, " europe/london ", NOW)
    assert seller.timezone == "Europe/London"
    assert heard == [(7, "Europe/London")]


async def test_an_unknown_timezone_changes_nothing_and_tells_no_one(database: Database) -> None:
    heard: list[int] = []

    async def listener(seller_id: int) -> None:
        heard.append(seller_id)

    database.seller_listeners.append(listener)
    with pytest.raises(ReadingError):
        await sellers.set_timezone(database, 7, "Mars/Olympus", NOW)
    async with database.unit_of_work(write=False) as uow:
        assert (await uow.sellers.get(7)).timezone == "Europe/Amsterdam"
    assert heard == []


async def test_quiet_hours_switched_off_keep_their_times(database: Database) -> None:
    await sellers.set_quiet_hours(database, 7, NOW, enabled=True, start=time(21), end=time(6))
    seller = await sellers.set_quiet_hours(database, 7, NOW, enabled=False)
    assert not seller.quiet_enabled
    assert (seller.quiet_start, seller.quiet_end) == (time(21), time(6))


async def test_the_digest_keeps_its_time_when_switched_on_again(database: Database) -> None:
    await sellers.set_digest(database, 7, NOW, enabled=True, at=time(7, 30))
    await sellers.set_digest(database, 7, NOW, enabled=False)
    seller = await sellers.set_digest(database, 7, NOW, enabled=True)
    assert seller.digest_enabled and seller.digest_time == time(7, 30)


async def test_a_failing_listener_does_not_undo_the_change(database: Database) -> None:
    async def broken(seller_id: int) -> None:
        raise RuntimeError("scheduler down")

    database.seller_listeners.append(broken)
    await sellers.set_timezone(database, 7, "Europe/Berlin", NOW)
    async with database.unit_of_work(write=False) as uow:
        assert (await uow.sellers.get(7)).timezone == "Europe/Berlin"
