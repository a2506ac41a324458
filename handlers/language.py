"""/language and /taal: the seller picks Nederlands or English."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import ClaimwachtContext
from bot.i18n import LOCALES
from handlers.menu import set_chat_menu
from handlers.ui.callbacks import LanguageButton
from handlers.views.common import stale_button_text

_NAMES = {"nl": "Nederlands", "en": "English"}


async def ask_language(update: Update, context: ClaimwachtContext) -> None:
    """Offer the languages as buttons."""
    if update.effective_message is None:
        return
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(_NAMES[code], callback_data=LanguageButton(code).pack())]
         for code in LOCALES]
    )
    await update.effective_message.reply_text(
        context.i18n.gettext("Which language shall I use?"), reply_markup=keyboard
    )


async def choose_language(update: Update, context: ClaimwachtContext) -> None:
    """Store the chosen language and answer in it from now on."""
    query = update.callback_query
    if query is None or query.data is None or update.effective_user is None:
        return
    button = LanguageButton.unpack(query.data)
    code = button.action if button is not None else ""
    if code not in LOCALES:
        await query.answer(stale_button_text(context.i18n))
        return
    async with context.services.database.unit_of_work() as uow:
        await uow.sellers.set_locale(update.effective_user.id, code, context.now())
    context.locale = code
    _ = context.i18n.gettext
    await query.answer()
    await query.edit_message_text(_("From now on I'll write in English."))
    if update.effective_chat is not None and update.effective_chat.type == "private":
        await set_chat_menu(context.bot, update.effective_chat.id, context.i18n)
