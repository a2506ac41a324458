"""Words the evidence screens share: kinds, checklist labels, sizes, "not found", private chat."""

from __future__ import annotations

from babel.units import format_unit
from telegram import Update

from bot.context import ClaimwachtContext
from bot.evidence_bundle import item_label, kind_label
from bot.i18n import Translator
from handlers.private_chat import refuse_in_group

__all__ = [
    "OTHER_ITEM",
    "evidence_not_found",
    "item_label",
    "kind_label",
    "private_only",
    "size_text",
    "stale_button",
]

# Evidence that proves no checklist item; not a domain item id, so it never counts as progress.
OTHER_ITEM = "other"


def size_text(tr: Translator, size: int | None) -> str:
    """``850 bytes``, ``12.3 kB``, ``4.2 MB`` in the seller's number format."""
    if size is None:
        return "?"
    # Decimal units, as Telegram states its limits (20 MB = 20,000,000 bytes).
    if size < 1000:
        # CLDR's short English byte unit does not inflect ("134 byte"); the long one does.
        return format_unit(size, "digital-byte", length="long", locale=tr.code)
    if size < 1000 * 1000:
        return format_unit(round(size / 1000, 1), "digital-kilobyte", length="short",
                           locale=tr.code)
    return format_unit(round(size / (1000 * 1000), 1), "digital-megabyte", length="short",
                       locale=tr.code)


def evidence_not_found(tr: Translator) -> str:
    return tr.gettext("I can't find that evidence item any more. It may have been removed.")


def stale_button(tr: Translator) -> str:
    return tr.gettext("That button is no longer valid.")


async def private_only(update: Update, context: ClaimwachtContext, payload: str) -> bool:
    """True in a private chat; in a group, point the seller to a private chat and say False."""
    return not await refuse_in_group(update, context, payload)
