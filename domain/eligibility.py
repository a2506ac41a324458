"""Whether an A-to-z claim was eligible: the conditions a seller can point Amazon to.

Amazon's buyer help (201889410, 201460300; FACTS "az.eligibility_*"): a "not received" claim
can be filed from 3 days after the latest estimated delivery date (or once tracking shows it
delivered), up to 90 days after that date; the buyer must contact the seller first; a buyer who
filed a chargeback for the order loses A-to-z eligibility. Each failed condition gives one line
for the card and one sentence for the draft. A condition whose facts are unknown is not judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.claims import Claim, Reason, TrackingStatus
from domain.rules import RULES, ClaimSource, RuleTable
from domain.text import N_, Msg

__all__ = ["EARLIEST_AFTER_DELIVERY", "EligibilityIssue", "eligibility_issues"]

EARLIEST_AFTER_DELIVERY = timedelta(days=3)


@dataclass(frozen=True)
class EligibilityIssue:
    code: str  # "early", "late", "no_contact", "chargeback"
    card: Msg  # for the seller
    draft: Msg  # one sentence for Amazon, in the draft's "we" voice


def eligibility_issues(claim: Claim, rules: RuleTable = RULES) -> tuple[EligibilityIssue, ...]:
    """The failed eligibility conditions of an A-to-z claim (none outside A-to-z)."""
    if claim.source is not ClaimSource.A_TO_Z:
        return ()
    rule = rules.get(claim.rule_id, claim.rule_version)
    issues = []
    # The claim was filed on or before the day its notice arrived: a notice day before
    # EDD + 3 proves the claim came too early; a later one proves nothing either way.
    notice_day = claim.notice_at.date()
    edd = claim.latest_delivery
    if (claim.reason is Reason.NOT_RECEIVED and edd is not None
            and claim.tracking_status is not TrackingStatus.DELIVERED
            and notice_day < edd + EARLIEST_AFTER_DELIVERY):
        earliest = edd + EARLIEST_AFTER_DELIVERY
        issues.append(EligibilityIssue(
            "early",
            Msg.of(N_("Filed too early: a \"not received\" claim can be filed from {earliest} "
                      "(latest delivery date {edd} + 3 days)."), earliest=earliest, edd=edd),
            Msg.of(N_("The claim was filed before {earliest}, while the parcel was still "
                      "within its delivery window (latest estimated delivery date {edd} + 3 "
                      "days)."), earliest=earliest, edd=edd),
        ))
    window = rule.buyer_filing_window
    if edd is not None and window is not None and notice_day > edd + window:
        issues.append(EligibilityIssue(
            "late",
            Msg.of(N_("The notice came more than {days} days after the latest delivery date "
                      "({edd}): check the filing date in Seller Central; a claim filed later "
                      "is not eligible."), days=window.days, edd=edd),
            Msg.of(N_("Please check the filing date: a claim filed more than {days} days after "
                      "the latest estimated delivery date ({edd}) is not eligible."),
                   days=window.days, edd=edd),
        ))
    if claim.buyer_contacted_first is False:
        issues.append(EligibilityIssue(
            "no_contact",
            Msg.of(N_("The buyer did not contact you before filing: Amazon expects the buyer "
                      "to ask you first.")),
            Msg.of(N_("The buyer did not contact us about this order before filing the "
                      "claim.")),
        ))
    if claim.chargeback_filed:
        issues.append(EligibilityIssue(
            "chargeback",
            Msg.of(N_("The buyer also filed a chargeback for this order, which makes the "
                      "A-to-z claim ineligible.")),
            Msg.of(N_("The buyer has also filed a chargeback for this order, so the A-to-z "
                      "claim is not eligible.")),
        ))
    return tuple(issues)
