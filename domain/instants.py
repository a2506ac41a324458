"""Checks for instants: the domain only accepts aware datetimes and works in UTC.

Adding a ``timedelta`` to an aware datetime in a ``ZoneInfo`` zone is wall-clock arithmetic, so
"48 hours" would shrink or grow by an hour across a DST change. Converting to UTC first makes
every window real elapsed time.
"""

from __future__ import annotations

from datetime import UTC, datetime

from domain.errors import ValidationError
from domain.text import N_, Msg

__all__ = ["as_utc"]


def as_utc(value: datetime, field: str) -> datetime:
    """``value`` converted to UTC; a naive datetime raises ``ValidationError`` naming ``field``."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            Msg.of(N_("{field} needs a time zone (an aware date and time)."), field=field)
        )
    return value.astimezone(UTC)
