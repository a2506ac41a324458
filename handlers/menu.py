"""The command menu Telegram shows, per language, and its registration."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.i18n import DEFAULT_LOCALE, LOCALES, Translator
from handlers.ui.commands import MENU, MenuEntry

__all__ = ["MENU", "MenuEntry", "commands_for", "register_menus", "set_chat_menu"]

_LOGGER = logging.getLogger(__name__)


def commands_for(translator: Translator) -> list[BotCommand]:
    return [
        BotCommand(entry.command(translator.code), translator.gettext(entry.description))
        for entry in MENU
    ]


async def register_menus(bot: Bot, translators: Mapping[str, Translator]) -> None:
    """One menu per language, and the default language's as the fallback for everyone else."""
    for code in LOCALES:
        await bot.set_my_commands(commands_for(translators[code]), language_code=code)
    await bot.set_my_commands(commands_for(translators[DEFAULT_LOCALE]))


async def set_chat_menu(bot: Bot, chat_id: int, translator: Translator) -> None:
    """The menu of one private chat follows the language the seller chose in the bot."""
    try:
        await bot.set_my_commands(commands_for(translator), scope=BotCommandScopeChat(chat_id))
    except TelegramError as error:  # the menu is a nicety; the language choice itself is stored
        _LOGGER.warning("could not set the chat menu for chat %s: %s", chat_id, error)
