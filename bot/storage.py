"""SQLite access: one long-lived aiosqlite connection, migrations, and the unit of work.

Exceptions::

    StorageError            anything this module raises on purpose
    ├── MigrationError      a migration failed and was rolled back; the database is unchanged
    └── SchemaTooNewError   the database was written by a newer Claimwacht

Every access, read or write, goes through ``Database.unit_of_work()``. The connection is shared
by handlers and jobs that run concurrently, and SQLite transactions belong to the connection, so
an ``asyncio.Lock`` keeps one unit of work on it at a time; writes use ``BEGIN IMMEDIATE`` so
another process holding the file makes us wait (busy timeout) instead of failing half-way.

A unit of work that changed a claim's reminder rows says so (``uow.changed_claims.add(id)``);
after COMMIT, and outside the lock, the database tells its ``claim_listeners`` (the reminder
scheduler), so no caller has to remember to. A listener that fails is logged: the rows are
committed and are the truth.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.claims_repo import ClaimRepository
from bot.evidence_repo import EvidenceRepository
from bot.migrations import MIGRATIONS
from bot.private_files import create_private
from bot.ptbstate import PtbStateRepository
from bot.reminders_repo import ReminderRepository
from bot.sellers import SellerRepository

__all__ = [
    "ClaimListener",
    "Database",
    "MigrationError",
    "SchemaTooNewError",
    "SellerListener",
    "StorageError",
    "UnitOfWork",
]

_LOGGER = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 5000

ClaimListener = Callable[[int], Awaitable[None]]
SellerListener = Callable[[int], Awaitable[None]]


class StorageError(Exception):
    """Base of the errors this module raises."""


class MigrationError(StorageError):
    """A migration failed; it was rolled back completely."""


class SchemaTooNewError(StorageError):
    """The database's user_version is ahead of the migrations this code knows."""


class UnitOfWork:
    """The repositories, bound to one transaction."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection
        self.sellers = SellerRepository(connection)
        self.ptb_state = PtbStateRepository(connection)
        self.claims = ClaimRepository(connection)
        self.evidence = EvidenceRepository(connection)
        self.reminders = ReminderRepository(connection)
        # Claims whose reminder rows, and sellers whose settings, this unit of work changed;
        # the listeners hear of them after COMMIT.
        self.changed_claims: set[int] = set()
        self.changed_sellers: set[int] = set()


class Database:
    """The application's SQLite database, opened lazily and shared by everything."""

    def __init__(
        self, path: Path | str, migrations: Sequence[Sequence[str]] = MIGRATIONS
    ) -> None:
        self.path = str(path)
        self._migrations = migrations
        self._connection: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        self._open_lock = asyncio.Lock()
        self.claim_listeners: list[ClaimListener] = []
        self.seller_listeners: list[SellerListener] = []

    async def open(self) -> None:
        """Connect, set the pragmas and migrate; safe to call more than once."""
        async with self._open_lock:
            if self._connection is not None:
                return
            if self.path != ":memory:":
                # SQLite gives the -wal and -shm files the database file's mode. If the file
                # cannot be made, connect fails next and SQLite says why in its own words.
                with contextlib.suppress(OSError):
                    await asyncio.to_thread(create_private, Path(self.path))
            connection = await _connect(self.path)
            try:
                # foreign_keys is a no-op inside a transaction, hence before any BEGIN.
                await connection.execute("PRAGMA foreign_keys = ON")
                await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                await connection.execute("PRAGMA journal_mode = WAL")
                await connection.execute("PRAGMA synchronous = NORMAL")
                await _migrate(connection, self._migrations)
            except BaseException:
                await connection.close()
                raise
            self._connection = connection

    async def close(self) -> None:
        async with self._open_lock, self._lock:
            if self._connection is not None:
                await self._connection.close()
                self._connection = None

    @asynccontextmanager
    async def unit_of_work(self, *, write: bool = True) -> AsyncIterator[UnitOfWork]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        await self.open()
        async with self._lock:
            connection = self._connection
            assert connection is not None, "database closed while in use"
            if not write:
                # Under the lock nobody else writes on this connection; each statement reads a
                # committed snapshot, so reads skip the BEGIN/COMMIT round trips.
                yield UnitOfWork(connection)
                return
            await connection.execute("BEGIN IMMEDIATE")
            uow = UnitOfWork(connection)
            try:
                yield uow
            except BaseException:
                await connection.execute("ROLLBACK")
                raise
            else:
                await connection.execute("COMMIT")
        for claim_id in sorted(uow.changed_claims):
            await self.claim_changed(claim_id)
        for seller_id in sorted(uow.changed_sellers):
            await self._tell(self.seller_listeners, seller_id, "seller")

    async def claim_changed(self, claim_id: int) -> None:
        """Tell the claim listeners; one that fails is logged, the others still hear it."""
        await self._tell(self.claim_listeners, claim_id, "claim")

    @staticmethod
    async def _tell(
        listeners: Sequence[Callable[[int], Awaitable[None]]], key: int, what: str
    ) -> None:
        for listener in listeners:
            try:
                await listener(key)
            except Exception:  # the rows are committed and are the truth
                _LOGGER.exception("a %s listener failed for %s", what, key)

    async def probe_write(self) -> None:
        """Fail now, with SQLite's reason, if the file cannot be written (e.g. it is read-only).

        An up-to-date database is opened and migrated without a single write, so without this
        probe a read-only file would only show up at the first write, deep inside a handler.
        """
        try:
            async with self.unit_of_work() as uow:
                version = await _user_version(uow.connection)
                await uow.connection.execute(f"PRAGMA user_version = {version:d}")
        except sqlite3.OperationalError as error:
            raise StorageError(
                f"cannot write to it ({error}): make the file and its folder writable for the "
                "user running Claimwacht"
            ) from None

    async def schema_version(self) -> int:
        async with self.unit_of_work(write=False) as uow:
            return await _user_version(uow.connection)


async def _connect(path: str) -> aiosqlite.Connection:
    connection = aiosqlite.connect(path, isolation_level=None)
    try:
        return await connection
    except BaseException:
        # aiosqlite stops its worker thread without waiting for it; a thread that outlives
        # the event loop prints "Event loop is closed" after our one-line error.
        thread = getattr(connection, "_thread", None)
        if thread is not None and thread.is_alive():
            await asyncio.to_thread(thread.join, 5)
        raise


async def _user_version(connection: aiosqlite.Connection) -> int:
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def _migrate(connection: aiosqlite.Connection, migrations: Sequence[Sequence[str]]) -> None:
    current = await _user_version(connection)
    if current > len(migrations):
        raise SchemaTooNewError(
            f"database schema version {current} is newer than this Claimwacht "
            f"({len(migrations)}): upgrade Claimwacht or use another CLAIMWACHT_DATA_DIR"
        )
    for version in range(current + 1, len(migrations) + 1):
        await connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in migrations[version - 1]:
                await connection.execute(statement)
            await connection.execute(f"PRAGMA user_version = {version:d}")
        except BaseException as error:
            await connection.execute("ROLLBACK")
            if isinstance(error, Exception):
                raise MigrationError(f"migration {version} failed: {error}") from error
            raise
        await connection.execute("COMMIT")
        _LOGGER.info("database migrated to schema version %d", version)
