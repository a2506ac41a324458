"""A seller's first minutes with Claimwacht, through polling and a schema-checking Bot API."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import RunningBot, text_of
from tests.fakebotapi import FakeBotApi, FakeUser

pytestmark = pytest.mark.usefixtures("running")

SANNE = FakeUser(5001, "Sanne", "nl")
SAM = FakeUser(5002, "Sam", "en")

FRAME_NL = """Garantiekader (indicatie)
Online jaaromzet: €\u00a0250.000,00
÷ 12 maanden = €\u00a020.833,33 per maand (een bescherming loopt 30 dagen)
÷ 3 (ongeveer één op de drie kopers sluit kopersbescherming af) = €\u00a06.944,44

Indicatief garantiekader: ca. €\u00a06.900

• Nieuwe leden starten meestal met een garantiekader van €\u00a05.000,00.
• Bij een hoge omzet of dure producten stelt Trusted Shops het kader individueel vast (met \
kredietverzekeraar Atradius).
• Een grove richtlijn, niet op de cent precies: je eigen garantiekader staat in de e-mail van \
Trusted Shops na je certificering.
• Ook als het garantiekader wordt overschreden, kunnen je klanten gewoon kopersbescherming \
afsluiten. Wordt het regelmatig of continu overschreden, dan bekijkt Trusted Shops met Atradius \
of een verhoging nodig is.
Bron: helpcentrum van Trusted Shops, gecontroleerd op 23 november 2026."""

FRAME_EN = """Guarantee frame (indication)
Annual online revenue: €250,000.00
÷ 12 months = €20,833.33 per month (a protection runs 30 days)
÷ 3 (about one in three buyers takes protection) = €6,944.44

Indicative frame: about €6,900

• New members usually start with a frame of €5,000.00.
• With high revenue or high-value goods, Trusted Shops sets the frame individually (with the \
credit insurer Atradius).
• A rough guide, not exact to the cent: Trusted Shops tells you your own frame by e-mail after \
your certification.
• When the frame is exceeded, your customers can still take buyer protection. A frame that is \
exceeded regularly or continuously is reviewed with Atradius.
Source: Trusted Shops help centre, checked November 23, 2026."""


async def test_start_in_dutch(server: FakeBotApi) -> None:
    server.inject_command(SANNE, "start")
    reply = text_of(await server.wait_for_message(SANNE.id))
    assert reply.startswith("Hallo Sanne! Ik ben Claimwacht.")
    assert "/garantiekader 250000" in reply


async def test_start_in_english(server: FakeBotApi) -> None:
    server.inject_command(SAM, "start")
    reply = text_of(await server.wait_for_message(SAM.id))
    assert reply.startswith("Hello Sam! I'm Claimwacht.")
    assert "/guaranteeframe 250000" in reply


async def test_the_frame_of_250000_in_dutch(server: FakeBotApi) -> None:
    server.inject_command(SANNE, "garantiekader", "250000")
    message = await server.wait_for_message(SANNE.id)
    assert text_of(message) == FRAME_NL
    buttons = message["reply_markup"]["inline_keyboard"]
    assert buttons[0][0]["text"] == "Piekmaand controleren"


async def test_the_frame_of_250000_in_english(server: FakeBotApi) -> None:
    server.inject_command(SAM, "guaranteeframe", "250000")
    assert text_of(await server.wait_for_message(SAM.id)) == FRAME_EN


async def test_without_an_amount_the_bot_asks_then_answers(server: FakeBotApi) -> None:
    server.inject_command(SANNE, "garantiekader")
    assert text_of(await server.wait_for_message(SANNE.id)) == (
        "Wat is je online jaaromzet? Typ het bedrag, bijvoorbeeld €\u00a0250.000,00."
    )
    server.inject_message(SANNE, "€ 250.000,00")
    assert text_of(await server.wait_for_message(SANNE.id)) == FRAME_NL


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("0", "Het bedrag moet meer dan nul zijn. Bijvoorbeeld: €\u00a0250.000,00."),
        ("-250000", "Een bedrag kan niet negatief zijn. Bijvoorbeeld: €\u00a0250.000,00."),
        ("heel veel", "Ik kan “heel veel” niet als bedrag lezen. Typ het zo: €\u00a0250.000,00."),
        (
            "5000000000000",
            "Dat is meer dan €\u00a01.000.000.000.000,00: controleer het bedrag. "
            "Bijvoorbeeld: €\u00a0250.000,00.",
        ),
    ],
)
async def test_bad_amounts_are_explained_and_the_question_stays_open(
    server: FakeBotApi, typed: str, answer: str
) -> None:
    server.inject_command(SANNE, "garantiekader")
    await server.wait_for_message(SANNE.id)
    server.inject_message(SANNE, typed)
    assert text_of(await server.wait_for_message(SANNE.id)) == answer
    server.inject_message(SANNE, "250k")
    assert text_of(await server.wait_for_message(SANNE.id)) == FRAME_NL


async def test_an_ambiguous_amount_is_asked_about_not_guessed(server: FakeBotApi) -> None:
    server.inject_command(SAM, "guaranteeframe", "1,500 mln")
    question = await server.wait_for_message(SAM.id)
    assert text_of(question) == "Which amount did you mean?"
    server.inject_button_press(SAM, question, "€1,500,000.00")
    answer = text_of(await server.wait_for_message(SAM.id, lambda m: not m.get("_edited")))
    assert "Indicative frame: about €41,700" in answer


async def test_a_peak_month_is_compared_with_the_frame(server: FakeBotApi) -> None:
    server.inject_command(SANNE, "garantiekader", "250000 piek 60000")
    reply = text_of(await server.wait_for_message(SANNE.id))
    assert reply.startswith(FRAME_NL)
    assert reply.endswith(
        "Piekmaand met €\u00a060.000,00 omzet → ongeveer €\u00a020.000,00 aan "
        "kopersbeschermingen die tegelijk lopen (een derde van de bestellingen uit 30 dagen).\n"
        "Dat is ca. €\u00a013.100 meer dan het indicatieve garantiekader van ca. €\u00a06.900. "
        "Ook als het garantiekader wordt overschreden, kunnen je klanten gewoon "
        "kopersbescherming afsluiten.\n"
        "Heb je nog het startkader van €\u00a05.000,00, dan gaat deze piek daar overheen.\n"
        "Voor bekende pieken (Black Friday, Kerstmis) verhoogt Trusted Shops je garantiekader "
        "zelf vooraf; je hoort er alleen van als je medewerking nodig is. Bij een eigen actie of "
        "campagne: meld de verwachte piek bij Trusted Shops."
    )


async def test_the_peak_button_asks_a_follow_up_question(server: FakeBotApi) -> None:
    server.inject_command(SAM, "guaranteeframe", "600000")
    answer = await server.wait_for_message(SAM.id)
    server.inject_button_press(SAM, answer, "Check a peak month")
    question = text_of(await server.wait_for_message(SAM.id))
    assert question.startswith("Which revenue do you expect in your busiest month")
    server.inject_message(SAM, "45k")
    reply = text_of(await server.wait_for_message(SAM.id))
    assert "That fits within the indicative frame of about €16,700." in reply


async def test_switching_language_changes_replies_and_the_chat_menu(server: FakeBotApi) -> None:
    server.inject_command(SANNE, "taal")
    question = await server.wait_for_message(SANNE.id)
    assert text_of(question) == "Welke taal zal ik gebruiken?"
    server.inject_button_press(SANNE, question, "English")
    edited = await server.wait_for_message(SANNE.id)
    assert edited["_edited"] and text_of(edited) == "From now on I'll write in English."
    await server.wait_for_request("setMyCommands", lambda p: "scope" in p)
    server.inject_command(SANNE, "help")
    assert text_of(await server.wait_for_message(SANNE.id)).startswith("What I can do:")
    scope = f'{{"chat_id": {SANNE.id}, "type": "chat"}}'
    chat_menu = {key: value for key, value in server.commands.items() if key[0] is not None}
    commands = [c["command"] for c in next(iter(chat_menu.values()))]
    assert commands[0] == "guaranteeframe" and "language" in commands, (scope, chat_menu)


async def test_command_menus_are_registered_per_language(server: FakeBotApi) -> None:
    menus = {
        language: commands
        for (scope, language), commands in server.commands.items()
        if scope is None
    }
    assert set(menus) == {"nl", "en", ""}
    assert menus["nl"][0] == {
        "command": "garantiekader",
        "description": "Garantiekader berekenen uit je jaaromzet",
    }
    assert menus["en"][0] == {
        "command": "guaranteeframe",
        "description": "Guarantee frame from your annual revenue",
    }
    assert menus[""] == menus["en"]


async def test_an_inline_query_offers_the_calculation(server: FakeBotApi) -> None:
    server.inject_inline_query(FakeUser(5003, "Joost", "nl-BE"), "250000")
    answer = await server.wait_for_request("answerInlineQuery")
    assert answer["is_personal"] is True
    assert answer["cache_time"] == 10
    (result,) = answer["results"]
    assert result["title"] == "Garantiekader: ca. €\u00a06.900"
    assert result["input_message_content"]["message_text"] == FRAME_NL


async def test_an_invalid_inline_query_gets_a_hint_not_an_error(server: FakeBotApi) -> None:
    server.inject_inline_query(SAM, "lots")
    answer = await server.wait_for_request("answerInlineQuery")
    (result,) = answer["results"]
    assert result["title"] == "Type your annual online revenue"


async def test_unknown_commands_and_chatter_get_a_hint(server: FakeBotApi) -> None:
    server.inject_command(SAM, "frobnicate")
    assert "Send /help" in text_of(await server.wait_for_message(SAM.id))
    server.inject_message(SAM, "hello there")
    assert "Send /help" in text_of(await server.wait_for_message(SAM.id))


async def test_the_bot_is_still_running_after_all_that(running: RunningBot) -> None:
    assert running.application.running
