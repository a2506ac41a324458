"""Deadlines of a claim, computed from its facts, its events and the rule it was created under.

Windows are real elapsed time: every instant is in UTC before a window is added, so 48 hours
stay 48 hours across a DST change. The rule is looked up by the id and version recorded on the
claim, never by the current table, so a rule change does not move existing deadlines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.claims import Claim, PayPalStage
from domain.instants import as_utc
from domain.lifecycle import TRANSITIONS, ClaimEvent, EventKind, State
from domain.rules import RULES, RuleTable

__all__ = [
    "DUE_SOON",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "appeal_deadline",
    "deadlines",
    "response_deadline",
    "response_deadlines",
]


class DeadlineKind(StrEnum):
    RESPONSE = "response"  # answer the information request / respond to the case
    APPEAL = "appeal"  # appeal a seller-funded grant


class DeadlineStatus(StrEnum):
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"  # the step was taken, or a later event made it moot


# "Due soon" starts where the first reminder of the kind falls (reminders.py), so the status on
# screen and the first reminder agree.
DUE_SOON = {
    DeadlineKind.RESPONSE: timedelta(hours=24),
    DeadlineKind.APPEAL: timedelta(days=7),
}


@dataclass(frozen=True)
class Deadline:
    """A window that started at ``starts_at``; ``done_at`` is set once an event closed it."""

    kind: DeadlineKind
    starts_at: datetime
    window: timedelta
    done_at: datetime | None = None
    closed_by: EventKind | None = None

    @property
    def due_at(self) -> datetime:
        return self.starts_at + self.window

    def time_left(self, now: datetime) -> timedelta:
        """Time until the deadline; negative once it has passed."""
        return self.due_at - as_utc(now, "now")

    def status(self, now: datetime) -> DeadlineStatus:
        if self.done_at is not None:
            return DeadlineStatus.DONE
        left = self.time_left(now)
        if left <= timedelta(0):
            return DeadlineStatus.OVERDUE
        if left <= DUE_SOON[self.kind]:
            return DeadlineStatus.DUE_SOON
        return DeadlineStatus.OPEN


def response_deadlines(
    claim: Claim, events: Sequence[ClaimEvent] = (), rules: RuleTable = RULES
) -> tuple[Deadline, ...]:
    """Every response window the claim has had, oldest first; each is closed by the next event.

    The notice opens one when it starts the window (``Claim.notice_starts_window``: not for an
    A-to-z claim merely under review, nor for FBA unless Amazon asked), with the platform's own
    "respond by" date when the seller has it, the PayPal dispute window for a dispute, else the
    rule's window. Every "Amazon asked for information" event opens another one: the rule's
    window, or its appeal window when Amazon asks during an appeal.
    """
    rule = rules.get(claim.rule_id, claim.rule_version)
    opened: list[tuple[int, datetime, timedelta]] = []  # (index of the next event, start, window)
    if claim.respond_by is not None:
        opened.append((0, claim.notice_at, claim.respond_by - claim.notice_at))
    elif claim.notice_starts_window:
        window = rule.response_window
        if claim.paypal_stage is PayPalStage.DISPUTE and rule.dispute_window is not None:
            window = rule.dispute_window
        opened.append((0, claim.notice_at, window))
    state = State.OPEN
    for i, event in enumerate(events):
        if event.kind is EventKind.INFO_REQUEST:
            window = rule.response_window
            if state is State.APPEALING and rule.appeal_response_window is not None:
                window = rule.appeal_response_window
            opened.append((i + 1, event.at, window))
        state = TRANSITIONS.get((state, event.kind), state)
    result = []
    for next_index, starts_at, window in opened:
        closing = events[next_index] if next_index < len(events) else None
        result.append(Deadline(
            kind=DeadlineKind.RESPONSE,
            starts_at=starts_at,
            window=window,
            done_at=closing.at if closing else None,
            closed_by=closing.kind if closing else None,
        ))
    return tuple(result)


def response_deadline(
    claim: Claim, events: Sequence[ClaimEvent] = (), rules: RuleTable = RULES
) -> Deadline | None:
    """The latest response window, or None when nothing asks the seller to answer."""
    windows = response_deadlines(claim, events, rules)
    return windows[-1] if windows else None


def appeal_deadline(
    claim: Claim, events: Sequence[ClaimEvent], rules: RuleTable = RULES
) -> Deadline | None:
    """Grant time + the appeal window, only after a seller-funded grant under an appealable rule."""
    rule = rules.get(claim.rule_id, claim.rule_version)
    if rule.appeal_window is None:
        return None
    for i, event in enumerate(events):
        if event.kind is EventKind.GRANT_SELLER:
            # Whatever follows the grant (appeal, withdrawal, closing) ends the window.
            after = events[i + 1] if i + 1 < len(events) else None
            return Deadline(
                kind=DeadlineKind.APPEAL,
                starts_at=event.at,
                window=rule.appeal_window,
                done_at=after.at if after else None,
                closed_by=after.kind if after else None,
            )
    return None


def deadlines(
    claim: Claim, events: Sequence[ClaimEvent] = (), rules: RuleTable = RULES
) -> tuple[Deadline, ...]:
    """Every deadline the claim has had so far, response windows first."""
    appeal = appeal_deadline(claim, events, rules)
    responses = response_deadlines(claim, events, rules)
    return responses if appeal is None else (*responses, appeal)
