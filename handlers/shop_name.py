"""The shop name that signs the seller's drafts: asked from /settings (``st:shop``).

A name of 1-60 printable characters; "-", "geen" or "none" removes it.
"""

from __future__ import annotations

from telegram import Update

from bot.context import ClaimwachtContext

__all__ = ["ASK_SHOP", "SHOP_NAME_MAX_CHARS", "ask_shop_name", "parse_shop_name",
           "receive_shop_name"]

ASK_SHOP = "shop"
SHOP_NAME_MAX_CHARS = 60
_CLEAR = frozenset({"-", "geen", "none", "verwijderen", "remove"})


def parse_shop_name(text: str) -> str | None:
    """The name to store ("" clears it), or None when it is not one short line."""
    name = " ".join(text.split())
    if name.lower() in _CLEAR:
        return ""
    if not name or len(name) > SHOP_NAME_MAX_CHARS or not name.isprintable():
        return None
    return name


async def ask_shop_name(update: Update, context: ClaimwachtContext) -> str:
    """``st:shop``: ask for the shop name."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    if update.effective_message is not None:
        await update.effective_message.reply_text(context.i18n.gettext(
            "Type your shop name as it should sign your drafts (at most {max} characters), "
            "or - to remove it."
        ).format(max=SHOP_NAME_MAX_CHARS))
    return ASK_SHOP


async def receive_shop_name(update: Update, context: ClaimwachtContext) -> str | None:
    """A typed shop name; None when stored (the caller shows the settings)."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return ASK_SHOP
    name = parse_shop_name(message.text)
    if name is None:
        await message.reply_text(context.i18n.gettext(
            "A shop name is one line of at most {max} characters. Type it again, or /cancel."
        ).format(max=SHOP_NAME_MAX_CHARS))
        return ASK_SHOP
    async with context.services.database.unit_of_work() as uow:
        await uow.sellers.set_shop_name(user.id, name, context.now())
    return None
