"""/help: what the bot can do now, in the seller's language."""

from __future__ import annotations

from telegram import Update

from bot.context import ClaimwachtContext


def capabilities(context: ClaimwachtContext) -> str:
    _ = context.i18n.gettext
    frame = "/garantiekader" if context.i18n.code == "nl" else "/guaranteeframe"
    language = "/taal" if context.i18n.code == "nl" else "/language"
    return "\n".join(
        [
            _("What I can do:"),
            _("• {command} 250000: your indicative Trusted Shops guarantee frame.").format(
                command=frame
            ),
            _("• {command} 250000 peak 60000: will a peak month fit in that frame?").format(
                command=frame
            ),
            _("• In any chat, type @{bot} 250000 to share the calculation.").format(
                bot=context.bot.username
            ),
            _("• {command}: Nederlands or English.").format(command=language),
            _("• /cancel stops what we are doing."),
        ]
    )


async def show_help(update: Update, context: ClaimwachtContext) -> None:
    """Explain the commands that work now."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(capabilities(context))
