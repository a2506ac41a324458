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
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from domain.claims import NOTES_MAX_CHARS, Claim, Fulfilment, Reason, new_claim, normalise_order_id
from domain.errors import ReadingError
from domain.money import Money
from domain.reading import (
    default_currency,
    parse_claim_amount,
    parse_delivery_date,
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
    FULFILMENT = "fulfilment"
    AMOUNT = "amount"
    NOTICE = "notice"
    DELIVERY = "delivery"
    BUY_SHIPPING = "buy_shipping"
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
    # Optional steps answered with "skip" (their value stays None).
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
        return draft


# --- the steps ---------------------------------------------------------------------------------


def _amazon(draft: ClaimDraft) -> bool:
    return draft.source is not None and draft.source.is_amazon


def _buy_shipping_applies(draft: ClaimDraft) -> bool:
    return _amazon(draft) and draft.fulfilment not in (None, Fulfilment.FBA)


@dataclass(frozen=True)
class _Row:
    applies: Callable[[ClaimDraft], bool]
    answered: Callable[[ClaimDraft], bool]


_ROWS: dict[Step, _Row] = {
    Step.SOURCE: _Row(lambda d: True, lambda d: d.source is not None),
    Step.MARKETPLACE: _Row(_amazon, lambda d: d.marketplace is not None),
    Step.ORDER_ID: _Row(lambda d: True, lambda d: d.order_id is not None),
    Step.REASON: _Row(lambda d: True, lambda d: d.reason is not None),
    Step.FULFILMENT: _Row(_amazon, lambda d: d.fulfilment is not None),
    Step.AMOUNT: _Row(lambda d: True, lambda d: d.amount is not None),
    Step.NOTICE: _Row(lambda d: True, lambda d: d.notice_at is not None),
    Step.DELIVERY: _Row(
        lambda d: True, lambda d: d.latest_delivery is not None or Step.DELIVERY in d.skipped
    ),
    Step.BUY_SHIPPING: _Row(_buy_shipping_applies, lambda d: d.buy_shipping is not None),
    Step.NOTES: _Row(lambda d: True, lambda d: d.notes is not None),
}


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
        draft.buy_shipping = None
    elif step is Step.BUY_SHIPPING:
        if value not in ("y", "n"):
            raise ValueError(value)
        draft.buy_shipping = value == "y"
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
    else:
        raise ValueError(f"{step} cannot be skipped")
    return step


def typed_skip(text: str | None) -> bool:
    return (text or "").strip().strip(".!").lower() in SKIP_WORDS


TEXT_STEPS = frozenset({Step.ORDER_ID, Step.AMOUNT, Step.NOTICE, Step.DELIVERY, Step.NOTES})


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
    "ful": ("fulfilment", "buy_shipping"),
    "amt": ("amount",),
    "ntc": ("notice_at",),
    "edd": ("latest_delivery",),
    "bs": ("buy_shipping",),
    "nts": ("notes",),
}
EDIT_LABELS: dict[str, str] = {
    "src": N_("Source and marketplace"),
    "oid": N_("Order number"),
    "rsn": N_("Reason"),
    "ful": N_("Fulfilment"),
    "amt": N_("Amount"),
    "ntc": N_("Notice time"),
    "edd": N_("Delivery date"),
    "bs": N_("Buy Shipping"),
    "nts": N_("Notes"),
}


def editable(draft: ClaimDraft) -> list[str]:
    """The edit codes that make sense for this draft."""
    return [
        code for code in EDITABLE
        if (code != "bs" or _buy_shipping_applies(draft)) and (code != "ful" or _amazon(draft))
    ]


def edit(draft: ClaimDraft, code: str) -> None:
    """Clear a field of a complete draft so it is asked again; ``ValueError`` for a bad code."""
    if code not in editable(draft) or next_step(draft) is not None:
        raise ValueError(code)
    if code == "src":
        draft.previous_source = draft.source
    for name in EDITABLE[code]:
        setattr(draft, name, None)
        if name == "latest_delivery":
            draft.skipped.discard(Step.DELIVERY)


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
    )


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
