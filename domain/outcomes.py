"""What the seller can record next, with money and ODR as separate facts.

Amazon's decision has two facts: whether the seller's account was debited, and whether the
claim counts toward the Order Defect Rate (domain-rules.md: "Money and ODR impact are separate
facts"). A Buy Shipping parcel returned as undeliverable is debited without ODR impact (FACTS
"buy_shipping.undeliverable_debited_no_odr"); an appeal can reverse the debit, the ODR impact or
both (FACTS "az.appeal_reverses_debit_or_odr"). Each choice is an event plus those two facts;
its short ``code`` goes into callback data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.claims import Claim
from domain.lifecycle import ClaimEvent, EventKind, State, allowed_events, event_label
from domain.odr import OdrVerdict, odr_verdict
from domain.rules import ClaimSource
from domain.text import N_, Msg

__all__ = ["MoneyAndOdr", "OutcomeChoice", "choice_by_code", "money_and_odr", "outcome_choices"]


@dataclass(frozen=True)
class OutcomeChoice:
    code: str
    kind: EventKind
    debited: bool | None
    counts_odr: bool | None
    label: Msg | None = None  # None: the event's own label

    def label_for(self, source: ClaimSource) -> Msg:
        return self.label or event_label(self.kind, source)


_E = EventKind
_CHOICES = (
    OutcomeChoice("info_req", _E.INFO_REQUEST, None, None),
    OutcomeChoice("respond", _E.RESPOND, None, None),
    OutcomeChoice("grant_s", _E.GRANT_SELLER, True, None),
    OutcomeChoice("grant_s_noodr", _E.GRANT_SELLER, True, False, Msg.of(N_(
        "Granted: debited to you, but not counted toward your ODR"
    ))),
    OutcomeChoice("grant_a", _E.GRANT_AMAZON, False, None),
    OutcomeChoice("deny", _E.DENY, False, None),
    OutcomeChoice("withdraw", _E.WITHDRAW, None, None),
    OutcomeChoice("refund", _E.REFUND, True, None),
    OutcomeChoice("appeal", _E.APPEAL, None, None),
    OutcomeChoice("win_appeal", _E.WIN_APPEAL, False, False, Msg.of(N_(
        "Appeal won: debit reversed and ODR impact removed"
    ))),
    OutcomeChoice("win_odr", _E.WIN_APPEAL, True, False, Msg.of(N_(
        "Appeal won: ODR impact removed, the debit stays"
    ))),
    OutcomeChoice("win_money", _E.WIN_APPEAL, False, True, Msg.of(N_(
        "Appeal won: debit reversed, still counts toward your ODR"
    ))),
    OutcomeChoice("lose_appeal", _E.LOSE_APPEAL, None, None),
    OutcomeChoice("close", _E.CLOSE, None, None),
)
_BY_CODE = {choice.code: choice for choice in _CHOICES}
# Only Amazon asks for information, debits sellers and keeps an ODR.
_AMAZON_ONLY = frozenset({"info_req", "grant_s_noodr", "win_odr", "win_money"})


def choice_by_code(code: str) -> OutcomeChoice | None:
    return _BY_CODE.get(code)


def outcome_choices(claim: Claim, state: State) -> tuple[OutcomeChoice, ...]:
    """The choices the claim's state allows, in a stable order."""
    allowed = set(allowed_events(state))
    return tuple(
        choice for choice in _CHOICES
        if choice.kind in allowed and (claim.source.is_amazon or choice.code not in _AMAZON_ONLY)
        and not (choice.kind is _E.INFO_REQUEST and claim.source is not ClaimSource.A_TO_Z)
    )


@dataclass(frozen=True)
class MoneyAndOdr:
    """``debited``: True/False, None while undecided; ``odr``: the verdict with its reason."""

    debited: bool | None
    odr: OdrVerdict


_DEBIT_BY_EVENT = {
    _E.GRANT_SELLER: True,
    _E.REFUND: True,
    _E.GRANT_AMAZON: False,
    _E.DENY: False,
    _E.WIN_APPEAL: False,
}


def money_and_odr(claim: Claim, events: Sequence[ClaimEvent]) -> MoneyAndOdr:
    """The two facts after ``events``: a recorded value wins over what the event implies."""
    debited: bool | None = None
    for event in events:
        if event.debited is not None:
            debited = event.debited
        elif event.kind in _DEBIT_BY_EVENT:
            debited = _DEBIT_BY_EVENT[event.kind]
    return MoneyAndOdr(debited, odr_verdict(claim, events))
