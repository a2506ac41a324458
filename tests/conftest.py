"""Shared fixtures: settings in a temporary data dir, a controllable clock, the fake Bot API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config

TOKEN = "123456789:AAHfakeTokenForClaimwachtTests000"


class FakeClock:
    """A clock tests move by hand; aware UTC like the real one."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(
        token=TOKEN,
        data_dir=tmp_path,
        timezone=ZoneInfo("Europe/Amsterdam"),
        base_url=None,
        base_file_url=None,
    )
