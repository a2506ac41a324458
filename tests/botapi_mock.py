"""An offline Bot API for in-process handler tests: an ``httpx.MockTransport`` that records calls.

End-to-end tests use the schema-checking fake server in ``tests.fakebotapi``; this one only
answers well enough for PTB to carry on, so handler tests stay fast and need no socket.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import httpx

BOT_USER = {
    "id": 999000,
    "is_bot": True,
    "first_name": "Claimwacht",
    "username": "claimwacht_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class MockBotApi:
    calls: list[Call] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1000))

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        method = request.url.path.rsplit("/", 1)[-1]
        params = {key: _decode(value) for key, value in parse_qsl(request.content.decode())}
        self.calls.append(Call(method, params))
        return httpx.Response(200, json={"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in {"sendMessage", "editMessageText"}:
            chat_id = int(params.get("chat_id", 0))
            message = {
                "message_id": int(params.get("message_id", next(self._ids))),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            return message
        return True

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [
            str(call.params["text"])
            for call in self.calls
            if call.method in {"sendMessage", "editMessageText"}
            and (chat_id is None or int(call.params["chat_id"]) == chat_id)
        ]

    def last_text(self) -> str:
        return self.texts()[-1]

    def of(self, method: str) -> list[dict[str, Any]]:
        return [call.params for call in self.calls if call.method == method]


def _decode(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value
