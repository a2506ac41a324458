"""The update queue behind getUpdates, with Telegram's offset and long-polling rules."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Sequence
from typing import Any

from tests.fakebotapi.errors import ApiError

__all__ = ["UpdateQueue", "update_type"]

# Telegram's default when allowed_updates is empty or was never given.
_EXCLUDED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def update_type(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


class UpdateQueue:
    """Pending updates until the bot confirms them with a higher offset."""

    def __init__(self, first_update_id: int = 100_001) -> None:
        self._pending: list[dict[str, Any]] = []
        self._ids = itertools.count(first_update_id)
        self._allowed: frozenset[str] | None = None
        self._generation = 0
        self._closed = False
        # Replaced on every change: waiters hold the old one, so set() wakes them all at once.
        self._changed = asyncio.Event()

    @property
    def pending(self) -> list[dict[str, Any]]:
        return list(self._pending)

    def push(self, body: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._ids), **body}
        self._pending.append(update)
        self._wake()
        return update

    def drop_pending(self) -> None:
        self._pending.clear()

    def close(self) -> None:
        """Make every waiting and future getUpdates return an empty list at once."""
        self._closed = True
        self._wake()

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def get(
        self,
        offset: int | None,
        limit: int | None,
        poll_seconds: float | None,
        allowed_updates: Sequence[str] | None,
    ) -> list[dict[str, Any]]:
        # A newer getUpdates terminates a waiting older one, as on the real server.
        self._generation += 1
        generation = self._generation
        self._wake()
        if allowed_updates is not None:
            self._allowed = frozenset(allowed_updates) or None
        self._confirm(offset)
        limit = min(max(limit or 100, 1), 100)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(poll_seconds or 0, 0)
        while True:
            changed = self._changed
            if self._closed:
                return []
            if generation != self._generation:
                raise ApiError(409, _CONFLICT)
            batch = self._deliverable()[:limit]
            remaining = deadline - loop.time()
            if batch or remaining <= 0:
                return batch
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return self._deliverable()[:limit] if not self._closed else []

    def _confirm(self, offset: int | None) -> None:
        if offset is None:
            return
        if offset < 0:
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]

    def _deliverable(self) -> list[dict[str, Any]]:
        # Telegram never delivers filtered-out updates later, so they are dropped for good.
        self._pending = [u for u in self._pending if self._is_allowed(update_type(u))]
        return list(self._pending)

    def _is_allowed(self, kind: str) -> bool:
        if self._allowed is None:
            return kind not in _EXCLUDED_BY_DEFAULT
        return kind in self._allowed
