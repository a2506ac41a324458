"""The seller's order and negative-feedback counts for the ODR estimate, typed after a button.

``odr:ord:<marketplace>:<channel>`` asks for the orders of the last 60 days, ``odr:fb:...`` for
the negative feedback (1-2 stars) in that time; the typed number is stored with today's date
and the ODR screen comes again. A wrong answer is explained and asked again; /cancel stops.
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import ClaimwachtContext
from bot.odr_repo import OdrRepository
from domain.odr import ODR_WINDOW_DAYS
from domain.odr_window import ChannelKey
from handlers.odr import send_odr
from handlers.private_chat import refuse_in_group
from handlers.ui.callbacks import OdrButton
from handlers.ui.flows import Flows
from handlers.views.odr import channel_label, key_callback, parse_key

__all__ = ["ASK_FEEDBACK", "ASK_ORDERS", "MAX_COUNT", "build_odr_settings", "parse_count"]

ASK_ORDERS, ASK_FEEDBACK = "odr_orders", "odr_feedback"
PENDING_KEY = "odr.pending"
CANCEL_COMMANDS = ("cancel", "annuleren")
MAX_COUNT = 100_000_000
END = ConversationHandler.END
# 1234, 1.234, 1,234, 1 234, 12'345: digits, optionally grouped by three.
_COUNT = re.compile(r"^\s*(\d{1,3}(?:[.,\s\u00a0\u202f']\d{3})+|\d+)\s*$")


def parse_count(text: str) -> int | None:
    """A whole number as sellers type it (thousands separators allowed); None otherwise."""
    match = _COUNT.match(text)
    if match is None:
        return None
    value = int(re.sub(r"\D", "", match[1]))
    return value if value <= MAX_COUNT else None


async def _ask(update: Update, context: ClaimwachtContext, state: str) -> str | int:
    query = update.callback_query
    if query is None or await refuse_in_group(update, context, "odr"):
        return END
    key = parse_key(query.data)
    if key is None:
        await query.answer(context.i18n.gettext("That button is no longer valid."))
        return END
    await query.answer()
    action = "ord" if state == ASK_ORDERS else "fb"
    context.user_data[PENDING_KEY] = key_callback(action, key)
    await context.bot.send_message(query.from_user.id, _question(context, key, state))
    return state


def _question(context: ClaimwachtContext, key: ChannelKey, state: str) -> str:
    _ = context.i18n.gettext
    channel = channel_label(context.i18n, key)
    if state == ASK_ORDERS:
        return _(
            "How many orders did you have on {channel} in the last {days} days? Seller Central "
            "shows it under Performance > Account Health > Order Defect Rate. Type a number, "
            "or /cancel."
        ).format(channel=channel, days=ODR_WINDOW_DAYS)
    return _(
        "How many negative feedback ratings (1 or 2 stars) did you get on {channel} in the last "
        "{days} days? Type a number (0 if none), or /cancel."
    ).format(channel=channel, days=ODR_WINDOW_DAYS)


async def ask_orders(update: Update, context: ClaimwachtContext) -> str | int:
    """``odr:ord:<marketplace>:<channel>``: ask for the order count."""
    return await _ask(update, context, ASK_ORDERS)


async def ask_feedback(update: Update, context: ClaimwachtContext) -> str | int:
    """``odr:fb:<marketplace>:<channel>``: ask for the negative feedback count."""
    return await _ask(update, context, ASK_FEEDBACK)


async def _receive(update: Update, context: ClaimwachtContext, state: str) -> str | int:
    message, user = update.effective_message, update.effective_user
    key = parse_key(context.user_data.get(PENDING_KEY))
    if message is None or user is None or key is None:
        context.user_data.pop(PENDING_KEY, None)
        return END
    count = parse_count(message.text or "")
    _ = context.i18n.gettext
    if count is None:
        await message.reply_text(_(
            "I can't read “{value}” as a number. Type a whole number like 1250, or /cancel."
        ).format(value=(message.text or "").strip()[:40]))
        return state
    now = context.now()
    async with context.services.database.unit_of_work() as uow:
        repository = OdrRepository(uow.connection)
        if state == ASK_ORDERS:
            today = now.astimezone(context.zone).date()
            await repository.set_orders(user.id, key, count, today, now)
        else:
            await repository.set_feedback(user.id, key, count, now)
    context.user_data.pop(PENDING_KEY, None)
    channel = channel_label(context.i18n, key)
    number = context.i18n.number(count)
    await message.reply_text(
        _("Saved: {count} orders on {channel}.").format(count=number, channel=channel)
        if state == ASK_ORDERS else
        _("Saved: {count} negative feedback on {channel}.").format(count=number,
                                                                   channel=channel)
    )
    await send_odr(update, context)
    return END


async def receive_orders(update: Update, context: ClaimwachtContext) -> str | int:
    """A typed order count; a wrong one is explained and asked again."""
    return await _receive(update, context, ASK_ORDERS)


async def receive_feedback(update: Update, context: ClaimwachtContext) -> str | int:
    """A typed negative feedback count; a wrong one is explained and asked again."""
    return await _receive(update, context, ASK_FEEDBACK)


async def cancel(update: Update, context: ClaimwachtContext) -> int:
    """Stop asking; nothing changes."""
    context.user_data.pop(PENDING_KEY, None)
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            context.i18n.gettext("Okay, stopped. Nothing was changed."))
    return END


def build_odr_settings(flows: Flows) -> ConversationHandler[ClaimwachtContext]:
    text = filters.TEXT & ~filters.COMMAND
    return flows.conversation(
        "odr_settings",
        entry_points=[
            CallbackQueryHandler(ask_orders, pattern=OdrButton.pattern("ord")),
            CallbackQueryHandler(ask_feedback, pattern=OdrButton.pattern("fb")),
        ],
        states={
            ASK_ORDERS: [MessageHandler(text, receive_orders)],
            ASK_FEEDBACK: [MessageHandler(text, receive_feedback)],
        },
        fallbacks=[CommandHandler(CANCEL_COMMANDS, cancel)],
    )
