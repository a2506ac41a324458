"""Answers for what no other handler took: never leave the seller in silence."""

from __future__ import annotations

from telegram import Update

from bot.context import ClaimwachtContext


async def unknown_command(update: Update, context: ClaimwachtContext) -> None:
    """A command we don't know."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            context.i18n.gettext("I don't know that command. Send /help to see what I can do.")
        )


async def free_text(update: Update, context: ClaimwachtContext) -> None:
    """Text or media outside a conversation."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            context.i18n.gettext(
                "I'm not sure what to do with that. Send /help to see what I can do."
            )
        )


async def nothing_to_cancel(update: Update, context: ClaimwachtContext) -> None:
    """/cancel outside a conversation."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            context.i18n.gettext("There is nothing to cancel.")
        )
