"""A claim's life cycle: named states, the events that move it, and the timeline they leave.

The state is never stored on its own authority: it is what replaying the claim's events gives,
so the timeline (drafts, export) and the state cannot disagree.

    open ──respond──▶ responded ──info_req──▶ open   (Amazon asks again: a new 48-hour window)
    open | responded ──grant_s / grant_a / deny / withdraw / refund──▶ decided state
    granted_s ──appeal──▶ appealing ──win_appeal / lose_appeal──▶ appeal_won | appeal_lost
    granted_s | granted_a | refunded ──withdraw──▶ withdrawn   (buyer withdraws after the fact)
    any decided or appeal outcome ──close──▶ closed
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from enum import StrEnum
from typing import NamedTuple

from domain.errors import InvalidTransition, ValidationError
from domain.instants import as_utc
from domain.rules import ClaimSource
from domain.text import N_, Msg

__all__ = [
    "DECIDED_STATES",
    "TRANSITIONS",
    "Applied",
    "ClaimEvent",
    "EventKind",
    "State",
    "allowed_events",
    "apply",
    "event_instant",
    "event_label",
    "replay",
    "state_label",
]


class State(StrEnum):
    """Where a claim stands. Values are stored in SQLite: never rename one."""

    OPEN = "open"
    RESPONDED = "responded"
    GRANTED_SELLER = "granted_s"  # granted, seller-funded: the only appealable outcome
    GRANTED_AMAZON = "granted_a"  # granted, Amazon-funded
    DENIED = "denied"
    WITHDRAWN = "withdrawn"  # withdrawn by the buyer
    REFUNDED = "refunded"  # closed after the seller refunded
    APPEALING = "appealing"
    APPEAL_WON = "appeal_won"
    APPEAL_LOST = "appeal_lost"
    CLOSED = "closed"

    @property
    def label(self) -> Msg:
        return _STATE_LABELS[self]


class EventKind(StrEnum):
    """What happened to a claim. Values are stored and used in callback data."""

    RESPOND = "respond"
    INFO_REQUEST = "info_req"  # Amazon asked for information: opens a response window
    GRANT_SELLER = "grant_s"
    GRANT_AMAZON = "grant_a"
    DENY = "deny"
    WITHDRAW = "withdraw"
    REFUND = "refund"
    APPEAL = "appeal"
    WIN_APPEAL = "win_appeal"
    LOSE_APPEAL = "lose_appeal"
    CLOSE = "close"

    @property
    def label(self) -> Msg:
        return _EVENT_LABELS[self]


INFO_REQUEST_LABEL = Msg.of(N_("Amazon asked for information"))
_GRANTED_SELLER = Msg.of(N_("Granted, at your expense"))
_GRANTED_AMAZON = Msg.of(N_("Granted, at Amazon's expense"))
_WITHDRAWN = Msg.of(N_("Withdrawn by the buyer"))
_CB_FOR_BUYER_DEBITED = Msg.of(N_("Decided for the buyer, debited to you"))
_CB_FOR_BUYER_AMAZON = Msg.of(N_("Decided for the buyer, borne by Amazon"))
_CB_FOR_SELLER = Msg.of(N_("Decided in your favour"))

_STATE_LABELS = {
    State.OPEN: Msg.of(N_("Open")),
    State.RESPONDED: Msg.of(N_("Responded, waiting for a decision")),
    State.GRANTED_SELLER: _GRANTED_SELLER,
    State.GRANTED_AMAZON: _GRANTED_AMAZON,
    State.DENIED: Msg.of(N_("Denied")),
    State.WITHDRAWN: _WITHDRAWN,
    State.REFUNDED: Msg.of(N_("Closed after your refund")),
    State.APPEALING: Msg.of(N_("Appeal under review")),
    State.APPEAL_WON: Msg.of(N_("Won on appeal")),
    State.APPEAL_LOST: Msg.of(N_("Lost on appeal")),
    State.CLOSED: Msg.of(N_("Closed")),
}

_EVENT_LABELS = {
    EventKind.RESPOND: Msg.of(N_("Response sent")),
    EventKind.INFO_REQUEST: INFO_REQUEST_LABEL,
    EventKind.GRANT_SELLER: _GRANTED_SELLER,
    EventKind.GRANT_AMAZON: _GRANTED_AMAZON,
    EventKind.DENY: Msg.of(N_("Claim denied")),
    EventKind.WITHDRAW: Msg.of(N_("Buyer withdrew the claim")),
    EventKind.REFUND: Msg.of(N_("Buyer refunded")),
    EventKind.APPEAL: Msg.of(N_("Appeal filed")),
    EventKind.WIN_APPEAL: Msg.of(N_("Appeal won")),
    EventKind.LOSE_APPEAL: Msg.of(N_("Appeal lost")),
    EventKind.CLOSE: Msg.of(N_("Claim closed")),
}

# A chargeback is decided by the card issuer, for the buyer or for the seller, not "granted".
_CHARGEBACK_STATE_LABELS = {
    State.GRANTED_SELLER: _CB_FOR_BUYER_DEBITED,
    State.GRANTED_AMAZON: _CB_FOR_BUYER_AMAZON,
    State.DENIED: _CB_FOR_SELLER,
}
_CHARGEBACK_EVENT_LABELS = {
    EventKind.GRANT_SELLER: _CB_FOR_BUYER_DEBITED,
    EventKind.GRANT_AMAZON: _CB_FOR_BUYER_AMAZON,
    EventKind.DENY: _CB_FOR_SELLER,
    EventKind.WITHDRAW: Msg.of(N_("Buyer withdrew the chargeback")),
    EventKind.CLOSE: Msg.of(N_("Chargeback closed")),
}


def state_label(state: State, source: ClaimSource) -> Msg:
    """The state as the seller reads it for this source (chargebacks are "decided")."""
    if source is ClaimSource.CHARGEBACK:
        return _CHARGEBACK_STATE_LABELS.get(state, state.label)
    return state.label


def event_label(kind: EventKind, source: ClaimSource) -> Msg:
    """The event as the seller reads it for this source (chargebacks are "decided")."""
    if source is ClaimSource.CHARGEBACK:
        return _CHARGEBACK_EVENT_LABELS.get(kind, kind.label)
    return kind.label

_S, _E = State, EventKind
_DECISIONS = {
    _E.GRANT_SELLER: _S.GRANTED_SELLER,
    _E.GRANT_AMAZON: _S.GRANTED_AMAZON,
    _E.DENY: _S.DENIED,
    _E.WITHDRAW: _S.WITHDRAWN,
    _E.REFUND: _S.REFUNDED,
}

# Decisions can come straight from "open": Amazon decides when the seller never answered, and a
# seller may refund or the buyer withdraw before any response.
TRANSITIONS: dict[tuple[State, EventKind], State] = {
    (_S.OPEN, _E.RESPOND): _S.RESPONDED,
    # Amazon may ask (again) at any time, also after a response or during an appeal.
    (_S.OPEN, _E.INFO_REQUEST): _S.OPEN,
    (_S.RESPONDED, _E.INFO_REQUEST): _S.OPEN,
    (_S.APPEALING, _E.INFO_REQUEST): _S.APPEALING,
    **{(_S.OPEN, kind): target for kind, target in _DECISIONS.items()},
    **{(_S.RESPONDED, kind): target for kind, target in _DECISIONS.items()},
    (_S.GRANTED_SELLER, _E.APPEAL): _S.APPEALING,
    (_S.APPEALING, _E.WIN_APPEAL): _S.APPEAL_WON,
    (_S.APPEALING, _E.LOSE_APPEAL): _S.APPEAL_LOST,
    # A buyer may still withdraw after a grant or refund; ODR keeps counting it (odr.py).
    (_S.GRANTED_SELLER, _E.WITHDRAW): _S.WITHDRAWN,
    (_S.GRANTED_AMAZON, _E.WITHDRAW): _S.WITHDRAWN,
    (_S.REFUNDED, _E.WITHDRAW): _S.WITHDRAWN,
    **{
        (state, _E.CLOSE): _S.CLOSED
        for state in (_S.GRANTED_SELLER, _S.GRANTED_AMAZON, _S.DENIED, _S.WITHDRAWN,
                      _S.REFUNDED, _S.APPEAL_WON, _S.APPEAL_LOST)
    },
}

DECIDED_STATES = frozenset({
    _S.GRANTED_SELLER, _S.GRANTED_AMAZON, _S.DENIED, _S.WITHDRAWN, _S.REFUNDED,
})


@dataclass(frozen=True)
class ClaimEvent:
    """One step in a claim's timeline, at an aware instant (kept in UTC).

    ``debited`` and ``counts_odr`` are what the seller recorded about the money and the ODR
    after this step (None: not recorded); they are separate facts, and an appeal can reverse
    either (FACTS "az.appeal_reverses_debit_or_odr").
    """

    kind: EventKind
    at: datetime
    debited: bool | None = None
    counts_odr: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", as_utc(self.at, "at"))


class Applied(NamedTuple):
    """The result of ``apply``: the new state and the event to append to the timeline."""

    state: State
    event: ClaimEvent


def allowed_events(state: State) -> tuple[EventKind, ...]:
    """The events ``state`` accepts, in declaration order (for buttons)."""
    return tuple(kind for kind in EventKind if (state, kind) in TRANSITIONS)


def apply(
    state: State,
    event: EventKind,
    now: datetime,
    *,
    debited: bool | None = None,
    counts_odr: bool | None = None,
) -> Applied:
    """Move ``state`` by ``event`` happening at ``now``; ``InvalidTransition`` if not allowed."""
    try:
        target = TRANSITIONS[state, event]
    except KeyError:
        raise InvalidTransition(_refusal(state, event)) from None
    return Applied(target, ClaimEvent(event, now, debited, counts_odr))


def _refusal(state: State, event: EventKind) -> Msg:
    params = {"state": state.value, "event": event.value}
    if state is State.CLOSED:
        return Msg.of(N_("This claim is closed; nothing can change any more."), **params)
    if event is EventKind.APPEAL:
        return Msg.of(N_("Only a claim granted at your expense can be appealed."), **params)
    return Msg.of(N_("That step does not fit the claim's current status."), **params)


def replay(events: Iterable[ClaimEvent]) -> State:
    """The state a claim reaches through ``events``, checking every step and their order."""
    state = State.OPEN
    previous: datetime | None = None
    for event in events:
        if previous is not None and event.at < previous:
            raise ValidationError(Msg.of(N_("The claim's events are not in time order.")))
        state = apply(state, event.kind, event.at).state
        previous = event.at
    return state


def event_instant(
    day: date, notice_at: datetime, events: Sequence[ClaimEvent], now: datetime, zone: tzinfo
) -> datetime:
    """The instant recorded for an event on local ``day``: now for today, else the start of
    that day (deadlines counted from it come out early, never late), never before the notice
    or the last event."""
    if day >= now.astimezone(zone).date():
        return now
    start = datetime.combine(day, time(0, 0), tzinfo=zone)
    floor = max([notice_at, *(event.at for event in events)])
    return max(start, floor)
