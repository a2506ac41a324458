"""pytest fixtures; the project's conftest imports them (or lists this module in pytest_plugins)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.fakebotapi.server import FakeBotApi

__all__ = ["fake_api"]


@pytest_asyncio.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    """A started FakeBotApi; the test fails at teardown if the bot broke the API contract.

    Tests that provoke violations on purpose consume them with ``fake_api.take_violations()``.
    """
    async with FakeBotApi() as server:
        yield server
    server.assert_no_violations()
