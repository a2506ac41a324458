"""Texts every feature shares, in one place: stale buttons, missing claims, private chats."""

from __future__ import annotations

from bot.i18n import Translator
from handlers.ui.commands import command

__all__ = ["new_claim_command", "not_found_text", "stale_button_text"]


def stale_button_text(tr: Translator) -> str:
    """The one answer for a button from an old message or one we never sent."""
    return tr.gettext("That button is no longer valid.")


def not_found_text(tr: Translator) -> str:
    """The one answer for a claim that does not exist *or* is someone else's."""
    return tr.gettext("I can't find that claim. Send /claims to see your claims.")


def new_claim_command(tr: Translator) -> str:
    """The command in the seller's language (both names always work)."""
    return command(tr, "newclaim")
