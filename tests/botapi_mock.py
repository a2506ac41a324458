"""An offline Bot API for in-process handler tests: an ``httpx.MockTransport`` that records calls.

Every request goes through the fake server's schema check (``tests.fakebotapi.transport``), so a
65-byte button, a 4097-character text or an unknown parameter is refused as Telegram would
refuse it and listed in ``violations``; the harness fails the test at teardown if any are left.
Valid requests get a plausible answer, enough for PTB to carry on, without a socket.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

import httpx

from tests.fakebotapi.transport import ApiRequest, SchemaTransport

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
    result: Any = None


class MockBotApi:
    """Records valid calls in ``calls``; contract breaches land in ``violations``.

    ``validate=False`` skips the schema check (benchmarks compare against a bare bot and must
    not pay for it; they also run without ``../shared``).
    """

    def __init__(self, *, validate: bool = True) -> None:
        self.calls: list[Call] = []
        self._ids = itertools.count(1000)
        self._schema_transport = (
            SchemaTransport(self._answer, download=self._download) if validate else None
        )

    @property
    def transport(self) -> httpx.MockTransport:
        if self._schema_transport is not None:
            return self._schema_transport
        return httpx.MockTransport(self._unchecked)

    @property
    def violations(self) -> list[str]:
        return self._schema_transport.violations if self._schema_transport else []

    def assert_no_violations(self) -> None:
        if self._schema_transport is not None:
            self._schema_transport.assert_no_violations()

    def take_violations(self) -> list[str]:
        """Return and forget the violations, for tests that provoke them on purpose."""
        return self._schema_transport.take_violations() if self._schema_transport else []

    def _unchecked(self, request: httpx.Request) -> httpx.Response:
        from tests.fakebotapi.transport import read_request
        from tests.fakebotapi.validation import decode_params

        raw, uploads = read_request(request)
        params, attachments = decode_params(None, raw, uploads)
        method = request.url.path.rsplit("/", 1)[-1]
        result = self._answer(ApiRequest(method, params, attachments, uploads))
        return httpx.Response(200, json={"ok": True, "result": result})

    def _answer(self, request: ApiRequest) -> Any:
        result = self._result(request.method, request.params)
        self.calls.append(Call(request.method, request.params, result))
        return result

    def _download(self, file_path: str) -> bytes | None:
        return None

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in {"sendMessage", "editMessageText"}:
            message = self._message(params, text=params.get("text", ""))
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            return message
        return True

    def _message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 0))
        return {
            "message_id": int(params.get("message_id", next(self._ids))),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": BOT_USER,
            **content,
        }

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
