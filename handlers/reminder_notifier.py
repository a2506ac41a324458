"""The Telegram side of reminders: the texts of ``handlers.reminder_texts``, sent by the bot."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from telegram import Bot

from bot.claims_repo import StoredClaim
from bot.i18n import Translator
from bot.notifier import Outgoing
from bot.reminders_repo import ReminderRow
from handlers import reminder_texts

__all__ = ["TelegramNotifier"]


class TelegramNotifier:
    """Implements ``bot.notifier.Notifier`` for the reminder dispatcher."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

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
        text, markup = reminder_texts.render_reminder(tr, zone, stored, row, now, late=late)
        return Outgoing(text, markup)

    def summary(
        self,
        tr: Translator,
        zone: tzinfo,
        items: Sequence[tuple[ReminderRow, StoredClaim | None]],
    ) -> Outgoing:
        return Outgoing(reminder_texts.render_summary(tr, zone, items))

    def digest(
        self,
        tr: Translator,
        zone: tzinfo,
        claims: Sequence[StoredClaim],
        now: datetime,
        window: timedelta,
        total: int,
    ) -> Outgoing | None:
        text = reminder_texts.render_digest(tr, zone, claims, now, window, total)
        return Outgoing(text) if text is not None else None

    async def send(self, chat_id: int, message: Outgoing) -> None:
        await self._bot.send_message(chat_id, message.text, reply_markup=message.markup)
