from __future__ import annotations

from datetime import timedelta

import pytest

from domain.claims import Fulfilment, Reason
from domain.deadlines import DeadlineKind, response_deadline
from domain.lifecycle import EventKind, State
from domain.rules import ClaimSource, Marketplace
from domain.text import Msg
from domain.triage import Action, Urgency, odr_impact, recommend, triage, urgency_of
from tests.domain.test_builders import NOTICE, at, eur, event, item, make_claim

E = EventKind
H = timedelta(hours=1)
DUE = NOTICE + 48 * H
NOW = NOTICE + 2 * H


def keys(reasons: tuple[Msg, ...]) -> list[str]:
    return [m.key for m in reasons]


@pytest.mark.parametrize(
    ("left", "urgency"),
    [(-H, Urgency.OVERDUE), (timedelta(0), Urgency.OVERDUE), (5 * H, Urgency.CRITICAL),
     (6 * H, Urgency.HIGH), (23 * H, Urgency.HIGH), (24 * H, Urgency.NORMAL),
     (40 * H, Urgency.NORMAL)],
)
def test_urgency_bands_the_time_left(left: timedelta, urgency: Urgency) -> None:
    assert urgency_of(response_deadline(make_claim()), DUE - left) is urgency


def test_a_closed_or_missing_deadline_is_not_urgent() -> None:
    assert urgency_of(None, NOW) is Urgency.NONE
    closed = response_deadline(make_claim(), [event(E.RESPOND, at(21))])
    assert urgency_of(closed, NOW) is Urgency.NONE


def test_triage_of_a_new_claim_shows_the_response_deadline_and_checklist() -> None:
    result = triage(make_claim(), [], [item("tracking", detail="3SABC")], DUE - 5 * H)
    assert result.state is State.OPEN
    assert result.deadline is not None and result.deadline.kind is DeadlineKind.RESPONSE
    assert result.urgency is Urgency.CRITICAL
    assert result.time_left == 5 * H
    assert result.checklist[0].item_id == "dispatch"
    assert (result.evidence.required_done, result.evidence.required_total) == (1, 5)
    assert result.odr.now.counts
    # Five hours left: answer with what is there rather than gather more.
    assert result.recommendation.action is Action.RESPOND_NOW


def test_triage_after_a_seller_funded_grant_follows_the_appeal_deadline() -> None:
    events = [event(E.RESPOND, at(21)), event(E.GRANT_SELLER, at(23))]
    result = triage(make_claim(), events, [], at(24))
    assert result.deadline is not None and result.deadline.kind is DeadlineKind.APPEAL
    assert result.urgency is Urgency.NORMAL


def test_a_lapsed_appeal_window_is_no_longer_urgent() -> None:
    events = [event(E.GRANT_SELLER, at(23))]
    result = triage(make_claim(), events, [], at(23) + timedelta(days=31))
    assert (result.deadline, result.urgency, result.time_left) == (None, Urgency.NONE, None)
    assert result.recommendation.action is Action.NOTHING
    assert keys(result.recommendation.reasons) == ["The appeal window closed on {due_at}."]


def test_an_overdue_response_stays_at_the_top_of_the_list() -> None:
    result = triage(make_claim(), [], [], DUE + H)
    assert result.urgency is Urgency.OVERDUE
    assert result.time_left == -H


def test_the_odr_impact_shows_each_possible_next_outcome() -> None:
    impact = odr_impact(make_claim(), [])
    assert impact.now.counts
    outcomes = {o.event: (o.state, o.verdict.counts) for o in impact.outcomes}
    assert outcomes == {
        E.GRANT_SELLER: (State.GRANTED_SELLER, True),
        E.GRANT_AMAZON: (State.GRANTED_AMAZON, True),
        E.DENY: (State.DENIED, False),
        E.WITHDRAW: (State.WITHDRAWN, False),
        E.REFUND: (State.REFUNDED, True),
    }


def test_the_odr_impact_of_a_protected_not_received_claim_is_none_if_amazon_funds_it() -> None:
    impact = odr_impact(make_claim(buy_shipping_protected=True), [])
    outcomes = {o.event: o.verdict.counts for o in impact.outcomes}
    assert not impact.now.counts
    assert not outcomes[E.GRANT_AMAZON]
    assert outcomes[E.REFUND]


def test_the_odr_impact_during_an_appeal_depends_on_the_result() -> None:
    events = [event(E.GRANT_SELLER, at(21)), event(E.APPEAL, at(22))]
    outcomes = {o.event: o.verdict.counts for o in odr_impact(make_claim(), events).outcomes}
    assert outcomes == {E.WIN_APPEAL: False, E.LOSE_APPEAL: True}


def test_fba_claims_amazon_asked_about_get_a_deadline_and_a_short_answer() -> None:
    rec = recommend(make_claim(fulfilment=Fulfilment.FBA), [], [], NOW)
    assert rec.action is Action.AMAZON_HANDLES
    assert rec.reasons[0] == Msg.of("Respond before {due_at} ({time_left} left).",
                                    due_at=DUE, time_left=46 * H)
    assert "Answer its request briefly" in rec.reasons[1].key


def test_a_buy_shipping_protected_not_received_claim_is_amazon_funded_without_odr_impact() -> None:
    rec = recommend(make_claim(buy_shipping_protected=True), [], [], NOW)
    assert rec.action is Action.AMAZON_FUNDS
    assert "do not count toward your Order Defect Rate" in rec.reasons[1].key
    assert "Do not refund the buyer yourself" in rec.reasons[2].key


def test_not_received_without_tracking_weighs_refund_against_defence() -> None:
    rec = recommend(make_claim(), [], [item("msgs")], NOW)
    assert rec.action is Action.WEIGH_REFUND
    assert keys(rec.reasons)[1:] == [
        "Without a valid tracking number in Seller Central, Amazon grants the claim to the "
        "buyer.",
        "Refunding {amount} now closes the claim, but a refund after the claim was filed still "
        "counts toward your Order Defect Rate, just like a grant.",
    ]
    assert rec.reasons[2].params == {"amount": eur("49.95")}


def test_outside_amazon_a_refund_is_explained_without_odr_or_appeal() -> None:
    claim = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                       order_id="TX-1")
    rec = recommend(claim, [], [], NOW)
    assert rec.action is Action.WEIGH_REFUND
    assert keys(rec.reasons)[2:] == ["Refunding {amount} now usually ends the case."]


def test_strong_proof_of_delivery_means_defend() -> None:
    rec = recommend(make_claim(), [], [item("tracking"), item("pod"), item("signature")], NOW)
    assert rec.action is Action.DEFEND
    assert keys(rec.reasons)[1:] == [
        "Your carrier's proof of delivery is strong evidence: use it to dispute the claim.",
        "With the signature confirmation you stand even stronger.",
    ]


def test_proof_of_delivery_without_signature_still_means_defend() -> None:
    rec = recommend(make_claim(), [], [item("tracking"), item("pod")], NOW)
    assert (rec.action, len(rec.reasons)) == (Action.DEFEND, 2)


def test_complete_evidence_for_a_return_claim_means_defend() -> None:
    evidence = [item("ret_addr"), item("ret_label"), item("msgs")]
    rec = recommend(make_claim(reason=Reason.RETURN_NO_LABEL), [], evidence, NOW)
    assert rec.action is Action.DEFEND


def test_missing_required_evidence_means_gather_it_first() -> None:
    rec = recommend(make_claim(reason=Reason.DAMAGED), [], [item("msgs")], NOW)
    assert rec.action is Action.GATHER
    assert rec.reasons[-1].params == {"missing": 2, "total": 3}


def test_an_overdue_response_says_what_missing_it_means() -> None:
    rec = recommend(make_claim(reason=Reason.DAMAGED), [], [], DUE + H)
    assert keys(rec.reasons)[:3] == [
        "The response deadline passed on {due_at}.",
        "If you do not answer Amazon's request for information within the window, Amazon "
        "grants the claim to the buyer, debits your account and counts the claim toward your "
        "ODR.",
        "If Seller Central still shows the button to respond, respond anyway.",
    ]


def test_after_responding_the_seller_waits() -> None:
    rec = recommend(make_claim(), [event(E.RESPOND, at(21))], [], at(22))
    assert rec.action is Action.WAIT
    assert rec.reasons[0].params == {"responded_at": at(21)}


def test_a_seller_funded_grant_with_new_evidence_is_worth_an_appeal() -> None:
    events = [event(E.RESPOND, at(21)), event(E.GRANT_SELLER, at(23))]
    evidence = [item("tracking", at(20)), item("pod", at(24))]
    rec = recommend(make_claim(), events, evidence, at(25))
    assert rec.action is Action.APPEAL
    assert rec.reasons[0].params == {"due_at": at(23) + timedelta(days=30)}
    assert rec.reasons[1].params == {"count": 1}


def test_a_seller_funded_grant_without_a_response_counts_all_evidence_as_new() -> None:
    events = [event(E.GRANT_SELLER, at(23))]
    rec = recommend(make_claim(), events, [item("pod", at(20))], at(25))
    assert rec.action is Action.APPEAL


def test_a_seller_funded_grant_without_new_information_is_accepted() -> None:
    events = [event(E.RESPOND, at(21)), event(E.GRANT_SELLER, at(23))]
    rec = recommend(make_claim(), events, [item("pod", at(20))], at(25))
    assert rec.action is Action.ACCEPT
    assert "added none" in rec.reasons[1].key


def test_a_seller_funded_grant_outside_amazon_has_no_appeal() -> None:
    claim = make_claim(source=ClaimSource.TRUSTED_SHOPS, marketplace=Marketplace.WEBSHOP,
                       order_id="TS-1")
    rec = recommend(claim, [event(E.GRANT_SELLER, at(23))], [], at(25))
    assert rec.action is Action.NOTHING
    assert keys(rec.reasons) == ["This kind of claim has no appeal; nothing is left to do."]


def test_during_an_appeal_the_seller_waits_and_answers_questions_quickly() -> None:
    events = [event(E.GRANT_SELLER, at(23)), event(E.APPEAL, at(24))]
    rec = recommend(make_claim(marketplace=Marketplace.AMAZON_US), events, [], at(25))
    assert rec.action is Action.WAIT
    assert rec.reasons[1].params == {"hours": 72}


def test_an_appeal_outside_amazon_has_no_information_request_window() -> None:
    claim = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                       order_id="TX-1")
    events = [event(E.GRANT_SELLER, at(23)), event(E.APPEAL, at(24))]
    assert keys(recommend(claim, events, [], at(25)).reasons) == ["Your appeal is under review."]


def test_an_amazon_funded_grant_needs_nothing_and_explains_the_odr() -> None:
    rec = recommend(make_claim(), [event(E.GRANT_AMAZON, at(23))], [], at(25))
    assert rec.action is Action.NOTHING
    assert keys(rec.reasons) == [
        "Nothing is left to do for this claim.",
        "Amazon bore the cost of this claim: it costs you nothing and cannot be appealed.",
        "A granted claim counts toward your Order Defect Rate, also when Amazon funds it.",
    ]


def test_a_denied_claim_needs_nothing() -> None:
    rec = recommend(make_claim(), [event(E.DENY, at(23))], [], at(25))
    assert rec.action is Action.NOTHING
    assert "denied claim does not count" in rec.reasons[-1].key


def test_a_closed_case_outside_amazon_says_nothing_about_the_odr() -> None:
    claim = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                       order_id="TX-1")
    rec = recommend(claim, [event(E.DENY, at(23))], [], at(25))
    assert keys(rec.reasons) == ["Nothing is left to do for this claim."]
