"""A claim: the facts a seller records about one buyer claim, validated on construction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain.errors import ValidationError
from domain.instants import as_utc
from domain.money import Money
from domain.rules import RULES, ClaimSource, Marketplace, RuleTable
from domain.text import N_, Msg

__all__ = [
    "NOTES_MAX_CHARS",
    "ORDER_ID_MAX_CHARS",
    "SHORT_FACT_MAX_CHARS",
    "ChargebackReason",
    "Claim",
    "Fulfilment",
    "NoticeKind",
    "PayPalStage",
    "Reason",
    "TrackingStatus",
    "new_claim",
    "normalise_order_id",
]

NOTES_MAX_CHARS = 3000
ORDER_ID_MAX_CHARS = 64
SHORT_FACT_MAX_CHARS = 64  # carrier name, tracking number


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

class NoticeKind(StrEnum):
    """Which Amazon notice the seller has. Since July 2020 only a *request for information*
    starts the 48 hours (FACTS "az.info_request_48h", "az.no_response_required_since_2020")."""

    INFO_REQUEST = "req"  # Amazon asked for information: 48 hours from it
    CLAIM_FILED = "filed"  # the claim was filed and is under review: no answer required
    UNKNOWN = "unk"  # the seller does not know: the strict reading counts 48 hours

    @property
    def label(self) -> Msg:
        return _NOTICE_LABELS[self]


_NOTICE_LABELS = {
    NoticeKind.INFO_REQUEST: Msg.of(N_("Amazon asked for information (e-mail, \"Action "
                                       "required\")")),
    NoticeKind.CLAIM_FILED: Msg.of(N_("Claim filed, no request from Amazon")),
    NoticeKind.UNKNOWN: Msg.of(N_("I don't know")),
}


class TrackingStatus(StrEnum):
    """What the carrier's tracking says for a "not received" claim."""

    DELIVERED = "dlv"
    IN_TRANSIT = "transit"
    RETURNED = "ret"  # returned to sender or undeliverable
    NONE = "none"  # no tracking

    @property
    def label(self) -> Msg:
        return _TRACKING_LABELS[self]


_TRACKING_LABELS = {
    TrackingStatus.DELIVERED: Msg.of(N_("Delivered")),
    TrackingStatus.IN_TRANSIT: Msg.of(N_("In transit")),
    TrackingStatus.RETURNED: Msg.of(N_("Returned to sender")),
    TrackingStatus.NONE: Msg.of(N_("No tracking")),
}


class ChargebackReason(StrEnum):
    """Fraud chargebacks are Amazon's liability and no ODR defect; service ones count
    (FACTS "cb.fraud_not_odr")."""

    FRAUD = "fraud"  # unauthorised use of the card
    SERVICE = "svc"  # not received, not as described, ...

    @property
    def label(self) -> Msg:
        return _CHARGEBACK_LABELS[self]


_CHARGEBACK_LABELS = {
    ChargebackReason.FRAUD: Msg.of(N_("Unauthorised use / fraud")),
    ChargebackReason.SERVICE: Msg.of(N_("Service (not received, not as described, ...)")),
}


class PayPalStage(StrEnum):
    """A dispute is buyer-seller talk for 20 days; a claim has PayPal's "respond by" date
    (FACTS "pp.dispute_20_days", "pp.claim_respond_by")."""

    DISPUTE = "dispute"
    CLAIM = "claim"

    @property
    def label(self) -> Msg:
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    PayPalStage.DISPUTE: Msg.of(N_("Dispute (talking with the buyer)")),
    PayPalStage.CLAIM: Msg.of(N_("Claim (PayPal decides)")),
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
    # Facts the advice and the drafts use; None means "not asked" or "not known".
    notice_kind: NoticeKind = NoticeKind.UNKNOWN  # stored claims from before it was asked: "req"
    tracking_status: TrackingStatus | None = None
    carrier: str = ""
    tracking_number: str = ""
    ship_date: date | None = None
    delivered_on: date | None = None
    first_scan_on_time: bool | None = None  # Buy Shipping: first carrier scan by the ship-by date
    buyer_contacted_first: bool | None = None
    chargeback_filed: bool = False  # the buyer also filed a chargeback for this order
    return_offered: bool | None = None
    chargeback_reason: ChargebackReason | None = None
    paypal_stage: PayPalStage | None = None
    respond_by: datetime | None = None  # a deadline the platform states (PayPal "respond by")

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
        self._check_facts()
        if self.buy_shipping_protected and (
            not self.source.is_amazon or self.fulfilment is Fulfilment.FBA
        ):
            raise ValidationError(Msg.of(
                N_("Buy Shipping claims protection only applies to Amazon orders you ship "
                   "yourself.")
            ))

    def _check_facts(self) -> None:
        for name in ("carrier", "tracking_number"):
            value = getattr(self, name).strip()
            object.__setattr__(self, name, value)
            if len(value) > SHORT_FACT_MAX_CHARS or not value.isprintable():
                raise ValidationError(Msg.of(
                    N_("A carrier or tracking number is one line of at most {max} characters."),
                    max=SHORT_FACT_MAX_CHARS,
                ))
        if self.respond_by is not None:
            object.__setattr__(self, "respond_by", as_utc(self.respond_by, "respond_by"))
            if self.respond_by <= self.notice_at:
                raise ValidationError(Msg.of(
                    N_("The \"respond by\" date must come after the notice.")
                ))
        if self.ship_date and self.delivered_on and self.delivered_on < self.ship_date:
            raise ValidationError(Msg.of(
                N_("The delivery date cannot be before the ship date.")
            ))
        if self.chargeback_reason is not None and self.source is not ClaimSource.CHARGEBACK:
            raise ValidationError(Msg.of(N_("Only a chargeback has a chargeback reason.")))
        if self.paypal_stage is not None and self.source is not ClaimSource.PAYPAL:
            raise ValidationError(Msg.of(N_("Only a PayPal case is a dispute or a claim.")))

    @property
    def protected_not_received(self) -> bool:
        """Buy Shipping protection covers exactly this case: Amazon funds it, no ODR impact.

        It needs the first carrier scan by the ship-by date (FACTS "buy_shipping.protection");
        a late first scan voids it, an unknown one is assumed on time.
        """
        return (self.buy_shipping_protected and self.reason is Reason.NOT_RECEIVED
                and self.first_scan_on_time is not False)

    @property
    def is_fba(self) -> bool:
        return self.source.is_amazon and self.fulfilment is Fulfilment.FBA

    @property
    def notice_starts_window(self) -> bool:
        """Whether the notice itself starts the response window.

        Outside A-to-z it always does. An A-to-z notice does when it is Amazon's request for
        information, or when the seller does not know (the strict reading), except for FBA:
        Amazon handles those, so only an explicit request counts.
        """
        if self.source is not ClaimSource.A_TO_Z:
            return True
        if self.notice_kind is NoticeKind.INFO_REQUEST:
            return True
        return self.notice_kind is NoticeKind.UNKNOWN and not self.is_fba

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
    **facts: Any,
) -> Claim:
    """A new claim under the current rule for its source and marketplace.

    ``facts`` are the optional fields of ``Claim`` (notice kind, tracking status, carrier...).
    """
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
        **facts,
    )
