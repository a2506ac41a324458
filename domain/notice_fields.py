"""The facts ``domain.notice`` takes from a prepared notice: language, order and case ids,
amounts, dates and the marketplace. Each returns candidates or a ``Reading``; no I/O, no clock.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timezone, tzinfo
from decimal import Decimal, InvalidOperation

from domain.calendar_names import ALL_NAMES, LANGUAGES
from domain.confidence import Reading, pick
from domain.money import CENT, Money
from domain.named_dates import FoundDate, find_dates
from domain.notice_text import Hit, Prepared, find_phrases
from domain.notice_words import (
    AMOUNT_LABELS,
    CURRENCY_MARKETPLACE,
    FUNCTION_WORDS,
    HOSTS,
    LANGUAGE_MARKETPLACES,
    ORDER_LABELS,
    TRANSACTION_LABELS,
)
from domain.rules import Marketplace

__all__ = [
    "MAX_AMOUNT",
    "amazon_order_ids",
    "amounts",
    "dates",
    "language_of",
    "marketplace_reading",
    "paypal_ids",
    "shop_order_numbers",
]

MAX_AMOUNT = Decimal(1_000_000)
_WORD = re.compile(r"[a-z]+")
_FUNCTION_SETS = {language: frozenset(words) for language, words in FUNCTION_WORDS.items()}


def language_of(folded: str, phrase_hits: list[Hit]) -> str:
    """The notice's language: the most function words, each recognised phrase counting three."""
    counts: Counter[str] = Counter()
    for word in _WORD.findall(folded):
        for language, words in _FUNCTION_SETS.items():
            if word in words:
                counts[language] += 1
    for hit in phrase_hits:
        counts[hit.language] += 3
    if not counts:
        return "en"
    return max(LANGUAGES, key=lambda language: counts[language])


# --- ids ---------------------------------------------------------------------------------------

_DASH = "[-‐‑‒–—―−]"
_AMAZON_ID = re.compile(
    rf"(?<![0-9])([0-9]{{3}}) ?{_DASH} ?([0-9]{{7}}) ?{_DASH} ?([0-9]{{7}})(?![0-9])"
)
_CASE_ID = re.compile(r"(?<![a-z0-9])pp(?:-[a-z0-9]{1,12}){2,5}(?![a-z0-9-])")
_TXN = re.compile(r"(?<![a-z0-9])[a-z0-9]{17}(?![a-z0-9])")
_LABEL_GAP = 24  # characters between a label and what it labels ("Order ID: ", "n° ")


def _labelled(hits: list[Hit], start: int) -> bool:
    return any(0 <= start - hit.end <= _LABEL_GAP for hit in hits)


def amazon_order_ids(text: Prepared) -> Reading[str]:
    """Amazon's 3-7-7 order ids; several are unsure, the one after an order label first."""
    labels = find_phrases(text.folded, [("order", ORDER_LABELS)])
    found: list[str] = []
    preferred: list[str] = []
    for match in _AMAZON_ID.finditer(text.folded):
        order_id = "-".join(match.groups())
        found.append(order_id)
        if _labelled(labels, match.start()):
            preferred.append(order_id)
    return pick(found, preferred, strict=True)


def paypal_ids(text: Prepared) -> tuple[Reading[str], Reading[str]]:
    """PayPal's transaction id (17 letters and digits) and case id (``PP-D-…``)."""
    cases = [m[0].upper() for m in _CASE_ID.finditer(text.folded) if _has_digit(m[0])]
    labels = find_phrases(text.folded, [("txn", TRANSACTION_LABELS)])
    found: list[str] = []
    preferred: list[str] = []
    for match in _TXN.finditer(text.folded):
        token = match[0]
        if _has_digit(token) and any(c.isalpha() for c in token):
            found.append(token.upper())
            if _labelled(labels, match.start()):
                preferred.append(token.upper())
    transaction = pick(found, preferred, strict=True)
    if transaction.is_certain and not preferred:
        transaction = Reading.unsure(transaction.value)  # type: ignore[arg-type]
    return transaction, pick(cases)


def _has_digit(token: str) -> bool:
    return any(c.isdigit() for c in token)


_SHOP_ORDER = re.compile(
    r" ?(?:(?:nr|no|number|nummer|numero|n°|#|id)\.? ?)?[:#]? ?([A-Za-z0-9][A-Za-z0-9_/-]{2,39})"
)


def shop_order_numbers(text: Prepared) -> Reading[str]:
    """A web shop's order number: the token right after an order label, with a digit in it."""
    found: list[str] = []
    for hit in find_phrases(text.folded, [("order", ORDER_LABELS)]):
        match = _SHOP_ORDER.match(text.clean, hit.end)
        if match and _has_digit(match[1]) and not _AMAZON_ID.fullmatch(match[1]):
            found.append(match[1].rstrip("-/"))
    return pick(found, strict=True)


# --- amounts -----------------------------------------------------------------------------------

_CURRENCY_CODES = {"eur": "EUR", "gbp": "GBP", "usd": "USD", "pln": "PLN", "sek": "SEK",
                   "chf": "CHF", "€": "EUR", "£": "GBP", "$": "USD", "us$": "USD", "zł": "PLN"}
_CUR = r"(?:us\$|€|£|\$|zł|eur|gbp|usd|pln|sek|chf)"
_NUM = r"[0-9]{1,3}(?:[.,' ][0-9]{3})*(?:[.,][0-9]{1,2})?|[0-9]+(?:[.,][0-9]{1,2})?"
_MONEY = re.compile(
    rf"(?<![a-z0-9.,])(?:(?P<c1>{_CUR}) ?(?P<n1>{_NUM})|(?P<n2>{_NUM}) ?(?P<c2>{_CUR}))"
    r"(?![a-z0-9]|[.,][0-9])"
)


def _decimal(number: str) -> Decimal | None:
    digits = number.replace(" ", "").replace("'", "")
    if len(digits) > 3 and digits[-3] in ".," and digits[-2:].isdigit():
        whole, cents = digits[:-3], digits[-2:]
    elif len(digits) > 2 and digits[-2] in ".," and digits[-1].isdigit():
        whole, cents = digits[:-2], digits[-1] + "0"
    else:
        whole, cents = digits, "00"
    whole = whole.replace(".", "").replace(",", "")
    try:
        return Decimal(f"{whole}.{cents}").quantize(CENT)
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return None


def amounts(text: Prepared) -> Reading[Money]:
    """The claim amount: money after an amount label is preferred over other sums."""
    labels = find_phrases(text.folded, [("amount", AMOUNT_LABELS)])
    found: list[Money] = []
    preferred: list[Money] = []
    for match in _MONEY.finditer(text.folded):
        value = _decimal(match["n1"] or match["n2"])
        if value is None or not 0 < value <= MAX_AMOUNT:
            continue
        money = Money(value, _CURRENCY_CODES[match["c1"] or match["c2"]])
        found.append(money)
        if _labelled(labels, match.start()):
            preferred.append(money)
    return pick(found, preferred)


# --- dates -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedMention:
    """A date in the notice as an instant, whether it had a time, and its nearest label."""

    at: datetime
    has_time: bool
    label: str | None  # "respond" / "notice" / None


def _instant(found: FoundDate, zone: tzinfo) -> datetime:
    moment = found.time or time(0, 0)
    if found.utc_offset is not None:
        return datetime.combine(found.day, moment, tzinfo=timezone(found.utc_offset))\
            .astimezone(UTC)
    return datetime.combine(found.day, moment, tzinfo=zone).astimezone(UTC)


def dates(
    text: Prepared, now: datetime, zone: tzinfo, labels: list[Hit], *, month_first: bool
) -> list[DatedMention]:
    """Every date in the notice with the label just before it (``labels``: keyed hits)."""
    today: date = now.astimezone(zone).date()
    mentions = []
    previous_end = 0
    for found in find_dates(text.folded, today, ALL_NAMES, month_first=month_first):
        label = None
        for hit in labels:
            gap = found.start - hit.end
            limit = 6 if hit.end - hit.start <= 4 else 30
            if hit.start >= previous_end and 0 <= gap <= limit:
                label = str(hit.key)  # the closest label before the date wins
        mentions.append(DatedMention(_instant(found, zone), found.time is not None, label))
        previous_end = found.end
    return mentions


# --- marketplace -------------------------------------------------------------------------------

_HOST = re.compile(
    r"(?<![a-z0-9@.-])(?:www\.|sellercentral\.)?"
    r"(amazon\.(?:co\.uk|com\.be|com|nl|de|fr|it|es|pl|se))(?![a-z0-9-]|\.[a-z])"
)


def marketplace_reading(folded: str, language: str, currency: str | None) -> Reading[Marketplace]:
    """From the site name if there is one, else a currency only one marketplace uses, else
    the language, which is only a suggestion."""
    hosts = [HOSTS[m[1]] for m in _HOST.finditer(folded)]
    suggested = LANGUAGE_MARKETPLACES.get(language, ())
    if hosts:
        reading = pick(hosts, [h for h in hosts if h in suggested])
        return reading
    if currency in CURRENCY_MARKETPLACE:
        return Reading.certain(CURRENCY_MARKETPLACE[currency])
    if currency == "EUR" and language == "en":
        return Reading.unsure(Marketplace.AMAZON_DE, (Marketplace.AMAZON_NL,
                                                      Marketplace.AMAZON_FR))
    return Reading.unsure(suggested[0], suggested[1:])
