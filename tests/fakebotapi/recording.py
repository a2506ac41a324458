"""What the bot did, in order, and how tests wait for it without sleeping."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["Recorder", "WaitTimeoutError"]

T = TypeVar("T")
Predicate = Callable[[dict[str, Any]], bool]


class WaitTimeoutError(AssertionError):
    """The bot did not do what a test waited for; an AssertionError so pytest reports it so."""


class Recorder:
    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_answers: list[dict[str, Any]] = []
        self._bot_messages: dict[int, list[dict[str, Any]]] = {}
        self._message_cursors: dict[int, int] = {}
        self._request_cursors: dict[str, int] = {}
        self._changed = asyncio.Event()

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def record_request(self, method: str, params: dict[str, Any]) -> None:
        self.requests.append((method, params))
        self._wake()

    def record_bot_message(
        self, message: dict[str, Any], *, method: str, params: dict[str, Any], edited: bool
    ) -> None:
        """Log a copy: later edits must not change what an earlier entry shows."""
        entry = copy.deepcopy(message)
        entry.update({"_method": method, "_edited": edited, "_params": params})
        self._bot_messages.setdefault(message["chat"]["id"], []).append(entry)
        self._wake()

    def sent_messages(self, chat: int) -> list[dict[str, Any]]:
        return list(self._bot_messages.get(chat, []))

    async def wait_for_message(
        self, chat: int, predicate: Predicate | None, seconds: float
    ) -> dict[str, Any]:
        def find() -> dict[str, Any] | None:
            log = self._bot_messages.get(chat, [])
            for index in range(self._message_cursors.get(chat, 0), len(log)):
                if predicate is None or predicate(log[index]):
                    self._message_cursors[chat] = index + 1
                    return log[index]
            return None

        def describe() -> str:
            seen = [m.get("text", m.get("caption")) for m in self._bot_messages.get(chat, [])]
            return f"no new bot message to chat {chat} matched within {seconds}s; all: {seen}"

        return await self._wait(find, describe, seconds)

    async def wait_for_request(
        self, method: str, predicate: Predicate | None, seconds: float
    ) -> dict[str, Any]:
        def find() -> dict[str, Any] | None:
            start = self._request_cursors.get(method, 0)
            for index in range(start, len(self.requests)):
                name, params = self.requests[index]
                if name == method and (predicate is None or predicate(params)):
                    self._request_cursors[method] = index + 1
                    return params
            return None

        def describe() -> str:
            names = [name for name, _ in self.requests]
            return f"no new {method} request matched within {seconds}s; requests: {names}"

        return await self._wait(find, describe, seconds)

    async def _wait(
        self, find: Callable[[], T | None], describe: Callable[[], str], seconds: float
    ) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while True:
            changed = self._changed
            found = find()
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise WaitTimeoutError(describe())
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                continue
