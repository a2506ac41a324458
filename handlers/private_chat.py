"""Claims stay out of group chats: there, the bot points the seller to a private chat."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import filters

from bot.context import ClaimwachtContext

__all__ = [
    "DEEP_LINKS",
    "DEEP_LINK_PAYLOADS",
    "deep_link",
    "deep_link_filter",
    "is_private",
    "opened_by_deep_link",
    "private_only",
    "refuse_in_group",
]

_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")

# ``/start <payload>`` links that a feature's own handler answers (the intake conversation,
# the overview); the generic /start greeting skips them. Add a payload here with its handler.
DEEP_LINK_PAYLOADS = (
    "nieuweclaim", "claims", "evidence", "deadlines", "export", "deletemydata", "odr", "results",
)
DEEP_LINKS = filters.Regex(rf"^/start ({'|'.join(DEEP_LINK_PAYLOADS)})$")


def deep_link_filter(payload: str) -> filters.MessageFilter:
    """Matches ``/start <payload>``, as Telegram sends it when a deep link is opened."""
    if payload not in DEEP_LINK_PAYLOADS:
        raise ValueError(f"add {payload!r} to DEEP_LINK_PAYLOADS")
    return filters.Regex(rf"^/start {payload}$")


def opened_by_deep_link(update: Update) -> bool:
    """Whether the command is ``/start <payload>`` (its argument is the payload, not input)."""
    message = update.effective_message
    return message is not None and (message.text or "").startswith("/start ")


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == "private"


def deep_link(context: ClaimwachtContext, payload: str) -> str:
    """``https://t.me/<bot>?start=<payload>``; Telegram allows 1-64 of ``[A-Za-z0-9_-]``."""
    if not _PAYLOAD.fullmatch(payload):
        raise ValueError(f"not a deep-link payload: {payload!r}")
    return f"https://t.me/{context.bot.username}?start={payload}"


async def refuse_in_group(
    update: Update, context: ClaimwachtContext, payload: str = "claims"
) -> bool:
    """True (and the seller is told where to go) when ``update`` is not in a private chat."""
    if is_private(update):
        return False
    _ = context.i18n.gettext
    text = _(
        "Claims are private: I only show them in a private chat with you. "
        "Tap the button to continue there."
    )
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("Continue privately"), url=deep_link(context, payload))]]
    )
    query = update.callback_query
    if query is not None:
        await query.answer(text, show_alert=True)
        return True
    if update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)
    return True


async def private_only(update: Update, context: ClaimwachtContext, payload: str) -> bool:
    """True in a private chat; in a group, point the seller to a private chat and say False."""
    return not await refuse_in_group(update, context, payload)
