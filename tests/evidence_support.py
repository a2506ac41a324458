"""Support for in-process evidence tests: a mock Bot API that serves files, update builders,
claims made straight through the repositories, and a look at every table."""

from __future__ import annotations

import itertools
import time
from datetime import datetime
from decimal import Decimal
from typing import Any

from bot.storage import Database
from domain.claims import Fulfilment, Reason, new_claim
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from tests.botapi_mock import BOT_USER, Call, MockBotApi
from tests.fakebotapi.errors import ApiError
from tests.fakebotapi.transport import ApiRequest

_update_ids = itertools.count(50_000)
_message_ids = itertools.count(50_000)
_file_numbers = itertools.count(1)
MAX_DOWNLOAD = 20 * 1024 * 1024


class FileBotApi(MockBotApi):
    """MockBotApi plus getFile, file downloads and multipart uploads (sendDocument, albums)."""

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, tuple[str, bytes, int]] = {}  # file_id -> (path, bytes, size)
        self.uploads: list[dict[str, Any]] = []  # {"method", "params", "files": {name: (fn, b)}}
        self.downloads: list[str] = []

    def register(self, content: bytes, *, file_size: int | None = None, kind: str = "doc"
                 ) -> tuple[str, str, int]:
        number = next(_file_numbers)
        file_id, unique = f"{kind.upper()}-{number:05d}-id", f"U{kind}{number:05d}"
        size = len(content) if file_size is None else file_size
        self.files[file_id] = (f"{kind}s/file_{number}", content, size)
        return file_id, unique, size

    def _download(self, file_path: str) -> bytes | None:
        self.downloads.append(file_path)
        for path, content, _size in self.files.values():
            if path == file_path:
                return content
        return None

    def _answer(self, request: ApiRequest) -> Any:
        call = Call(request.method, request.params)
        self.calls.append(call)  # refused calls too: tests look for the getFile of a big file
        call.result = self._file_result(request)
        return call.result

    def _file_result(self, request: ApiRequest) -> Any:
        method, params = request.method, request.params
        if request.uploads:
            files = {name: (upload.filename, upload.content)
                     for name, upload in request.uploads.items()}
            self.uploads.append({"method": method, "params": params, "files": files})
        if method == "getFile":
            path_content = self.files.get(str(params["file_id"]))
            if path_content is None:
                raise ApiError(400, "Bad Request: invalid file_id")
            file_path, _content, size = path_content
            if size > MAX_DOWNLOAD:
                raise ApiError(400, "Bad Request: file is too big")
            return {"file_id": params["file_id"], "file_unique_id": "u", "file_size": size,
                    "file_path": file_path}
        if method in {"sendDocument", "sendMediaGroup"}:
            message = {"message_id": next(self._ids), "date": int(time.time()),
                       "chat": {"id": int(params["chat_id"]), "type": "private"},
                       "from": BOT_USER,
                       "document": {"file_id": "x", "file_unique_id": "x"}}
            return [message] if method == "sendMediaGroup" else message
        return self._result(method, params)

    def answers(self) -> list[str]:
        return [str(p.get("text", "")) for p in self.of("answerCallbackQuery")]

    def last_markup(self) -> dict[str, Any]:
        for call in reversed(self.calls):
            if call.method == "sendMessage" and "reply_markup" in call.params:
                return dict(call.params["reply_markup"])
        raise AssertionError("no message with buttons")

    def buttons(self) -> dict[str, str]:
        """Label -> callback data of the last message with buttons."""
        return {
            button["text"]: button["callback_data"]
            for row in self.last_markup()["inline_keyboard"] for button in row
        }


# --- update builders --------------------------------------------------------------------------


def _message(sender: dict[str, Any], **content: Any) -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_message_ids),
            "date": int(time.time()),
            "chat": {"id": sender["id"], "type": "private", "first_name": sender["first_name"]},
            "from": sender,
            **{k: v for k, v in content.items() if v is not None},
        },
    }


def photo(sender: dict[str, Any], api: FileBotApi, content: bytes, *,
          media_group_id: str | None = None) -> dict[str, Any]:
    file_id, unique, size = api.register(content, kind="photo")
    sizes = [{"file_id": file_id, "file_unique_id": unique, "file_size": size,
              "width": 1280, "height": 960}]
    return _message(sender, photo=sizes, media_group_id=media_group_id)


def document(sender: dict[str, Any], api: FileBotApi, content: bytes, *, file_name: str,
             mime_type: str | None, file_size: int | None = None) -> dict[str, Any]:
    file_id, unique, size = api.register(content, file_size=file_size)
    doc: dict[str, Any] = {"file_id": file_id, "file_unique_id": unique, "file_size": size,
                           "file_name": file_name}
    if mime_type:
        doc["mime_type"] = mime_type
    return _message(sender, document=doc)


def forwarded(sender: dict[str, Any], text: str, origin_name: str, origin_date: int
              ) -> dict[str, Any]:
    origin = {"type": "hidden_user", "date": origin_date, "sender_user_name": origin_name}
    return _message(sender, text=text, forward_origin=origin)


def sticker(sender: dict[str, Any]) -> dict[str, Any]:
    return _message(sender, sticker={
        "file_id": "st", "file_unique_id": "st", "type": "regular", "width": 512,
        "height": 512, "is_animated": False, "is_video": False})


# --- data -------------------------------------------------------------------------------------


async def add_claim(database: Database, seller_id: int, now: datetime,
                    order_id: str = "171-1234567-1234567",
                    reason: Reason = Reason.NOT_RECEIVED) -> int:
    """A claim made straight through the repositories (the seller row must exist)."""
    claim = new_claim(ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, order_id, reason,
                      Fulfilment.SELLER, Money(Decimal("49.95"), "EUR"), now)
    async with database.unit_of_work() as uow:
        return await uow.claims.add(seller_id, claim, now)


async def rows_mentioning(
    database: Database, user_id: int, claim_ids: list[int]
) -> dict[str, int]:
    """Per table, how many rows still belong to the user (directly or through their claims)."""
    marks = ",".join("?" * len(claim_ids)) or "NULL"
    ids = tuple(claim_ids)
    queries: dict[str, tuple[str, tuple[Any, ...]]] = {
        "sellers": ("SELECT COUNT(*) FROM sellers WHERE user_id = ?", (user_id,)),
        "claims": (f"SELECT COUNT(*) FROM claims WHERE seller_id = ? OR id IN ({marks})",
                   (user_id, *ids)),
        "claim_events": (f"SELECT COUNT(*) FROM claim_events WHERE claim_id IN ({marks})", ids),
        "evidence": (f"SELECT COUNT(*) FROM evidence WHERE claim_id IN ({marks})", ids),
        "reminders": (f"SELECT COUNT(*) FROM reminders WHERE claim_id IN ({marks})", ids),
        "user_data": ("SELECT COUNT(*) FROM user_data WHERE user_id = ?", (user_id,)),
        "odr_counts": ("SELECT COUNT(*) FROM odr_counts WHERE seller_id = ?", (user_id,)),
        "odr_weekly": ("SELECT COUNT(*) FROM odr_weekly WHERE seller_id = ?", (user_id,)),
        "conversations": (
            "SELECT COUNT(*) FROM conversations WHERE EXISTS"
            " (SELECT 1 FROM json_each(conv_key) WHERE value = ?)", (user_id,)),
    }
    counts: dict[str, int] = {}
    async with database.unit_of_work(write=False) as uow:
        tables = {str(row[0]) for row in await uow.connection.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        unknown = tables - set(queries) - {"sqlite_sequence"}
        assert not unknown, (
            f"tables {unknown} are new: teach /deletemydata (handlers/delete_data.py) and this"
            " check about them"
        )
        for table, (sql, args) in queries.items():
            rows = list(await uow.connection.execute_fetchall(sql, args))
            counts[table] = int(rows[0][0])
    return counts


def digest(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


__all__ = [
    "Decimal",
    "FileBotApi",
    "add_claim",
    "digest",
    "document",
    "forwarded",
    "photo",
    "rows_mentioning",
    "sticker",
]
