"""/deadlines: every running deadline across the seller's claims, nearest first."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.context import ClaimwachtContext
from bot.listings import refresh_deadlines
from handlers.private_chat import refuse_in_group
from handlers.reminder_texts import MAX_LISTED, render_deadlines

__all__ = ["COMMANDS", "build_deadlines_handler", "show_deadlines"]

COMMANDS = ("deadlines",)


async def show_deadlines(update: Update, context: ClaimwachtContext) -> None:
    """List the upcoming deadlines with a button per claim."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message is None:
        return
    if await refuse_in_group(update, context, "deadlines"):
        return
    database = context.services.database
    now = context.now()
    await refresh_deadlines(database, user.id)
    async with database.unit_of_work(write=False) as uow:
        claims, total = await uow.claims.with_deadline_ahead(user.id, now, MAX_LISTED)
    text, markup = render_deadlines(context.i18n, context.zone, claims, now, total)
    await message.reply_text(text, reply_markup=markup)


def build_deadlines_handler() -> CommandHandler[ClaimwachtContext, None]:
    return CommandHandler(COMMANDS, show_deadlines)
