"""What the start-up check meets: a database it cannot open or cannot write."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from bot.storage import Database, StorageError


async def test_a_failed_connect_leaves_no_sqlite_worker_thread_running(tmp_path: Path) -> None:
    """A worker that outlives the event loop prints "Event loop is closed" after our line."""
    (tmp_path / "claimwacht.sqlite3").mkdir()  # a directory where the file should be
    before = set(threading.enumerate())
    with pytest.raises(sqlite3.OperationalError):
        await Database(tmp_path / "claimwacht.sqlite3").open()
    started = [thread for thread in threading.enumerate() if thread not in before]
    assert [thread for thread in started if not thread.name.startswith("asyncio_")] == []


async def test_the_write_probe_passes_on_a_writable_database_and_changes_nothing(
    tmp_path: Path,
) -> None:
    database = Database(tmp_path / "claimwacht.sqlite3")
    await database.open()
    version = await database.schema_version()
    await database.probe_write()
    assert await database.schema_version() == version
    await database.close()


async def test_the_write_probe_turns_a_refused_write_into_one_storage_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "claimwacht.sqlite3"
    await Database(path).open()
    # query_only makes SQLite refuse writes the way a read-only file does, even for root.
    database = Database(path)
    await database.open()
    async with database.unit_of_work(write=False) as uow:
        await uow.connection.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="make the file and its folder writable"):
        await database.probe_write()
    await database.close()
