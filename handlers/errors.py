"""The error handler: log with the update id, tell the seller in their language, no internals."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.context import ClaimwachtContext
from bot.i18n import negotiate_locale
from bot.outage import is_polling_error

_LOGGER = logging.getLogger(__name__)


async def on_error(update: object, context: ClaimwachtContext) -> None:
    """Log the exception and apologise to the seller."""
    if is_polling_error(update, context.job, context.error):
        return  # bot.outage logs an outage once, not once per retry
    update_id = update.update_id if isinstance(update, Update) else None
    _LOGGER.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(context.error, Forbidden):
        return  # the seller blocked the bot: nobody to tell
    if context.locale is None and update.effective_user is not None:
        context.locale = await _stored_locale(context, update.effective_user.id)
        context.locale = context.locale or negotiate_locale(update.effective_user.language_code)
    text = context.i18n.gettext(
        "Sorry, something went wrong on my side. Nothing you entered was lost; "
        "please try again in a moment."
    )
    try:
        await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as error:
        _LOGGER.warning("could not tell the chat about the error: %s", error)


async def _stored_locale(context: ClaimwachtContext, user_id: int) -> str | None:
    """The error context is a fresh one: look the seller's language up again, if we can."""
    try:
        async with context.services.database.unit_of_work(write=False) as uow:
            seller = await uow.sellers.get(user_id)
    except Exception:  # the database may be what failed; English is better than silence
        return None
    return seller.locale if seller else None
