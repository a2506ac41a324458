"""Month and weekday names as sellers and marketplaces write them, per language.

The tables hold exactly what Babel (CLDR) gives for each language, so the domain reads the same
names the bot writes; a test keeps them equal to Babel's, since the domain may not import Babel.
The shell may also build ``CalendarNames`` straight from Babel for a locale with ``of``.
Matching folds case and accents (``décembre`` = ``decembre``) and ignores a trailing dot.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

__all__ = [
    "ALL_NAMES",
    "LANGUAGES",
    "MONTHS_ABBREVIATED",
    "MONTHS_WIDE",
    "WEEKDAYS_ABBREVIATED",
    "WEEKDAYS_WIDE",
    "CalendarNames",
    "fold",
    "names_for",
]

LANGUAGES = ("nl", "en", "de", "fr", "it", "es")

# Babel's format names (``get_month_names(width, locale=...)``), January first.
MONTHS_WIDE: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
})
MONTHS_ABBREVIATED: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "de": ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
           "Nov.", "Dez."),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "it": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
})
# Monday first, as ``date.weekday()`` counts.
WEEKDAYS_WIDE: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
})
WEEKDAYS_ABBREVIATED: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "de": ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "it": ("lun", "mar", "mer", "gio", "ven", "sab", "dom"),
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
})
# Spellings people and mail programs use besides CLDR's (English "Sept", Dutch "mrt"/"maa").
_MONTH_ALIASES: Mapping[str, int] = MappingProxyType({
    "sept": 9, "mrz": 3, "maerz": 3, "fev": 2, "sett": 9, "setiembre": 9, "dezemb": 12,
})
_WEEKDAY_ALIASES: Mapping[str, int] = MappingProxyType({
    "tues": 1, "weds": 2, "thur": 3, "thurs": 3,
})


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    lowered = base.lower()
    if len(lowered) == 1:
        return lowered
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold(text: str) -> str:
    """``text`` lower-cased without accents, one character for one: positions stay valid."""
    return "".join(_fold_char(char) for char in text)


def _key(name: str) -> str:
    return fold(name.strip()).rstrip(".")


@dataclass(frozen=True, eq=False)  # compared by identity: compiled patterns are cached per set
class CalendarNames:
    """Folded month names (to 1-12) and weekday names (to 0-6, Monday first)."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]

    @classmethod
    def of(
        cls,
        months: Iterable[Iterable[str]],
        weekdays: Iterable[Iterable[str]] = (),
    ) -> CalendarNames:
        """Names from lists in calendar order (January / Monday first), e.g. Babel's."""
        month_map: dict[str, int] = {}
        for names in months:
            for number, name in enumerate(names, start=1):
                _add(month_map, _key(name), number)
        weekday_map: dict[str, int] = {}
        for names in weekdays:
            for number, name in enumerate(names):
                _add(weekday_map, _key(name), number)
        return cls(MappingProxyType(month_map), MappingProxyType(weekday_map))

    def merged(self, other: CalendarNames) -> CalendarNames:
        """Both sets of names; a name meaning two different things is a ``ValueError``."""
        months, weekdays = dict(self.months), dict(self.weekdays)
        for name, number in other.months.items():
            _add(months, name, number)
        for name, number in other.weekdays.items():
            _add(weekdays, name, number)
        return CalendarNames(MappingProxyType(months), MappingProxyType(weekdays))


def _add(table: dict[str, int], name: str, number: int) -> None:
    if table.setdefault(name, number) != number:
        raise ValueError(f"calendar name {name!r} means both {table[name]} and {number}")


_ALIASES = CalendarNames(_MONTH_ALIASES, _WEEKDAY_ALIASES)


@cache
def names_for(language: str) -> CalendarNames:
    """The names of ``language`` (one of ``LANGUAGES``) with the common extra spellings."""
    return CalendarNames.of(
        (MONTHS_WIDE[language], MONTHS_ABBREVIATED[language]),
        (WEEKDAYS_WIDE[language], WEEKDAYS_ABBREVIATED[language]),
    ).merged(_ALIASES)


def _all_names() -> CalendarNames:
    names = names_for(LANGUAGES[0])
    for language in LANGUAGES[1:]:
        names = names.merged(names_for(language))
    return names


ALL_NAMES = _all_names()  # for marketplace e-mails, whose language is read, not chosen
