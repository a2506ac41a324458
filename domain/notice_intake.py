"""A claim draft pre-filled from a pasted notice, and what the bot still has to ask.

What the notice says for certain goes into the ``ClaimDraft``; an unsure reading stays
unanswered, so the intake asks it, with the best reading (and the alternatives) offered as
buttons (``NoticeHints.suggestions``). The questions a notice never answers and that have a
safe default (latest delivery date, Buy Shipping, notes) are not asked: the summary shows the
default and the seller can change it there. The original text travels along until Confirm,
when it becomes the claim's first evidence note.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.claims import (
    ChargebackReason,
    Claim,
    Fulfilment,
    NoticeKind,
    PayPalStage,
    Reason,
    normalise_order_id,
)
from domain.confidence import Reading
from domain.errors import DomainError
from domain.intake import ClaimDraft, Step, next_step, step_applies
from domain.money import Money
from domain.notice import Notice, NoticeEvent
from domain.rules import ClaimSource, Marketplace

__all__ = [
    "MAX_SUGGESTIONS",
    "NoticeHints",
    "draft_from_notice",
    "fill_defaults",
    "use_suggestion",
    "with_notice_facts",
]

MAX_SUGGESTIONS = 3
# Steps the notice reading can answer, in the intake's order.
READ_STEPS = (Step.SOURCE, Step.MARKETPLACE, Step.ORDER_ID, Step.REASON, Step.FULFILMENT,
              Step.AMOUNT, Step.NOTICE)


@dataclass
class NoticeHints:
    """What the notice told beyond the draft's fields, kept next to the draft until Confirm."""

    kind: NoticeEvent
    language: str
    text: str  # the pasted original, the claim's first evidence note
    draft_started: datetime  # the draft these hints belong to (a later draft has none)
    read: set[Step] = field(default_factory=set)  # answered from the notice, for certain
    suggestions: dict[Step, tuple[str, ...]] = field(default_factory=dict)  # best first
    respond_by: datetime | None = None
    case_id: str | None = None
    info_requested: bool | None = None  # None: the notice does not say for certain
    defaulted: set[Step] = field(default_factory=set)  # answered with a default, once
    chargeback_reason: ChargebackReason | None = None
    amazon_funded: bool = False  # a grant that Amazon paid for

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "language": self.language,
            "text": self.text,
            "draft_started": self.draft_started.astimezone(UTC).isoformat(),
            "read": sorted(step.value for step in self.read),
            "suggestions": {step.value: list(values)
                            for step, values in self.suggestions.items()},
            "respond_by": self.respond_by.astimezone(UTC).isoformat()
            if self.respond_by else None,
            "case_id": self.case_id,
            "info_requested": self.info_requested,
            "defaulted": sorted(step.value for step in self.defaulted),
            "chargeback_reason": self.chargeback_reason.value if self.chargeback_reason
            else None,
            "amazon_funded": self.amazon_funded,
        }

    @classmethod
    def from_json(cls, data: object) -> NoticeHints | None:
        """The stored hints, or None when they no longer read (the intake then goes on plain)."""
        if not isinstance(data, dict):
            return None
        try:
            hints = cls(
                kind=NoticeEvent(data["kind"]),
                language=str(data["language"]),
                text=str(data["text"]),
                draft_started=datetime.fromisoformat(data["draft_started"]),
                read={Step(value) for value in data.get("read", [])},
                suggestions={Step(step): tuple(str(v) for v in values)
                             for step, values in dict(data.get("suggestions", {})).items()},
                case_id=data.get("case_id") if isinstance(data.get("case_id"), str) else None,
                defaulted={Step(value) for value in data.get("defaulted", [])},
            )
            respond_by = data.get("respond_by")
            hints.respond_by = datetime.fromisoformat(respond_by) if respond_by else None
        except (KeyError, TypeError, ValueError):
            return None
        if hints.draft_started.tzinfo is None:
            return None
        if hints.respond_by is not None and hints.respond_by.tzinfo is None:
            hints.respond_by = None
        hints.amazon_funded = data.get("amazon_funded") is True
        info = data.get("info_requested")
        hints.info_requested = info if isinstance(info, bool) else None
        try:
            hints.chargeback_reason = ChargebackReason(data.get("chargeback_reason"))
        except ValueError:
            hints.chargeback_reason = None
        return hints


def _value(step: Step, value: object) -> str:
    """A reading as the button value the intake's step takes."""
    if isinstance(value, Money):
        return f"{value.amount} {value.currency}"
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)


def _readings(notice: Notice) -> dict[Step, Reading[Any]]:
    return {
        Step.SOURCE: notice.source,
        Step.MARKETPLACE: notice.marketplace,
        Step.ORDER_ID: notice.order_id,
        Step.REASON: notice.reason,
        Step.FULFILMENT: notice.fulfilment,
        Step.AMOUNT: notice.amount,
        Step.NOTICE: notice.notice_at,
    }


def draft_from_notice(notice: Notice, text: str, now: datetime) -> tuple[ClaimDraft, NoticeHints]:
    """The draft with every certain reading filled in, and the hints for the rest."""
    draft = ClaimDraft.start(now)
    hints = NoticeHints(
        kind=notice.kind.value or NoticeEvent.FILED,
        language=notice.language,
        text=text,
        draft_started=draft.started_at,
        respond_by=notice.respond_by.value if notice.respond_by.is_certain else None,
        case_id=notice.case_id,
        info_requested=notice.info_requested.value if notice.info_requested.is_certain
        else None,
        chargeback_reason=notice.chargeback_reason.value,
        amazon_funded=notice.amazon_funded,
    )
    for step, reading in _readings(notice).items():
        if reading.value is None:
            continue
        values = (reading.value, *reading.alternatives)
        if not reading.is_certain:
            if draft.source is not None and not step_applies(draft, step):
                continue
            hints.suggestions[step] = tuple(_value(step, v) for v in values)[:MAX_SUGGESTIONS]
            continue
        try:
            _apply(draft, step, _value(step, reading.value), now)
        except (DomainError, ValueError):  # a reading a rule refuses: ask it instead
            continue
        if step_applies(draft, step):
            hints.read.add(step)
    _facts(draft, hints)
    fill_defaults(draft, hints)
    return draft, hints


def _facts(draft: ClaimDraft, hints: NoticeHints) -> None:
    """What only the notice tells, for the steps that ask it: whether Amazon asked for
    information, the PayPal stage and its "respond by" date, a chargeback's kind. What it does
    not tell for certain is asked, the strict reading offered first."""
    if draft.source is ClaimSource.A_TO_Z:
        if hints.kind is NoticeEvent.INFO_REQUEST or hints.info_requested is True:
            draft.notice_kind = NoticeKind.INFO_REQUEST
        elif hints.info_requested is False:
            draft.notice_kind = NoticeKind.CLAIM_FILED
        else:
            hints.suggestions[Step.NOTICE_KIND] = (NoticeKind.INFO_REQUEST.value,
                                                   NoticeKind.CLAIM_FILED.value)
        if draft.notice_kind is not None:
            hints.read.add(Step.NOTICE_KIND)
    if draft.source is ClaimSource.PAYPAL:
        draft.paypal_stage = (
            PayPalStage.DISPUTE if hints.kind is NoticeEvent.FILED else PayPalStage.CLAIM
        )
        hints.read.add(Step.PAYPAL_STAGE)
    if draft.source is ClaimSource.CHARGEBACK and hints.chargeback_reason is not None:
        draft.chargeback_reason = hints.chargeback_reason
        hints.read.add(Step.CB_REASON)
    if hints.respond_by is not None and (draft.notice_at is None
                                         or hints.respond_by > draft.notice_at):
        draft.respond_by = hints.respond_by
        if step_applies(draft, Step.RESPOND_BY):
            hints.read.add(Step.RESPOND_BY)


def _apply(draft: ClaimDraft, step: Step, value: str, now: datetime) -> None:
    """Set one step's answer from a reading's button value; ``ValueError`` if it won't do."""
    if step is Step.SOURCE:
        draft.source = ClaimSource(value)
    elif step is Step.MARKETPLACE:
        marketplace = Marketplace(value)
        if marketplace.is_amazon:
            draft.marketplace = marketplace
    elif step is Step.ORDER_ID:
        if draft.source is None:
            raise ValueError("the source comes first")
        draft.order_id = normalise_order_id(draft.source, value)
    elif step is Step.REASON:
        draft.reason = Reason(value)
    elif step is Step.FULFILMENT:
        fulfilment = Fulfilment(value)
        if draft.source is not None and draft.source.is_amazon:
            draft.fulfilment = fulfilment
    elif step is Step.AMOUNT:
        number, currency = value.split(" ")
        try:
            draft.amount = Money(Decimal(number), currency)
        except InvalidOperation:
            raise ValueError(value) from None
    elif step is Step.NOTICE:
        draft.notice_at = min(datetime.fromisoformat(value).astimezone(UTC), now)
    elif step is Step.NOTICE_KIND:
        draft.notice_kind = NoticeKind(value)
    else:
        raise ValueError(f"{step} is not read from a notice")


# The shipping facts a notice never carries: "not given" on the summary, Edit adds them.
_NOT_GIVEN = (Step.TRACKING, Step.CARRIER, Step.TRACKING_NUMBER, Step.SHIP_DATE, Step.CONTACT)


def fill_defaults(draft: ClaimDraft, hints: NoticeHints) -> None:
    """Answer what a notice never says with the safe default: no latest delivery date, no Buy
    Shipping protection (the stricter advice), no notes. The summary shows them. Each default
    is given once: a field the seller clears with "Edit a field" is asked."""
    if Step.DELIVERY not in hints.defaulted and draft.latest_delivery is None:
        draft.skipped.add(Step.DELIVERY)
        hints.defaulted.add(Step.DELIVERY)
    if Step.NOTES not in hints.defaulted and draft.notes is None:
        draft.notes = ""
        hints.defaulted.add(Step.NOTES)
    if Step.BUY_SHIPPING not in hints.defaulted and draft.buy_shipping is None \
            and step_applies(draft, Step.BUY_SHIPPING):
        draft.buy_shipping = False
        hints.defaulted.add(Step.BUY_SHIPPING)
    for step in _NOT_GIVEN:
        if step not in hints.defaulted and step_applies(draft, step):
            draft.skipped.add(step)
            hints.defaulted.add(step)


def use_suggestion(draft: ClaimDraft, hints: NoticeHints, index: int, now: datetime) -> Step:
    """The seller took suggestion ``index`` for the open question; ``ValueError`` if there is
    no such suggestion (an old button)."""
    step = next_step(draft)
    values = hints.suggestions.get(step) if step is not None else None
    if step is None or not values or not 0 <= index < len(values):
        raise ValueError("no such suggestion")
    try:
        _apply(draft, step, values[index], now)
    except DomainError as error:
        raise ValueError(str(error)) from None
    return step


def with_notice_facts(claim: Claim, hints: NoticeHints) -> Claim:
    """The claim with a "respond by" date the notice states where the intake asks none
    (Trusted Shops, a PayPal dispute); the intake's own answers stay as they are."""
    if claim.respond_by is None and hints.respond_by is not None \
            and hints.respond_by > claim.notice_at:
        return replace(claim, respond_by=hints.respond_by)
    return claim
