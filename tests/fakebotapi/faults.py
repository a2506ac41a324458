"""Failures a test asks for: errors, blocked users, slow answers and flood control."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from tests.fakebotapi.errors import ApiError

__all__ = ["BLOCKED", "Faults", "RateLimiter", "is_chat_send", "is_message_send"]

BLOCKED = "Forbidden: bot was blocked by the user"
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    403: BLOCKED,
    409: "Conflict: injected failure",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def is_message_send(method: str) -> bool:
    """Methods that create a message, which is what flood control counts."""
    if method == "sendChatAction":
        return False
    return method.startswith(("send", "copyMessage", "forwardMessage"))


def is_chat_send(method: str) -> bool:
    """Methods a user's block makes fail (anything that writes to the chat)."""
    return method.startswith(("send", "copy", "forward", "edit", "pin"))


@dataclass(slots=True)
class _Fault:
    status: int
    description: str
    retry_after: int | None
    remaining: int


class RateLimiter:
    """Sliding windows on the loop clock: global per second, per chat with a small burst.

    A chat may send ``burst`` messages in any window of ``burst / per_chat_per_second``
    seconds, so short bursts pass but the average stays at the per-chat rate.
    """

    def __init__(self, global_per_second: int, per_chat_per_second: float, burst: int) -> None:
        self.global_per_second = global_per_second
        self.burst = max(burst, 1)
        self.chat_window = self.burst / per_chat_per_second
        self._global: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}

    def admit(self, chat: int | None, now: float) -> int | None:
        """Record a send and return None, or return retry_after seconds without recording."""
        _expire(self._global, now - 1.0)
        waits = []
        if len(self._global) >= self.global_per_second:
            waits.append(self._global[0] + 1.0 - now)
        sent = self._chats.setdefault(chat, deque()) if chat is not None else None
        if sent is not None:
            _expire(sent, now - self.chat_window)
            if len(sent) >= self.burst:
                waits.append(sent[0] + self.chat_window - now)
        if waits:
            return max(1, math.ceil(max(waits)))
        self._global.append(now)
        if sent is not None:
            sent.append(now)
        return None


def _expire(times: deque[float], before: float) -> None:
    while times and times[0] <= before:
        times.popleft()


class Faults:
    def __init__(self) -> None:
        self.blocked: set[int] = set()
        self.rate_limiter: RateLimiter | None = None
        self._failures: dict[str, deque[_Fault]] = {}
        self._stalls: dict[str, deque[float]] = {}

    def fail_next(
        self,
        method: str,
        status: int,
        retry_after: int | None,
        description: str | None,
        count: int,
    ) -> None:
        if status == 429:
            retry_after = retry_after or 1
            description = description or f"Too Many Requests: retry after {retry_after}"
        description = description or _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}")
        fault = _Fault(status, description, retry_after, count)
        self._failures.setdefault(method, deque()).append(fault)

    def take_failure(self, method: str) -> ApiError | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining <= 0:
            queue.popleft()
        parameters = {"retry_after": fault.retry_after} if fault.retry_after else None
        return ApiError(fault.status, fault.description, parameters)

    def stall_next(self, method: str, seconds: float, count: int) -> None:
        self._stalls.setdefault(method, deque()).extend([seconds] * count)

    def take_stall(self, method: str) -> float | None:
        queue = self._stalls.get(method)
        return queue.popleft() if queue else None
