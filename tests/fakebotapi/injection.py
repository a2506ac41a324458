"""The user's side: updates a test makes users send to the bot."""

from __future__ import annotations

import itertools
import zlib
from typing import Any

from tests.fakebotapi.files import FileRegistry
from tests.fakebotapi.state import ChatId, Chats, FakeUser
from tests.fakebotapi.updates import UpdateQueue

__all__ = ["InjectionMixin"]

_query_ids = itertools.count(1)


def command_entities(text: str) -> list[dict[str, Any]]:
    """Telegram marks a leading /command as a bot_command entity; PTB's CommandHandler needs it."""
    if not text.startswith("/") or len(text) < 2:
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}]


class InjectionMixin:
    """inject_* methods of FakeBotApi; each returns the Update dict it queued."""

    _chats: Chats
    _files: FileRegistry
    _updates: UpdateQueue
    _open_queries: set[str]

    def _now(self) -> int:
        raise NotImplementedError

    def inject_update(self, body: dict[str, Any]) -> dict[str, Any]:
        """Queue any update body (e.g. {"my_chat_member": {...}}); update_id is added."""
        return self._updates.push(body)

    def _user_message(
        self, user: FakeUser, chat_id: ChatId | None, language_code: str | None, **content: Any
    ) -> dict[str, Any]:
        self._chats.users[user.id] = user
        chat = user.id if chat_id is None else chat_id
        return self._chats.add(chat, user.to_dict(language_code), self._now(), **content)

    def inject_message(
        self,
        user: FakeUser,
        text: str,
        *,
        entities: list[dict[str, Any]] | None = None,
        language_code: str | None = None,
        chat_id: ChatId | None = None,
    ) -> dict[str, Any]:
        """A text message; a leading /command gets its bot_command entity automatically."""
        if entities is None:
            entities = command_entities(text)
        message = self._user_message(
            user, chat_id, language_code, text=text, entities=entities or None
        )
        return self.inject_update({"message": message})

    def inject_command(
        self,
        user: FakeUser,
        command: str,
        args: str = "",
        *,
        language_code: str | None = None,
        chat_id: ChatId | None = None,
    ) -> dict[str, Any]:
        """inject_message(user, "/command args")."""
        text = f"/{command.lstrip('/')}" + (f" {args}" if args else "")
        return self.inject_message(user, text, language_code=language_code, chat_id=chat_id)

    def inject_callback_query(
        self,
        user: FakeUser,
        message: dict[str, Any],
        data: str,
        *,
        language_code: str | None = None,
    ) -> dict[str, Any]:
        """A button press on a bot message; the update carries the message as it is now."""
        chat_id, message_id = message["chat"]["id"], message["message_id"]
        current = self._chats.get(chat_id, message_id) or message
        current = {k: v for k, v in current.items() if not k.startswith("_")}
        query_id = f"cbq-{next(_query_ids)}"
        self._open_queries.add(query_id)
        query = {
            "id": query_id,
            "from": user.to_dict(language_code),
            "message": current,
            "chat_instance": str(zlib.crc32(str(chat_id).encode())),
            "data": data,
        }
        return self.inject_update({"callback_query": query})

    def inject_button_press(
        self, user: FakeUser, message: dict[str, Any], button_text: str
    ) -> dict[str, Any]:
        """Press the inline button labelled button_text (exact match) on a bot message."""
        current = self._chats.get(message["chat"]["id"], message["message_id"]) or message
        rows = (current.get("reply_markup") or {}).get("inline_keyboard", [])
        labels = [button.get("text") for row in rows for button in row]
        for row in rows:
            for button in row:
                if button.get("text") == button_text and "callback_data" in button:
                    return self.inject_callback_query(user, current, button["callback_data"])
        raise LookupError(f"no callback button {button_text!r} on the message; buttons: {labels}")

    def inject_inline_query(
        self, user: FakeUser, query: str, *, offset: str = ""
    ) -> dict[str, Any]:
        query_id = f"iq-{next(_query_ids)}"
        self._open_queries.add(query_id)
        body = {
            "id": query_id,
            "from": user.to_dict(),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        return self.inject_update({"inline_query": body})

    def inject_document(
        self,
        user: FakeUser,
        *,
        file_name: str = "bewijs.pdf",
        mime_type: str = "application/pdf",
        content: bytes = b"%PDF-1.4\n% fake\n",
        file_size: int | None = None,
        caption: str | None = None,
        chat_id: ChatId | None = None,
        chunked: bool = False,
    ) -> dict[str, Any]:
        """A document the bot can getFile and download; file_size may claim more or less than
        content; chunked serves it without Content-Length."""
        stored = self._files.register(
            content,
            kind="documents",
            file_name=file_name,
            mime_type=mime_type,
            file_size=file_size,
            chunked=chunked,
        )
        message = self._user_message(
            user, chat_id, None, document=stored.as_document(), caption=caption
        )
        return self.inject_update({"message": message})

    def inject_photo(
        self,
        user: FakeUser,
        content: bytes = b"\x89PNG\r\n\x1a\n fake",
        *,
        media_group_id: str | None = None,
        caption: str | None = None,
        chat_id: ChatId | None = None,
    ) -> dict[str, Any]:
        stored = self._files.register(content, kind="photos", mime_type="image/jpeg")
        message = self._user_message(
            user,
            chat_id,
            None,
            photo=stored.as_photo_sizes(),
            caption=caption,
            media_group_id=media_group_id,
        )
        return self.inject_update({"message": message})

    def inject_forwarded_message(
        self,
        user: FakeUser,
        text: str,
        *,
        origin: FakeUser | str = "Hidden Sender",
        origin_date: int | None = None,
        chat_id: ChatId | None = None,
    ) -> dict[str, Any]:
        """A forwarded text; origin is a FakeUser or, for a hidden account, a display name."""
        date = self._now() - 3600 if origin_date is None else origin_date
        forward_origin: dict[str, Any] = (
            {"type": "user", "date": date, "sender_user": origin.to_dict()}
            if isinstance(origin, FakeUser)
            else {"type": "hidden_user", "date": date, "sender_user_name": origin}
        )
        message = self._user_message(user, chat_id, None, text=text, forward_origin=forward_origin)
        return self.inject_update({"message": message})
