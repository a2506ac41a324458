"""A fake Telegram Bot API server for end-to-end tests.

Every request is checked against ``../shared/telegram-bot-api/api.json``; violations are
answered like Telegram would and collected in ``server.violations``::

    async def test_start(fake_api: FakeBotApi) -> None:  # fixture from .fixtures
        app = ApplicationBuilder().token(fake_api.token).base_url(fake_api.base_url)
        ...  # .base_file_url(fake_api.base_file_url).build(), start polling
        fake_api.inject_command(FakeUser(42, "Anna", "nl"), "start")
        reply = await fake_api.wait_for_message(42)
"""

from tests.fakebotapi.errors import ApiError
from tests.fakebotapi.files import StoredFile, UploadedFile
from tests.fakebotapi.recording import WaitTimeoutError
from tests.fakebotapi.schema import SCHEMA_PATH, Schema, SchemaNotFoundError, load_schema
from tests.fakebotapi.server import DEFAULT_TOKEN, FakeBotApi
from tests.fakebotapi.state import FakeUser

__all__ = [
    "DEFAULT_TOKEN",
    "SCHEMA_PATH",
    "ApiError",
    "FakeBotApi",
    "FakeUser",
    "Schema",
    "SchemaNotFoundError",
    "StoredFile",
    "UploadedFile",
    "WaitTimeoutError",
    "load_schema",
]
