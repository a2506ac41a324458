"""The claim intake as data: a typed draft, the table of its steps, and how answers are read.

The draft knows which question comes next (``next_step``): the first step that applies to
it and has no answer yet, so a restart, an edit or a "continue" all land on the right
question. Each step reads its answer here, purely (``now`` and the seller's zone are passed
in); a refused answer raises a ``DomainError`` whose ``msg`` says why, with an example.

``to_json`` / ``from_json`` keep the draft in the seller's persisted user data. The JSON is
the dictionary earlier versions stored, so a draft started before an upgrade continues.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from domain.claims import (
    NOTES_MAX_CHARS,
    SHORT_FACT_MAX_CHARS,
    ChargebackReason,
    Claim,
    Fulfilment,
    NoticeKind,
    PayPalStage,
    Reason,
    TrackingStatus,
    new_claim,
    normalise_order_id,
)
from domain.errors import ReadingError
from domain.money import Money
from domain.reading import (
    default_currency,
    parse_claim_amount,
    parse_delivery_date,
    parse_event_date,
    parse_notice_time,
)
from domain.rules import ClaimSource, Marketplace
from domain.text import N_, Msg

__all__ = [
    "DRAFT_TTL",
    "EDITABLE",
    "SKIP_WORDS",
    "TEXT_STEPS",
    "ClaimDraft",
    "Step",
    "button_values",
    "choose",
    "edit",
    "next_step",
    "read_text",
    "skip",
    "step_applies",
    "to_claim",
]

DRAFT_TTL = timedelta(hours=24)  # a draft idle this long is removed
# Sellers type "skip" as often as they tap the button; as notes or a date it means nothing else.
SKIP_WORDS = frozenset({"skip", "overslaan", "sla over", "geen", "none", "-", "nee", "no"})


class Step(StrEnum):
    """The intake's questions, in the order they are asked. Values are persisted."""

    SOURCE = "source"
    MARKETPLACE = "marketplace"
    ORDER_ID = "order_id"
    REASON = "reason"
    CB_REASON = "cb_reason"  # chargebacks: fraud (Amazon's liability) or service
    FULFILMENT = "fulfilment"
    AMOUNT = "amount"
    NOTICE_KIND = "notice_kind"  # A-to-z: a request for information, or only the claim
    NOTICE = "notice"
    PAYPAL_STAGE = "pp_stage"  # PayPal: dispute or claim
    RESPOND_BY = "respond_by"  # PayPal claim: the date the Resolution Center shows
    DELIVERY = "delivery"
    TRACKING = "tracking"  # "not received": what the tracking says
    CARRIER = "carrier"
    TRACKING_NUMBER = "tracking_no"
    SHIP_DATE = "ship_date"
    BUY_SHIPPING = "buy_shipping"
    FIRST_SCAN = "first_scan"  # Buy Shipping: first carrier scan by the ship-by date
    CONTACT = "contact"  # A-to-z: did the buyer contact the seller first
    NOTES = "notes"


@dataclass
class ClaimDraft:
    """A claim being registered; ``None`` is "not answered yet" unless ``answered`` says so."""

    started_at: datetime
    updated_at: datetime
    source: ClaimSource | None = None
    marketplace: Marketplace | None = None
    order_id: str | None = None
    reason: Reason | None = None
    fulfilment: Fulfilment | None = None
    amount: Money | None = None
    notice_at: datetime | None = None
    latest_delivery: date | None = None
    buy_shipping: bool | None = None
    notes: str | None = None
    chargeback_reason: ChargebackReason | None = None
    notice_kind: NoticeKind | None = None
    paypal_stage: PayPalStage | None = None
    respond_by: datetime | None = None  # the end of the seller's local day PayPal names
    tracking_status: TrackingStatus | None = None
    carrier: str | None = None
    tracking_number: str | None = None
    ship_date: date | None = None
    first_scan_on_time: bool | None = None
    buyer_contacted_first: bool | None = None
    # Optional steps answered with "skip" or "I don't know" (their value stays None).
    skipped: set[Step] = field(default_factory=set)
    # An order id typed with the command, applied once the source is known.
    prefill: str | None = None
    # Set while the seller chooses between continuing this draft and starting over; the value
    # is the order id typed with that second command, if any.
    resume_prefill: str | None = None
    resuming: bool = False
    # The source before "edit source": a change between Amazon and not re-asks what depends.
    previous_source: ClaimSource | None = None

    @classmethod
    def start(cls, now: datetime, prefill: str | None = None) -> ClaimDraft:
        return cls(started_at=now, updated_at=now, prefill=prefill or None)

    def expired(self, now: datetime) -> bool:
        return now - self.updated_at > DRAFT_TTL

    def touch(self, now: datetime) -> None:
        self.updated_at = now

    @property
    def currency(self) -> str:
        return default_currency(self.marketplace.value if self.marketplace else None)

    # -- persistence ------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "started_at": _time_text(self.started_at),
            "updated_at": _time_text(self.updated_at),
        }
        if self.source is not None:
            data["source"] = self.source.value
        if self.marketplace is not None:
            data["marketplace"] = self.marketplace.value
        if self.order_id is not None:
            data["order_id"] = self.order_id
        if self.reason is not None:
            data["reason"] = self.reason.value
        if self.fulfilment is not None:
            data["fulfilment"] = self.fulfilment.value
        if self.amount is not None:
            data["amount"], data["currency"] = str(self.amount.amount), self.amount.currency
        if self.notice_at is not None:
            data["notice_at"] = _time_text(self.notice_at)
        if self.latest_delivery is not None or Step.DELIVERY in self.skipped:
            data["latest_delivery"] = (
                self.latest_delivery.isoformat() if self.latest_delivery else None
            )
        if self.buy_shipping is not None:
            data["buy_shipping"] = self.buy_shipping
        if self.notes is not None:
            data["notes"] = self.notes
        for name in _FACT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, date):
                data[name] = value.isoformat()
            elif value is not None:
                data[name] = value.value if isinstance(value, StrEnum) else value
        fact_skips = sorted(step.value for step in self.skipped if step in _FACT_STEPS)
        if fact_skips:
            data["skipped"] = fact_skips
        if self.prefill:
            data["prefill"] = self.prefill
        if self.resuming:
            data["pending_prefill"] = self.resume_prefill
        if self.previous_source is not None:
            data["previous_source"] = self.previous_source.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimDraft:
        """Read a stored draft; what no longer reads (an old value) is asked again."""
        started = _time(data.get("started_at")) or _time(data.get("updated_at"))
        draft = cls(
            started_at=started or datetime.min.replace(tzinfo=UTC),
            updated_at=_time(data.get("updated_at")) or started or datetime.min.replace(tzinfo=UTC),
            source=_enum(ClaimSource, data.get("source")),
            marketplace=_enum(Marketplace, data.get("marketplace")),
            order_id=data.get("order_id") if isinstance(data.get("order_id"), str) else None,
            reason=_enum(Reason, data.get("reason")),
            fulfilment=_enum(Fulfilment, data.get("fulfilment")),
            notice_at=_time(data.get("notice_at")),
            buy_shipping=data.get("buy_shipping") if isinstance(
                data.get("buy_shipping"), bool) else None,
            notes=data.get("notes") if isinstance(data.get("notes"), str) else None,
            prefill=data.get("prefill") or None,
            resuming="pending_prefill" in data,
            resume_prefill=data.get("pending_prefill") or None,
        )
        if data.get("amount") is not None and data.get("currency"):
            try:
                draft.amount = Money(Decimal(str(data["amount"])), str(data["currency"]))
            except (ArithmeticError, ValueError):
                draft.amount = None
        if "latest_delivery" in data:
            try:
                draft.latest_delivery = (
                    date.fromisoformat(data["latest_delivery"]) if data["latest_delivery"]
                    else None
                )
            except (TypeError, ValueError):
                draft.latest_delivery = None
            else:
                if draft.latest_delivery is None:
                    draft.skipped.add(Step.DELIVERY)
        draft.previous_source = _enum(ClaimSource, data.get("previous_source"))
        _read_facts(draft, data)
        return draft


# --- the steps ---------------------------------------------------------------------------------


def _amazon(draft: ClaimDraft) -> bool:
    return draft.source is not None and draft.source.is_amazon


def _ships_itself(draft: ClaimDraft) -> bool:
    """A "not received" claim on a parcel the seller shipped (not FBA)."""
    return draft.reason is Reason.NOT_RECEIVED and not (
        _amazon(draft) and draft.fulfilment in (None, Fulfilment.FBA)
    )


def _buy_shipping_applies(draft: ClaimDraft) -> bool:
    # Buy Shipping claims protection covers "not received" only (FACTS "buy_shipping.protection").
    return _amazon(draft) and _ships_itself(draft)


def _source_is(source: ClaimSource) -> Callable[[ClaimDraft], bool]:
    return lambda draft: draft.source is source


def _has(name: str, step: Step) -> Callable[[ClaimDraft], bool]:
    return lambda draft: getattr(draft, name) is not None or step in draft.skipped


@dataclass(frozen=True)
class _Row:
    applies: Callable[[ClaimDraft], bool]
    answered: Callable[[ClaimDraft], bool]


_S = Step
_ROWS: dict[Step, _Row] = {
    _S.SOURCE: _Row(lambda d: True, lambda d: d.source is not None),
    _S.MARKETPLACE: _Row(_amazon, lambda d: d.marketplace is not None),
    _S.ORDER_ID: _Row(lambda d: True, lambda d: d.order_id is not None),
    _S.REASON: _Row(lambda d: True, lambda d: d.reason is not None),
    _S.CB_REASON: _Row(_source_is(ClaimSource.CHARGEBACK),
                       _has("chargeback_reason", _S.CB_REASON)),
    _S.FULFILMENT: _Row(_amazon, lambda d: d.fulfilment is not None),
    _S.AMOUNT: _Row(lambda d: True, lambda d: d.amount is not None),
    _S.NOTICE_KIND: _Row(_source_is(ClaimSource.A_TO_Z), lambda d: d.notice_kind is not None),
    _S.NOTICE: _Row(lambda d: True, lambda d: d.notice_at is not None),
    _S.PAYPAL_STAGE: _Row(_source_is(ClaimSource.PAYPAL), lambda d: d.paypal_stage is not None),
    _S.RESPOND_BY: _Row(lambda d: d.source is ClaimSource.PAYPAL
                        and d.paypal_stage is PayPalStage.CLAIM,
                        _has("respond_by", _S.RESPOND_BY)),
    _S.DELIVERY: _Row(
        lambda d: True, lambda d: d.latest_delivery is not None or Step.DELIVERY in d.skipped
    ),
    _S.TRACKING: _Row(_ships_itself, _has("tracking_status", _S.TRACKING)),
    _S.CARRIER: _Row(_ships_itself, _has("carrier", _S.CARRIER)),
    _S.TRACKING_NUMBER: _Row(lambda d: _ships_itself(d)
                             and d.tracking_status is not TrackingStatus.NONE,
                             _has("tracking_number", _S.TRACKING_NUMBER)),
    _S.SHIP_DATE: _Row(_ships_itself, _has("ship_date", _S.SHIP_DATE)),
    _S.BUY_SHIPPING: _Row(_buy_shipping_applies, lambda d: d.buy_shipping is not None),
    _S.FIRST_SCAN: _Row(lambda d: _buy_shipping_applies(d) and bool(d.buy_shipping),
                        _has("first_scan_on_time", _S.FIRST_SCAN)),
    _S.CONTACT: _Row(_source_is(ClaimSource.A_TO_Z),
                     _has("buyer_contacted_first", _S.CONTACT)),
    _S.NOTES: _Row(lambda d: True, lambda d: d.notes is not None),
}

# The facts the advice needs: draft field per step, and the button values of each.
_FACT_FIELDS = (
    "chargeback_reason", "notice_kind", "paypal_stage", "respond_by", "tracking_status",
    "carrier", "tracking_number", "ship_date", "first_scan_on_time", "buyer_contacted_first",
)
_FACT_STEPS = frozenset({
    _S.CB_REASON, _S.RESPOND_BY, _S.TRACKING, _S.CARRIER, _S.TRACKING_NUMBER, _S.SHIP_DATE,
    _S.FIRST_SCAN, _S.CONTACT,
})
_YES_NO: dict[str, bool | None] = {"y": True, "n": False, "u": None}  # "u": don't know
_BUTTON_FACTS: dict[Step, tuple[str, dict[str, Any]]] = {
    _S.CB_REASON: ("chargeback_reason", {**{r.value: r for r in ChargebackReason}, "u": None}),
    _S.NOTICE_KIND: ("notice_kind", {k.value: k for k in NoticeKind}),
    _S.PAYPAL_STAGE: ("paypal_stage", {k.value: k for k in PayPalStage}),
    _S.TRACKING: ("tracking_status", {k.value: k for k in TrackingStatus}),
    _S.FIRST_SCAN: ("first_scan_on_time", _YES_NO),
    _S.CONTACT: ("buyer_contacted_first", _YES_NO),
}
_ENUMS: dict[str, Any] = {
    "chargeback_reason": ChargebackReason, "notice_kind": NoticeKind,
    "paypal_stage": PayPalStage, "tracking_status": TrackingStatus,
}


def button_values(step: Step) -> tuple[str, ...]:
    """The answers a fact step offers as buttons, in order."""
    return tuple(_BUTTON_FACTS[step][1])


def _read_facts(draft: ClaimDraft, data: dict[str, Any]) -> None:
    for name in _FACT_FIELDS:
        value = data.get(name)
        if name in _ENUMS:
            setattr(draft, name, _enum(_ENUMS[name], value))
        elif name == "respond_by":
            draft.respond_by = _time(value)
        elif name == "ship_date":
            try:
                setattr(draft, name, date.fromisoformat(value) if isinstance(value, str)
                        else None)
            except ValueError:
                setattr(draft, name, None)
        elif name in ("carrier", "tracking_number"):
            setattr(draft, name, value if isinstance(value, str) else None)
        else:
            setattr(draft, name, value if isinstance(value, bool) else None)
    for value in data.get("skipped") or ():
        step = _enum(Step, value)
        if step in _FACT_STEPS:
            draft.skipped.add(step)


def step_applies(draft: ClaimDraft, step: Step) -> bool:
    return _ROWS[step].applies(draft)


def next_step(draft: ClaimDraft) -> Step | None:
    """The first question that applies and has no answer; None means "show the summary"."""
    for step, row in _ROWS.items():
        if row.applies(draft) and not row.answered(draft):
            return step
    return None


# --- answers -----------------------------------------------------------------------------------


def choose(draft: ClaimDraft, step: Step, value: str) -> None:
    """A button answer; ``ValueError`` when ``value`` is not one this step offers now."""
    if step is not next_step(draft):
        raise ValueError(f"{step} is not the open question")
    if step is Step.SOURCE:
        source = ClaimSource(value)
        previous, draft.previous_source = draft.previous_source, None
        if previous is not None and previous.is_amazon != source.is_amazon:
            draft.marketplace, draft.fulfilment, draft.buy_shipping = None, None, None
        if draft.order_id is not None:
            try:
                draft.order_id = normalise_order_id(source, draft.order_id)
            except ValueError:  # the id of one source need not fit another
                draft.order_id = None
        draft.source = source
    elif step is Step.MARKETPLACE:
        marketplace = Marketplace(value)
        if not marketplace.is_amazon:
            raise ValueError("not an Amazon marketplace")
        draft.marketplace = marketplace
    elif step is Step.REASON:
        draft.reason = Reason(value)
    elif step is Step.FULFILMENT:
        draft.fulfilment = Fulfilment(value)
        draft.buy_shipping, draft.first_scan_on_time = None, None
        draft.skipped.discard(Step.FIRST_SCAN)
    elif step is Step.BUY_SHIPPING:
        if value not in ("y", "n"):
            raise ValueError(value)
        draft.buy_shipping = value == "y"
    elif step in _BUTTON_FACTS:
        name, values = _BUTTON_FACTS[step]
        if value not in values:
            raise ValueError(value)
        setattr(draft, name, values[value])
        if values[value] is None:
            draft.skipped.add(step)
    elif step is Step.NOTICE and value == "now":
        raise ValueError("use notice_now")
    else:
        raise ValueError(f"{step} takes no button")


def notice_now(draft: ClaimDraft, now: datetime) -> None:
    """"Just now": the notice arrived at this moment."""
    draft.notice_at = now


def skip(draft: ClaimDraft) -> Step:
    """Skip the open optional question (delivery date or notes); ``ValueError`` otherwise."""
    step = next_step(draft)
    if step is Step.DELIVERY:
        draft.latest_delivery = None
        draft.skipped.add(Step.DELIVERY)
    elif step is Step.NOTES:
        draft.notes = ""
    elif step in (Step.CARRIER, Step.TRACKING_NUMBER, Step.SHIP_DATE, Step.RESPOND_BY):
        draft.skipped.add(step)
    else:
        raise ValueError(f"{step} cannot be skipped")
    return step


def typed_skip(text: str | None) -> bool:
    return (text or "").strip().strip(".!").lower() in SKIP_WORDS


TEXT_STEPS = frozenset({
    Step.ORDER_ID, Step.AMOUNT, Step.NOTICE, Step.DELIVERY, Step.NOTES, Step.CARRIER,
    Step.TRACKING_NUMBER, Step.SHIP_DATE, Step.RESPOND_BY,
})
SHIP_DATE_MAX_BACK = timedelta(days=365)


def read_text(
    draft: ClaimDraft, step: Step, text: str, now: datetime, zone: tzinfo
) -> None:
    """A typed answer to ``step``; ``DomainError`` (with an explanation) when it won't read."""
    text = text or ""
    if step is Step.ORDER_ID:
        if draft.source is None:
            raise ValueError("the source comes first")
        draft.order_id = normalise_order_id(draft.source, text)
    elif step is Step.AMOUNT:
        draft.amount = parse_claim_amount(text, draft.currency)
    elif step is Step.NOTICE:
        draft.notice_at = parse_notice_time(text, now, zone)
    elif step is Step.DELIVERY:
        if typed_skip(text):
            skip(draft)
            return
        draft.latest_delivery = parse_delivery_date(text, now.astimezone(zone).date())
    elif step in (Step.CARRIER, Step.TRACKING_NUMBER, Step.SHIP_DATE, Step.RESPOND_BY):
        _read_fact_text(draft, step, text, now, zone)
    elif step is Step.NOTES:
        notes = "" if typed_skip(text) else text.strip()
        if len(notes) > NOTES_MAX_CHARS:
            raise ReadingError(Msg.of(
                N_("Notes can be at most {max} characters; these have {count}."),
                max=NOTES_MAX_CHARS, count=len(notes),
            ))
        draft.notes = notes
    else:
        raise ValueError(f"{step} takes a button, not text")


def _read_fact_text(
    draft: ClaimDraft, step: Step, text: str, now: datetime, zone: tzinfo
) -> None:
    today = now.astimezone(zone).date()
    if typed_skip(text):
        draft.skipped.add(step)
        return
    if step is Step.SHIP_DATE:
        draft.ship_date = parse_event_date(text, today, today - SHIP_DATE_MAX_BACK)
    elif step is Step.RESPOND_BY:
        day = parse_delivery_date(text, today)
        if day < today:
            raise ReadingError(Msg.of(
                N_("{date} has passed. Type the \"respond by\" date PayPal shows, for example "
                   "{example}."), date=day, example=today + timedelta(days=7),
            ))
        # PayPal names a day; its end in the seller's zone (Europe) comes before the end of that
        # day in PayPal's own (US) time, so the deadline is early, never late.
        end = datetime.combine(day, time(23, 59), zone)
        draft.respond_by = end.astimezone(UTC)
    else:
        value = " ".join(text.split())
        if not value or len(value) > SHORT_FACT_MAX_CHARS or not value.isprintable():
            raise ReadingError(Msg.of(
                N_("A carrier or tracking number is one line of at most {max} characters."),
                max=SHORT_FACT_MAX_CHARS,
            ))
        setattr(draft, "carrier" if step is Step.CARRIER else "tracking_number", value)


def apply_prefill(draft: ClaimDraft) -> None:
    """Use the order id typed with the command once the source is known (``ValidationError``
    if it does not fit that source; it is then asked)."""
    if draft.prefill is None or draft.source is None or next_step(draft) is not Step.ORDER_ID:
        return
    raw, draft.prefill = draft.prefill, None
    draft.order_id = normalise_order_id(draft.source, raw)


# Edit-a-field buttons: code → what the edit clears (asked again, then the summary).
EDITABLE: dict[str, tuple[str, ...]] = {
    "src": ("source", "marketplace"),
    "oid": ("order_id",),
    "rsn": ("reason",),
    "cbr": ("chargeback_reason",),
    "ful": ("fulfilment", "buy_shipping", "first_scan_on_time"),
    "amt": ("amount",),
    "nk": ("notice_kind",),
    "ntc": ("notice_at",),
    "pps": ("paypal_stage", "respond_by"),
    "edd": ("latest_delivery",),
    "trk": ("tracking_status", "carrier", "tracking_number", "ship_date"),
    "bs": ("buy_shipping", "first_scan_on_time"),
    "ctc": ("buyer_contacted_first",),
    "nts": ("notes",),
}
_FIELD_STEP = {
    "latest_delivery": Step.DELIVERY, "chargeback_reason": Step.CB_REASON,
    "respond_by": Step.RESPOND_BY, "carrier": Step.CARRIER,
    "tracking_number": Step.TRACKING_NUMBER, "ship_date": Step.SHIP_DATE,
    "first_scan_on_time": Step.FIRST_SCAN, "buyer_contacted_first": Step.CONTACT,
}
# Which step decides whether an edit code makes sense for the draft.
_EDIT_STEP = {
    "cbr": Step.CB_REASON, "ful": Step.FULFILMENT, "nk": Step.NOTICE_KIND,
    "pps": Step.PAYPAL_STAGE, "trk": Step.TRACKING, "bs": Step.BUY_SHIPPING, "ctc": Step.CONTACT,
}
EDIT_LABELS: dict[str, str] = {
    "src": N_("Source and marketplace"),
    "oid": N_("Order number"),
    "rsn": N_("Reason"),
    "ful": N_("Fulfilment"),
    "cbr": N_("Chargeback reason"),
    "amt": N_("Amount"),
    "nk": N_("Request for information"),
    "ntc": N_("Notice time"),
    "pps": N_("Dispute or claim"),
    "edd": N_("Delivery date"),
    "trk": N_("Tracking and shipment"),
    "bs": N_("Buy Shipping"),
    "ctc": N_("Buyer contact"),
    "nts": N_("Notes"),
}


def editable(draft: ClaimDraft) -> list[str]:
    """The edit codes that make sense for this draft."""
    return [
        code for code in EDITABLE
        if code not in _EDIT_STEP or step_applies(draft, _EDIT_STEP[code])
    ]


def edit(draft: ClaimDraft, code: str) -> None:
    """Clear a field of a complete draft so it is asked again; ``ValueError`` for a bad code."""
    if code not in editable(draft) or next_step(draft) is not None:
        raise ValueError(code)
    if code == "src":
        draft.previous_source = draft.source
    for name in EDITABLE[code]:
        setattr(draft, name, None)
        if name in _FIELD_STEP:
            draft.skipped.discard(_FIELD_STEP[name])


def to_claim(draft: ClaimDraft) -> Claim:
    """The domain claim from a complete draft (``DomainError`` if a rule refuses it)."""
    if next_step(draft) is not None:
        raise ValueError("the draft is not complete")
    assert draft.source and draft.order_id and draft.reason and draft.amount and draft.notice_at
    amazon = draft.source.is_amazon
    return new_claim(
        draft.source,
        draft.marketplace if amazon and draft.marketplace else Marketplace.WEBSHOP,
        draft.order_id,
        draft.reason,
        draft.fulfilment if amazon and draft.fulfilment else Fulfilment.SELLER,
        draft.amount,
        draft.notice_at,
        latest_delivery=draft.latest_delivery,
        buy_shipping_protected=bool(draft.buy_shipping) and _buy_shipping_applies(draft),
        notes=draft.notes or "",
        **_claim_facts(draft),
    )


def _claim_facts(draft: ClaimDraft) -> dict[str, Any]:
    """The answered facts of the steps that apply (an answer to a step that no longer
    applies, say after the reason changed, is not a fact of this claim)."""
    applies = {step for step, row in _ROWS.items() if row.applies(draft)}
    facts: dict[str, Any] = {}
    if Step.NOTICE_KIND in applies and draft.notice_kind is not None:
        facts["notice_kind"] = draft.notice_kind
    if Step.CB_REASON in applies:
        facts["chargeback_reason"] = draft.chargeback_reason
    if Step.PAYPAL_STAGE in applies:
        facts["paypal_stage"] = draft.paypal_stage
    if Step.RESPOND_BY in applies:
        facts["respond_by"] = draft.respond_by
    if Step.TRACKING in applies:
        facts["tracking_status"] = draft.tracking_status
        facts["carrier"] = draft.carrier or ""
        facts["ship_date"] = draft.ship_date
    if Step.TRACKING_NUMBER in applies:
        facts["tracking_number"] = draft.tracking_number or ""
    if Step.FIRST_SCAN in applies:
        facts["first_scan_on_time"] = draft.first_scan_on_time
    if Step.CONTACT in applies:
        facts["buyer_contacted_first"] = draft.buyer_contacted_first
    return facts


def copy(draft: ClaimDraft) -> ClaimDraft:
    return replace(draft, skipped=set(draft.skipped))


def _time_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else None


_E = TypeVar("_E", ClaimSource, Marketplace, Reason, Fulfilment)


def _enum(kind: type[_E], value: object) -> _E | None:
    try:
        return kind(value) if value is not None else None  # type: ignore[call-arg]
    except ValueError:
        return None
