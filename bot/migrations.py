"""The database schema as an ordered list of migrations; ``PRAGMA user_version`` counts them.

Each migration is a tuple of single statements (never ``executescript``, which commits on its
own) applied inside one ``BEGIN IMMEDIATE`` transaction together with the version bump, so a
failing migration leaves the database exactly as it was. Append; never edit a released entry.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE sellers (
            user_id     INTEGER PRIMARY KEY,
            locale      TEXT    NOT NULL CHECK (locale IN ('nl', 'en')),
            timezone    TEXT    NOT NULL,
            active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at  TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL
        ) STRICT
        """,
        """
        CREATE TABLE conversations (
            name        TEXT NOT NULL,
            conv_key    TEXT NOT NULL,
            state       TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            PRIMARY KEY (name, conv_key)
        ) STRICT
        """,
        """
        CREATE TABLE user_data (
            user_id     INTEGER PRIMARY KEY,
            data        TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        ) STRICT
        """,
    ),
)
