"""/deadlines: every running deadline across the seller's claims, nearest first."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.context import ClaimwachtContext
from handlers.private_chat import refuse_in_group
from handlers.reminder_texts import render_deadlines

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
    async with context.services.database.unit_of_work(write=False) as uow:
        claims = await uow.claims.list_for_seller(user.id)
    text, markup = render_deadlines(context.i18n, context.zone, claims, context.now())
    await message.reply_text(text, reply_markup=markup)


def build_deadlines_handler() -> CommandHandler[ClaimwachtContext, None]:
    return CommandHandler(COMMANDS, show_deadlines)
