"""The command menu Telegram shows, per language, and its registration."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.i18n import DEFAULT_LOCALE, LOCALES, Translator
from domain.text import N_

__all__ = ["MENU", "MenuEntry", "commands_for", "register_menus", "set_chat_menu"]

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class MenuEntry:
    """A command as shown in one language's menu (every alias works for everyone)."""

    nl: str
    en: str
    description: str

    def command(self, locale: str) -> str:
        return self.nl if locale == "nl" else self.en


MENU: tuple[MenuEntry, ...] = (
    MenuEntry("garantiekader", "guaranteeframe", N_("Guarantee frame from your annual revenue")),
    MenuEntry("nieuweclaim", "newclaim", N_("Register a new claim")),
    MenuEntry("claimoverzicht", "claims", N_("Your claims and their deadlines")),
    MenuEntry("deadlines", "deadlines", N_("Upcoming deadlines, nearest first")),
    MenuEntry("odr", "odr", N_("Order Defect Rate estimate, with a chart")),
    MenuEntry("resultaten", "results", N_("Claims won and lost, money debited and recovered")),
    MenuEntry("instellingen", "settings", N_("Timezone, quiet hours and daily digest")),
    MenuEntry("bewijs", "evidence", N_("Add evidence to a claim")),
    MenuEntry("export", "export", N_("Download your data (CSV and JSON)")),
    MenuEntry("verwijderdata", "deletemydata", N_("Delete all your data")),
    MenuEntry("taal", "language", N_("Choose Dutch or English")),
    MenuEntry("help", "help", N_("What I can do for you")),
    MenuEntry("start", "start", N_("Start or restart")),
)


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
