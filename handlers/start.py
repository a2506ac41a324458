"""/start: greet the seller in their language."""

from __future__ import annotations

from telegram import Update

from bot.context import ClaimwachtContext
from handlers.help import capabilities


async def start(update: Update, context: ClaimwachtContext) -> None:
    """Greet the seller (stored by ``identify_seller``) and say what the bot can do."""
    if update.effective_message is None or update.effective_user is None:
        return
    _ = context.i18n.gettext
    greeting = _(
        "Hello {name}! I'm Claimwacht. I help online sellers answer marketplace guarantee claims "
        "on time and keep an eye on their Trusted Shops guarantee frame."
    ).format(name=update.effective_user.first_name)
    await update.effective_message.reply_text(f"{greeting}\n\n{capabilities(context)}")
