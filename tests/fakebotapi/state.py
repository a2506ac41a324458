"""What the fake Telegram remembers: users, chats, messages and the bot's settings."""

from __future__ import annotations

import copy
import json
import re
import zlib
from dataclasses import dataclass
from typing import Any

__all__ = ["BotSettings", "ChatId", "Chats", "FakeUser", "chat_key", "scope_key"]

ChatId = int | str
_INTEGER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True, slots=True)
class FakeUser:
    """A human Telegram user for injected updates."""

    id: int
    first_name: str = "Test"
    language_code: str | None = "en"
    username: str | None = None

    def to_dict(self, language_code: str | None = None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username is not None:
            user["username"] = self.username
        if (code := language_code or self.language_code) is not None:
            user["language_code"] = code
        return user


def chat_key(chat_id: object) -> ChatId:
    """Numeric chat ids arrive as int or str; both must address the same chat."""
    if isinstance(chat_id, str) and _INTEGER.fullmatch(chat_id):
        return int(chat_id)
    if isinstance(chat_id, int | str):
        return chat_id
    raise TypeError(f"chat_id must be int or str, not {type(chat_id).__name__}")


class Chats:
    """Messages by chat, with message ids counted per chat as in private chats."""

    def __init__(self) -> None:
        self.users: dict[int, FakeUser] = {}
        self._next_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}

    def resolve(self, chat_id: ChatId) -> int:
        """The numeric id messages are stored under ("@channel" names map to one)."""
        return int(self.chat(chat_id)["id"])

    def chat(self, chat_id: ChatId) -> dict[str, Any]:
        key = chat_key(chat_id)
        if isinstance(key, str):
            # "@channel" targets need a numeric id for PTB; derive a stable one.
            numeric = -1_000_000_000_000 - zlib.crc32(key.encode()) % 1_000_000_000
            return {"id": numeric, "type": "channel", "title": key, "username": key.lstrip("@")}
        if key < 0:
            return {"id": key, "type": "supergroup", "title": f"Group {key}"}
        user = self.users.get(key)
        chat: dict[str, Any] = {"id": key, "type": "private"}
        chat["first_name"] = user.first_name if user else f"User {key}"
        if user is not None and user.username:
            chat["username"] = user.username
        return chat

    def add(
        self, chat_id: ChatId, sender: dict[str, Any], date: int, **content: Any
    ) -> dict[str, Any]:
        """Store a new message with the chat's next message_id and return it."""
        chat = self.chat(chat_id)
        key = chat["id"]
        message_id = self._next_id.get(key, 1)
        self._next_id[key] = message_id + 1
        message = {
            "message_id": message_id,
            "from": sender,
            "chat": chat,
            "date": date,
            **{name: value for name, value in content.items() if value is not None},
        }
        self._messages[(key, message_id)] = message
        return copy.deepcopy(message)

    def get(self, chat_id: ChatId, message_id: int) -> dict[str, Any] | None:
        message = self._messages.get((self.resolve(chat_id), message_id))
        return copy.deepcopy(message) if message is not None else None

    def replace(self, message: dict[str, Any]) -> None:
        self._messages[(message["chat"]["id"], message["message_id"])] = copy.deepcopy(message)

    def delete(self, chat_id: ChatId, message_id: int) -> bool:
        return self._messages.pop((self.resolve(chat_id), message_id), None) is not None


def scope_key(scope: object) -> str | None:
    """The default scope and an omitted scope are the same command list."""
    if scope is None or scope == {"type": "default"}:
        return None
    return json.dumps(scope, sort_keys=True, separators=(",", ":"))


class BotSettings:
    """Commands, descriptions and menu buttons the bot configured."""

    def __init__(self) -> None:
        self.commands: dict[tuple[str | None, str], list[dict[str, Any]]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.menu_buttons: dict[ChatId | None, dict[str, Any]] = {}
        self.webhook_url: str = ""

    def set_commands(self, commands: list[dict[str, Any]], scope: object, language: str) -> None:
        self.commands[(scope_key(scope), language)] = commands

    def get_commands(self, scope: object, language: str) -> list[dict[str, Any]]:
        return self.commands.get((scope_key(scope), language), [])

    def delete_commands(self, scope: object, language: str) -> None:
        self.commands.pop((scope_key(scope), language), None)
