"""Scenarios a claims consultant checks: input claim → the card's advice, the deadline (or
none), the reminders (or none) and the draft's key sentences, in English and Dutch.

Dutch comes from the shipped catalog (``render_nl``), never from a copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from domain.claims import (
    ChargebackReason,
    Claim,
    Fulfilment,
    NoticeKind,
    PayPalStage,
    Reason,
    TrackingStatus,
)
from domain.deadlines import deadlines, response_deadline
from domain.drafts import Render, response_draft
from domain.eligibility import eligibility_issues
from domain.evidence import EvidenceItem
from domain.lifecycle import ClaimEvent, EventKind, State, event_label, state_label
from domain.odr import odr_verdict
from domain.outcomes import choice_by_code, money_and_odr, outcome_choices
from domain.reminders import ReminderKind, plan_reminders
from domain.rules import ClaimSource, Marketplace
from domain.sources import FACTS
from domain.triage import Action, Triage, triage
from tests.domain.test_builders import NOTICE, at, event, item, make_claim, render_en, render_nl

E = EventKind
H = timedelta(hours=1)
NOW = NOTICE + 2 * H
RENDERS = pytest.mark.parametrize("render", [render_en, render_nl], ids=["en", "nl"])


def card(claim: Claim, events: Sequence[ClaimEvent] = (),
         evidence: Sequence[EvidenceItem] = (), now: datetime = NOW) -> Triage:
    return triage(claim, events, evidence, now)


def advice(result: Triage, render: Render) -> str:
    return "\n".join(render(reason) for reason in result.recommendation.reasons)


def reminders(claim: Claim, events: Sequence[ClaimEvent] = (), now: datetime = NOW) -> list:
    return [r for d in deadlines(claim, events) for r in plan_reminders(d, now)]


def said(render: Render, en: str, nl: str) -> str:
    return en if render is render_en else nl


# 1. The 48-hour clock runs from Amazon's request for information -------------------------

@RENDERS
def test_a_claim_under_review_has_no_countdown_no_reminders_and_still_a_draft(
    render: Render,
) -> None:
    claim = make_claim(notice_kind=NoticeKind.CLAIM_FILED)
    result = card(claim)
    assert result.recommendation.action is Action.UNDER_REVIEW
    assert (result.deadline, result.time_left, result.under_review) == (None, None, True)
    assert reminders(claim) == []
    text = advice(result, render)
    assert said(render, "no answer is required and no clock is running",
                "er is geen antwoord vereist en er loopt geen termijn") in text
    assert said(render, "Answer the buyer's messages within 48 hours",
                "Beantwoord berichten van de koper binnen 48 uur") in text
    assert said(render, "the response draft is ready", "de antwoordtekst staat klaar") in text
    assert said(render, "Re: A-to-z Guarantee claim", "Betreft: A-tot-Z-garantieclaim") in \
        response_draft(claim, [], [], render)


@RENDERS
def test_amazon_asking_for_information_after_a_response_opens_a_new_48_hours(
    render: Render,
) -> None:
    claim = make_claim(notice_kind=NoticeKind.CLAIM_FILED)
    events = [event(E.RESPOND, at(21)), event(E.INFO_REQUEST, at(24, 10))]
    result = card(claim, events, now=at(24, 12))
    assert result.state is State.OPEN
    assert result.deadline is not None and result.deadline.due_at == at(26, 10)
    assert result.time_left == 46 * H
    planned = reminders(claim, events, at(24, 12))
    assert [r.kind for r in planned] == [ReminderKind.RESPONSE_T24H, ReminderKind.RESPONSE_T6H,
                                         ReminderKind.RESPONSE_T1H,
                                         ReminderKind.RESPONSE_OVERDUE]
    assert all(r.deadline == at(26, 10) for r in planned)
    assert said(render, "Respond before", "Antwoord vóór") in advice(result, render)


def test_an_information_request_during_an_appeal_uses_the_appeal_window() -> None:
    claim = make_claim(marketplace=Marketplace.AMAZON_US)
    events = [event(E.GRANT_SELLER, at(21)), event(E.APPEAL, at(22)),
              event(E.INFO_REQUEST, at(23))]
    window = response_deadline(claim, events)
    assert window is not None and window.due_at == at(23) + 72 * H


@RENDERS
def test_a_seller_who_does_not_know_gets_48_hours_from_the_notice_as_the_safe_reading(
    render: Render,
) -> None:
    claim = make_claim(notice_kind=NoticeKind.UNKNOWN)
    result = card(claim)
    assert result.deadline is not None and result.deadline.due_at == NOTICE + 48 * H
    assert said(render, "the safe assumption", "de veilige aanname") in advice(result, render)


@RENDERS
def test_amazon_com_counts_48_hours_and_the_card_can_show_the_48_72_note(render: Render) -> None:
    result = card(make_claim(marketplace=Marketplace.AMAZON_US))
    assert result.deadline is not None and result.deadline.window == 48 * H
    assert result.rule.note is not None
    note = render(result.rule.note)
    assert "27951" in note and said(render, "72 hours", "72 uur") in note


def test_old_claims_keep_the_deadline_they_were_created_with() -> None:
    # Stored before the notice question existed: 'req', and the version 1 row (72 h on .com).
    old = replace(make_claim(marketplace=Marketplace.AMAZON_US,
                             notice_kind=NoticeKind.INFO_REQUEST), rule_version=1)
    window = response_deadline(old)
    assert window is not None and window.due_at == NOTICE + 72 * H


# 2. FBA -----------------------------------------------------------------------------------

@RENDERS
def test_fba_usually_needs_nothing_no_countdown_no_reminders_no_shipping_checklist(
    render: Render,
) -> None:
    claim = make_claim(fulfilment=Fulfilment.FBA, notice_kind=NoticeKind.UNKNOWN)
    result = card(claim)
    assert result.recommendation.action is Action.AMAZON_HANDLES
    assert (result.deadline, result.under_review) == (None, True)
    assert reminders(claim) == []
    assert not result.odr.now.counts
    assert {c.item_id for c in result.checklist} == {"msgs"}
    assert not any(c.required for c in result.checklist)
    assert said(render, "Usually there is nothing to do", "Je hoeft meestal niets te doen") in \
        advice(result, render)
    assert said(render, "counts toward", "telt mee") not in render(result.odr.now.reason)


def test_fba_gets_a_48_hour_window_once_amazon_asks() -> None:
    claim = make_claim(fulfilment=Fulfilment.FBA, notice_kind=NoticeKind.CLAIM_FILED)
    events = [event(E.INFO_REQUEST, at(21))]
    result = card(claim, events, now=at(21, 10))
    assert result.deadline is not None and result.deadline.due_at == at(23)
    assert result.recommendation.action is Action.AMAZON_HANDLES
    assert len(reminders(claim, events, at(21, 10))) == 4


# 3. Chargebacks ---------------------------------------------------------------------------

def chargeback(**facts: object) -> Claim:
    return make_claim(source=ClaimSource.CHARGEBACK, marketplace=Marketplace.AMAZON_NL, **facts)


@RENDERS
def test_a_chargeback_answer_goes_with_the_reply_to_amazons_e_mail(render: Render) -> None:
    claim = chargeback(chargeback_reason=ChargebackReason.SERVICE)
    result = card(claim, evidence=[item("pod")])
    text = advice(result, render)
    assert said(render, "reply to Amazon's chargeback e-mail",
                "antwoord op de chargeback-e-mail van Amazon") in text
    assert said(render, "never through Buyer-Seller Messages",
                "nooit via Berichten koper-verkoper") in text
    assert result.deadline is not None and result.deadline.window == timedelta(days=7)
    draft = response_draft(claim, [], [item("pod")], render)
    assert said(render, "our reply to your chargeback e-mail",
                "ons antwoord op uw chargeback-e-mail") in draft


@RENDERS
def test_a_fraud_chargeback_is_amazons_liability_and_no_odr_defect(render: Render) -> None:
    claim = chargeback(chargeback_reason=ChargebackReason.FRAUD)
    verdict = odr_verdict(claim, [event(E.GRANT_AMAZON, at(23))])
    assert not verdict.counts
    assert said(render, "Amazon's liability", "voor rekening van Amazon") in render(verdict.reason)
    assert odr_verdict(chargeback(chargeback_reason=ChargebackReason.SERVICE),
                       [event(E.GRANT_AMAZON, at(23))]).counts


@RENDERS
def test_chargeback_outcomes_use_chargeback_words(render: Render) -> None:
    labels = [render(state_label(State.GRANTED_SELLER, ClaimSource.CHARGEBACK)),
              render(event_label(E.DENY, ClaimSource.CHARGEBACK))]
    assert labels == said(render, ["Decided for the buyer, debited to you",
                                   "Decided in your favour"],
                          ["Beslist in het voordeel van de koper, bij jou afgeschreven",
                           "Beslist in jouw voordeel"])


# 4. Triage order --------------------------------------------------------------------------

@RENDERS
def test_proof_of_delivery_comes_first_even_without_a_tracking_item(render: Render) -> None:
    result = card(make_claim(), evidence=[item("pod")])
    assert result.recommendation.action is Action.DEFEND
    text = advice(result, render)
    assert said(render, "proof of delivery is strong evidence", "bezorgbewijs") in text
    assert said(render, "Without a valid tracking", "Zonder geldig trackingnummer") not in text


@RENDERS
def test_with_three_hours_left_the_card_says_respond_now_with_what_you_have(
    render: Render,
) -> None:
    claim = make_claim(carrier="PostNL", tracking_number="3S123", ship_date=date(2026, 11, 11),
                       tracking_status=TrackingStatus.DELIVERED)
    result = card(claim, now=NOTICE + 45 * H)
    assert result.recommendation.action is Action.RESPOND_NOW
    assert said(render, "respond now with what you have", "reageer nu met wat je hebt") in \
        advice(result, render)


@pytest.mark.parametrize(
    ("status", "latest", "action", "en", "nl"),
    [
        (TrackingStatus.DELIVERED, None, Action.GATHER, "get the proof of delivery",
         "vraag het bezorgbewijs op"),
        (TrackingStatus.IN_TRANSIT, date(2026, 11, 1), Action.REFUND_OR_REPLACE,
         "the claim is valid", "de claim is terecht"),
        (TrackingStatus.IN_TRANSIT, date(2026, 11, 19), Action.DEFEND, "filed too early",
         "te vroeg is ingediend"),
        (TrackingStatus.RETURNED, None, Action.REFUND_OR_REPLACE,
         "refund the buyer once it is back", "betaal de koper terug zodra het binnen is"),
        (TrackingStatus.NONE, None, Action.WEIGH_REFUND, "Without a valid tracking number in "
         "Seller Central, Amazon grants", "Zonder geldig trackingnummer in Seller Central kent "
         "Amazon"),
    ],
)
@RENDERS
def test_what_the_tracking_says_decides_the_advice_for_not_received(
    render: Render, status: TrackingStatus, latest: date | None, action: Action, en: str, nl: str,
) -> None:
    result = card(make_claim(tracking_status=status, latest_delivery=latest,
                             carrier="PostNL", tracking_number="3S1"))
    assert result.recommendation.action is action
    assert said(render, en, nl) in advice(result, render)


def test_a_typed_tracking_number_counts_on_the_checklist() -> None:
    result = card(make_claim(carrier="DHL", tracking_number="JJD1", ship_date=date(2026, 11, 11)))
    assert {"carrier", "tracking", "dispatch"} <= result.have


# 5. Buy Shipping ----------------------------------------------------------------------------

@RENDERS
def test_buy_shipping_says_do_not_refund_yourself(render: Render) -> None:
    result = card(make_claim(buy_shipping_protected=True, first_scan_on_time=True))
    assert result.recommendation.action is Action.AMAZON_FUNDS
    assert said(render, "Do not refund the buyer yourself: Amazon then reimburses nothing",
                "Betaal de koper niet zelf terug: dan vergoedt Amazon niets") in \
        advice(result, render)


def test_a_late_first_scan_voids_buy_shipping_protection() -> None:
    claim = make_claim(buy_shipping_protected=True, first_scan_on_time=False)
    assert not claim.protected_not_received
    assert card(claim).recommendation.action is not Action.AMAZON_FUNDS


def test_a_returned_protected_parcel_is_debited_without_odr_impact() -> None:
    claim = make_claim(buy_shipping_protected=True, tracking_status=TrackingStatus.RETURNED)
    events = [event(E.GRANT_SELLER, at(23))]
    facts = money_and_odr(claim, events)
    assert (facts.debited, facts.odr.counts) == (True, False)


# 6. Money and ODR are separate facts ------------------------------------------------------

@pytest.mark.parametrize(
    ("code", "debited", "counts"),
    [("grant_s", True, True), ("grant_s_noodr", True, False), ("grant_a", False, True)],
)
def test_an_outcome_records_debited_and_odr_apart(code: str, debited: bool, counts: bool) -> None:
    choice = choice_by_code(code)
    assert choice is not None
    events = [ClaimEvent(choice.kind, at(23), choice.debited, choice.counts_odr)]
    facts = money_and_odr(make_claim(), events)
    assert (facts.debited, facts.odr.counts) == (debited, counts)


@pytest.mark.parametrize(
    ("code", "debited", "counts"),
    [("win_appeal", False, False), ("win_odr", True, False), ("win_money", False, True)],
)
def test_an_appeal_can_reverse_the_debit_the_odr_or_both(
    code: str, debited: bool, counts: bool
) -> None:
    choice = choice_by_code(code)
    assert choice is not None
    events = [ClaimEvent(E.GRANT_SELLER, at(21), True, None), ClaimEvent(E.APPEAL, at(22)),
              ClaimEvent(choice.kind, at(23), choice.debited, choice.counts_odr)]
    facts = money_and_odr(make_claim(), events)
    assert (facts.debited, facts.odr.counts) == (debited, counts)


def test_the_outcome_menu_offers_the_split_choices_only_on_amazon() -> None:
    appealing = {c.code for c in outcome_choices(make_claim(), State.APPEALING)}
    assert {"win_appeal", "win_odr", "win_money", "lose_appeal", "info_req"} <= appealing
    paypal = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                        order_id="TX-1")
    assert not {"info_req", "grant_s_noodr"} & {c.code for c in outcome_choices(paypal,
                                                                                State.OPEN)}


@RENDERS
def test_outcome_labels_are_not_in_the_first_person(render: Render) -> None:
    claim = make_claim()
    for state in (State.OPEN, State.RESPONDED, State.GRANTED_SELLER, State.APPEALING):
        for choice in outcome_choices(claim, state):
            label = render(choice.label_for(claim.source))
            assert not label.startswith(("I ", "Ik ")), label


# 7. Eligibility -----------------------------------------------------------------------------

@RENDERS
def test_each_eligibility_condition_shows_on_the_card(render: Render) -> None:
    claim = make_claim(latest_delivery=date(2026, 11, 19), buyer_contacted_first=False,
                       chargeback_filed=True)
    issues = eligibility_issues(claim)
    assert [i.code for i in issues] == ["early", "no_contact", "chargeback"]
    texts = [render(i.card) for i in issues]
    assert said(render, "Filed too early", "Te vroeg ingediend") in texts[0]
    late = make_claim(latest_delivery=date(2026, 8, 1))
    assert [i.code for i in eligibility_issues(late)] == ["late"]
    assert card(claim).eligibility == issues


def test_a_delivered_parcel_is_never_called_filed_too_early() -> None:
    claim = make_claim(latest_delivery=date(2026, 11, 19),
                       tracking_status=TrackingStatus.DELIVERED)
    assert eligibility_issues(claim) == ()


def test_eligibility_is_not_judged_on_unknown_facts_or_outside_a_to_z() -> None:
    assert eligibility_issues(make_claim()) == ()
    claim = make_claim(source=ClaimSource.CHARGEBACK, buyer_contacted_first=False)
    assert eligibility_issues(claim) == ()


# 9. PayPal and Trusted Shops ----------------------------------------------------------------

def paypal(**facts: object) -> Claim:
    return make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                      order_id="TX-1", **facts)


@RENDERS
def test_a_paypal_dispute_is_talk_with_the_buyer_for_20_days(render: Render) -> None:
    result = card(paypal(paypal_stage=PayPalStage.DISPUTE))
    assert result.recommendation.action is Action.TALK_TO_BUYER
    assert result.deadline is not None and result.deadline.window == timedelta(days=20)
    assert said(render, "escalate it to a claim within 20 days",
                "binnen 20 dagen escaleren tot een claim") in advice(result, render)


def test_a_paypal_claim_takes_the_respond_by_date_paypal_shows() -> None:
    respond_by = NOTICE + timedelta(days=6, hours=3)
    result = card(paypal(paypal_stage=PayPalStage.CLAIM, respond_by=respond_by))
    assert result.deadline is not None and result.deadline.due_at == respond_by


def test_a_paypal_claim_without_its_date_falls_back_to_10_days() -> None:
    result = card(paypal(paypal_stage=PayPalStage.CLAIM))
    assert result.deadline is not None and result.deadline.window == timedelta(days=10)


@RENDERS
def test_trusted_shops_says_damage_is_a_warranty_matter_outside_the_protection(
    render: Render,
) -> None:
    claim = make_claim(source=ClaimSource.TRUSTED_SHOPS, marketplace=Marketplace.WEBSHOP,
                       order_id="WS-1", reason=Reason.DAMAGED)
    result = card(claim)
    assert result.recommendation.action is Action.OUTSIDE_COVER
    assert said(render, "warranty matter", "garantiekwestie") in advice(result, render)
    assert "ret_addr" not in {c.item_id for c in result.checklist}


# 11. The rule row on the card ---------------------------------------------------------------

def test_the_card_names_the_rule_row_with_its_source_and_check_date() -> None:
    result = card(make_claim())
    assert (result.rule.rule_id, result.rule.version) == ("az.nl", 2)
    assert "itemID=1781" in result.rule.source_url
    assert result.rule.checked_on == date(2026, 12, 2)


def test_every_fact_the_advice_names_has_a_source_and_a_check_date() -> None:
    for fact, source in FACTS.items():
        assert source.url.startswith("https://"), fact
        assert source.checked_on == date(2026, 12, 2), fact
