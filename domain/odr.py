"""Order Defect Rate: whether a claim counts as a defect, and an estimate from recorded claims.

Rules (Seller Central G200285170, G202041210): orders with at least one defect / all orders over
60 days, per fulfilment channel, target below 1 %. A claim counts while pending, when granted
(also Amazon-funded, except Buy Shipping protected "not received"), when the seller refunded after
filing, and when withdrawn after a grant or refund. It does not count when denied, withdrawn
before a decision or refund, or won on appeal.

Chargebacks: a fraud (unauthorised use) chargeback is Amazon's liability and no defect; a
service chargeback, or one whose reason the seller has not given, follows the claim rules
(FACTS "cb.fraud_not_odr"). FBA claims about Amazon's fulfilment are Amazon's (FACTS
"fba.amazon_handles"). What the seller recorded about an outcome ("counts toward ODR: yes/no")
wins over the rules: Amazon's decision is the fact. Trusted Shops and PayPal never touch the ODR.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from domain.claims import ChargebackReason, Claim, Fulfilment, TrackingStatus
from domain.errors import ValidationError
from domain.instants import as_utc
from domain.lifecycle import ClaimEvent, EventKind, State, apply
from domain.rules import Marketplace
from domain.text import N_, Msg

__all__ = [
    "ODR_TARGET",
    "ODR_WINDOW_DAYS",
    "OdrChannel",
    "OdrEstimate",
    "OdrVerdict",
    "channel_of",
    "estimate_odr",
    "odr_verdict",
]

ODR_WINDOW_DAYS = 60
ODR_TARGET = Decimal("0.01")


class OdrChannel(StrEnum):
    FBA = "fba"
    SELLER = "sf"  # seller-fulfilled, Seller Fulfilled Prime included


def channel_of(fulfilment: Fulfilment) -> OdrChannel:
    return OdrChannel.FBA if fulfilment is Fulfilment.FBA else OdrChannel.SELLER


@dataclass(frozen=True)
class OdrVerdict:
    """Whether a claim counts as a defect, and the rule that says so."""

    counts: bool
    reason: Msg


_NOT_AMAZON = OdrVerdict(False, Msg.of(N_(
    "Only Amazon claims count toward the Order Defect Rate."
)))
_FRAUD_CHARGEBACK = OdrVerdict(False, Msg.of(N_(
    "A fraud (unauthorised use) chargeback is Amazon's liability and does not count toward your "
    "Order Defect Rate; only service chargebacks do."
)))
_FBA = OdrVerdict(False, Msg.of(N_(
    "Amazon handles FBA orders; a claim about its fulfilment is normally not held against you "
    "(Amazon's claim pages do not say so in as many words)."
)))
_RECORDED_COUNTS = OdrVerdict(True, Msg.of(N_(
    "You recorded that this claim counts toward your Order Defect Rate."
)))
_RECORDED_NOT = OdrVerdict(False, Msg.of(N_(
    "You recorded that this claim does not count toward your Order Defect Rate."
)))
_RETURNED_PROTECTED = OdrVerdict(False, Msg.of(N_(
    "A returned or undeliverable parcel with Buy Shipping claims protection: Amazon refunds "
    "the buyer and debits you, without impact on your Order Defect Rate."
)))
_APPEAL_WON = OdrVerdict(False, Msg.of(N_(
    "A claim won on appeal does not count toward your Order Defect Rate."
)))
_DENIED = OdrVerdict(False, Msg.of(N_(
    "A denied claim does not count toward your Order Defect Rate."
)))
_WITHDRAWN_EARLY = OdrVerdict(False, Msg.of(N_(
    "A claim withdrawn before a decision or refund does not count toward your Order Defect Rate."
)))
_WITHDRAWN_LATE = OdrVerdict(True, Msg.of(N_(
    "A claim withdrawn after a grant or refund still counts toward your Order Defect Rate."
)))
_REFUNDED = OdrVerdict(True, Msg.of(N_(
    "A refund after the claim was filed closes it, but it still counts toward your Order "
    "Defect Rate."
)))
_PROTECTED = OdrVerdict(False, Msg.of(N_(
    "Amazon funds \"not received\" claims on Buy Shipping protected labels; they do not count "
    "toward your Order Defect Rate."
)))
_PENDING = OdrVerdict(True, Msg.of(N_(
    "A pending claim counts toward your Order Defect Rate until it is denied or withdrawn."
)))
_GRANTED = OdrVerdict(True, Msg.of(N_(
    "A granted claim counts toward your Order Defect Rate, also when Amazon funds it."
)))

_GRANT_OR_REFUND = frozenset({EventKind.GRANT_SELLER, EventKind.GRANT_AMAZON, EventKind.REFUND})


def odr_verdict(claim: Claim, events: Sequence[ClaimEvent]) -> OdrVerdict:
    """Whether ``claim``, after ``events``, counts toward the ODR (and why)."""
    if not claim.source.is_amazon:
        return _NOT_AMAZON
    if claim.chargeback_reason is ChargebackReason.FRAUD:
        return _FRAUD_CHARGEBACK
    recorded = next((e.counts_odr for e in reversed(events) if e.counts_odr is not None), None)
    if recorded is not None:
        return _RECORDED_COUNTS if recorded else _RECORDED_NOT
    states = [State.OPEN]
    for event in events:
        states.append(apply(states[-1], event.kind, event.at).state)
    if State.APPEAL_WON in states:
        return _APPEAL_WON
    # Closing changes nothing: the outcome before it decides.
    outcome = states[-2] if states[-1] is State.CLOSED else states[-1]
    if claim.is_fba and outcome in (State.OPEN, State.RESPONDED, State.GRANTED_AMAZON):
        return _FBA
    if outcome is State.DENIED:
        return _DENIED
    if outcome is State.WITHDRAWN:
        late = any(event.kind in _GRANT_OR_REFUND for event in events)
        return _WITHDRAWN_LATE if late else _WITHDRAWN_EARLY
    if outcome is State.REFUNDED:
        return _REFUNDED
    if claim.protected_not_received and outcome in (
        State.OPEN, State.RESPONDED, State.GRANTED_AMAZON
    ):
        # Pending protected claims too: Amazon funds them if granted, so they are expected not to
        # count; a seller-funded grant means the protection did not apply.
        return _PROTECTED
    if (claim.protected_not_received and claim.tracking_status is TrackingStatus.RETURNED
            and outcome is State.GRANTED_SELLER):
        return _RETURNED_PROTECTED
    if outcome in (State.OPEN, State.RESPONDED):
        return _PENDING
    return _GRANTED


@dataclass(frozen=True)
class OdrEstimate:
    """Defective orders / orders for one channel over the window ``[window_start, window_end]``."""

    channel: OdrChannel
    window_start: date
    window_end: date
    orders: int
    defective_orders: tuple[str, ...]  # order ids, each once

    @property
    def defects(self) -> int:
        return len(self.defective_orders)

    @property
    def rate(self) -> Decimal | None:
        """The fraction (0.0123 = 1.23 %), or None without orders."""
        return Decimal(self.defects) / Decimal(self.orders) if self.orders else None

    @property
    def meets_target(self) -> bool:
        """Below the 1 % target; no orders means no defects, which meets it."""
        rate = self.rate
        return rate is None or rate < ODR_TARGET


def estimate_odr(
    claims: Iterable[tuple[Claim, Sequence[ClaimEvent]]],
    orders: Mapping[OdrChannel, int],
    now: datetime,
    marketplace: Marketplace | None = None,
) -> dict[OdrChannel, OdrEstimate]:
    """An ODR estimate for each channel in ``orders`` (the seller's order counts for the window).

    The window is the 60 UTC days ending on ``now``'s day. A claim is placed on its order date,
    else its notice date. ``marketplace`` limits the estimate to one marketplace.
    """
    window_end = as_utc(now, "now").date()
    window_start = window_end - timedelta(days=ODR_WINDOW_DAYS - 1)
    defective: dict[OdrChannel, dict[str, None]] = {channel: {} for channel in orders}
    for claim, events in claims:
        channel = channel_of(claim.fulfilment)
        if (
            channel in defective
            and (marketplace is None or claim.marketplace is marketplace)
            and window_start <= claim.attribution_date <= window_end
            and odr_verdict(claim, events).counts
        ):
            defective[channel][claim.order_id] = None  # an order with several defects counts once
    estimates = {}
    for channel, count in orders.items():
        found = tuple(defective[channel])
        if count < len(found):
            raise ValidationError(Msg.of(
                N_("You entered {orders} orders for the last {days} days, but {defects} of them "
                   "have claims. Please check the order count."),
                orders=count, defects=len(found), days=ODR_WINDOW_DAYS,
            ))
        estimates[channel] = OdrEstimate(channel, window_start, window_end, count, found)
    return estimates
