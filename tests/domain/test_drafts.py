from __future__ import annotations

import random
from datetime import date

import pytest

from domain.claims import NOTES_MAX_CHARS, Claim, Fulfilment, Reason
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


def golden_claim(notes: str) -> Claim:
    return make_claim(order_date=date(2026, 11, 10), latest_delivery=date(2026, 11, 14),
                      notes=notes)


EVIDENCE = [
    item("carrier", at(20, 10), "PostNL"),
    item("tracking", at(20, 10), "3SABCD1234567"),
    item("pod", at(20, 11)),
    item("signature", at(20, 11)),
    item("msgs", at(20, 12)),
]
APPEAL_EVENTS = [event(E.RESPOND, at(21, 8)), event(E.GRANT_SELLER, at(23, 15))]
APPEAL_EVIDENCE = [*EVIDENCE, item("address", at(24, 9))]


def test_the_english_response_draft() -> None:
    claim = golden_claim("The buyer asked us to leave the parcel with a neighbour.")
    assert response_draft(claim, [], EVIDENCE, render_en) == """\
Dear Amazon team,

Thank you for your request for information about the A-to-z Guarantee claim for order \
171-1234567-1234567.
The buyer reports that the item was not received.
The order amount is EUR 49.95.

We shipped the order ourselves.
The latest estimated delivery date was 2026-11-14.
Carrier: PostNL
Tracking number: 3SABCD1234567
The carrier confirms delivery to the buyer's address.
Delivery was confirmed with the recipient's signature.

We have sent the following documents to the buyer through Buyer-Seller Messages, because this \
form does not accept attachments:
- Carrier proof of delivery
- Signature confirmation
- Correspondence with the buyer

Timeline:
- 2026-11-10: order placed
- 2026-11-20 09:00 UTC: claim received

Additional information: The buyer asked us to leave the parcel with a neighbour.

We kindly ask you to take this information into account in your decision.
Kind regards,"""


def test_the_dutch_response_draft() -> None:
    claim = golden_claim("De koper vroeg het pakket bij de buren af te geven.")
    assert response_draft(claim, [], EVIDENCE, render_nl) == """\
Beste medewerkers van Amazon,

Dank voor uw verzoek om informatie over de A-tot-z-garantieclaim voor bestelling \
171-1234567-1234567.
De koper meldt dat het artikel niet is ontvangen.
Het orderbedrag is EUR 49.95.

Wij hebben de bestelling zelf verzonden.
De laatste verwachte leverdatum was 2026-11-14.
Vervoerder: PostNL
Trackingnummer: 3SABCD1234567
De vervoerder bevestigt de aflevering op het adres van de koper.
De aflevering is bevestigd met de handtekening van de ontvanger.

Wij hebben de volgende documenten via Buyer-Seller Messages (berichten tussen koper en \
verkoper) naar de koper gestuurd, omdat dit formulier geen bijlagen accepteert:
- Afleverbewijs van de vervoerder
- Handtekening bij aflevering
- Correspondentie met de koper

Tijdlijn:
- 2026-11-10: bestelling geplaatst
- 2026-11-20 09:00 UTC: claim ontvangen

Aanvullende informatie: De koper vroeg het pakket bij de buren af te geven.

Wij verzoeken u vriendelijk deze informatie mee te nemen in uw beslissing.
Met vriendelijke groet,"""


def test_the_english_appeal_draft_leads_with_the_new_information() -> None:
    claim = golden_claim("")
    assert appeal_draft(claim, APPEAL_EVENTS, APPEAL_EVIDENCE, render_en) == """\
Dear Amazon team,

We appeal the decision on the A-to-z Guarantee claim for order 171-1234567-1234567, which was \
granted at our expense on 2026-11-23 15:00 UTC.
The buyer reports that the item was not received.
The order amount is EUR 49.95.

We have new information that was not available when the claim was decided:
- Delivery address used

We shipped the order ourselves.
The latest estimated delivery date was 2026-11-14.
Carrier: PostNL
Tracking number: 3SABCD1234567
The carrier confirms delivery to the buyer's address.
Delivery was confirmed with the recipient's signature.
The parcel went to the delivery address given in the order.

We have sent the following documents to the buyer through Buyer-Seller Messages, because this \
form does not accept attachments:
- Carrier proof of delivery
- Signature confirmation
- Delivery address used
- Correspondence with the buyer

Timeline:
- 2026-11-10: order placed
- 2026-11-20 09:00 UTC: claim received
- 2026-11-21 08:00 UTC: we responded to the request for information
- 2026-11-23 15:00 UTC: the claim was granted to the buyer and debited from our account

We kindly ask you to review the claim again and to reverse the debit.
Kind regards,"""


def test_the_dutch_appeal_draft() -> None:
    claim = golden_claim("")
    assert appeal_draft(claim, APPEAL_EVENTS, APPEAL_EVIDENCE, render_nl) == """\
Beste medewerkers van Amazon,

Wij gaan in beroep tegen de beslissing over de A-tot-z-garantieclaim voor bestelling \
171-1234567-1234567, die op 2026-11-23 15:00 UTC op onze kosten is toegekend.
De koper meldt dat het artikel niet is ontvangen.
Het orderbedrag is EUR 49.95.

Wij hebben nieuwe informatie die nog niet beschikbaar was toen over de claim werd beslist:
- Gebruikt afleveradres

Wij hebben de bestelling zelf verzonden.
De laatste verwachte leverdatum was 2026-11-14.
Vervoerder: PostNL
Trackingnummer: 3SABCD1234567
De vervoerder bevestigt de aflevering op het adres van de koper.
De aflevering is bevestigd met de handtekening van de ontvanger.
Het pakket is verzonden naar het afleveradres uit de bestelling.

Wij hebben de volgende documenten via Buyer-Seller Messages (berichten tussen koper en \
verkoper) naar de koper gestuurd, omdat dit formulier geen bijlagen accepteert:
- Afleverbewijs van de vervoerder
- Handtekening bij aflevering
- Gebruikt afleveradres
- Correspondentie met de koper

Tijdlijn:
- 2026-11-10: bestelling geplaatst
- 2026-11-20 09:00 UTC: claim ontvangen
- 2026-11-21 08:00 UTC: wij hebben het verzoek om informatie beantwoord
- 2026-11-23 15:00 UTC: de claim is aan de koper toegekend en van onze rekening afgeschreven

Wij verzoeken u vriendelijk de claim opnieuw te beoordelen en de afschrijving terug te draaien.
Met vriendelijke groet,"""


def test_a_draft_with_few_facts_leaves_the_missing_ones_out() -> None:
    text = response_draft(make_claim(), [], [item("tracking")], render_en)
    assert text == """\
Dear Amazon team,

Thank you for your request for information about the A-to-z Guarantee claim for order \
171-1234567-1234567.
The buyer reports that the item was not received.
The order amount is EUR 49.95.

We shipped the order ourselves.

Timeline:
- 2026-11-20 09:00 UTC: claim received

We kindly ask you to take this information into account in your decision.
Kind regards,"""


def test_a_draft_never_mentions_a_tracking_number_the_seller_did_not_enter() -> None:
    text = response_draft(make_claim(), [], [item("pod"), item("msgs")], render_en)
    assert "Tracking number" not in text
    assert "estimated delivery" not in text
    assert "Additional information" not in text


def test_several_details_of_one_item_are_listed_together() -> None:
    evidence = [item("tracking", detail="3SAAA"), item("tracking", detail="3SBBB")]
    assert "Tracking number: 3SAAA, 3SBBB" in response_draft(make_claim(), [], evidence,
                                                              render_en)


def test_return_facts_use_the_details_the_seller_entered() -> None:
    evidence = [item("ret_addr", detail="Keizersgracht 1, Amsterdam"), item("ret_label"),
                item("ret_closed", detail="Item was used"), item("refund"),
                item("concess", detail="EUR 5 voucher"), item("ret_elig"), item("photos")]
    text = response_draft(make_claim(reason=Reason.RETURN_REJECTED), [], evidence, render_en)
    assert "The buyer reports that a return request was rejected or closed." in text
    assert "Return address offered: Keizersgracht 1, Amsterdam" in text
    assert "We provided a prepaid return label." in text
    assert "Why the return request was closed: Item was used" in text
    assert "We have already issued a refund." in text
    assert "Earlier concessions: EUR 5 voucher" in text
    assert "We photographed the item before dispatch." in text
    assert "Return eligibility" not in text.split("Buyer-Seller Messages")[0]


def test_fulfilment_and_buy_shipping_are_stated() -> None:
    fba = response_draft(make_claim(fulfilment=Fulfilment.FBA), [], [], render_en)
    assert "The order was fulfilled by Amazon (FBA)." in fba
    sfp = response_draft(make_claim(fulfilment=Fulfilment.SELLER_PRIME,
                                    buy_shipping_protected=True), [], [], render_en)
    assert "as Seller Fulfilled Prime" in sfp
    assert "Amazon Buy Shipping with claims protection" in sfp


@pytest.mark.parametrize(
    ("source", "greeting", "intro"),
    [
        (ClaimSource.CHARGEBACK, "Dear Amazon team,", "the chargeback for order"),
        (ClaimSource.TRUSTED_SHOPS, "Dear Trusted Shops team,", "buyer protection case"),
        (ClaimSource.PAYPAL, "Dear PayPal team,", "PayPal dispute for transaction"),
    ],
)
def test_each_source_is_addressed_by_name(source: ClaimSource, greeting: str, intro: str) -> None:
    marketplace = Marketplace.AMAZON_DE if source.is_amazon else Marketplace.WEBSHOP
    order_id = "171-1234567-1234567" if source.is_amazon else "WS-2026-0042"
    claim = make_claim(source=source, marketplace=marketplace, order_id=order_id)
    text = response_draft(claim, [], [item("invoice")], render_en)
    assert text.startswith(greeting)
    assert intro in text


def test_outside_amazon_documents_are_offered_on_request() -> None:
    claim = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                       order_id="TX-1")
    text = response_draft(claim, [], [item("invoice")], render_en)
    assert "Buyer-Seller Messages" not in text
    assert "We can provide the following documents on request:\n- Invoice or order confirmation" \
        in text


def test_events_so_far_appear_in_the_response_timeline() -> None:
    text = response_draft(make_claim(), [event(E.RESPOND, at(21))], [], render_en)
    assert "- 2026-11-21 09:00 UTC: we responded to the request for information" in text


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
        assert "Tracking number: 3SABCD1234567" in text or "Trackingnummer: 3SABCD1234567" in text


@pytest.mark.parametrize("render", [render_en, render_nl], ids=["en", "nl"])
def test_the_longest_input_drops_the_notes_and_caps_the_details(render: Render) -> None:
    claim, events, evidence = longest_draft_input()
    for text in (response_draft(claim, events[:1], evidence, render),
                 appeal_draft(claim, events, evidence, render)):
        assert len(text) <= TELEGRAM_TEXT_LIMIT
        assert "nnnn" not in text
        assert "d" * 20 + ELLIPSIS in text
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
    assert "2026-11-24 09:00 UTC: we appealed the decision" in text
    # Without a response, everything the seller has is new to Amazon.
    assert "not available when the claim was decided:\n- Carrier proof of delivery" in text


def test_an_appeal_without_new_evidence_has_no_new_information_paragraph() -> None:
    text = appeal_draft(make_claim(), APPEAL_EVENTS, [item("pod", at(20))], render_en)
    assert "new information that was not available" not in text


def test_the_response_draft_is_built_as_msg_paragraphs() -> None:
    draft = build_response_draft(make_claim(notes="x"), [], [])
    assert all(isinstance(line.msg, Msg) for paragraph in draft.paragraphs for line in paragraph)
    assert [line.shorten for p in draft.paragraphs for line in p if line.shorten] == ["notes"]


@pytest.mark.parametrize(
    ("marketplace", "language"),
    [(Marketplace.AMAZON_NL, DraftLanguage.NL), (Marketplace.AMAZON_BE, DraftLanguage.EN),
     (Marketplace.AMAZON_UK, DraftLanguage.EN), (Marketplace.AMAZON_US, DraftLanguage.EN),
     (Marketplace.AMAZON_DE, DraftLanguage.EN), (Marketplace.WEBSHOP, DraftLanguage.EN)],
)
def test_the_draft_language_defaults_to_dutch_only_for_amazon_nl(
    marketplace: Marketplace, language: DraftLanguage
) -> None:
    assert default_draft_language(marketplace) is language
