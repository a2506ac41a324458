"""A claim: the facts a seller records about one buyer claim, validated on construction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from domain.errors import ValidationError
from domain.instants import as_utc
from domain.money import Money
from domain.rules import RULES, ClaimSource, Marketplace, RuleTable
from domain.text import N_, Msg

__all__ = [
    "NOTES_MAX_CHARS",
    "ORDER_ID_MAX_CHARS",
    "Claim",
    "Fulfilment",
    "Reason",
    "new_claim",
    "normalise_order_id",
]

NOTES_MAX_CHARS = 3000
ORDER_ID_MAX_CHARS = 64


class Reason(StrEnum):
    """Why the buyer filed. Values are stored and used in callback data: keep them short."""

    NOT_RECEIVED = "nr"
    DAMAGED = "dmg"  # damaged or defective
    NOT_AS_DESCRIBED = "nad"  # materially different from the listing
    RETURN_NO_REFUND = "rnoref"
    RETURN_WRONG_AMOUNT = "ramt"
    RETURN_REJECTED = "rrej"
    RETURN_NO_LABEL = "rnolbl"  # no domestic return address or prepaid label
    OTHER = "oth"

    @property
    def is_return(self) -> bool:
        return self in _RETURN_REASONS

    @property
    def label(self) -> Msg:
        return _REASON_LABELS[self]


_RETURN_REASONS = frozenset({
    Reason.RETURN_NO_REFUND,
    Reason.RETURN_WRONG_AMOUNT,
    Reason.RETURN_REJECTED,
    Reason.RETURN_NO_LABEL,
})

_REASON_LABELS = {
    Reason.NOT_RECEIVED: Msg.of(N_("Item not received")),
    Reason.DAMAGED: Msg.of(N_("Damaged or defective")),
    Reason.NOT_AS_DESCRIBED: Msg.of(N_("Not as described")),
    Reason.RETURN_NO_REFUND: Msg.of(N_("Returned, no refund")),
    Reason.RETURN_WRONG_AMOUNT: Msg.of(N_("Returned, refund amount wrong")),
    Reason.RETURN_REJECTED: Msg.of(N_("Return request rejected or closed")),
    Reason.RETURN_NO_LABEL: Msg.of(N_("No return address or prepaid label")),
    Reason.OTHER: Msg.of(N_("Other reason")),
}


class Fulfilment(StrEnum):
    """Who shipped the order."""

    FBA = "fba"  # Fulfilled by Amazon
    SELLER = "fbm"  # seller-fulfilled
    SELLER_PRIME = "sfp"  # Seller Fulfilled Prime: Amazon runs post-order service

    @property
    def label(self) -> Msg:
        return _FULFILMENT_LABELS[self]


_FULFILMENT_LABELS = {
    Fulfilment.FBA: Msg.of(N_("Fulfilled by Amazon (FBA)")),
    Fulfilment.SELLER: Msg.of(N_("Fulfilled by the seller")),
    Fulfilment.SELLER_PRIME: Msg.of(N_("Seller Fulfilled Prime")),
}

# Amazon order ids are 3-7-7 digits. Sellers paste them from e-mails and PDFs, which bring
# typographic dashes and stray spaces along.
_DASHES = re.compile(r"\s*[-‐‑‒–—―−﹘﹣－]\s*")
_AMAZON_ORDER_ID = re.compile(r"[0-9]{3}-[0-9]{7}-[0-9]{7}")
_AMAZON_BARE = re.compile(r"[0-9]{17}")


def normalise_order_id(source: ClaimSource, raw: str) -> str:
    """The order id in canonical form, or ``ValidationError``.

    Amazon sources: ``171-1234567-1234567`` (any dash character, spaces around the dashes and
    seventeen bare digits are accepted). Other sources: 1-64 printable characters, trimmed.
    """
    text = raw.strip()
    if source.is_amazon:
        text = _DASHES.sub("-", text)
        if _AMAZON_BARE.fullmatch(text):
            text = f"{text[:3]}-{text[3:10]}-{text[10:]}"
        if not _AMAZON_ORDER_ID.fullmatch(text):
            raise ValidationError(Msg.of(
                N_("An Amazon order number looks like 171-1234567-1234567; got {value}."),
                value=raw,
            ))
        return text
    if not text or len(text) > ORDER_ID_MAX_CHARS or not text.isprintable():
        raise ValidationError(Msg.of(
            N_("An order or transaction id is 1 to {max} printable characters."),
            max=ORDER_ID_MAX_CHARS,
        ))
    return text


@dataclass(frozen=True)
class Claim:
    """What the seller knows about one claim. Its life cycle lives in its events (lifecycle.py).

    Construction validates and normalises: the order id is canonical, ``notice_at`` is in UTC.
    ``rule_id``/``rule_version`` name the rule row the claim was created under, so deadlines never
    move when the rule table changes later.
    """

    source: ClaimSource
    marketplace: Marketplace
    order_id: str
    reason: Reason
    fulfilment: Fulfilment
    amount: Money
    notice_at: datetime
    rule_id: str
    rule_version: int
    latest_delivery: date | None = None  # latest estimated delivery date, when known
    buy_shipping_protected: bool = False  # label bought with Buy Shipping claims protection
    notes: str = ""
    order_date: date | None = None  # ODR attributes defects to it; notice date when unknown

    def __post_init__(self) -> None:
        # Frozen: normalised values are set once here, the only place that may.
        object.__setattr__(self, "order_id", normalise_order_id(self.source, self.order_id))
        object.__setattr__(self, "notice_at", as_utc(self.notice_at, "notice_at"))
        object.__setattr__(self, "notes", self.notes.strip())
        _check_marketplace(self.source, self.marketplace)
        _check_amount(self.amount)
        if len(self.notes) > NOTES_MAX_CHARS:
            raise ValidationError(Msg.of(
                N_("Notes can be at most {max} characters; these have {count}."),
                max=NOTES_MAX_CHARS, count=len(self.notes),
            ))
        if self.buy_shipping_protected and (
            not self.source.is_amazon or self.fulfilment is Fulfilment.FBA
        ):
            raise ValidationError(Msg.of(
                N_("Buy Shipping claims protection only applies to Amazon orders you ship "
                   "yourself.")
            ))

    @property
    def protected_not_received(self) -> bool:
        """Buy Shipping protection covers exactly this case: Amazon funds it, no ODR impact."""
        return self.buy_shipping_protected and self.reason is Reason.NOT_RECEIVED

    @property
    def attribution_date(self) -> date:
        """The day ODR counts the claim on: the order date, else the notice date (UTC)."""
        return self.order_date or self.notice_at.date()


def _check_marketplace(source: ClaimSource, marketplace: Marketplace) -> None:
    if source.is_amazon != marketplace.is_amazon:
        raise ValidationError(Msg.of(
            N_("Amazon claims need an Amazon marketplace; other claims need your own shop.")
        ))


def _check_amount(amount: Money) -> None:
    if not (len(amount.currency) == 3 and amount.currency.isascii() and amount.currency.isupper()
            and amount.currency.isalpha()):
        raise ValidationError(Msg.of(
            N_("A currency is a three-letter code such as EUR; got {value}."),
            value=amount.currency,
        ))
    if not isinstance(amount.amount, Decimal) or not amount.amount.is_finite() \
            or amount.amount <= 0:
        raise ValidationError(Msg.of(N_("The amount must be more than zero.")))


def new_claim(
    source: ClaimSource,
    marketplace: Marketplace,
    order_id: str,
    reason: Reason,
    fulfilment: Fulfilment,
    amount: Money,
    notice_at: datetime,
    *,
    latest_delivery: date | None = None,
    buy_shipping_protected: bool = False,
    notes: str = "",
    order_date: date | None = None,
    rules: RuleTable = RULES,
) -> Claim:
    """A new claim under the current rule for its source and marketplace."""
    _check_marketplace(source, marketplace)  # before the lookup, for the clearer message
    rule = rules.current(source, marketplace)
    return Claim(
        source=source,
        marketplace=marketplace,
        order_id=order_id,
        reason=reason,
        fulfilment=fulfilment,
        amount=amount,
        notice_at=notice_at,
        rule_id=rule.rule_id,
        rule_version=rule.version,
        latest_delivery=latest_delivery,
        buy_shipping_protected=buy_shipping_protected,
        notes=notes,
        order_date=order_date,
    )
