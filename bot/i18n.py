"""The i18n runtime: one Babel ``Translations`` per locale, loaded once, and Babel formatters.

Catalogs are compiled to ``.mo`` at install/test time (``make i18n-compile``); when a ``.mo`` is
missing (a plain source checkout) the ``.po`` is compiled in memory instead, so the bot still
speaks both languages. Never ``gettext.install()``: the locale is chosen per update and per job.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import Translations
from babel.units import format_unit

import locales
from domain.money import Money
from domain.text import Msg

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES",
    "LOCALES_DIR",
    "Translator",
    "load_translators",
    "negotiate_locale",
]

_LOGGER = logging.getLogger(__name__)

LOCALES: tuple[str, ...] = ("nl", "en")
DEFAULT_LOCALE = "en"
LOCALES_DIR = Path(locales.__file__).parent
DOMAIN = "messages"


def negotiate_locale(language_code: str | None) -> str:
    """Telegram's ``language_code`` (``nl``, ``nl-BE``, ``en-GB``…) to one of our catalogs."""
    if not language_code:
        return DEFAULT_LOCALE
    chosen = Locale.negotiate([language_code], list(LOCALES), sep="-")
    return str(chosen) if chosen is not None and str(chosen) in LOCALES else DEFAULT_LOCALE


@functools.cache
def _locale(code: str) -> Locale:
    """Parsed once: Babel parses a locale string on every call, about twenty times per line of a
    listing."""
    return Locale.parse(code)


@functools.lru_cache(maxsize=4096)
def _duration(code: str, parts: tuple[tuple[int, str], ...]) -> str:
    """Cached: a listing shows dozens of durations, each three Babel unit lookups, and the same
    few hundred "2 days, 5 hours" come back all the time."""
    texts = [_unit(code, value, unit) for value, unit in parts] or [
        format_unit(0, "duration-minute", locale=_locale(code))
    ]
    return format_list(texts, style="unit", locale=_locale(code))


def _unit(code: str, value: int, unit: str) -> str:
    # CLDR's Dutch long day/hour patterns are an alias of the short ones, which Babel does
    # not follow ("1 duration-day"); the short ones read the same ("1 dag", "12 uur").
    text = format_unit(value, unit, locale=_locale(code))
    return format_unit(value, unit, length="short", locale=_locale(code)) if unit in text else text


@dataclass(frozen=True)
class Translator:
    """Translation and formatting for one locale."""

    code: str
    translations: Translations

    @property
    def locale(self) -> Locale:
        return _locale(self.code)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def money(self, money: Money) -> str:
        return format_currency(money.amount, money.currency, locale=self.locale)

    def money_whole(self, money: Money) -> str:
        """Money without cents (``€ 6.900``), for figures that are rounded on purpose."""
        pattern = self.locale.currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(money.amount, money.currency, format=pattern, locale=self.locale,
                               currency_digits=False)

    def number(self, value: Decimal | int) -> str:
        return format_decimal(value, locale=self.locale)

    def datetime(self, moment: datetime, zone: tzinfo) -> str:
        """An aware instant as the seller reads it: weekday, date and time in their timezone."""
        local = moment.astimezone(zone)
        day = format_skeleton("yMMMEd", local, locale=self.locale)
        clock = format_time(local, "short", locale=self.locale)
        return get_datetime_format("medium", locale=self.locale).replace("{1}", day).replace(
            "{0}", clock
        )

    def date(self, day: date) -> str:
        return format_date(day, "long", locale=self.locale)

    def duration(self, span: timedelta) -> str:
        """A duration in at most two units, e.g. ``1 dag en 5 uur`` / ``1 day, 5 hours``."""
        minutes = max(int(span.total_seconds() // 60), 0)
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        parts = tuple(
            (value, unit)
            for value, unit in (
                (days, "duration-day"),
                (hours, "duration-hour"),
                (minutes, "duration-minute"),
            )
            if value
        )[:2]
        return _duration(self.code, parts)

    def render(self, msg: Msg, zone: tzinfo | None = None) -> str:
        """Translate a domain ``Msg`` and format its parameters for this locale."""
        return self.gettext(msg.key).format(**self.format_params(msg.params, zone))

    def format_params(
        self, params: Mapping[str, Any], zone: tzinfo | None = None
    ) -> dict[str, str]:
        formatted: dict[str, str] = {}
        for name, value in params.items():
            if isinstance(value, Money):
                formatted[name] = self.money(value)
            elif isinstance(value, datetime):
                formatted[name] = self.datetime(value, zone or value.tzinfo or UTC)
            elif isinstance(value, date):
                formatted[name] = self.date(value)
            elif isinstance(value, timedelta):
                formatted[name] = self.duration(value)
            elif isinstance(value, Msg):
                formatted[name] = self.render(value, zone)
            elif isinstance(value, Decimal | int) and not isinstance(value, bool):
                formatted[name] = self.number(value)
            else:
                formatted[name] = str(value)
        return formatted


def load_translators(directory: Path = LOCALES_DIR) -> dict[str, Translator]:
    """Load every catalog once at start-up."""
    return {code: Translator(code, _load(directory, code)) for code in LOCALES}


def _load(directory: Path, code: str) -> Translations:
    messages = directory / code / "LC_MESSAGES"
    mo_path = messages / f"{DOMAIN}.mo"
    po_path = messages / f"{DOMAIN}.po"
    fresh = mo_path.exists() and (
        not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    )
    if fresh:
        with mo_path.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    _LOGGER.info("compiling %s in memory (run `make i18n-compile` to avoid this)", po_path)
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
