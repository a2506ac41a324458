"""PTB's AIORateLimiter, patient with Telegram's 429s up to a total bound instead of a count.

During a flood-control storm Telegram answers 429 again and again, each time with its
``retry_after``. A fixed number of retries gives up while Telegram is only asking us to wait,
and the seller loses the reply. Here a request waits out every ``retry_after`` as long as the
waits add up to at most ``max_wait``; a single ``retry_after`` beyond that (Telegram sometimes
says hours) fails at once, so a handler or reminder job is never stuck for long.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

__all__ = ["MAX_WAIT", "PatientRateLimiter", "retry_after_seconds"]

_LOGGER = logging.getLogger(__name__)

MAX_WAIT = 60.0  # seconds of 429 waits per request, well inside the scheduler's SEND_TIMEOUT
_SLACK = 0.1  # Telegram counts whole seconds; arrive just after, not just before


def retry_after_seconds(error: RetryAfter) -> float:
    value: int | float | timedelta = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter's throttling, with retries bounded by total waiting time."""

    def __init__(self, max_wait: float = MAX_WAIT, **kwargs: Any) -> None:
        # The parent only throttles here; the retries are ours.
        super().__init__(max_retries=0, **kwargs)
        self.max_wait = max_wait

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        waited = 0.0
        while True:
            try:
                return await self._run_request(
                    chat=data.get("chat_id") is not None,
                    group=_group(data.get("chat_id")),
                    allow_paid_broadcast=data.get("allow_paid_broadcast", False),
                    callback=callback,
                    args=args,
                    kwargs=kwargs,
                )
            except RetryAfter as error:
                wait = retry_after_seconds(error) + _SLACK
                if waited + wait > self.max_wait:
                    _LOGGER.warning(
                        "%s: Telegram still asks to wait %.0f s after %.0f s; giving up",
                        endpoint, wait, waited,
                    )
                    raise
                _LOGGER.info("%s: flood control, waiting %.1f s", endpoint, wait)
                waited += wait
                # As the parent does: hold every other request while Telegram asks us to wait.
                self._retry_after_event.clear()
                try:
                    await asyncio.sleep(wait)
                finally:
                    self._retry_after_event.set()


def _group(chat_id: object) -> int | str | bool:
    """Like AIORateLimiter: negative ids and @names are groups and channels (20/minute)."""
    try:
        number = int(chat_id)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return chat_id if isinstance(chat_id, str) else False
    return number if number < 0 else False
