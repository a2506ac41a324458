"""Configuration from environment variables, checked before anything starts."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["Config", "ConfigError", "load_config"]

_TOKEN = re.compile(r"\d{5,20}:[A-Za-z0-9_-]{20,}")


class ConfigError(Exception):
    """A setting is missing or wrong; the message says what to do, in one line."""


@dataclass(frozen=True)
class Config:
    token: str
    data_dir: Path
    timezone: ZoneInfo
    base_url: str | None
    base_file_url: str | None

    @property
    def database_path(self) -> Path:
        return self.data_dir / "claimwacht.sqlite3"


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Read and check the settings; raise ``ConfigError`` with a fix for the first problem."""
    env = os.environ if env is None else env
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram (/newbot), "
            "then run: TELEGRAM_BOT_TOKEN=<token> python3 tasks.py run"
        )
    if not _TOKEN.fullmatch(token):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (expected <digits>:<secret>, "
            "e.g. 123456789:AA...): copy it again from @BotFather (/mybots > API Token)"
        )
    zone_name = env.get("CLAIMWACHT_TIMEZONE", "Europe/Amsterdam").strip() or "Europe/Amsterdam"
    try:
        timezone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"CLAIMWACHT_TIMEZONE={zone_name!r} is not a known IANA timezone: "
            "use a name like Europe/Amsterdam or Europe/Brussels"
        ) from None
    data_dir = Path(env.get("CLAIMWACHT_DATA_DIR", "./data").strip() or "./data").expanduser()
    _check_writable(data_dir)
    return Config(
        token=token,
        data_dir=data_dir,
        timezone=timezone,
        base_url=_url(env, "TELEGRAM_BASE_URL"),
        base_file_url=_url(env, "TELEGRAM_BASE_FILE_URL"),
    )


def _url(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    if value and not re.match(r"https?://", value):
        raise ConfigError(f"{name}={value!r} must start with http:// or https://")
    return value or None


def _check_writable(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as error:
        raise ConfigError(
            f"CLAIMWACHT_DATA_DIR={str(data_dir)!r} is not a writable directory "
            f"({error.strerror}): point it to a folder this user may write to"
        ) from None
