"""Configuration from environment variables, checked before anything starts."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.private_files import private_dir

__all__ = ["Config", "ConfigError", "Webhook", "data_dir_from", "load_config"]

_TOKEN = re.compile(r"\d{5,20}:[A-Za-z0-9_-]{20,}")
# What Telegram accepts as a webhook's secret_token (setWebhook).
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class ConfigError(Exception):
    """A setting is missing or wrong; the message says what to do, in one line."""


@dataclass(frozen=True)
class Webhook:
    """Webhook mode: Telegram posts to ``url``; we listen behind the operator's TLS proxy."""

    url: str
    secret: str
    listen: str = "127.0.0.1"
    port: int = 8443

    @property
    def path(self) -> str:
        """The URL's path, where the listener answers (without the leading slash)."""
        return urlsplit(self.url).path.lstrip("/")


@dataclass(frozen=True)
class Config:
    token: str
    data_dir: Path
    timezone: ZoneInfo
    base_url: str | None
    base_file_url: str | None
    webhook: Webhook | None = None  # None: poll with getUpdates

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
    data_dir = data_dir_from(env)
    _check_writable(data_dir)
    return Config(
        token=token,
        data_dir=data_dir,
        timezone=timezone,
        base_url=_url(env, "TELEGRAM_BASE_URL"),
        base_file_url=_url(env, "TELEGRAM_BASE_FILE_URL"),
        webhook=_webhook(env),
    )


def data_dir_from(env: Mapping[str, str]) -> Path:
    return Path(env.get("CLAIMWACHT_DATA_DIR", "./data").strip() or "./data").expanduser()


def _webhook(env: Mapping[str, str]) -> Webhook | None:
    url = env.get("CLAIMWACHT_WEBHOOK_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ConfigError(
            f"CLAIMWACHT_WEBHOOK_URL={url!r} must be the public https:// address Telegram posts "
            "to, e.g. https://bot.example.org/claimwacht"
        )
    secret = env.get("CLAIMWACHT_WEBHOOK_SECRET", "").strip()
    if not _SECRET.fullmatch(secret):
        raise ConfigError(
            "CLAIMWACHT_WEBHOOK_SECRET must be set in webhook mode: 1-256 characters of "
            "A-Z a-z 0-9 _ - (e.g. the output of: python3 -c \"import secrets; "
            "print(secrets.token_urlsafe(32))\")"
        )
    listen = env.get("CLAIMWACHT_WEBHOOK_LISTEN", "").strip() or "127.0.0.1"
    port_text = env.get("CLAIMWACHT_WEBHOOK_PORT", "").strip() or "8443"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(
            f"CLAIMWACHT_WEBHOOK_PORT={port_text!r} must be a port number from 1 to 65535"
        )
    return Webhook(url=url, secret=secret, listen=listen, port=int(port_text))


def _url(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    if value and not re.match(r"https?://", value):
        raise ConfigError(f"{name}={value!r} must start with http:// or https://")
    return value or None


def _check_writable(data_dir: Path) -> None:
    try:
        private_dir(data_dir)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as error:
        raise ConfigError(
            f"CLAIMWACHT_DATA_DIR={str(data_dir)!r} is not a writable directory "
            f"({error.strerror}): point it to a folder this user may write to"
        ) from None
