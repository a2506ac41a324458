"""Entry point: ``python -m bot`` and the ``claimwacht`` console script.

``claimwacht`` runs the bot; ``claimwacht backup DEST`` and ``claimwacht check`` work on the data
directory, also while the bot runs.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError

from bot.app import build_application
from bot.backup import BackupError, backup, check
from bot.config import Config, ConfigError, data_dir_from, load_config
from bot.instance_lock import InstanceLock, InstanceLockError
from bot.logs import configure_logging
from bot.private_files import UMASK, tighten
from bot.storage import Database, StorageError

_USAGE = "usage: claimwacht [backup DEST | check]"


def main(argv: list[str] | None = None) -> int:
    """Run the bot, or one of the data directory commands."""
    args = sys.argv[1:] if argv is None else argv
    os.umask(UMASK)  # before anything creates a file: claim data is for the operator only
    match args:
        case []:
            return _run()
        case ["backup", dest]:
            return _data_command(lambda data_dir: backup(data_dir, Path(dest)))
        case ["check"]:
            return _data_command(lambda data_dir: None if check(data_dir).ok else 1)
        case _:
            print(_USAGE, file=sys.stderr)
            return 2


def _data_command(command: Callable[[Path], int | None]) -> int:
    data_dir = data_dir_from(os.environ)
    try:
        result = command(data_dir)
    except (BackupError, OSError, sqlite3.Error) as error:
        print(f"claimwacht: {error}", file=sys.stderr)
        return 2
    return int(result or 0)


def _run() -> int:
    """Check the settings, take the data directory, check the database, then serve Telegram."""
    try:
        config = load_config()
    except ConfigError as error:
        print(f"claimwacht: {error}", file=sys.stderr)
        return 2
    lock = InstanceLock(config.database_path, config.data_dir)
    try:
        lock.acquire()
    except InstanceLockError as error:
        print(f"claimwacht: {error}", file=sys.stderr)
        return 2
    try:
        return _serve(config)
    finally:
        lock.release()


def _serve(config: Config) -> int:
    refused: list[Path] = []
    tighten(config.data_dir, refused)  # written by an older version, or copied in loosely
    configure_logging(config.token)
    if refused:
        logging.getLogger(__name__).warning(
            "%d file(s) in %s belong to another user and stay readable by others, e.g. %s",
            len(refused), config.data_dir, refused[0],
        )
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
    application = build_application(config, owns_data_dir=True)
    webhook = config.webhook
    if webhook is None:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    else:
        application.run_webhook(
            listen=webhook.listen,
            port=webhook.port,
            url_path=webhook.path,
            webhook_url=webhook.url,
            secret_token=webhook.secret,
            allowed_updates=Update.ALL_TYPES,
        )
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
    """Migrate and probe a write before serving, so a broken, too new or read-only database
    stops us with one clear line."""
    database = Database(config.database_path)
    try:
        await database.open()
        await database.probe_write()
    finally:
        await database.close()


if __name__ == "__main__":
    sys.exit(main())
