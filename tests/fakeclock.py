"""A clock tests move by hand, and the test bot's token (both used by fixtures and helpers)."""

from __future__ import annotations

from datetime import datetime, timedelta

TOKEN = "123456789:AAHfakeTokenForClaimwachtTests000"


class FakeClock:
    """A clock tests move by hand; aware UTC like the real one."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
