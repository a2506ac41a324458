"""Spacing of the messages the bot sends on its own (reminders, digests) under Telegram's limits.

Telegram allows about 30 messages/s overall and one per second per chat. ``AIORateLimiter``
(installed in ``bot/app.py``) keeps *every* send under the overall limit and retries a 429.
Reminders take a share of it that leaves room for replies: a burst of a thousand reminders
must not make a seller's own command wait behind it in the same queue.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

__all__ = ["REMINDER_SHARE", "Pacer"]

# Messages per second for reminders: of Telegram's 30/s, 5/s stay free for replies to sellers.
REMINDER_SHARE = 25.0


class Pacer:
    """Keeps reminder sends under ``per_second`` overall and one per chat per ``chat_interval``
    seconds (counted from the end of the previous send to that chat)."""

    def __init__(
        self, per_second: float | None = REMINDER_SHARE, chat_interval: float = 1.05
    ) -> None:
        self.per_second = per_second
        self.chat_interval = chat_interval
        self._next_slot = 0.0
        self._chat_ready: dict[int, float] = {}
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._slot_lock = asyncio.Lock()

    @classmethod
    def unlimited(cls) -> Pacer:
        return cls(per_second=None, chat_interval=0.0)

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: int) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            wait = self._chat_ready.get(chat_id, 0.0) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if self.per_second:
                # The slot is taken when the send can go, never reserved ahead: sends that
                # woke late (a busy event loop) go one by one, not in a catch-up burst that
                # Telegram would answer with 429s, for reminders and replies alike.
                async with self._slot_lock:  # first come, first served
                    wait = self._next_slot - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    self._next_slot = loop.time() + 1.0 / self.per_second
            try:
                yield
            finally:
                self._chat_ready[chat_id] = loop.time() + self.chat_interval
