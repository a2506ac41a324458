"""After the intake, through the fake Bot API: drafts, outcomes, the overview, forged ids."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from bot.config import Config
from bot.context import SERVICES_KEY
from bot.reminders_repo import plan_for_claim
from bot.sellers import Seller
from domain.claims import Fulfilment, Reason, new_claim
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from tests.e2e.conftest import RunningBot, text_of
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.fakeclock import FakeClock

SANNE = FakeUser(7201, "Sanne", "nl")
SAM = FakeUser(7202, "Sam", "en")
NOT_FOUND_NL = "Ik kan die claim niet vinden. Stuur /claims om je claims te zien."


def fresh(message: dict[str, Any]) -> bool:
    return not message.get("_edited")


async def seed(
    running: RunningBot, user: FakeUser, clock: FakeClock, count: int = 1,
    marketplace: Marketplace = Marketplace.AMAZON_NL,
) -> list[int]:
    """``count`` A-to-z claims of ``user``; claim i was noticed i × 40 minutes ago."""
    database = running.application.bot_data[SERVICES_KEY].database
    now = clock.now
    ids = []
    async with database.unit_of_work() as uow:
        seller = await uow.sellers.get(user.id)
        if seller is None:
            seller = Seller(user.id, user.language_code or "en", "Europe/Amsterdam", True, now)
            await uow.sellers.add(seller)
        for i in range(count):
            claim = new_claim(
                ClaimSource.A_TO_Z, marketplace, f"404-{user.id:07d}-{i:07d}",
                Reason.NOT_RECEIVED, Fulfilment.SELLER, Money(Decimal("25"), "EUR"),
                now - timedelta(minutes=40 * i),
            )
            claim_id = await uow.claims.add(user.id, claim, now)
            stored = await uow.claims.get(user.id, claim_id)
            assert stored is not None
            await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, now), now)
            ids.append(claim_id)
    return ids


async def open_card(server: FakeBotApi, user: FakeUser, claim_id: int) -> dict[str, Any]:
    anchor = server.inject_message(user, "/claims" if user is SAM else "/claimoverzicht")
    assert anchor
    overview = await server.wait_for_message(user.id, fresh)
    server.inject_callback_query(user, overview, f"cl:open:{claim_id}")
    return await server.wait_for_message(user.id, fresh)


def reminders(config: Config, claim_id: int) -> list[tuple[str, bool, bool]]:
    """(kind, sent, cancelled) of the claim's reminder rows, read from the SQLite file."""
    with sqlite3.connect(config.database_path) as connection:
        rows = connection.execute(
            "SELECT kind, sent_at IS NOT NULL, cancelled_at IS NOT NULL FROM reminders"
            " WHERE claim_id = ? ORDER BY due_at, id",
            (claim_id,),
        ).fetchall()
    return [(str(kind), bool(sent), bool(cancelled)) for kind, sent, cancelled in rows]


async def test_the_draft_in_both_languages_with_a_language_switch(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    (claim_id,) = await seed(running, SAM, clock, marketplace=Marketplace.AMAZON_NL)
    card = await open_card(server, SAM, claim_id)
    server.inject_button_press(SAM, card, "Draft response")
    draft = await server.wait_for_message(SAM.id, fresh)
    assert text_of(draft).startswith("Geachte heer, mevrouw,")
    reminder = await server.wait_for_message(SAM.id, fresh)
    assert text_of(reminder).startswith("Paste the text in Seller Central at Performance >")
    assert "Buyer-Seller Messages" in text_of(reminder)
    server.inject_button_press(SAM, draft, "English")
    edited = await server.wait_for_message(SAM.id, lambda m: m.get("_edited"))
    assert edited["message_id"] == draft["message_id"]
    assert text_of(edited).startswith("Dear Sir or Madam,")
    labels = [b["text"] for b in edited["reply_markup"]["inline_keyboard"][0]]
    assert labels == ["Nederlands", "✓ English"]
    server.inject_button_press(SAM, edited, "Nederlands")
    back = await server.wait_for_message(SAM.id, lambda m: m.get("_edited"))
    assert text_of(back) == text_of(draft)


async def test_outcomes_up_to_the_appeal_draft_replan_the_reminders(
    server: FakeBotApi, running: RunningBot, clock: FakeClock, e2e_config: Config
) -> None:
    (claim_id,) = await seed(running, SANNE, clock)
    assert {kind for kind, _, _ in reminders(e2e_config, claim_id)} >= {"response_t24h"}
    card = await open_card(server, SANNE, claim_id)
    server.inject_button_press(SANNE, card, "Uitkomst vastleggen")
    menu = await server.wait_for_message(SANNE.id, fresh)
    assert text_of(menu) == "Wat is er gebeurd met claim 404-0007201-0000000?"
    first_menu = menu
    server.inject_button_press(SANNE, menu, "Antwoord verstuurd")
    ask = await server.wait_for_message(SANNE.id, fresh)
    server.inject_button_press(SANNE, ask, "Vandaag")
    recorded = await server.wait_for_message(SANNE.id, fresh)
    assert text_of(recorded) == "Vastgelegd: Antwoord verstuurd (23 november 2026)."
    card = await server.wait_for_message(SANNE.id, fresh)
    assert "Status: Beantwoord, wacht op een beslissing" in text_of(card)
    rows = reminders(e2e_config, claim_id)
    assert rows and all(sent or cancelled for _, sent, cancelled in rows)

    clock.advance(days=2)
    server.inject_button_press(SANNE, card, "Uitkomst vastleggen")
    menu = await server.wait_for_message(SANNE.id, fresh)
    server.inject_button_press(SANNE, menu, "Toegekend, op jouw kosten")
    await server.wait_for_message(SANNE.id, fresh)
    server.inject_message(SANNE, "morgen")
    refused = await server.wait_for_message(SANNE.id, fresh)
    assert text_of(refused).startswith("26 november 2026 ligt in de toekomst.")
    server.inject_message(SANNE, "vandaag")
    recorded = await server.wait_for_message(SANNE.id, fresh)
    assert text_of(recorded).startswith(
        "Vastgelegd: Toegekend, op jouw kosten (25 november 2026).\n"
        "Je kunt in beroep gaan tot vr 25 dec 2026, 10:00 (nog 30 dagen)."
    )
    card = await server.wait_for_message(SANNE.id, fresh)
    assert "⏰ Beroep mogelijk tot: vr 25 dec 2026, 10:00 (nog 30 dagen)" in text_of(card)
    pending = [kind for kind, sent, cancelled in reminders(e2e_config, claim_id)
               if not sent and not cancelled]
    assert pending == ["appeal_t7d", "appeal_t2d", "appeal_t1d"]
    server.inject_button_press(SANNE, recorded, "Beroepstekst maken")
    draft = await server.wait_for_message(SANNE.id, fresh)
    assert "Wij gaan in beroep tegen de beslissing" in text_of(draft)
    attach = await server.wait_for_message(SANNE.id, fresh)
    assert "Berichten koper-verkoper" in text_of(attach)

    server.inject_button_press(SANNE, card, "Uitkomst vastleggen")
    menu = await server.wait_for_message(SANNE.id, fresh)
    server.inject_button_press(SANNE, menu, "In beroep gegaan")
    ask = await server.wait_for_message(SANNE.id, fresh)
    server.inject_button_press(SANNE, ask, "Vandaag")
    await server.wait_for_message(SANNE.id, fresh)
    card = await server.wait_for_message(SANNE.id, fresh)
    assert "Status: Beroep in behandeling" in text_of(card)
    assert all(sent or cancelled for _, sent, cancelled in reminders(e2e_config, claim_id))
    # The old outcome menu still offers "responded": the state machine refuses it.
    server.inject_button_press(SANNE, first_menu, "Antwoord verstuurd")
    refused = await server.wait_for_message(SANNE.id, fresh)
    assert text_of(refused) == "Die stap past niet bij de huidige status van de claim."


async def test_sixty_claims_page_correctly(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    ids = await seed(running, SAM, clock, count=60)
    server.inject_command(SAM, "claims")
    page = await server.wait_for_message(SAM.id)
    seen: list[str] = []
    for number in range(1, 9):
        lines = text_of(page).splitlines()
        assert lines[0] == f"Open claims: 60 ({number}/8)"
        seen += [line.split(" · ")[0].split(". ", 1)[1] for line in lines[1:]]
        labels = [b["text"] for row in page["reply_markup"]["inline_keyboard"] for b in row]
        if number < 8:
            server.inject_button_press(SAM, page, "Next ▶")
            page = await server.wait_for_message(SAM.id, lambda m: m.get("_edited"))
        else:
            assert "Next ▶" not in labels and "◀ Previous" in labels
    expected = [f"404-{SAM.id:07d}-{i:07d}" for i in reversed(range(60))]
    assert seen == expected  # the oldest notice has the nearest deadline
    server.inject_button_press(SAM, page, "◀ Previous")
    page = await server.wait_for_message(SAM.id, lambda m: m.get("_edited"))
    assert text_of(page).startswith("Open claims: 60 (7/8)")
    assert len(ids) == 60


@pytest.mark.parametrize("action", ["open", "out", "draft", "appeal", "ev:{id}:respond"])
async def test_a_forged_claim_id_is_answered_like_a_missing_one(
    server: FakeBotApi, running: RunningBot, clock: FakeClock, action: str
) -> None:
    (theirs,) = await seed(running, SAM, clock)
    await seed(running, SANNE, clock)
    server.inject_command(SANNE, "claimoverzicht")
    message = await server.wait_for_message(SANNE.id)

    def data(claim_id: int) -> str:
        if "{id}" in action:
            return "cl:" + action.format(id=claim_id)
        return f"cl:{action}:{claim_id}"

    answers = []
    for claim_id in (theirs, 99999):
        server.inject_callback_query(SANNE, message, data(claim_id))
        answers.append(await server.wait_for_request("answerCallbackQuery", lambda p: "text" in p))
    forged, missing = answers
    assert forged["text"] == missing["text"] == NOT_FOUND_NL
    assert forged.get("show_alert") is True and missing.get("show_alert") is True
    texts = " ".join(text_of(m) for m in server.sent_messages(SANNE.id))
    assert f"404-{SAM.id:07d}" not in texts
