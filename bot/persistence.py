"""PTB persistence in SQLite: conversation states and small per-user data only.

Claims, evidence and reminders never live here; they have their own tables and are written in
a unit of work. ``handlers.persist`` asks PTB to hand its changes over after every update, inside
``batch()``: whatever PTB hands over then (the user's data, each conversation's state) is written
in one transaction when the block ends, and only what differs from what is stored. Outside a
batch (PTB's own timer, shutdown) each change is written as it comes. A crash loses nothing.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import ConversationDict, ConversationKey

from bot.services import Clock
from bot.storage import Database

__all__ = ["SQLitePersistence"]


def _encode(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True)

UserData = dict[str, Any]


class SQLitePersistence(BasePersistence[UserData, dict[str, Any], dict[str, Any]]):
    """Conversation states and user_data in the application's SQLite database."""

    def __init__(self, database: Database, clock: Clock) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            ),
            update_interval=60,
        )
        self._database = database
        self._clock = clock
        # PTB marks a user's data dirty on every update, and a conversation's state on every
        # step even when it stays the same: what was last stored, to skip unchanged writes.
        self._written: dict[int, str] = {}
        self._states: dict[tuple[str, ConversationKey], str] = {}
        # Changes handed over inside batch(): user id -> encoded data ("" drops the row), and
        # (conversation, key) -> encoded state (None deletes it).
        self._batch_lock = asyncio.Lock()
        self._batching = False
        self._users: dict[int, tuple[UserData, str]] = {}
        self._conversations: dict[tuple[str, ConversationKey], tuple[object, str | None]] = {}

    @asynccontextmanager
    async def batch(self) -> AsyncIterator[None]:
        """Collect what PTB hands over inside the block; write it in one unit of work at the end."""
        async with self._batch_lock:
            self._batching = True
            try:
                yield
            finally:
                self._batching = False
                await self._write_pending()

    async def _write_pending(self) -> None:
        users, self._users = self._users, {}
        conversations, self._conversations = self._conversations, {}
        if not users and not conversations:
            return
        now = self._clock()
        async with self._database.unit_of_work() as uow:
            for user_id, (data, _) in users.items():
                await uow.ptb_state.put_user_data(user_id, data, now)
            for (name, key), (state, _) in conversations.items():
                await uow.ptb_state.put_conversation(name, key, state, now)
        for user_id, (_, encoded) in users.items():
            self._written[user_id] = encoded
        for conversation, (_, encoded_state) in conversations.items():
            if encoded_state is None:
                self._states.pop(conversation, None)
            else:
                self._states[conversation] = encoded_state

    async def get_user_data(self) -> dict[int, UserData]:
        async with self._database.unit_of_work(write=False) as uow:
            stored = await uow.ptb_state.all_user_data()
        self._written = {user_id: _encode(data) for user_id, data in stored.items()}
        return stored

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        encoded = _encode(data)
        if self._written.get(user_id, _encode({})) == encoded:
            self._users.pop(user_id, None)  # changed and changed back within a batch
            return
        if self._batching:
            self._users[user_id] = (data, encoded)
            return
        async with self._database.unit_of_work() as uow:
            await uow.ptb_state.put_user_data(user_id, data, self._clock())
        self._written[user_id] = encoded

    async def drop_user_data(self, user_id: int) -> None:
        self._users.pop(user_id, None)
        async with self._database.unit_of_work() as uow:
            await uow.ptb_state.drop_user_data(user_id)
        self._written.pop(user_id, None)

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        """Nothing to do: this process is the only writer of user_data."""

    async def get_conversations(self, name: str) -> ConversationDict:
        async with self._database.unit_of_work(write=False) as uow:
            stored = await uow.ptb_state.conversations(name)
        self._states.update({(name, key): json.dumps(state) for key, state in stored.items()})
        return stored

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        encoded = None if new_state is None else json.dumps(new_state)
        if self._states.get((name, key)) == encoded:
            self._conversations.pop((name, key), None)
            return
        if self._batching:
            self._conversations[(name, key)] = (new_state, encoded)
            return
        async with self._database.unit_of_work() as uow:
            await uow.ptb_state.put_conversation(name, key, new_state, self._clock())
        if encoded is None:
            self._states.pop((name, key), None)
        else:
            self._states[(name, key)] = encoded

    # Chat data, bot data and callback data are not persisted (see PersistenceInput above).
    async def get_chat_data(self) -> dict[int, dict[str, Any]]:
        return {}

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[str, Any]) -> None:
        """Not persisted."""

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        """Not persisted."""

    async def update_callback_data(self, data: Any) -> None:
        """Not persisted."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not persisted."""

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[str, Any]) -> None:
        """Not persisted."""

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        """Not persisted."""

    async def flush(self) -> None:
        """Every change was written when PTB handed it over, or at the end of its batch."""
