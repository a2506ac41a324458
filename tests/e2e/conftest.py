"""End-to-end fixtures: the real Application, polling a schema-checking fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest

from bot.app import build_application
from bot.config import Config
from tests.fakebotapi import FakeBotApi
from tests.fakeclock import TOKEN, FakeClock


@pytest.fixture
async def server() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN) as api:
        yield api
    api.assert_no_violations()


class RunningBot:
    """The bot as ``run_polling`` runs it, minus the signal handling, so a test can stop it."""

    def __init__(self, config: Config, clock: FakeClock) -> None:
        self.application = build_application(config, clock=clock)

    async def start(self) -> None:
        app = self.application
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        assert app.updater is not None
        # As run_polling does: polling errors go to the application's error handlers.
        await app.updater.start_polling(
            poll_interval=0,
            timeout=1,
            error_callback=lambda error: app.create_task(app.process_error(None, error)),
        )
        await app.start()

    async def stop(self) -> None:
        app = self.application
        assert app.updater is not None
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)


@pytest.fixture
def e2e_config(config: Config, server: FakeBotApi) -> Config:
    return replace(config, base_url=server.base_url, base_file_url=server.base_file_url)


@pytest.fixture
async def running(e2e_config: Config, clock: FakeClock) -> AsyncIterator[RunningBot]:
    bot = RunningBot(e2e_config, clock)
    await bot.start()
    yield bot
    await bot.stop()


def text_of(message: dict[str, Any]) -> str:
    return str(message.get("text", ""))
