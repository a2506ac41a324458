"""Shared fixtures: settings in a temporary data dir, a controllable clock, the bot in process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config
from tests.fakeclock import TOKEN, FakeClock
from tests.harness import Harness, migrated_template

__all__ = ["TOKEN", "FakeClock"]  # imported from here by older tests and helpers


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


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with every migration applied, migrated once per session (and xdist worker)."""
    return asyncio.run(migrated_template(tmp_path_factory.mktemp("template")))


@pytest.fixture
async def bot(
    config: Config, clock: FakeClock, template_database: Path
) -> AsyncIterator[Harness]:
    """The bot in process; the test fails at teardown if it broke the Bot API contract."""
    harness = Harness(config, clock, template_database)
    await harness.start()
    yield harness
    await harness.stop()
