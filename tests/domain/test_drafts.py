from __future__ import annotations

import random
from datetime import date

import pytest

from domain.claims import NOTES_MAX_CHARS, Claim, Fulfilment, Reason, TrackingStatus
from domain.drafts import (
    ELLIPSIS,
    TELEGRAM_TEXT_LIMIT,
    Draft,
    DraftLanguage,
    DraftLine,
    Render,
    appeal_draft,
    build_response_draft,
    default_draft_language,
    render_draft,
    response_draft,
)
from domain.errors import InvalidTransition
from domain.evidence import DETAIL_MAX_CHARS, ITEM_LABELS, EvidenceItem
from domain.lifecycle import ClaimEvent, EventKind
from domain.rules import ClaimSource, Marketplace
from domain.text import Msg
from tests.domain.test_builders import at, event, item, make_claim, render_en, render_nl

E = EventKind


def golden_claim(notes: str, **facts: object) -> Claim:
    values: dict[str, object] = {
        "order_date": date(2026, 11, 10), "latest_delivery": date(2026, 11, 14),
        "notes": notes, "ship_date": date(2026, 11, 11), "carrier": "PostNL",
        "tracking_number": "3SABCD1234567", "delivered_on": date(2026, 11, 13),
        "tracking_status": TrackingStatus.DELIVERED, "buyer_contacted_first": False,
    }
    values.update(facts)
    return make_claim(**values)


EVIDENCE = [
    item("pod", at(20, 11)),
    item("signature", at(20, 11)),
    item("msgs", at(20, 12)),
]
APPEAL_EVENTS = [event(E.RESPOND, at(21, 8)), event(E.GRANT_SELLER, at(23, 15))]
APPEAL_EVIDENCE = [*EVIDENCE, item("photos", at(24, 9))]
SHOP = "Fietsenwinkel Jansen"


def test_the_english_response_draft_puts_the_facts_first_and_asks_to_deny() -> None:
    claim = golden_claim("The buyer asked us to leave the parcel with a neighbour.")
    assert response_draft(claim, [], EVIDENCE, render_en, shop_name=SHOP) == """\
Dear Sir or Madam,

Re: A-to-z Guarantee claim for order 171-1234567-1234567 (item not received).

We shipped the order on 2026-11-11 with PostNL, tracking number 3SABCD1234567.
According to the carrier the parcel was delivered on 2026-11-13, by the latest estimated \
delivery date of 2026-11-14.
Delivery was confirmed with the recipient's signature.

The buyer did not contact us about this order before filing the claim.

Our messages with the buyer are in Buyer-Seller Messages.
As this form takes no attachments, we are sending the following documents to the buyer through \
Buyer-Seller Messages:
- Carrier proof of delivery
- Signature confirmation

Additional information: The buyer asked us to leave the parcel with a neighbour.

As the carrier confirms delivery, we ask you to deny this claim.
Kind regards,
Fietsenwinkel Jansen"""


def test_the_dutch_response_draft_uses_amazon_nls_own_terms() -> None:
    claim = golden_claim("De koper vroeg het pakket bij de buren af te geven.")
    assert response_draft(claim, [], EVIDENCE, render_nl, shop_name=SHOP) == """\
Geachte heer, mevrouw,

Betreft: A-tot-Z-garantieclaim bij bestelling 171-1234567-1234567 (artikel niet ontvangen).

Wij hebben de bestelling op 2026-11-11 verzonden met PostNL, trackingnummer 3SABCD1234567.
Volgens de vervoerder is het pakket op 2026-11-13 bezorgd, uiterlijk op de uiterste verwachte \
bezorgdatum van 2026-11-14.
De bezorging is bevestigd met de handtekening van de ontvanger.

De koper heeft vóór het indienen van de claim geen contact met ons opgenomen over deze bestelling.

Ons berichtencontact met de koper staat in Berichten koper-verkoper.
Omdat dit formulier geen bijlagen accepteert, sturen wij de volgende documenten via Berichten \
koper-verkoper naar de koper:
- Bezorgbewijs van de vervoerder
- Handtekening bij bezorging

Aanvullende informatie: De koper vroeg het pakket bij de buren af te geven.

Omdat de vervoerder de bezorging bevestigt, verzoeken wij u de claim af te wijzen.
Met vriendelijke groet,
Fietsenwinkel Jansen"""


def test_the_english_appeal_lists_only_what_is_new_and_asks_to_reverse_debit_and_odr() -> None:
    claim = golden_claim("")
    assert appeal_draft(claim, APPEAL_EVENTS, APPEAL_EVIDENCE, render_en) == """\
Dear Sir or Madam,

We appeal the decision of 2026-11-23 on the A-to-z Guarantee claim for order \
171-1234567-1234567, which was granted at our expense.

With this appeal we provide information that was not in our first response:
- Photos of the item as shipped

We shipped the order on 2026-11-11 with PostNL, tracking number 3SABCD1234567.
According to the carrier the parcel was delivered on 2026-11-13, by the latest estimated \
delivery date of 2026-11-14.
Delivery was confirmed with the recipient's signature.
We photographed the item before dispatch.

The buyer did not contact us about this order before filing the claim.

Our messages with the buyer are in Buyer-Seller Messages.
As this form takes no attachments, we are sending the following documents to the buyer through \
Buyer-Seller Messages:
- Carrier proof of delivery
- Signature confirmation
- Photos of the item as shipped

Please reverse the debit of EUR 49.95 and remove the claim from our Order Defect Rate.
Kind regards,"""


def test_the_dutch_appeal_draft() -> None:
    claim = golden_claim("")
    text = appeal_draft(claim, APPEAL_EVENTS, APPEAL_EVIDENCE, render_nl)
    assert text.startswith("Geachte heer, mevrouw,\n\nWij gaan in beroep tegen de beslissing van "
                           "2026-11-23 over de A-tot-Z-garantieclaim bij bestelling "
                           "171-1234567-1234567, die ten laste van ons is toegekend.")
    assert "Met dit beroep sturen wij informatie mee die niet in ons eerste antwoord stond:\n" \
           "- Foto's van het artikel zoals verzonden" in text or \
           "Met dit beroep sturen wij informatie mee die niet in ons eerste antwoord stond:" in text
    assert text.endswith("Wij verzoeken u de afschrijving van EUR 49.95 terug te boeken en de "
                         "claim uit ons Percentage defecte bestellingen (ODR) te verwijderen.\n"
                         "Met vriendelijke groet,")


def test_a_draft_with_few_facts_leaves_the_missing_ones_out() -> None:
    text = response_draft(make_claim(), [], [item("tracking")], render_en)
    assert text == """\
Dear Sir or Madam,

Re: A-to-z Guarantee claim for order 171-1234567-1234567 (item not received).

Based on these facts, we ask you to deny this claim.
Kind regards,"""


def test_a_draft_never_mentions_a_tracking_number_the_seller_did_not_enter() -> None:
    text = response_draft(make_claim(), [], [item("pod"), item("msgs")], render_en)
    assert "tracking number" not in text
    assert "estimated delivery" not in text
    assert "Additional information" not in text


def test_a_file_name_is_never_presented_as_evidence_of_anything() -> None:
    evidence = [item("pod", detail="bezorgbewijs.pdf"), item("tracking", detail="IMG_0042.JPG")]
    text = response_draft(make_claim(), [], evidence, render_en)
    assert ".pdf" not in text and "IMG_0042" not in text
    assert "The carrier confirms the delivery." in text


def test_typed_tracking_numbers_from_the_evidence_are_stated_together() -> None:
    evidence = [item("tracking", detail="3SAAA"), item("tracking", detail="3SBBB")]
    assert "We shipped the order with tracking number 3SAAA, 3SBBB." in response_draft(
        make_claim(), [], evidence, render_en)


def test_return_facts_use_the_details_the_seller_entered() -> None:
    evidence = [item("ret_addr", detail="Keizersgracht 1, Amsterdam"), item("ret_label"),
                item("ret_closed", detail="Item was used"), item("refund"),
                item("concess", detail="EUR 5 voucher"), item("ret_elig"), item("photos")]
    claim = make_claim(reason=Reason.RETURN_REJECTED, return_offered=True)
    text = response_draft(claim, [], evidence, render_en)
    assert "(return request rejected or closed)" in text
    assert "Return address offered: Keizersgracht 1, Amsterdam" in text
    assert "We provided a prepaid return label." in text
    assert "Why the return request was closed: Item was used" in text
    assert "We have already refunded the amount." in text
    assert "Earlier concessions: EUR 5 voucher" in text
    assert "We photographed the item before dispatch." in text
    assert "We offered the buyer a return." in text
    assert "Return eligibility" not in text


def test_fba_and_buy_shipping_are_stated() -> None:
    fba = response_draft(make_claim(fulfilment=Fulfilment.FBA), [], [], render_en)
    assert "Amazon fulfilled this order (FBA)." in fba
    assert "handle the claim under Amazon's fulfilment" in fba
    protected = response_draft(make_claim(buy_shipping_protected=True, first_scan_on_time=True),
                               [], [], render_en)
    assert "Amazon Buy Shipping with claims protection" in protected
    assert "first scan was on time" in protected


def test_a_chargeback_draft_attaches_documents_to_the_reply_never_to_the_buyer() -> None:
    claim = make_claim(source=ClaimSource.CHARGEBACK, marketplace=Marketplace.AMAZON_DE)
    for render in (render_en, render_nl):
        text = response_draft(claim, [], [item("pod"), item("msgs")], render)
        assert "Buyer-Seller" not in text and "koper-verkoper" not in text
        assert "naar de koper" not in text and "to the buyer" not in text
    en = response_draft(claim, [], [item("pod")], render_en)
    assert "We attach the following documents to our reply to your chargeback e-mail:" in en
    assert en.endswith("We ask you to present these facts to the card issuer and to dispute "
                       "the chargeback.\nKind regards,")


@pytest.mark.parametrize(
    ("source", "subject"),
    [
        (ClaimSource.CHARGEBACK, "Re: chargeback for order 171-1234567-1234567."),
        (ClaimSource.TRUSTED_SHOPS, "Re: buyer protection case for order WS-2026-0042"),
        (ClaimSource.PAYPAL, "Re: PayPal case for transaction WS-2026-0042"),
    ],
)
def test_each_source_gets_its_own_subject(source: ClaimSource, subject: str) -> None:
    marketplace = Marketplace.AMAZON_DE if source.is_amazon else Marketplace.WEBSHOP
    order_id = "171-1234567-1234567" if source.is_amazon else "WS-2026-0042"
    claim = make_claim(source=source, marketplace=marketplace, order_id=order_id)
    text = response_draft(claim, [], [item("invoice")], render_en)
    assert text.startswith("Dear Sir or Madam,\n\n" + subject)


def test_outside_amazon_documents_are_attached_not_sent_to_the_buyer() -> None:
    claim = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                       order_id="TX-1")
    text = response_draft(claim, [], [item("invoice")], render_en)
    assert "Buyer-Seller Messages" not in text
    assert "We attach the following documents:\n- Invoice or order confirmation" in text


def test_a_trusted_shops_damage_case_is_answered_as_a_warranty_matter() -> None:
    claim = make_claim(source=ClaimSource.TRUSTED_SHOPS, marketplace=Marketplace.WEBSHOP,
                       order_id="WS-1", reason=Reason.DAMAGED)
    assert "warranty matter outside the buyer protection" in response_draft(claim, [], [],
                                                                             render_en)


def test_each_failed_eligibility_condition_gets_one_sentence() -> None:
    claim = make_claim(latest_delivery=date(2026, 11, 19), buyer_contacted_first=False,
                       chargeback_filed=True, tracking_status=TrackingStatus.IN_TRANSIT)
    text = response_draft(claim, [], [], render_en)
    assert "The claim was filed before 2026-11-22" in text
    assert "The buyer did not contact us about this order before filing the claim." in text
    assert "also filed a chargeback for this order" in text
    assert text.endswith("Based on these facts, we ask you to deny this claim.\nKind regards,")


def test_a_parcel_in_transit_after_its_window_gets_no_request_to_deny() -> None:
    claim = make_claim(latest_delivery=date(2026, 11, 1), tracking_status=TrackingStatus.IN_TRANSIT)
    text = response_draft(claim, [], [], render_en)
    assert "deny" not in text
    assert "According to the tracking the parcel is still on its way." in text


def test_the_appeal_asks_only_for_what_is_still_against_the_seller() -> None:
    debit_only = [event(E.GRANT_SELLER, at(23)).__class__(E.GRANT_SELLER, at(23), True, False)]
    text = appeal_draft(make_claim(), debit_only, [], render_en)
    assert text.endswith("Please reverse the debit of EUR 49.95.\nKind regards,")


def test_a_us_appeal_uploads_the_documents() -> None:
    text = appeal_draft(make_claim(marketplace=Marketplace.AMAZON_US),
                        [event(E.GRANT_SELLER, at(23))], [item("pod", at(24))], render_en)
    assert "We upload the following documents with this appeal:" in text
    assert "Buyer-Seller Messages" not in text


def test_a_draft_refuses_an_impossible_timeline() -> None:
    with pytest.raises(InvalidTransition):
        response_draft(make_claim(), [event(E.APPEAL, at(21))], [], render_en)


def test_drafts_are_deterministic_whatever_the_upload_order() -> None:
    claim = golden_claim("notes")
    shuffled = list(EVIDENCE)
    random.Random(4).shuffle(shuffled)
    assert response_draft(claim, [], shuffled, render_en) == \
        response_draft(claim, [], EVIDENCE, render_en)


def longest_draft_input() -> tuple[Claim, list[ClaimEvent], list[EvidenceItem]]:
    claim = make_claim(order_date=date(2026, 11, 10), latest_delivery=date(2026, 11, 14),
                       notes="n" * NOTES_MAX_CHARS, buy_shipping_protected=True)
    evidence = [item(item_id, at(24), "d" * DETAIL_MAX_CHARS) for item_id in ITEM_LABELS]
    events = [event(E.RESPOND, at(21)), event(E.GRANT_SELLER, at(23)), event(E.APPEAL, at(25))]
    return claim, events, evidence


@pytest.mark.parametrize("render", [render_en, render_nl], ids=["en", "nl"])
def test_long_notes_are_cut_with_an_ellipsis_to_fit_one_telegram_message(render: Render) -> None:
    claim = golden_claim("n" * NOTES_MAX_CHARS)
    more = [item("dispatch", at(20, 10), "x" * DETAIL_MAX_CHARS),
            item("concess", at(20, 10), "y" * DETAIL_MAX_CHARS)]
    for text in (response_draft(claim, [], [*EVIDENCE, *more], render),
                 appeal_draft(claim, APPEAL_EVENTS, [*APPEAL_EVIDENCE, *more], render)):
        assert len(text) == TELEGRAM_TEXT_LIMIT
        notes_line = next(line for line in text.splitlines() if "nnnn" in line)
        assert notes_line.endswith("n" + ELLIPSIS)
        assert text.endswith(render(Msg.of("Kind regards,")))
        assert "tracking number 3SABCD1234567" in text or "trackingnummer 3SABCD1234567" in text


@pytest.mark.parametrize("render", [render_en, render_nl], ids=["en", "nl"])
def test_the_longest_input_drops_the_notes_and_caps_the_details(render: Render) -> None:
    claim, events, evidence = longest_draft_input()
    for text in (response_draft(claim, events[:1], evidence, render),
                 appeal_draft(claim, events, evidence, render)):
        assert len(text) <= TELEGRAM_TEXT_LIMIT
        notes = [line for line in text.splitlines() if "nnnn" in line]
        assert all(line.endswith(ELLIPSIS) for line in notes)  # cut, or dropped entirely
        assert text.endswith(render(Msg.of("Kind regards,")))


def test_short_notes_are_never_cut() -> None:
    claim = make_claim(notes="Short note.")
    assert "Additional information: Short note.\n" in response_draft(claim, [], [], render_en)


def _tiny(notes: str, detail: str = "xyz") -> Draft:
    return Draft((
        (DraftLine(Msg.of("Hello")),),
        (DraftLine(Msg.of("Notes: {notes}", notes=notes), shorten="notes"),),
        (DraftLine(Msg.of("D: {detail}", detail=detail), shorten="detail", cut_order=1),),
        (DraftLine(Msg.of("Bye"), bullet=True),),
    ))


def test_rendering_shortens_the_notes_to_the_exact_limit() -> None:
    text = render_draft(_tiny("abcdefghij"), render_en, limit=33)
    assert text == "Hello\n\nNotes: abc…\n\nD: xyz\n\n- Bye"
    assert len(text) == 33


def test_rendering_copes_with_a_translation_that_repeats_the_notes() -> None:
    def twice(msg: Msg) -> str:
        return render_en(Msg.of("{notes} / {notes}", **msg.params)) if "notes" in msg.params \
            else render_en(msg)

    text = render_draft(_tiny("abcdefghij"), twice, limit=38)
    assert text == "Hello\n\nabcde… / abcde…\n\nD: xyz\n\n- Bye"


def test_notes_that_cannot_be_shortened_enough_go_before_details_are_cut() -> None:
    assert render_draft(_tiny("abcdefghij"), render_en, limit=22) == "Hello\n\nD: xyz\n\n- Bye"
    assert render_draft(_tiny("abcdefghij", "uvwxyz"), render_en, limit=22) == \
        "Hello\n\nD: uvwx…\n\n- Bye"


def test_details_are_capped_at_one_length_so_short_ones_stay_whole() -> None:
    draft = Draft((
        (DraftLine(Msg.of("A: {detail}", detail="ab"), shorten="detail", cut_order=1),),
        (DraftLine(Msg.of("B: {detail}", detail="uvwxyz"), shorten="detail", cut_order=1),),
    ))
    assert render_draft(draft, render_en, limit=15) == "A: ab\n\nB: uvwx…"


def test_a_translation_that_drops_the_notes_loses_the_line() -> None:
    def padded(msg: Msg) -> str:
        return "P" * 20 if "notes" in msg.params else render_en(msg)

    assert render_draft(_tiny("abcdefghij"), padded, limit=22) == "Hello\n\nD: xyz\n\n- Bye"


def test_as_a_last_resort_the_text_itself_is_cut() -> None:
    text = render_draft(_tiny("abcdefghij"), render_en, limit=8)
    assert text == "Hello\n\n" + ELLIPSIS


def test_a_draft_without_shortenable_lines_is_cut_when_too_long() -> None:
    draft = Draft(((DraftLine(Msg.of("x" * 20)),),))
    assert render_draft(draft, render_en, limit=10) == "x" * 9 + ELLIPSIS


def test_an_appeal_draft_needs_a_seller_funded_grant() -> None:
    for events in ([], [event(E.GRANT_AMAZON, at(23))], [event(E.DENY, at(23))]):
        with pytest.raises(InvalidTransition):
            appeal_draft(make_claim(), events, [], render_en)


def test_an_appeal_draft_is_refused_where_the_source_has_no_appeal() -> None:
    claim = make_claim(source=ClaimSource.TRUSTED_SHOPS, marketplace=Marketplace.WEBSHOP,
                       order_id="TS-1")
    with pytest.raises(InvalidTransition) as raised:
        appeal_draft(claim, [event(E.GRANT_SELLER, at(23))], [], render_en)
    assert raised.value.msg.params == {"state": "granted_s"}


def test_an_appeal_draft_can_be_made_again_while_the_appeal_runs() -> None:
    events = [event(E.GRANT_SELLER, at(23)), event(E.APPEAL, at(24))]
    text = appeal_draft(make_claim(), events, [item("pod", at(20))], render_en)
    # Without a response, everything the seller has is new to Amazon.
    assert "not in our first response:\n- Carrier proof of delivery" in text


def test_an_appeal_never_presents_old_evidence_as_new() -> None:
    text = appeal_draft(make_claim(), APPEAL_EVENTS, [item("pod", at(20))], render_en)
    assert "not in our first response" not in text


def test_the_response_draft_is_built_as_msg_paragraphs() -> None:
    draft = build_response_draft(make_claim(notes="x"), [], [])
    assert all(isinstance(line.msg, Msg) for paragraph in draft.paragraphs for line in paragraph)
    assert [line.shorten for p in draft.paragraphs for line in p if line.shorten] == ["notes"]


@pytest.mark.parametrize(
    ("marketplace", "language"),
    [(Marketplace.AMAZON_NL, DraftLanguage.NL), (Marketplace.AMAZON_BE, DraftLanguage.EN),
     (Marketplace.AMAZON_UK, DraftLanguage.EN), (Marketplace.AMAZON_US, DraftLanguage.EN),
     (Marketplace.AMAZON_DE, DraftLanguage.EN), (Marketplace.WEBSHOP, DraftLanguage.NL)],
)
def test_the_draft_is_in_the_marketplaces_language_and_the_own_shop_in_the_sellers(
    marketplace: Marketplace, language: DraftLanguage
) -> None:
    assert default_draft_language(marketplace, "nl") is language


def test_an_english_speaking_sellers_own_shop_gets_english_drafts() -> None:
    assert default_draft_language(Marketplace.WEBSHOP, "en") is DraftLanguage.EN
