"""Triage of one claim: how urgent, what it does to the ODR, what evidence is there, what to do.

Every recommendation carries its reasons as ``Msg`` values with parameters, so the seller sees
why the bot suggests defending, refunding, appealing or waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.claims import Claim, Fulfilment, Reason
from domain.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    appeal_deadline,
    deadlines,
    response_deadline,
)
from domain.evidence import (
    ChecklistItem,
    EvidenceItem,
    EvidenceProgress,
    checklist_for,
    new_evidence,
    progress,
)
from domain.instants import as_utc
from domain.lifecycle import ClaimEvent, EventKind, State, allowed_events, replay
from domain.odr import OdrVerdict, odr_verdict
from domain.rules import RULES, ClaimRule, RuleTable
from domain.text import N_, Msg

__all__ = [
    "CRITICAL_WITHIN",
    "HIGH_WITHIN",
    "Action",
    "OdrImpact",
    "OdrOutcome",
    "Recommendation",
    "Triage",
    "Urgency",
    "odr_impact",
    "recommend",
    "triage",
    "urgency_of",
]

CRITICAL_WITHIN = timedelta(hours=6)
HIGH_WITHIN = timedelta(hours=24)


class Urgency(StrEnum):
    OVERDUE = "overdue"
    CRITICAL = "critical"  # under 6 hours left
    HIGH = "high"  # under 24 hours left
    NORMAL = "normal"
    NONE = "none"  # no deadline running


class Action(StrEnum):
    AMAZON_HANDLES = "amazon"  # FBA: Amazon's fulfilment, Amazon's claim
    AMAZON_FUNDS = "protected"  # Buy Shipping protected "not received"
    DEFEND = "defend"
    WEIGH_REFUND = "weigh"  # refund or defend: the seller decides, with the ODR effect in view
    GATHER = "gather"  # collect the missing required evidence first
    WAIT = "wait"
    APPEAL = "appeal"
    ACCEPT = "accept"  # a grant with no new information to appeal with
    NOTHING = "none"


@dataclass(frozen=True)
class OdrOutcome:
    """What the ODR would say if ``event`` happened next."""

    event: EventKind
    state: State
    verdict: OdrVerdict


@dataclass(frozen=True)
class OdrImpact:
    now: OdrVerdict
    outcomes: tuple[OdrOutcome, ...]


@dataclass(frozen=True)
class Recommendation:
    action: Action
    reasons: tuple[Msg, ...]


@dataclass(frozen=True)
class Triage:
    state: State
    deadline: Deadline | None  # the deadline that sets the urgency
    urgency: Urgency
    time_left: timedelta | None
    odr: OdrImpact
    checklist: tuple[ChecklistItem, ...]
    evidence: EvidenceProgress
    recommendation: Recommendation


def urgency_of(deadline: Deadline | None, now: datetime) -> Urgency:
    """Band the time left on ``deadline``: overdue, < 6 h, < 24 h, or normal."""
    if deadline is None or deadline.done_at is not None:
        return Urgency.NONE
    left = deadline.time_left(now)
    if left <= timedelta(0):
        return Urgency.OVERDUE
    if left < CRITICAL_WITHIN:
        return Urgency.CRITICAL
    if left < HIGH_WITHIN:
        return Urgency.HIGH
    return Urgency.NORMAL


def _running_deadline(
    claim: Claim, events: Sequence[ClaimEvent], now: datetime, rules: RuleTable
) -> Deadline | None:
    # An overdue response still matters (Amazon may not have decided yet); a lapsed appeal
    # window is simply over and should not sit at the top of the list forever.
    for deadline in deadlines(claim, events, rules):
        if deadline.done_at is None and not (
            deadline.kind is DeadlineKind.APPEAL
            and deadline.status(now) is DeadlineStatus.OVERDUE
        ):
            return deadline
    return None


def odr_impact(claim: Claim, events: Sequence[ClaimEvent]) -> OdrImpact:
    """The ODR verdict now and after each event the claim's state still allows."""
    state = replay(events)
    at = events[-1].at if events else claim.notice_at  # the verdict ignores time; order matters
    outcomes = []
    for kind in allowed_events(state):
        if kind in (EventKind.RESPOND, EventKind.CLOSE):
            continue  # neither changes the ODR
        after = (*events, ClaimEvent(kind, at))
        outcomes.append(OdrOutcome(kind, replay(after), odr_verdict(claim, after)))
    return OdrImpact(odr_verdict(claim, events), tuple(outcomes))


def recommend(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    now: datetime,
    rules: RuleTable = RULES,
) -> Recommendation:
    """The suggested next step for the seller and the reasons behind it."""
    now = as_utc(now, "now")
    rule = rules.get(claim.rule_id, claim.rule_version)
    state = replay(events)
    if state is State.OPEN:
        return _open(claim, evidence, now, rule, rules)
    if state is State.RESPONDED:
        return Recommendation(Action.WAIT, (
            Msg.of(N_("You responded on {responded_at}; the decision is up to the claim "
                      "handler now. Keep your evidence at hand."), responded_at=events[-1].at),
        ))
    if state is State.GRANTED_SELLER:
        return _granted_at_your_expense(claim, events, evidence, now, rules)
    if state is State.APPEALING:
        reasons = [Msg.of(N_("Your appeal is under review."))]
        if rule.appeal_response_window is not None:
            reasons.append(Msg.of(
                N_("Answer any request for information during the appeal within {hours} hours."),
                hours=int(rule.appeal_response_window / timedelta(hours=1)),
            ))
        return Recommendation(Action.WAIT, tuple(reasons))
    reasons = [Msg.of(N_("Nothing is left to do for this claim."))]
    if state is State.GRANTED_AMAZON:
        reasons.append(Msg.of(N_("Amazon funded this claim, so it costs you nothing and cannot "
                                 "be appealed.")))
    if claim.source.is_amazon:
        reasons.append(odr_verdict(claim, events).reason)
    return Recommendation(Action.NOTHING, tuple(reasons))


def _open(
    claim: Claim,
    evidence: Sequence[EvidenceItem],
    now: datetime,
    rule: ClaimRule,
    rules: RuleTable,
) -> Recommendation:
    deadline = response_deadline(claim, (), rules)
    if deadline.status(now) is DeadlineStatus.OVERDUE:
        reasons = [
            Msg.of(N_("The response deadline passed on {due_at}."), due_at=deadline.due_at),
            rule.missed_response,
        ]
    else:
        reasons = [Msg.of(N_("Respond before {due_at} ({time_left} left)."),
                          due_at=deadline.due_at, time_left=deadline.time_left(now))]
    have = {item.item_id for item in evidence}
    found = progress(checklist_for(claim.source, claim.reason), evidence)

    if claim.source.is_amazon and claim.fulfilment is Fulfilment.FBA:
        reasons += [
            Msg.of(N_("With FBA, Amazon handles customer service, refunds and returns; claims "
                      "about its fulfilment are Amazon's responsibility.")),
            Msg.of(N_("If Amazon asks you, answer briefly that the order was fulfilled by "
                      "Amazon and send any messages you had with the buyer.")),
        ]
        return Recommendation(Action.AMAZON_HANDLES, tuple(reasons))
    if claim.protected_not_received:
        reasons += [
            odr_verdict(claim, ()).reason,
            Msg.of(N_("Answer with the tracking details so the Buy Shipping claims protection "
                      "applies.")),
        ]
        return Recommendation(Action.AMAZON_FUNDS, tuple(reasons))
    if claim.reason is Reason.NOT_RECEIVED and "tracking" not in have:
        reasons.append(Msg.of(N_("Without valid tracking, the claim will probably be granted "
                                 "to the buyer.")))
        if claim.source.is_amazon:
            reasons.append(Msg.of(
                N_("Refunding {amount} now closes the claim, but a refund after the claim was "
                   "filed still counts toward your Order Defect Rate."), amount=claim.amount))
        else:
            reasons.append(Msg.of(N_("Refunding {amount} now usually ends the case."),
                                  amount=claim.amount))
        if rule.appeal_window is not None:
            reasons.append(Msg.of(
                N_("If the claim is granted at your expense, you can appeal within {days} days, "
                   "but only with new information."), days=rule.appeal_window.days))
        return Recommendation(Action.WEIGH_REFUND, tuple(reasons))
    if claim.reason is Reason.NOT_RECEIVED and "pod" in have:
        reasons.append(Msg.of(N_("Your carrier proof of delivery is strong evidence: defend "
                                 "the claim with it.")))
        if "signature" in have:
            reasons.append(Msg.of(N_("The signature confirmation makes it stronger.")))
        return Recommendation(Action.DEFEND, tuple(reasons))
    if found.complete:
        reasons.append(Msg.of(N_("You have all the required evidence: defend the claim.")))
        return Recommendation(Action.DEFEND, tuple(reasons))
    reasons.append(Msg.of(N_("Required evidence still missing: {missing} of {total}."),
                          missing=len(found.missing_required), total=found.required_total))
    return Recommendation(Action.GATHER, tuple(reasons))


def _granted_at_your_expense(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    now: datetime,
    rules: RuleTable,
) -> Recommendation:
    appeal = appeal_deadline(claim, events, rules)
    if appeal is None:
        return Recommendation(Action.NOTHING, (
            Msg.of(N_("This kind of claim has no appeal; nothing is left to do.")),
        ))
    if appeal.status(now) is DeadlineStatus.OVERDUE:
        return Recommendation(Action.NOTHING, (
            Msg.of(N_("The appeal window closed on {due_at}."), due_at=appeal.due_at),
        ))
    until = Msg.of(N_("You can appeal until {due_at}, because the grant was funded by you."),
                   due_at=appeal.due_at)
    new = new_evidence(evidence, events)
    if new:
        return Recommendation(Action.APPEAL, (
            until,
            Msg.of(N_("Evidence added since your response: {count}. An appeal needs new "
                      "information, and you have it."), count=len(new)),
        ))
    return Recommendation(Action.ACCEPT, (
        until,
        Msg.of(N_("An appeal needs new information, and you have added none since your "
                  "response.")),
    ))


def triage(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    now: datetime,
    rules: RuleTable = RULES,
) -> Triage:
    """Everything the claim overview shows, in one pure call."""
    now = as_utc(now, "now")
    deadline = _running_deadline(claim, events, now, rules)
    checklist = checklist_for(claim.source, claim.reason)
    return Triage(
        state=replay(events),
        deadline=deadline,
        urgency=urgency_of(deadline, now),
        time_left=deadline.time_left(now) if deadline else None,
        odr=odr_impact(claim, events),
        checklist=checklist,
        evidence=progress(checklist, evidence),
        recommendation=recommend(claim, events, evidence, now, rules),
    )
