"""PTB persistence in SQLite: conversation states and small per-user data only.

Claims, evidence and reminders never live here; they have their own tables and are written in
a unit of work. Writes happen as PTB hands them over (``flush`` has nothing left to do), and
``handlers.persist`` asks PTB to hand them over after every update, so a crash loses nothing.
"""

from __future__ import annotations

import json
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
        # PTB marks a user's data dirty on every update; skip the write when nothing changed.
        self._written: dict[int, str] = {}

    async def get_user_data(self) -> dict[int, UserData]:
        async with self._database.unit_of_work(write=False) as uow:
            stored = await uow.ptb_state.all_user_data()
        self._written = {user_id: _encode(data) for user_id, data in stored.items()}
        return stored

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        encoded = _encode(data)
        if self._written.get(user_id, _encode({})) == encoded:
            return
        async with self._database.unit_of_work() as uow:
            await uow.ptb_state.put_user_data(user_id, data, self._clock())
        self._written[user_id] = encoded

    async def drop_user_data(self, user_id: int) -> None:
        async with self._database.unit_of_work() as uow:
            await uow.ptb_state.drop_user_data(user_id)
        self._written.pop(user_id, None)

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        """Nothing to do: this process is the only writer of user_data."""

    async def get_conversations(self, name: str) -> ConversationDict:
        async with self._database.unit_of_work(write=False) as uow:
            return await uow.ptb_state.conversations(name)

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        async with self._database.unit_of_work() as uow:
            await uow.ptb_state.put_conversation(name, key, new_state, self._clock())

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
        """Every change was written when PTB handed it over."""
