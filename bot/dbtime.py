"""How aware datetimes are stored: ISO 8601 text in UTC, which sorts in time order."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["from_db_time", "to_db_time"]


def to_db_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not stored")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
