"""/help: what the bot can do now, in the seller's language."""

from __future__ import annotations

from telegram import Update

from bot.context import ClaimwachtContext
from handlers.ui.commands import command


def capabilities(context: ClaimwachtContext) -> str:
    _ = context.i18n.gettext
    frame = "/garantiekader" if context.i18n.code == "nl" else "/guaranteeframe"
    language = "/taal" if context.i18n.code == "nl" else "/language"
    return "\n".join(
        [
            _("What I can do:"),
            _("• Paste or forward the e-mail about a claim (Amazon, PayPal, Trusted Shops): I "
              "read it and register the claim, or update the one you have."),
            _("• {command} 250000: your indicative Trusted Shops guarantee frame.").format(
                command=frame
            ),
            _("• {command} 250000 peak 60000: will a peak month fit in that frame?").format(
                command=frame
            ),
            _("• In any chat, type @{bot} 250000 to share the calculation.").format(
                bot=context.bot.username
            ),
            _("• {command}: register a claim; I work out the deadline and what to do.").format(
                command=command(context.i18n, "newclaim")
            ),
            _("• {command}: your claims, the most urgent first.").format(
                command="/claimoverzicht" if context.i18n.code == "nl" else "/claims"
            ),
            _("• /deadlines: every upcoming deadline, nearest first. I remind you before each."),
            _("• /odr: your estimated Order Defect Rate per marketplace, with a chart."),
            _("• {command}: claims won, lost and withdrawn, and the money involved.").format(
                command="/resultaten" if context.i18n.code == "nl" else "/results"
            ),
            _("• {command}: timezone, quiet hours and a daily digest of deadlines.").format(
                command="/instellingen" if context.i18n.code == "nl" else "/settings"
            ),
            _("• {command}: add photos, documents and notes to a claim as evidence.").format(
                command="/bewijs" if context.i18n.code == "nl" else "/evidence"
            ),
            _("• /export: your claims, timelines and evidence list as CSV and JSON."),
            _("• {command}: delete everything I hold about you.").format(
                command="/verwijderdata" if context.i18n.code == "nl" else "/deletemydata"
            ),
            _("• {command}: Nederlands or English.").format(command=language),
            _("• /cancel stops what we are doing."),
        ]
    )


async def show_help(update: Update, context: ClaimwachtContext) -> None:
    """Explain the commands that work now."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(capabilities(context))
