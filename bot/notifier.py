"""What the reminder dispatcher needs from the chat side: what to say, and a way to say it.

The dispatcher (``bot/scheduler.py``) owns the delivery protocol (lease, send, mark sent,
errors); the words and buttons belong to the Telegram-facing side (``handlers/``), which
implements ``Notifier`` and is handed in by the wiring (``bot/app.py``). A ``send`` raises
PTB's ``TelegramError`` subclasses as ``Bot.send_message`` does; the dispatcher sorts them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import NamedTuple, Protocol

from telegram import InlineKeyboardMarkup

from bot.claims_repo import StoredClaim
from bot.i18n import Translator
from bot.reminders_repo import ReminderRow

__all__ = ["Notifier", "Outgoing"]


class Outgoing(NamedTuple):
    """One message to a seller."""

    text: str
    markup: InlineKeyboardMarkup | None = None


class Notifier(Protocol):
    def reminder(
        self,
        tr: Translator,
        zone: tzinfo,
        stored: StoredClaim,
        row: ReminderRow,
        now: datetime,
        *,
        late: bool,
    ) -> Outgoing:
        """The reminder for ``row`` with its buttons."""

    def summary(
        self,
        tr: Translator,
        zone: tzinfo,
        items: Sequence[tuple[ReminderRow, StoredClaim | None]],
    ) -> Outgoing:
        """One message for reminders whose deadline passed long ago (after downtime)."""

    def digest(
        self,
        tr: Translator,
        zone: tzinfo,
        claims: Sequence[StoredClaim],
        now: datetime,
        window: timedelta,
        total: int,
    ) -> Outgoing | None:
        """The daily digest of deadlines within ``window``; None when there is nothing to say.

        ``claims`` are the nearest of the ``total`` claims with a deadline in the window."""

    async def send(self, chat_id: int, message: Outgoing) -> None:
        """Send it; raises as ``Bot.send_message`` does."""
