"""Sending in the flows: a message to the update's chat, and closing an answered question."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import ClaimwachtContext

__all__ = ["close_question", "send"]

_LOGGER = logging.getLogger(__name__)


async def send(update: Update, context: ClaimwachtContext, text: str,
               markup: InlineKeyboardMarkup | None = None) -> None:
    """Send ``text`` to the chat the update came from."""
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


async def close_question(update: Update, label: str | None = None) -> None:
    """Answer the button press and take the keyboard off the question (showing the choice)."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    message = query.message
    try:
        if label and isinstance(message, Message) and message.text:
            await query.edit_message_text(f"{message.text}\n→ {label}")
        else:
            await query.edit_message_reply_markup(None)
    except BadRequest as error:  # too old to edit, or already edited: the answer still counts
        _LOGGER.debug("could not close the question: %s", error)
