"""Rows behind our PTB persistence: conversation states and per-user data, as JSON text."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import aiosqlite

from bot.dbtime import to_db_time

__all__ = ["PtbStateRepository"]


class PtbStateRepository:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def all_user_data(self) -> dict[int, dict[str, Any]]:
        rows = await self._connection.execute_fetchall("SELECT user_id, data FROM user_data")
        return {int(user_id): json.loads(data) for user_id, data in rows}

    async def put_user_data(self, user_id: int, data: dict[str, Any], now: datetime) -> None:
        if not data:
            await self.drop_user_data(user_id)
            return
        await self._connection.execute(
            "INSERT INTO user_data (user_id, data, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET data = excluded.data,"
            " updated_at = excluded.updated_at",
            (user_id, json.dumps(data, sort_keys=True), to_db_time(now)),
        )

    async def forget_user_data_key(self, user_id: int, key: str, now: datetime) -> None:
        """Remove one key of a user's stored data (in the caller's transaction)."""
        await self._connection.execute(
            "UPDATE user_data SET data = json_remove(data, '$.' || json_quote(?)),"
            " updated_at = ? WHERE user_id = ?",
            (key, to_db_time(now), user_id),
        )

    async def drop_user_data(self, user_id: int) -> None:
        await self._connection.execute("DELETE FROM user_data WHERE user_id = ?", (user_id,))

    async def conversations(self, name: str) -> dict[tuple[int | str, ...], object]:
        rows = await self._connection.execute_fetchall(
            "SELECT conv_key, state FROM conversations WHERE name = ?", (name,)
        )
        return {tuple(json.loads(key)): json.loads(state) for key, state in rows}

    async def put_conversation(
        self, name: str, key: tuple[int | str, ...], state: object | None, now: datetime
    ) -> None:
        encoded_key = json.dumps(list(key))
        if state is None:
            await self._connection.execute(
                "DELETE FROM conversations WHERE name = ? AND conv_key = ?", (name, encoded_key)
            )
            return
        await self._connection.execute(
            "INSERT INTO conversations (name, conv_key, state, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (name, conv_key) DO UPDATE SET state = excluded.state,"
            " updated_at = excluded.updated_at",
            (name, encoded_key, json.dumps(state), to_db_time(now)),
        )

    async def drop_conversations_of(self, user_id: int) -> None:
        """Forget every conversation state whose key contains ``user_id`` (data deletion)."""
        await self._connection.execute(
            "DELETE FROM conversations WHERE EXISTS"
            " (SELECT 1 FROM json_each(conv_key) WHERE value = ?)",
            (user_id,),
        )
