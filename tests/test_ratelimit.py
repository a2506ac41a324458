"""Waiting out Telegram's 429s: patient up to a total bound, never stuck for hours."""

from __future__ import annotations

from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.ratelimit import PatientRateLimiter


class Flood:
    """A request that Telegram answers with 429 ``times`` times, then accepts."""

    def __init__(self, times: int, retry_after: int) -> None:
        self.times = times
        self.retry_after = retry_after
        self.calls = 0

    async def __call__(self) -> dict[str, Any]:
        self.calls += 1
        if self.calls <= self.times:
            raise RetryAfter(self.retry_after)
        return {"ok": True}


async def _send(limiter: PatientRateLimiter, flood: Flood) -> object:
    return await limiter.process_request(flood, (), {}, "sendMessage", {"chat_id": 42}, None)


async def test_a_request_waits_out_more_429s_than_ptbs_three_retries() -> None:
    flood = Flood(times=4, retry_after=1)
    assert await _send(PatientRateLimiter(max_wait=10), flood) == {"ok": True}
    assert flood.calls == 5


async def test_a_retry_after_beyond_the_bound_fails_at_once_without_waiting() -> None:
    flood = Flood(times=1, retry_after=3600)
    with pytest.raises(RetryAfter):
        await _send(PatientRateLimiter(max_wait=60), flood)
    assert flood.calls == 1


async def test_the_waits_of_one_request_add_up_to_at_most_the_bound() -> None:
    flood = Flood(times=10, retry_after=1)
    with pytest.raises(RetryAfter):
        await _send(PatientRateLimiter(max_wait=1.5), flood)
    assert flood.calls == 2  # 1.1 s waited; another 1.1 s would pass 1.5 s
