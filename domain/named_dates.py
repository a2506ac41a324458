"""Dates written with month or weekday names: ``1 december 22:00``, ``Dec 1, 10:08 PM``,
``maandag 14:00``, ``1. Dezember 2026 um 22:00``, ``1 de diciembre de 2026``.

Two uses: ``read_named_date`` reads what a seller types (the whole text, in the seller's
language's names), ``find_dates`` finds every date in a pasted e-mail (all six languages, also
``01.12.2026`` and ``2026-12-01``). Pure: ``today`` is a parameter. A date without a year is the
nearest such day, as in the typed-date reader; a weekday alone is the latest such day up to today.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import lru_cache

from domain.calendar_names import CalendarNames, fold
from domain.errors import ReadingError
from domain.text import N_, Msg

__all__ = ["FoundDate", "NamedDate", "find_dates", "read_named_date", "resolve_day"]

DATE_EXAMPLE = "1 december"
TIME_EXAMPLE = "1 december 22:00"

_TIME = (
    r"(?P<h>\d{1,2})(?:(?:[:.]|h|u)(?P<mi>\d{2}))?(?::(?P<s>\d{2}))?"
    r"\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?(?:\s*(?:uur|uhr|h|u)(?![a-z]))?"
)
_TIME_GLUE = r"(?:\s*,\s*|\s+|\s*-\s*)(?:(?:om|at|um|a|alle|ore|a\s+las|a\s+la)\s+)?"
_ZONE = r"(?:\s*(?P<zone>utc|gmt|z|[+-]\d{2}:?\d{2})(?![a-z0-9]))?"
_ORD = r"(?:\.|st|nd|rd|th|er|e|o|°)?"


@dataclass(frozen=True)
class NamedDate:
    """A typed day with an optional time of day."""

    day: date
    time: time | None


@dataclass(frozen=True)
class FoundDate:
    """A date found in running text: ``start`` indexes the text searched."""

    start: int
    end: int
    day: date
    time: time | None
    utc_offset: timedelta | None  # from a ``+0100`` / ``UTC`` after the time, when given
    has_year: bool


def _alternation(names: Iterable[str]) -> str:
    keys = sorted(names, key=len, reverse=True)  # longest first: "december" before "dec"
    return "|".join(re.escape(key) for key in keys)


@lru_cache(maxsize=16)
def _patterns(names: CalendarNames) -> tuple[re.Pattern[str], re.Pattern[str]]:
    months = _alternation(names.months)
    month = rf"(?P<mon>{months})(?![a-z])\.?"
    month2 = rf"(?P<mon2>{months})(?![a-z])\.?"
    weekday = rf"(?:(?P<wd>{_alternation(names.weekdays)})(?![a-z])\.?\s*,?\s*)"
    dmy = rf"(?P<d>\d{{1,2}}){_ORD}(?:\s+de|\s*-|\s*/)?\s*{month}"
    dmy += r"(?:(?:\s+de\s+|\s*-\s*|\s*,?\s+)(?P<y>\d{4}))?"
    mdy = rf"{month2}\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.h])(?:\s*,?\s+(?P<y2>\d{{4}}))?"
    day = rf"(?:{dmy}|{mdy})"
    typed = re.compile(
        rf"{weekday}?(?:{day}(?:{_TIME_GLUE}(?P<t>{_TIME}))?"
        rf"|(?P<wdonly>)(?:(?:om|at)\s+)?(?P<t2>{_TIME.replace('(?P<', '(?P<w_')})?)",
    )
    scan = re.compile(
        rf"(?<![a-z0-9]){weekday}?{day}(?:{_TIME_GLUE}(?P<t>{_TIME}){_ZONE})?"
    )
    return typed, scan


def resolve_day(day: int, month: int, year: int | None, today: date) -> date | None:
    """The calendar day; without a year the nearest one to ``today``; ``None`` if none exists."""
    years = [year] if year is not None else [today.year - 1, today.year, today.year + 1]
    candidates = []
    for candidate_year in years:
        try:
            candidates.append(date(candidate_year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda c: abs(c - today))


def _time_of(hours: str, minutes: str | None, ampm: str | None) -> time | None:
    hour, minute = int(hours), int(minutes or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def _no_such_date() -> ReadingError:
    return ReadingError(Msg.of(
        N_("That date does not exist. Type day-month, for example {example}."),
        example=DATE_EXAMPLE,
    ))


def _no_such_time() -> ReadingError:
    return ReadingError(Msg.of(
        N_("That time does not exist. Use hours 0-23 and minutes 0-59, for example {example}."),
        example=TIME_EXAMPLE,
    ))


def read_named_date(text: str, today: date, names: CalendarNames) -> NamedDate | None:
    """``text`` as a date with a month or weekday name, or ``None`` if it is not written so.

    A shape that reads but names no real day or time (``31 feb``, ``1 dec 25:00``) raises
    ``ReadingError``, so the seller hears what is wrong rather than "can't read".
    """
    cleaned = " ".join(fold(text).replace("\u00a0", " ").split()).rstrip(".")
    if not cleaned or len(cleaned) > 80:
        return None
    typed, _ = _patterns(names)
    match = typed.fullmatch(cleaned)
    if match is None:
        return None
    if match["wdonly"] is not None:
        if match["wd"] is None:
            return None
        back = (today.weekday() - names.weekdays[match["wd"]]) % 7
        day = today - timedelta(days=back)
        if match["t2"] is None:
            return NamedDate(day, None)
        if not (match["w_mi"] or match["w_ampm"]):
            return None  # "maandag 14" is a day number, not a time
        moment = _time_of(match["w_h"], match["w_mi"], match["w_ampm"])
        if moment is None:
            raise _no_such_time()
        return NamedDate(day, moment)
    resolved = _day_of(match, names, today)
    if resolved is None:
        raise _no_such_date()
    if match["t"] is None:
        return NamedDate(resolved, None)
    if not (match["mi"] or match["ampm"]):
        return None
    moment = _time_of(match["h"], match["mi"], match["ampm"])
    if moment is None:
        raise _no_such_time()
    return NamedDate(resolved, moment)


def _day_of(match: re.Match[str], names: CalendarNames, today: date) -> date | None:
    number = match["d"] or match["d2"]
    year = match["y"] or match["y2"]
    return resolve_day(int(number), names.months[match["mon"] or match["mon2"]],
                       int(year) if year else None, today)


_NUMERIC = re.compile(
    r"(?<![\d.,/-])(?:(?P<Y>\d{4})-(?P<M>\d{2})-(?P<D>\d{2})"
    r"|(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}))(?![\d])"
    rf"(?:{_TIME_GLUE}(?P<t>{_TIME}){_ZONE})?"
)


def find_dates(
    folded: str, today: date, names: CalendarNames, *, month_first: bool = False
) -> list[FoundDate]:
    """Every date in ``folded`` (text passed through ``fold``), in order of appearance.

    Numeric dates are day-month-year, or month-day-year with ``month_first`` (amazon.com).
    A time needs minutes or am/pm; a bare number after a date is not taken as a time.
    """
    _, scan = _patterns(names)
    found: list[FoundDate] = []
    for match in scan.finditer(folded):
        day = _day_of(match, names, today)
        if day is not None:
            found.append(_found(match, day, bool(match["y"] or match["y2"])))
    for match in _NUMERIC.finditer(folded):
        if match["Y"]:
            parts = (int(match["D"]), int(match["M"]), int(match["Y"]))
        elif month_first:
            parts = (int(match["m"]), int(match["d"]), int(match["y"]))
        else:
            parts = (int(match["d"]), int(match["m"]), int(match["y"]))
        day = resolve_day(*parts, today)
        if day is not None:
            found.append(_found(match, day, True))
    found.sort(key=lambda f: f.start)
    return found


def _found(match: re.Match[str], day: date, has_year: bool) -> FoundDate:
    moment = None
    end = match.end()
    if match["t"] is not None and (match["mi"] or match["ampm"]):
        moment = _time_of(match["h"], match["mi"], match["ampm"])
    if moment is None and match["t"] is not None:
        end = match.start("t")
    offset = _offset(match["zone"]) if moment is not None else None
    return FoundDate(match.start(), end, day, moment, offset, has_year)


def _offset(zone: str | None) -> timedelta | None:
    if zone is None:
        return None
    if zone in ("utc", "gmt", "z"):
        return timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        return None
    return sign * timedelta(hours=hours, minutes=minutes)
