"""Entry point: ``python -m bot`` and the ``claimwacht`` console script."""

from __future__ import annotations

import asyncio
import sqlite3
import sys

from telegram import Update

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
    application = build_application(config)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


async def _check_database(config: Config) -> None:
    """Migrate before polling, so a broken or too new database stops us with one clear line."""
    database = Database(config.database_path)
    try:
        await database.open()
    finally:
        await database.close()


if __name__ == "__main__":
    sys.exit(main())
