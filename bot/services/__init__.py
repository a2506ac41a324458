"""The service layer: what the bot does, without Telegram.

``Services`` is what handlers and jobs share (the database, the translators, the settings and
the clock). The operations live in the modules beside this one: ``claims`` (register a claim,
record an event), ``sellers`` (settings, export, delete my data), ``evidence`` (store and
remove evidence). Each takes plain values and the database, returns domain objects or
repository rows, raises domain or storage errors, and knows nothing of Telegram.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.i18n import DEFAULT_LOCALE, Translator
from bot.storage import ClaimListener, Database

__all__ = ["ClaimListener", "Clock", "Services", "utc_now"]

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The shell's clock; the domain never reads one (``now`` is passed in)."""
    return datetime.now(UTC)


@dataclass
class Services:
    database: Database
    translators: dict[str, Translator]
    default_timezone: ZoneInfo
    clock: Clock
    # Where evidence files live (``<data_dir>/evidence``), next to the database.
    data_dir: Path
    # True when this process holds the data directory's instance lock (``bot.instance_lock``,
    # taken by ``main()``): no other process can be sending reminders. Tests build the
    # Application without the lock and rely on leases alone.
    owns_data_dir: bool = False

    @property
    def claim_listeners(self) -> list[ClaimListener]:
        """Told a claim id after a unit of work changed that claim's reminder rows (the
        scheduler subscribes); the database calls them after COMMIT."""
        return self.database.claim_listeners

    async def claim_changed(self, claim_id: int) -> None:
        await self.database.claim_changed(claim_id)

    def translator(self, locale: str | None) -> Translator:
        return self.translators.get(locale or DEFAULT_LOCALE, self.translators[DEFAULT_LOCALE])

    def zone(self, name: str | None) -> tzinfo:
        try:
            return ZoneInfo(name) if name else self.default_timezone
        except (ValueError, KeyError):
            return self.default_timezone
