"""Registering claims through polling and the schema-checking fake Bot API, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import RunningBot, text_of
from tests.fakebotapi import FakeBotApi, FakeUser

pytestmark = pytest.mark.usefixtures("running")

SANNE = FakeUser(7101, "Sanne", "nl")
SAM = FakeUser(7102, "Sam", "en")
ORDER = "171-1234567-1234567"

CARD_NL = """📦 A-tot-Z-garantieclaim (Amazon) · amazon.nl
Bestelling: 171-1234567-1234567
Reden: Artikel niet ontvangen
Bedrag: €\u00a049,95
Status: Open
Melding: Amazon vroeg om aanvullende informatie (e-mail, "Actie vereist")
Tracking: Bezorgd
Verzonden: PostNL · 3SABC1234567 · 18 november 2026

⏰ Antwoorden vóór: di 24 nov 2026, 21:30 (nog 1 dag en 11 uur)
Urgentie: 🟢 Normaal"""

CARD_EN = """📦 Amazon A-to-z claim · amazon.co.uk
Order: 171-1234567-1234567
Reason: Damaged or defective
Amount: £30.00
Status: Open
Notice: Claim filed, no request from Amazon

⏸ Under review: no answer required, no countdown and no reminders until Amazon asks for \
information."""


def fresh(message: dict[str, Any]) -> bool:
    return not message.get("_edited")


async def next_reply(server: FakeBotApi, user: FakeUser) -> dict[str, Any]:
    return await server.wait_for_message(user.id, fresh)


async def say(server: FakeBotApi, user: FakeUser, text: str) -> dict[str, Any]:
    server.inject_message(user, text)
    return await next_reply(server, user)


async def tap(server: FakeBotApi, user: FakeUser, message: dict[str, Any],
              label: str) -> dict[str, Any]:
    server.inject_button_press(user, message, label)
    return await next_reply(server, user)


async def test_a_dutch_seller_registers_a_claim_and_gets_the_triage_card(
    server: FakeBotApi,
) -> None:
    server.inject_command(SANNE, "nieuweclaim")
    question = await next_reply(server, SANNE)
    assert text_of(question) == "Nieuwe claim. Waar komt hij vandaan?"
    question = await tap(server, SANNE, question, "A-tot-Z-garantieclaim (Amazon)")
    assert text_of(question) == "Van welke Amazon-marktplaats is de bestelling?"
    question = await tap(server, SANNE, question, "amazon.nl")
    assert text_of(question) == "Wat is het bestelnummer? Bijvoorbeeld 171-1234567-1234567."
    question = await say(server, SANNE, ORDER)
    question = await tap(server, SANNE, question, "Artikel niet ontvangen")
    question = await tap(server, SANNE, question, "Zelf verzonden (FBM)")
    assert text_of(question).startswith("Om welk bedrag gaat de claim? Typ het zo: 49,95.")
    question = await say(server, SANNE, "€ 49,95")
    assert text_of(question).startswith("Welke melding heb je?")
    question = await tap(server, SANNE, question,
                         'Amazon vroeg om aanvullende informatie (e-mail, "Actie vereist")')
    assert text_of(question).startswith("Wanneer kwam het verzoek om aanvullende informatie")
    question = await say(server, SANNE, "gisteren 21:30")
    question = await say(server, SANNE, "20-11")
    assert text_of(question) == "Wat zegt de tracking van de vervoerder?"
    question = await tap(server, SANNE, question, "Bezorgd")
    question = await say(server, SANNE, "PostNL")
    question = await say(server, SANNE, "3SABC1234567")
    question = await say(server, SANNE, "18-11")
    assert text_of(question).startswith("Heb je het verzendlabel gekocht via Amazon Buy Shipping")
    question = await tap(server, SANNE, question, "Nee")
    assert text_of(question).startswith("Heeft de koper vóór het indienen van de claim contact")
    question = await tap(server, SANNE, question, "Nee")
    summary = await tap(server, SANNE, question, "Overslaan")
    assert text_of(summary) == "\n".join([
        "Controleer de claim:",
        "Bron: A-tot-Z-garantieclaim (Amazon)",
        "Marktplaats: amazon.nl",
        f"Bestelling: {ORDER}",
        "Reden: Artikel niet ontvangen",
        "Fulfilment: Zelf verzonden (FBM)",
        "Bedrag: €\u00a049,95",
        "Melding ontvangen: zo 22 nov 2026, 21:30",
        "Uiterste verwachte bezorgdatum: 20 november 2026",
        "Buy Shipping-claimbescherming: nee",
        'Melding: Amazon vroeg om aanvullende informatie (e-mail, "Actie vereist")',
        "Tracking: Bezorgd",
        "Verzonden: PostNL · 3SABC1234567 · 18 november 2026",
        "Koper nam eerst contact met je op: nee",
        "Notities: geen",
    ])
    card = await tap(server, SANNE, summary, "Bevestigen")
    assert text_of(card).startswith(CARD_NL + "\n")
    # Tracking says delivered, no proof of delivery yet: get it, then dispute.
    assert "Advies: Ontbrekend bewijs verzamelen" in text_of(card)
    assert "• De tracking zegt bezorgd: vraag het bezorgbewijs op bij de vervoerder" in \
        text_of(card)
    assert "⚠ De koper heeft vóór het indienen geen contact met je opgenomen" in text_of(card)
    assert "✓ Trackingnummer (verplicht)" in text_of(card)
    labels = [b["text"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["Bewijs toevoegen", "Antwoordtekst maken", "Amazon vroeg om informatie",
                      "Geen verzoek van Amazon", "Over deze regel", "Uitkomst vastleggen",
                      "Claimoverzicht"]
    # The question messages lost their buttons and show the answer given.
    edited = [m for m in server.sent_messages(SANNE.id) if m.get("_edited")]
    assert any(text_of(m).endswith("→ amazon.nl") for m in edited)


async def test_an_english_seller_uses_the_shortcut_and_another_currency(
    server: FakeBotApi,
) -> None:
    server.inject_command(SAM, "newclaim", ORDER)
    question = await next_reply(server, SAM)
    question = await tap(server, SAM, question, "Amazon A-to-z claim")
    question = await tap(server, SAM, question, "amazon.co.uk")
    assert text_of(question) == "What does the buyer claim?"
    question = await tap(server, SAM, question, "Damaged or defective")
    question = await tap(server, SAM, question, "Fulfilled by the seller")
    assert "I'll use GBP" in text_of(question)
    question = await say(server, SAM, "GBP 30")
    question = await tap(server, SAM, question, "Claim filed, no request from Amazon")
    assert text_of(question).startswith("When did the claim notice arrive?")
    question = await tap(server, SAM, question, "Just now")
    question = await tap(server, SAM, question, "Skip")
    # Buy Shipping protects "not received" only: not asked for a damaged item.
    assert text_of(question).startswith("Did the buyer contact you")
    question = await tap(server, SAM, question, "Yes")
    summary = await say(server, SAM, "Buyer sent a photo of a dented box.")
    assert "Buy Shipping" not in text_of(summary)
    assert "Notice: Claim filed, no request from Amazon" in text_of(summary)
    assert "Buyer contacted you first: yes" in text_of(summary)
    assert "Notes: Buyer sent a photo of a dented box." in text_of(summary)
    card = await tap(server, SAM, summary, "Confirm")
    assert text_of(card).startswith(CARD_EN + "\n")
    assert "Evidence: 0 of 3 required, 0 of 4 recommended" in text_of(card)


async def test_wrong_answers_at_every_step_are_explained_and_the_step_kept(
    server: FakeBotApi,
) -> None:
    server.inject_command(SAM, "newclaim")
    await next_reply(server, SAM)
    wrong = await say(server, SAM, "amazon")
    assert text_of(wrong).startswith("Please tap one of the buttons.\n\nNew claim.")
    await tap(server, SAM, wrong, "Amazon A-to-z claim")
    wrong = await say(server, SAM, "nl")
    assert text_of(wrong).startswith("Please tap one of the buttons.\n\nWhich Amazon marketplace")
    await tap(server, SAM, wrong, "amazon.nl")
    wrong = await say(server, SAM, "1234")
    assert text_of(wrong) == "An Amazon order number looks like 171-1234567-1234567; got 1234."
    await say(server, SAM, "17112345671234567")
    wrong = await say(server, SAM, "not received")
    await tap(server, SAM, wrong, "Item not received")
    wrong = await say(server, SAM, "me")
    await tap(server, SAM, wrong, "Fulfilled by the seller")
    for typed, start in [
        ("cheap", "I can't read “cheap” as an amount."),
        ("0", "The amount must be more than zero."),
        ("5 ABC", "I don't know the currency “ABC”."),
    ]:
        assert text_of(await say(server, SAM, typed)).startswith(start)
    wrong = await say(server, SAM, "49.95 EUR")
    wrong = await say(server, SAM, "maybe")
    assert text_of(wrong).startswith("Please tap one of the buttons.\n\nWhich notice do you have?")
    await tap(server, SAM, wrong, "I don't know")
    for typed, start in [
        ("later", "I can't read “later” as a date and time."),
        ("23-11", "Please add the time as well"),
        ("today 23:00", "Mon, Nov 23, 2026, 11:00\u202fPM is in the future."),
        ("1-7 10:00", "Wed, Jul 1, 2026, 10:00\u202fAM is more than 120 days ago"),
    ]:
        assert text_of(await say(server, SAM, typed)).startswith(start)
    await say(server, SAM, "23-11 9:15")
    assert text_of(await say(server, SAM, "soon")).startswith("I can't read “soon” as a date.")
    wrong = await say(server, SAM, "2026-11-18")
    wrong = await say(server, SAM, "none")
    assert text_of(wrong).startswith("Please tap one of the buttons.\n\nWhat does the carrier")
    await tap(server, SAM, wrong, "No tracking")
    await say(server, SAM, "skip")  # carrier
    assert text_of(await say(server, SAM, "soon")).startswith("I can't read “soon” as a date.")
    await say(server, SAM, "skip")  # ship date
    wrong = await say(server, SAM, "no")
    wrong = await tap(server, SAM, wrong, "No")
    await tap(server, SAM, wrong, "I don't know")  # buyer contacted first
    wrong = await say(server, SAM, "x" * 3001)
    assert text_of(wrong).startswith("Notes can be at most 3,000 characters; these have 3,001.")
    summary = await tap(server, SAM, wrong, "Skip")
    assert "Notice received: Mon, Nov 23, 2026, 9:15\u202fAM" in text_of(summary)
    assert "Latest estimated delivery: November 18, 2026" in text_of(summary)
    card = await tap(server, SAM, summary, "Confirm")
    assert text_of(card).startswith("📦 Amazon A-to-z claim · amazon.nl\nOrder: " + ORDER)


async def test_cancel_continue_and_restart(server: FakeBotApi) -> None:
    server.inject_command(SANNE, "nieuweclaim")
    question = await next_reply(server, SANNE)
    question = await tap(server, SANNE, question, "PayPal-geschil")
    server.inject_command(SANNE, "nieuweclaim")
    choice = await next_reply(server, SANNE)
    assert text_of(choice).startswith("Je bent al bezig met een claim")
    question = await tap(server, SANNE, choice, "Verdergaan")
    assert text_of(question) == (
        "Wat is het bestel- of transactienummer, zoals het in de zaak staat?"
    )
    server.inject_command(SANNE, "nieuweclaim")
    choice = await next_reply(server, SANNE)
    question = await tap(server, SANNE, choice, "Opnieuw beginnen")
    assert text_of(question) == "Nieuwe claim. Waar komt hij vandaan?"
    server.inject_command(SANNE, "annuleren")
    assert text_of(await next_reply(server, SANNE)) == (
        "Oké, ik heb de onafgemaakte claim weggegooid. Er is niets opgeslagen."
    )
    server.inject_button_press(SANNE, question, "Trusted Shops-case")  # an old question
    answer = await server.wait_for_request("answerCallbackQuery", lambda p: "text" in p)
    assert answer["text"] == "Die knop werkt niet meer."


async def test_a_duplicate_order_is_offered_as_the_existing_claim(
    server: FakeBotApi, running: RunningBot
) -> None:
    for attempt in range(2):
        server.inject_command(SAM, "newclaim", ORDER)
        question = await next_reply(server, SAM)
        question = await tap(server, SAM, question, "Amazon chargeback")
        question = await tap(server, SAM, question, "amazon.de")
        if attempt == 1:
            break
        question = await tap(server, SAM, question, "Other reason")
        question = await tap(server, SAM, question, "Service (not received, not as described, ...)")
        question = await tap(server, SAM, question, "Fulfilled by the seller")
        question = await say(server, SAM, "10")
        question = await tap(server, SAM, question, "Just now")
        question = await tap(server, SAM, question, "Skip")
        question = await tap(server, SAM, question, "Skip")
        await tap(server, SAM, question, "Confirm")
    assert text_of(question) == (
        f"You already registered order {ORDER} for this source. Open that claim, or type "
        "another order number."
    )
    card = await tap(server, SAM, question, "Open the existing claim")
    assert text_of(card).startswith("📦 Amazon chargeback · amazon.de")


async def test_in_a_group_the_seller_is_sent_to_a_private_chat(server: FakeBotApi) -> None:
    server.inject_command(SANNE, "nieuweclaim", chat_id=-100777)
    reply = await server.wait_for_message(-100777)
    assert text_of(reply).startswith("Claims zijn privé")
    button = reply["reply_markup"]["inline_keyboard"][0][0]
    assert button["url"].endswith("?start=nieuweclaim")
    server.inject_command(SANNE, "start", "nieuweclaim")
    assert text_of(await next_reply(server, SANNE)) == "Nieuwe claim. Waar komt hij vandaan?"
