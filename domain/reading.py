"""Reading what a seller types: amounts with currencies, local dates and times.

Everything here is pure: ``now`` and the seller's zone are parameters, answers are aware UTC
datetimes or plain dates, and a refusal is a ``domain.errors.ReadingError`` carrying a ``Msg``
with an example, so the handler explains and asks again.

Dates and times are read in the seller's timezone:

* ``21-11 14:30``, ``21/11 14:30``, ``21-11-2026 14:30``, ``21/11/2026 14:30``,
  ``2026-11-21 14:30``, ``21 11 2026 9.00``, ``gisteren 9:00`` / ``yesterday 9:00``,
  ``vandaag 8:15`` / ``today 8:15``, ``14:30`` (today), ``nu`` / ``now``;
* ``9:00 am`` / ``2:30 pm`` and ``14u30`` / ``9u`` are read too;
* month and weekday names in Dutch and English (``domain.named_dates``): ``1 december 22:00``,
  ``1 dec 22:00``, ``Dec 1, 10:08 PM``, ``maandag 14:00`` (the latest Monday);
* a date without a year is the nearest such day (before or after today).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from domain.calendar_names import names_for
from domain.currencies import CURRENCY_CODES
from domain.errors import ReadingError
from domain.money import CENT, Money
from domain.named_dates import read_named_date
from domain.revenue import Ambiguous, RevenueInputError, parse_amount
from domain.text import N_, Msg

__all__ = [
    "CLOCK_SKEW",
    "DELIVERY_MAX_AHEAD",
    "DELIVERY_MAX_BACK",
    "MAX_CLAIM_AMOUNT",
    "NOTICE_MAX_AGE",
    "default_currency",
    "parse_claim_amount",
    "parse_clock",
    "parse_delivery_date",
    "parse_event_date",
    "parse_notice_time",
    "parse_quiet_hours",
]

# A notice older than this is a typo (a wrong month or year), not a claim still to answer:
# Amazon's buyers file within 90 days of the latest delivery date, plus some delivery time.
NOTICE_MAX_AGE = timedelta(days=120)
CLOCK_SKEW = timedelta(minutes=5)  # the seller's watch may run a little ahead of ours
DELIVERY_MAX_BACK = timedelta(days=365)
DELIVERY_MAX_AHEAD = timedelta(days=90)
MAX_CLAIM_AMOUNT = Decimal(1_000_000)

NOTICE_EXAMPLE = "21-11 14:30"
DATE_EXAMPLE = "21-11"

_CURRENCIES = CURRENCY_CODES
_SYMBOLS = {
    "€": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "$": "USD", "us$": "USD",
    "zł": "PLN", "kr": "SEK",
}
_CODE = re.compile(r"(?<![A-Za-z])([A-Za-z]{3})(?![A-Za-z])")
_SYMBOL = re.compile(r"us\$|[€£$]|zł|\bkr\b|\beuros?\b", re.IGNORECASE)

_DEFAULT_CURRENCY = {"uk": "GBP", "us": "USD", "pl": "PLN", "se": "SEK"}


def default_currency(marketplace: str | None) -> str:
    """GBP for amazon.co.uk, USD for amazon.com, PLN for .pl, SEK for .se, else EUR."""
    return _DEFAULT_CURRENCY.get(marketplace or "", "EUR")


# --- amounts -----------------------------------------------------------------------------------


def parse_claim_amount(text: str, currency: str) -> Money:
    """``49,95``, ``€ 49,95``, ``49.95 EUR``, ``GBP 30``, ``£30``; ``currency`` when none typed."""
    example = Money(Decimal("49.95"), currency)
    raw = " ".join(text.split())
    if not any(char.isdigit() for char in raw):
        raise ReadingError(Msg.of(
            N_("I can't read “{text}” as an amount. Type it like this: {example}."),
            text=raw[:40], example=example,
        ))
    codes = [c.upper() for c in _CODE.findall(raw)]
    symbols = [_SYMBOLS[s.lower()] for s in _SYMBOL.findall(raw)]
    named = list(dict.fromkeys([*symbols, *(c for c in codes if c in _CURRENCIES)]))
    unknown = [c for c in codes if c not in _CURRENCIES and c not in _MULTIPLIER_WORDS]
    if unknown:
        raise ReadingError(Msg.of(
            N_("I don't know the currency “{code}”. Use a three-letter code such as EUR, GBP "
               "or USD, for example {example}."),
            code=unknown[0], example=Money(Decimal("49.95"), "GBP"),
        ))
    if len(named) > 1:
        raise ReadingError(Msg.of(
            N_("That has more than one currency in it. Type one amount, for example {example}."),
            example=example,
        ))
    chosen = named[0] if named else currency
    number = _SYMBOL.sub(" ", raw)
    number = _CODE.sub(lambda m: m[0] if m[0].lower() in _MULTIPLIER_WORDS else " ", number)
    try:
        parsed = parse_amount(number)
    except RevenueInputError as error:
        raise ReadingError(
            _amount_problem(error.msg, raw, Money(example.amount, chosen))
        ) from None
    if isinstance(parsed, Ambiguous):
        raise ReadingError(Msg.of(
            N_("I can read that in two ways. Type the amount in full, for example {example}."),
            example=Money(example.amount, chosen),
        ))
    if parsed.value > MAX_CLAIM_AMOUNT:
        raise ReadingError(Msg.of(
            N_("That is more than {limit}; please check the amount, for example {example}."),
            limit=Money(MAX_CLAIM_AMOUNT, chosen), example=Money(example.amount, chosen),
        ))
    return Money(parsed.value.quantize(CENT), chosen)


_MULTIPLIER_WORDS = frozenset({"mln", "mio", "mld"})


def _amount_problem(problem: Msg, raw: str, example: Money) -> Msg:
    key = problem.key
    if "negative" in key:
        return Msg.of(N_("An amount can't be negative. For example: {example}."), example=example)
    if "more than zero" in key:
        return Msg.of(
            N_("The amount must be more than zero. For example: {example}."), example=example
        )
    return Msg.of(
        N_("I can't read “{text}” as an amount. Type it like this: {example}."),
        text=raw[:40], example=example,
    )


# --- dates and times ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Day:
    """A typed day: ``offset`` days from today, or a day and month with an optional year."""

    offset: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None


_RELATIVE = {
    "vandaag": 0, "today": 0, "gisteren": -1, "yesterday": -1, "eergisteren": -2,
    "morgen": 1, "tomorrow": 1,
}
_REL = "|".join(_RELATIVE)
_DMY = r"(?P<d>\d{1,2})[-/. ](?P<m>\d{1,2})(?:[-/. ](?P<y>\d{4}|\d{2}))?"
_YMD = r"(?P<Y>\d{4})-(?P<M>\d{1,2})-(?P<D>\d{1,2})"
_DAY = rf"(?:(?P<rel>{_REL})|{_YMD}|{_DMY})"
_TIME = (
    r"(?P<h>\d{1,2})(?:[:.u](?P<mi>\d{2}))?\s*(?:(?P<ampm>am|pm|a\.m\.|p\.m\.)|uur|u)?"
)
_DATETIME = re.compile(
    rf"(?:{_DAY})?(?:(?:\s*,\s*|\s+|t)(?:(?:om|at)\s+)?(?P<time>{_TIME}))?", re.IGNORECASE
)
_TIME_ONLY = re.compile(rf"(?:(?:om|at)\s+)?{_TIME}", re.IGNORECASE)
_NOW = frozenset({"nu", "now", "net", "zojuist", "just now"})


def _clean(text: str) -> str:
    return " ".join(text.strip().lower().replace("\u00a0", " ").split()).rstrip(".")


# Sellers write in both languages whatever their setting; the names are Babel's (a test checks).
_NAMES = names_for("nl").merged(names_for("en"))


def _split(text: str, today: date) -> tuple[_Day | None, time | None]:
    """The day and the time in ``text``; ``ReadingError`` when it does not read as one."""
    named = read_named_date(text, today, _NAMES)
    if named is not None:
        return _Day(offset=(named.day - today).days), named.time
    cleaned = _clean(text)
    only_time = _TIME_ONLY.fullmatch(cleaned)
    if only_time and (only_time["mi"] or only_time["ampm"] or cleaned.endswith("u")
                      or cleaned.endswith("uur")):
        return None, _time(only_time["h"], only_time["mi"], only_time["ampm"])
    match = _DATETIME.fullmatch(cleaned)
    if not cleaned or match is None or not (match["rel"] or match["Y"] or match["d"]):
        raise _unreadable(text)
    if match["rel"]:
        day = _Day(offset=_RELATIVE[match["rel"]])
    elif match["Y"]:
        day = _Day(day=int(match["D"]), month=int(match["M"]), year=int(match["Y"]))
    else:
        year = match["y"]
        day = _Day(
            day=int(match["d"]),
            month=int(match["m"]),
            year=(2000 + int(year) if year and len(year) == 2 else int(year)) if year else None,
        )
    moment = _time(match["h"], match["mi"], match["ampm"]) if match["time"] else None
    return day, moment


def _unreadable(text: str) -> ReadingError:
    return ReadingError(Msg.of(
        N_("I can't read “{text}” as a date and time. Type it like {example} (day-month "
           "hours:minutes), or “yesterday 9:00”."),
        text=text.strip()[:40], example=NOTICE_EXAMPLE,
    ))


def _time(hours: str, minutes: str | None, ampm: str | None) -> time:
    hour, minute = int(hours), int(minutes or 0)
    if ampm:
        if not 1 <= hour <= 12:
            raise _bad_time()
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise _bad_time()
    return time(hour, minute)


def _bad_time() -> ReadingError:
    return ReadingError(Msg.of(
        N_("That time does not exist. Use hours 0-23 and minutes 0-59, for example {example}."),
        example=NOTICE_EXAMPLE,
    ))


def _resolve(day: _Day, today: date) -> date:
    """The calendar day ``day`` names, seen from ``today``: without a year, the nearest one
    (``30-12`` typed on 2 January is last year's; ``24-11`` typed on 23 November is tomorrow,
    which the caller then refuses as the future rather than silently moving it a year)."""
    if day.offset is not None:
        return today + timedelta(days=day.offset)
    assert day.day is not None and day.month is not None
    years = [day.year] if day.year is not None else [today.year - 1, today.year, today.year + 1]
    candidates = []
    for year in years:
        try:
            candidates.append(date(year, day.month, day.day))
        except ValueError:
            continue
    if not candidates:
        raise ReadingError(Msg.of(
            N_("That date does not exist. Type day-month, for example {example}."),
            example=DATE_EXAMPLE,
        ))
    return min(candidates, key=lambda c: abs(c - today))


def _local(day: date, moment: time, zone: tzinfo) -> datetime:
    """The instant at wall-clock ``day moment`` in ``zone``, in UTC; refuses skipped times."""
    local = datetime.combine(day, moment, tzinfo=zone)
    back = local.astimezone(UTC).astimezone(zone)
    if (back.date(), back.time()) != (day, moment):
        raise ReadingError(Msg.of(
            N_("{time} did not exist on that day: the clocks moved forward. Type the time "
               "as your clock showed it, for example {example}."),
            time=moment.strftime("%H:%M"), example=NOTICE_EXAMPLE,
        ))
    return local.astimezone(UTC)


def parse_notice_time(text: str, now: datetime, zone: tzinfo) -> datetime:
    """When the claim notice arrived, in UTC; not in the future, not over 120 days ago."""
    if _clean(text) in _NOW:
        return now
    today = now.astimezone(zone).date()
    day, moment = _split(text, today)
    if moment is None:
        raise ReadingError(Msg.of(
            N_("Please add the time as well: the deadline counts in hours. For example "
               "{example}."),
            example=NOTICE_EXAMPLE,
        ))
    at = _local(today if day is None else _resolve(day, today), moment, zone)
    if at > now + CLOCK_SKEW:
        raise ReadingError(Msg.of(
            N_("{at} is in the future. When did the notice arrive? For example {example}."),
            at=at, example=NOTICE_EXAMPLE,
        ))
    if at < now - NOTICE_MAX_AGE:
        raise ReadingError(Msg.of(
            N_("{at} is more than {days} days ago: please check the date. Claims that old "
               "are past every response deadline. For example {example}."),
            at=at, days=NOTICE_MAX_AGE.days, example=NOTICE_EXAMPLE,
        ))
    return min(at, now)


def _date_only(text: str, today: date) -> date:
    try:
        day, moment = _split(text, today)
    except ReadingError:
        raise ReadingError(Msg.of(
            N_("I can't read “{text}” as a date. Type it like {example} (day-month) or "
               "2026-11-21."),
            text=text.strip()[:40], example=DATE_EXAMPLE,
        )) from None
    if day is None or moment is not None:
        raise ReadingError(Msg.of(
            N_("Please type just the date, for example {example}."), example=DATE_EXAMPLE
        ))
    return _resolve(day, today)


def parse_delivery_date(text: str, today: date) -> date:
    """The latest estimated delivery date: within a year back and 90 days ahead."""
    day = _date_only(text, today)
    if not today - DELIVERY_MAX_BACK <= day <= today + DELIVERY_MAX_AHEAD:
        raise ReadingError(Msg.of(
            N_("{date} is too far from today for a delivery date of a claim you still handle. "
               "Please check it, for example {example}."),
            date=day, example=DATE_EXAMPLE,
        ))
    return day


def parse_event_date(text: str, today: date, earliest: date) -> date:
    """The day a decision or step happened: not in the future, not before ``earliest``."""
    day = _date_only(text, today)
    if day > today:
        raise ReadingError(Msg.of(
            N_("{date} is in the future. Type the day it happened, for example {example}."),
            date=day, example=DATE_EXAMPLE,
        ))
    if day < earliest:
        raise ReadingError(Msg.of(
            N_("{date} is before the claim notice ({notice}). Type a later day."),
            date=day, notice=earliest,
        ))
    return day


# --- clock times -------------------------------------------------------------------------------

_CLOCK = re.compile(r"^\s*([01]?[0-9]|2[0-3])[:.]([0-5][0-9])\s*$")
_RANGE = re.compile(r"^\s*(\S+)\s*(?:-|–|—|tot|to)\s*(\S+)\s*$", re.IGNORECASE)


def parse_clock(text: str) -> time:
    """``8:30``, ``08:30`` or ``08.30`` → 08:30; ``ReadingError`` otherwise."""
    match = _CLOCK.match(text)
    if match is None:
        raise ReadingError(Msg.of(N_("Type a time like 08:00 or 17:30, or /cancel.")))
    return time(int(match[1]), int(match[2]))


def parse_quiet_hours(text: str) -> tuple[time, time]:
    """``22:00-07:00`` → (22:00, 07:00); ``ReadingError`` unless two different clock times."""
    match = _RANGE.match(text)
    refusal = ReadingError(Msg.of(N_(
        "That is not a time range I understand. Type two different times, for example "
        "22:00-07:00, or /cancel."
    )))
    if match is None:
        raise refusal
    try:
        start, end = parse_clock(match[1]), parse_clock(match[2])
    except ReadingError:
        raise refusal from None
    if start == end:
        raise refusal
    return start, end
