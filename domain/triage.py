"""Triage of one claim: how urgent, what it does to the ODR, what evidence is there, what to do.

Every recommendation carries its reasons as ``Msg`` values with parameters, so the seller sees
why the bot suggests defending, refunding, appealing or waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.claims import ChargebackReason, Claim, NoticeKind, PayPalStage, Reason, TrackingStatus
from domain.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    appeal_deadline,
    deadlines,
    response_deadline,
)
from domain.eligibility import EligibilityIssue, eligibility_issues
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
from domain.outcomes import MoneyAndOdr, money_and_odr
from domain.rules import RULES, ClaimRule, ClaimSource, RuleTable
from domain.text import N_, Msg

__all__ = [
    "CRITICAL_WITHIN",
    "HIGH_WITHIN",
    "RESPOND_NOW_WITHIN",
    "Action",
    "OdrImpact",
    "OdrOutcome",
    "Recommendation",
    "Triage",
    "Urgency",
    "facts_on_file",
    "odr_impact",
    "recommend",
    "triage",
    "urgency_of",
]

CRITICAL_WITHIN = timedelta(hours=6)
HIGH_WITHIN = timedelta(hours=24)
# With less than this left, answering with what is there beats gathering more.
RESPOND_NOW_WITHIN = CRITICAL_WITHIN


class Urgency(StrEnum):
    OVERDUE = "overdue"
    CRITICAL = "critical"  # under 6 hours left
    HIGH = "high"  # under 24 hours left
    NORMAL = "normal"
    NONE = "none"  # no deadline running


class Action(StrEnum):
    UNDER_REVIEW = "review"  # A-to-z claim without a request for information: no answer needed
    AMAZON_HANDLES = "amazon"  # FBA: Amazon's fulfilment, Amazon's claim
    AMAZON_FUNDS = "protected"  # Buy Shipping protected "not received"
    DEFEND = "defend"
    RESPOND_NOW = "now"  # little time left: answer with what is there
    REFUND_OR_REPLACE = "refund"  # the claim is valid (parcel lost, in transit, returned)
    WEIGH_REFUND = "weigh"  # refund or defend: the seller decides, with the ODR effect in view
    GATHER = "gather"  # collect the missing required evidence first
    OUTSIDE_COVER = "outside"  # Trusted Shops: a warranty matter, outside buyer protection
    TALK_TO_BUYER = "talk"  # PayPal dispute stage
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
    rule: ClaimRule  # the row the claim was created under, shown on the card
    eligibility: tuple[EligibilityIssue, ...] = ()
    money: MoneyAndOdr | None = None
    under_review: bool = False  # A-to-z without a running request: no countdown, no reminders
    have: frozenset[str] = frozenset()  # checklist item ids covered by evidence or claim facts


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
        if kind in (EventKind.RESPOND, EventKind.CLOSE, EventKind.INFO_REQUEST):
            continue  # none of these changes the ODR
        after = (*events, ClaimEvent(kind, at))
        outcomes.append(OdrOutcome(kind, replay(after), odr_verdict(claim, after)))
    return OdrImpact(odr_verdict(claim, events), tuple(outcomes))


# Claim facts stand in for checklist items: a tracking number typed in the intake is tracking.
_FACT_ITEMS = (
    ("carrier", lambda c: bool(c.carrier)),
    ("tracking", lambda c: bool(c.tracking_number)),
    ("dispatch", lambda c: c.ship_date is not None),
)


def facts_on_file(claim: Claim, evidence: Sequence[EvidenceItem]) -> list[EvidenceItem]:
    """The evidence plus an item for each checklist point the claim's own facts cover."""
    have = {item.item_id for item in evidence}
    extra = [EvidenceItem(item_id, claim.notice_at) for item_id, present in _FACT_ITEMS
             if item_id not in have and present(claim)]
    return [*evidence, *extra]


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
        return _open(claim, events, facts_on_file(claim, evidence), now, rule, rules)
    if state is State.RESPONDED:
        reasons = [Msg.of(N_("You responded on {responded_at}; the decision is up to the claim "
                             "handler now. Keep your evidence at hand."),
                          responded_at=events[-1].at)]
        if claim.source is ClaimSource.A_TO_Z:
            reasons.append(_ASK_AGAIN)
        return Recommendation(Action.WAIT, tuple(reasons))
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
        reasons.append(Msg.of(N_("Amazon bore the cost of this claim: it costs you nothing and "
                                 "cannot be appealed.")))
    if claim.source.is_amazon:
        reasons.append(odr_verdict(claim, events).reason)
    return Recommendation(Action.NOTHING, tuple(reasons))


_ASK_AGAIN = Msg.of(N_("If Amazon asks for (more) information, record it on the card: each "
                       "request starts a new 48-hour window."))
_REFUND_COUNTS = N_("Refunding {amount} now closes the claim, but a refund after the claim was "
                    "filed still counts toward your Order Defect Rate, just like a grant.")


def _open(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    now: datetime,
    rule: ClaimRule,
    rules: RuleTable,
) -> Recommendation:
    deadline = response_deadline(claim, events, rules)
    if deadline is None or deadline.done_at is not None:
        return _no_request(claim)
    if deadline.status(now) is DeadlineStatus.OVERDUE:
        reasons = [
            Msg.of(N_("The response deadline passed on {due_at}."), due_at=deadline.due_at),
            rule.missed_response,
        ]
        if claim.source.is_amazon:
            reasons.append(Msg.of(N_("If Seller Central still shows the button to respond, "
                                     "respond anyway.")))
    else:
        reasons = [Msg.of(N_("Respond before {due_at} ({time_left} left)."),
                          due_at=deadline.due_at, time_left=deadline.time_left(now))]
    if (claim.source is ClaimSource.A_TO_Z and claim.notice_kind is NoticeKind.UNKNOWN
            and not any(e.kind is EventKind.INFO_REQUEST for e in events)):
        reasons.append(Msg.of(N_("It is not recorded whether Amazon asked for information, "
                                 "so the 48 hours count from the notice: the safe "
                                 "assumption.")))
    short = deadline.time_left(now) < RESPOND_NOW_WITHIN
    action, more = _open_advice(claim, evidence, short)
    reasons += more
    issues = eligibility_issues(claim, rules)
    if issues and action in (Action.GATHER, Action.WEIGH_REFUND, Action.RESPOND_NOW):
        reasons.append(Msg.of(N_("Point Amazon to the eligibility problems below; the draft "
                                 "states them.")))
    return Recommendation(action, tuple(reasons))


def _no_request(claim: Claim) -> Recommendation:
    if claim.is_fba:
        return Recommendation(Action.AMAZON_HANDLES, (
            Msg.of(N_("Usually there is nothing to do: Amazon handles customer service, "
                      "refunds and returns for FBA orders, and claims about its fulfilment.")),
            Msg.of(N_("If Amazon asks you for information, record it on the card, then answer "
                      "briefly that Amazon fulfilled the order.")),
        ))
    return Recommendation(Action.UNDER_REVIEW, (
        Msg.of(N_("Under review: Amazon has not asked you for information, so no answer is "
                  "required and no clock is running.")),
        Msg.of(N_("Answer the buyer's messages within 48 hours: an unanswered buyer is a "
                  "reason Amazon grants a claim.")),
        Msg.of(N_("You may still respond to Amazon; the response draft is ready.")),
        _ASK_AGAIN,
    ))


def _open_advice(
    claim: Claim, evidence: Sequence[EvidenceItem], short: bool
) -> tuple[Action, list[Msg]]:
    have = {item.item_id for item in evidence}
    found = progress(checklist_for(claim.source, claim.reason, claim.fulfilment), evidence)
    reasons: list[Msg] = []
    if claim.is_fba:
        return Action.AMAZON_HANDLES, [
            Msg.of(N_("Amazon handles FBA orders. Answer its request briefly: Amazon fulfilled "
                      "the order; add any messages you had with the buyer.")),
        ]
    if claim.source is ClaimSource.CHARGEBACK:
        if claim.chargeback_reason is ChargebackReason.FRAUD:
            reasons.append(odr_verdict(claim, ()).reason)
        reasons.append(Msg.of(N_("The buyer never sees your answer. Send your documents as "
                                 "attachments in your reply to Amazon's chargeback e-mail, or "
                                 "on the chargeback page (\"Represent your case\"); never "
                                 "through Buyer-Seller Messages.")))
    if claim.source is ClaimSource.TRUSTED_SHOPS and claim.reason in (
        Reason.DAMAGED, Reason.NOT_AS_DESCRIBED
    ):
        return Action.OUTSIDE_COVER, [
            Msg.of(N_("Trusted Shops buyer protection covers non-delivery, no refund after a "
                      "return, and insolvency. A damaged or not-as-described item is a "
                      "warranty matter outside it, unless the buyer withdrew from the purchase "
                      "within 14 days.")),
            Msg.of(N_("Say so in your answer, and handle the complaint as a warranty or return "
                      "request.")),
        ]
    if claim.source is ClaimSource.PAYPAL and claim.paypal_stage is PayPalStage.DISPUTE:
        return Action.TALK_TO_BUYER, [
            Msg.of(N_("This is a dispute: answer the buyer in PayPal's Resolution Center and "
                      "solve it if you can. Either side can escalate it to a claim within "
                      "20 days; PayPal then decides.")),
        ]
    if claim.protected_not_received:
        reasons += [odr_verdict(claim, ()).reason]
        if claim.tracking_status is TrackingStatus.RETURNED:
            reasons.append(Msg.of(N_("The parcel came back: Amazon refunds the buyer and "
                                     "debits you, without impact on your ODR.")))
        reasons += [
            Msg.of(N_("Do not refund the buyer yourself: Amazon then reimburses nothing and "
                      "the claim counts toward your ODR. Let Amazon refund the buyer.")),
            Msg.of(N_("Answer with the tracking details so the Buy Shipping claims protection "
                      "applies.")),
        ]
        return Action.AMAZON_FUNDS, reasons
    if "pod" in have:
        reasons.append(Msg.of(N_("Your carrier's proof of delivery is strong evidence: use it "
                                 "to dispute the claim.")))
        if "signature" in have:
            reasons.append(Msg.of(N_("With the signature confirmation you stand even "
                                     "stronger.")))
        return Action.DEFEND, reasons
    if claim.reason is Reason.NOT_RECEIVED:
        advice = _not_received(claim, have, short)
        if advice is not None:
            return advice[0], reasons + advice[1]
    if found.complete:
        reasons.append(Msg.of(N_("You have all the required evidence: dispute the claim.")))
        return Action.DEFEND, reasons
    if short:
        reasons.append(Msg.of(
            N_("Little time left: respond now with what you have ({done} of {total} required "
               "items). Missing the deadline means the claim is granted."),
            done=found.required_done, total=found.required_total))
        return Action.RESPOND_NOW, reasons
    reasons.append(Msg.of(N_("Required evidence still missing: {missing} of {total}."),
                          missing=len(found.missing_required), total=found.required_total))
    return Action.GATHER, reasons


def _refund_reasons(claim: Claim) -> list[Msg]:
    if claim.source.is_amazon:
        return [Msg.of(_REFUND_COUNTS, amount=claim.amount)]
    return [Msg.of(N_("Refunding {amount} now usually ends the case."), amount=claim.amount)]


def _not_received(
    claim: Claim, have: set[str], short: bool
) -> tuple[Action, list[Msg]] | None:
    status = claim.tracking_status
    if status is TrackingStatus.DELIVERED:
        if short:
            return Action.RESPOND_NOW, [Msg.of(N_(
                "Little time left: respond now with what you have (carrier, tracking number, "
                "ship date, tracking says delivered). Missing the deadline means the claim is "
                "granted."
            ))]
        return Action.GATHER, [Msg.of(N_(
            "The tracking says delivered: get the proof of delivery from the carrier, then "
            "dispute the claim with it."
        ))]
    if status is TrackingStatus.IN_TRANSIT:
        if any(issue.code == "early" for issue in eligibility_issues(claim)):
            return Action.DEFEND, [Msg.of(N_(
                "The parcel is still within its delivery window: tell Amazon the claim was "
                "filed too early."
            ))]
        return Action.REFUND_OR_REPLACE, [
            Msg.of(N_("The parcel is still in transit after its delivery window, so the claim "
                      "is valid. Refund or send a replacement now, and ask the carrier to "
                      "trace the parcel.")),
            *_refund_reasons(claim),
        ]
    if status is TrackingStatus.RETURNED:
        return Action.REFUND_OR_REPLACE, [
            Msg.of(N_("The parcel was returned to you: refund the buyer once it is back, or "
                      "send it again if the buyer agrees.")),
            *_refund_reasons(claim),
        ]
    if status is TrackingStatus.NONE or "tracking" not in have:
        reasons = [Msg.of(N_("Without a valid tracking number in Seller Central, Amazon grants "
                             "the claim to the buyer."))
                   if claim.source.is_amazon else
                   Msg.of(N_("Without tracking, the case will probably go to the buyer."))]
        reasons += _refund_reasons(claim)
        return Action.WEIGH_REFUND, reasons
    return None


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
    until = Msg.of(N_("You can appeal until {due_at}: the refund was charged to you."),
                   due_at=appeal.due_at)
    new = new_evidence(evidence, events)
    if new:
        return Recommendation(Action.APPEAL, (
            until,
            Msg.of(N_("Evidence added since your response: {count}. An appeal needs new "
                      "information, and you have it."), count=len(new)),
            Msg.of(N_("An appeal can reverse the debit, the ODR impact, or both; the draft asks "
                      "for both.")),
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
    checklist = checklist_for(claim.source, claim.reason, claim.fulfilment)
    on_file = facts_on_file(claim, evidence)
    state = replay(events)
    return Triage(
        state=state,
        deadline=deadline,
        urgency=urgency_of(deadline, now),
        time_left=deadline.time_left(now) if deadline else None,
        odr=odr_impact(claim, events),
        checklist=checklist,
        evidence=progress(checklist, on_file),
        recommendation=recommend(claim, events, evidence, now, rules),
        rule=rules.get(claim.rule_id, claim.rule_version),
        eligibility=eligibility_issues(claim, rules),
        money=money_and_odr(claim, events),
        under_review=state is State.OPEN and deadline is None,
        have=frozenset(item.item_id for item in on_file),
    )
