"""Every command in one table: its Dutch and English names, its menu text, its words.

Both names work for everyone; the menu shows the seller's language. ``command(tr, key)`` is
how a text names a command in the seller's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Translator
from domain.text import N_

__all__ = ["CANCEL", "DONE", "MENU", "MenuEntry", "command", "names"]

CANCEL = ("cancel", "annuleren")  # ends the active flow's question
DONE = ("klaar", "done")  # ends adding evidence


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
_BY_NAME = {name: entry for entry in MENU for name in (entry.nl, entry.en)}


def names(name: str) -> tuple[str, ...]:
    """Both names of the command called ``name`` in either language (for CommandHandler)."""
    entry = _BY_NAME[name]
    return tuple(dict.fromkeys((entry.nl, entry.en)))


def command(tr: Translator, name: str) -> str:
    """``/nieuweclaim`` for a Dutch seller, ``/newclaim`` for everyone else."""
    return "/" + _BY_NAME[name].command(tr.code)
