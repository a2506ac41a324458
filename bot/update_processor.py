"""Updates of one seller in order, different sellers at the same time.

With PTB's ``concurrent_updates`` off, one slow update (a 20 MB evidence download, a big export)
holds up every other seller. Fully concurrent updates would break ``ConversationHandler``, which
needs a conversation's updates one by one, and would let two updates of one seller interleave on
their ``user_data``. This processor keys each update by its sender (the chat when there is no
sender): updates with the same key run one after another, in the order they arrived; updates
with different keys run concurrently, up to ``max_concurrent_updates`` at a time.

Order holds because PTB starts one task per update in arrival order, the semaphore in
``BaseUpdateProcessor.process_update`` and the per-key ``asyncio.Lock`` both wake waiters
first-come first-served, and neither lets a newcomer jump ahead of a waiter. Conversation keys
are (chat, user) pairs, so one sender key covers all of a conversation's updates; a private
chat's id is its user's id.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

__all__ = ["PerSellerUpdateProcessor", "update_key"]

Key = tuple[str, int]


def update_key(update: object) -> Key:
    """Updates with the same key are processed in order, one at a time."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return ("user", update.effective_user.id)
        if update.effective_chat is not None:
            return ("chat", update.effective_chat.id)
    return ("other", 0)


class PerSellerUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[Key, asyncio.Lock] = {}
        self._queued: dict[Key, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = update_key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._queued[key] = self._queued.get(key, 0) + 1
        started = False
        try:
            async with lock:
                started = True
                await coroutine
        finally:
            if not started and asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting its turn: never ran
            self._queued[key] -= 1
            if not self._queued[key]:  # nobody else waits: forget the key
                del self._queued[key]
                del self._locks[key]

    def busy_keys(self) -> int:
        """How many senders have an update running or waiting (for tests and logs)."""
        return len(self._locks)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release: PTB waits for running updates before shutting down."""
