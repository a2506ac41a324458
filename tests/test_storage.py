from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
import pytest

from bot.migrations import MIGRATIONS
from bot.sellers import Seller
from bot.storage import Database, MigrationError, SchemaTooNewError

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _seller(user_id: int = 1) -> Seller:
    return Seller(user_id, "nl", "Europe/Amsterdam", True, NOW)


async def test_a_new_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    assert await database.schema_version() == len(MIGRATIONS)
    await database.close()


async def test_the_connection_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    async with database.unit_of_work(write=False) as uow:
        async with uow.connection.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        async with uow.connection.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1
    await database.close()


async def test_a_failed_migration_rolls_back_completely(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    broken = (
        *MIGRATIONS,
        ("CREATE TABLE half_done (id INTEGER PRIMARY KEY)", "INSERT INTO no_such_table VALUES (1)"),
    )
    with pytest.raises(MigrationError, match=f"migration {len(broken)} failed"):
        await Database(path, broken).open()
    async with aiosqlite.connect(path) as connection:
        async with connection.execute("PRAGMA user_version") as cursor:
            assert (await cursor.fetchone())[0] == len(MIGRATIONS)
        async with connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"
        ) as cursor:
            assert (await cursor.fetchone())[0] == 0


async def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    async with aiosqlite.connect(path) as connection:
        await connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
        await connection.commit()
    with pytest.raises(SchemaTooNewError, match="newer"):
        await Database(path).open()


async def test_a_unit_of_work_commits_when_the_block_ends(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    async with database.unit_of_work() as uow:
        await uow.sellers.add(_seller())
    async with database.unit_of_work(write=False) as uow:
        assert await uow.sellers.get(1) == _seller()
    await database.close()


async def test_a_unit_of_work_that_raises_leaves_nothing_behind(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    with pytest.raises(RuntimeError):
        async with database.unit_of_work() as uow:
            await uow.sellers.add(_seller())
            raise RuntimeError("crash half-way")
    async with database.unit_of_work(write=False) as uow:
        assert await uow.sellers.get(1) is None
    await database.close()


async def test_data_survives_closing_and_reopening(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    async with database.unit_of_work() as uow:
        await uow.sellers.add(_seller(7))
        await uow.sellers.set_locale(7, "en", NOW)
    await database.close()
    reopened = Database(tmp_path / "db.sqlite3")
    async with reopened.unit_of_work(write=False) as uow:
        seller = await uow.sellers.get(7)
    await reopened.close()
    assert seller is not None and seller.locale == "en"


async def test_naive_datetimes_are_refused(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    naive = datetime(2026, 1, 1)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="naive"):
        async with database.unit_of_work() as uow:
            await uow.sellers.add(Seller(1, "nl", "Europe/Amsterdam", True, naive))
    await database.close()
