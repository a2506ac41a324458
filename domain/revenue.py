"""Reading an amount of revenue the way a seller types it.

Accepted: ``250000``, ``250.000``, ``250,000``, ``250 000``, ``€ 250.000,00``, ``€250,000.00``,
``250.000,-``, ``250k``, ``1,5 mln``, ``1.5m``, ``2 miljoen``, ``3 ton`` / ``2,5 ton`` (Dutch:
one "ton" is 100,000) and a leading ``ca.``, ``circa``, ``ongeveer``, ``about``, ``±`` or ``~``.

The rule for a single separator followed by exactly three digits (``250,000`` / ``250.000``):
money is never written with three decimals, so it groups thousands, whatever the seller's
language. With a multiplier (``1,500 mln``) both readings are amounts a person might mean
(1.5 million or 1.5 billion), so the parser answers ``Ambiguous`` and the bot asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain.frame import MAX_REVENUE
from domain.money import CENT, Money
from domain.text import N_, Msg

__all__ = [
    "EXAMPLE_PEAK",
    "EXAMPLE_REVENUE",
    "Ambiguous",
    "FrameQuery",
    "Parsed",
    "RevenueInputError",
    "parse_amount",
    "parse_frame_query",
    "parse_peaks",
]

EXAMPLE_REVENUE = Money(Decimal(250000), "EUR")
EXAMPLE_PEAK = Money(Decimal(60000), "EUR")

_MULTIPLIERS: dict[str, Decimal] = {
    "k": Decimal(10) ** 3,
    "duizend": Decimal(10) ** 3,
    "thousand": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "mio": Decimal(10) ** 6,
    "miljoen": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    # "3 ton" is €300,000 in Dutch business speech (1 ton = 100,000).
    "ton": Decimal(10) ** 5,
    "mld": Decimal(10) ** 9,
    "miljard": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_CURRENCY = re.compile(r"€|\beur(?:o|os)?\b", re.IGNORECASE)
# "ca. 250.000", "circa 3 ton", "ongeveer 1,5 mln", "about 250k", "± 250.000", "~250k".
_APPROX = re.compile(
    r"^(?:ca\.?|circa|ongeveer|zo'?n|rond(?:om)?|about|around|approx(?:\.|imately)?|±|~|\+/-)\s*",
    re.IGNORECASE,
)
_SHAPE = re.compile(r"(?P<sign>[-−]?)(?P<num>\d[\d.,' ]*?)\s*(?P<suffix>[a-z]+)?\.?")
_GROUPED = {sep: re.compile(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+") for sep in ".,"}


class RevenueInputError(ValueError):
    """The text is not a usable revenue; ``msg`` says why, with an example."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg.key)
        self.msg = msg


@dataclass(frozen=True)
class Parsed:
    """One amount the text can only mean."""

    value: Decimal


@dataclass(frozen=True)
class Ambiguous:
    """Two amounts the text could mean, smallest first; the seller chooses."""

    options: tuple[Decimal, Decimal]


def parse_amount(text: str) -> Parsed | Ambiguous:
    """Parse a positive amount up to 10^12, or raise ``RevenueInputError``."""
    cleaned = _SPACES.sub(" ", _CURRENCY.sub(" ", text)).strip().lower()
    cleaned = _APPROX.sub("", cleaned).strip()
    cleaned = re.sub(r"[.,]-+$", "", cleaned).strip()
    if not cleaned:
        raise RevenueInputError(
            Msg.of(N_("Please type an amount, for example {example}."), example=EXAMPLE_REVENUE)
        )
    match = _SHAPE.fullmatch(cleaned)
    multiplier = Decimal(1)
    if match and match["suffix"]:
        multiplier = _MULTIPLIERS.get(match["suffix"], Decimal(0))
    candidates = _candidates(match["num"].strip()) if match and multiplier else []
    if multiplier == 1:
        # Money has at most two decimals, so "250,000" can only be a thousands group.
        candidates = [value for value in candidates if _decimals(value) <= 2]
    if not candidates:
        raise RevenueInputError(
            Msg.of(
                N_("I can't read “{text}” as an amount. Type it like this: {example}."),
                text=text.strip()[:40],
                example=EXAMPLE_REVENUE,
            )
        )
    values = sorted({(value * multiplier).quantize(CENT) for value in candidates})
    for value in values:
        _check_range(value, negative=bool(match and match["sign"]))
    plausible = [value for value in values if value <= MAX_REVENUE]
    if len(plausible) == 2:
        return Ambiguous((plausible[0], plausible[1]))
    if not plausible:
        raise RevenueInputError(_too_large())
    return Parsed(plausible[0])


def _check_range(value: Decimal, *, negative: bool) -> None:
    if negative and value > 0:
        raise RevenueInputError(
            Msg.of(
                N_("An amount can't be negative. For example: {example}."), example=EXAMPLE_REVENUE
            )
        )
    if value <= 0:
        raise RevenueInputError(
            Msg.of(
                N_("The amount must be more than zero. For example: {example}."),
                example=EXAMPLE_REVENUE,
            )
        )


def _too_large() -> Msg:
    return Msg.of(
        N_("That is more than {limit}: please check the amount. For example: {example}."),
        limit=Money(MAX_REVENUE, "EUR"),
        example=EXAMPLE_REVENUE,
    )


def _candidates(num: str) -> list[Decimal]:
    """The values ``num`` can stand for: none (unreadable), one, or two (group vs decimal)."""
    if " " in num or "'" in num:
        spaced = re.fullmatch(r"(?P<whole>\d{1,3}(?:[ ']\d{3})+)(?:[.,](?P<frac>\d{1,2}))?", num)
        return _decimal(re.sub("[ ']", "", spaced["whole"]), spaced["frac"] or "") if spaced else []
    dots, commas = num.count("."), num.count(",")
    if dots and commas:
        decimal_sep = "." if num.rfind(".") > num.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        whole, frac = num.rsplit(decimal_sep, 1)
        if not _GROUPED[group_sep].fullmatch(whole):
            return []
        return _decimal(whole.replace(group_sep, ""), frac)
    if not dots and not commas:
        return _decimal(num, "")
    sep = "." if dots else ","
    if dots + commas > 1:
        return _decimal(num.replace(sep, ""), "") if _GROUPED[sep].fullmatch(num) else []
    whole, frac = num.split(sep)
    as_decimal = _decimal(whole, frac)
    if len(frac) == 3 and _GROUPED[sep].fullmatch(num) and not whole.startswith("0"):
        return [*_decimal(whole + frac, ""), *as_decimal]
    return as_decimal


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def _decimal(whole: str, frac: str) -> list[Decimal]:
    if not whole.isdigit() or (frac and not frac.isdigit()):
        return []
    try:
        return [Decimal(f"{whole}.{frac}" if frac else whole)]
    except InvalidOperation:  # pragma: no cover - isdigit() already excludes this
        return []


_PEAK_WORD = re.compile(
    r"\b(?:piek(?:maand(?:en)?|en)?|peaks?(?:\s+months?)?)\b[:=]?", re.IGNORECASE
)
_PEAK_SPLIT = re.compile(r"\s*[;/+|&]\s*|\s+(?:en|and)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class FrameQuery:
    """What a seller asked: annual revenue, and optionally the revenue of peak months."""

    revenue: Parsed | Ambiguous
    peaks: tuple[Decimal, ...] = ()


def parse_frame_query(text: str) -> FrameQuery:
    """``250000``, ``250.000 piek 60.000``, ``1,5 mln peak 150k; 180k`` and the like."""
    revenue_text, *peak_texts = _PEAK_WORD.split(text, maxsplit=1)
    revenue = parse_amount(revenue_text)
    if not peak_texts:
        return FrameQuery(revenue)
    return FrameQuery(revenue, parse_peaks(peak_texts[0]))


def parse_peaks(text: str) -> tuple[Decimal, ...]:
    """One or more monthly revenues, separated by ``;``, ``/``, ``+``, ``en``/``and`` or spaces."""
    parts = [part for part in _PEAK_SPLIT.split(text.strip()) if part.strip()]
    if not parts:
        raise RevenueInputError(
            Msg.of(
                N_("Which revenue do you expect in your peak month? For example: {example}."),
                example=EXAMPLE_PEAK,
            )
        )
    values: list[Decimal] = []
    for part in parts:
        values.extend(_one_or_spaced(part))
    return tuple(values)


def _one_or_spaced(part: str) -> list[Decimal]:
    try:
        return [_unambiguous(parse_amount(part))]
    except RevenueInputError:
        words = part.split()
        if len(words) < 2:
            raise
    # "60000 80000": several months separated by spaces; a lone suffix belongs to its number.
    merged: list[str] = []
    for word in words:
        if merged and word.lower() in _MULTIPLIERS:
            merged[-1] = f"{merged[-1]} {word}"
        else:
            merged.append(word)
    return [_unambiguous(parse_amount(word)) for word in merged]


def _unambiguous(result: Parsed | Ambiguous) -> Decimal:
    if isinstance(result, Parsed):
        return result.value
    low, high = result.options
    raise RevenueInputError(
        Msg.of(
            N_("Did you mean {low} or {high}? Please type the amount in full, e.g. {example}."),
            low=Money(low, "EUR"),
            high=Money(high, "EUR"),
            example=EXAMPLE_PEAK,
        )
    )
