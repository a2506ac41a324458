"""Entry point: ``python -m bot`` and the ``claimwacht`` console script."""

from __future__ import annotations

import asyncio
import sqlite3
import sys

from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError

from bot.app import build_application
from bot.config import Config, ConfigError, load_config
from bot.logs import configure_logging
from bot.storage import Database, StorageError


def main() -> int:
    """Check the settings and the database, then poll Telegram until SIGINT/SIGTERM."""
    try:
        config = load_config()
    except ConfigError as error:
        print(f"claimwacht: {error}", file=sys.stderr)
        return 2
    configure_logging(config.token)
    try:
        asyncio.run(_check_database(config))
    except (StorageError, sqlite3.Error) as error:
        print(f"claimwacht: database {config.database_path}: {error}", file=sys.stderr)
        return 2
    try:
        asyncio.run(_check_token(config))
    except InvalidToken:
        print(
            "claimwacht: Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather "
            "(/mybots > API Token), it may have been revoked",
            file=sys.stderr,
        )
        return 2
    except NetworkError as error:
        print(f"claimwacht: could not reach the Telegram Bot API: {error}", file=sys.stderr)
        return 1
    build_application(config).run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


async def _check_token(config: Config) -> None:
    """Ask Telegram who we are once, so a revoked token is one line, not a traceback."""
    bot = Bot(
        config.token,
        base_url=config.base_url or "https://api.telegram.org/bot",
        base_file_url=config.base_file_url or "https://api.telegram.org/file/bot",
    )
    async with bot:
        pass


async def _check_database(config: Config) -> None:
    """Migrate before polling, so a broken or too new database stops us with one clear line."""
    database = Database(config.database_path)
    try:
        await database.open()
    finally:
        await database.close()


if __name__ == "__main__":
    sys.exit(main())
