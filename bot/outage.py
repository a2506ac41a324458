"""Polling through an outage: one warning when getUpdates starts failing, one line when it is back.

PTB's polling loop retries a failed getUpdates on its own (1 s, then up to 30 s apart) and
reports every failure, so a 20-second outage used to log some 27 tracebacks. ``WatchedRequest``
wraps the request object getUpdates uses and sees every attempt, so it knows both when the
outage starts and when the first call succeeds again; the error handler stays quiet about
polling errors (``is_polling_error``).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import Conflict, NetworkError
from telegram.request import BaseRequest, RequestData

__all__ = ["PollingHealth", "WatchedRequest", "is_polling_error"]

_LOGGER = logging.getLogger(__name__)


class PollingHealth:
    """Counts failed getUpdates calls in a row and logs the start and the end of a streak."""

    def __init__(self, logger: logging.Logger = _LOGGER) -> None:
        self.failures = 0
        self._logger = logger

    def failed(self, reason: str) -> None:
        if self.failures == 0:
            self._logger.warning(
                "cannot reach Telegram (getUpdates: %s); retrying quietly until it is back", reason
            )
        self.failures += 1

    def succeeded(self) -> None:
        if self.failures:
            self._logger.warning(
                "Telegram reachable again after %d failed getUpdates call(s)", self.failures
            )
            self.failures = 0


class WatchedRequest(BaseRequest):
    """A getUpdates request object that tells ``PollingHealth`` how each call went."""

    def __init__(self, inner: BaseRequest, health: PollingHealth) -> None:
        self.inner = inner
        self.health = health

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        try:
            code, payload = await self.inner.do_request(url, method, request_data, *args, **kwargs)
        except NetworkError as error:  # includes TimedOut
            self.health.failed(str(error) or type(error).__name__)
            raise
        if code >= 500 or code in (409, 429):
            self.health.failed(f"HTTP {code}")
        elif code < 300:
            self.health.succeeded()
        return code, payload


def is_polling_error(update: object, job: object, error: BaseException | None) -> bool:
    """An error PTB's polling loop reports; ``PollingHealth`` has already said what matters."""
    return update is None and job is None and isinstance(error, NetworkError | Conflict)
