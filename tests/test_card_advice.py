"""The card's advice in process: under review, FBA, the rule row and its note, Amazon asking
for information at any time, and money and ODR recorded apart — in Dutch and English."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Config
from domain.claims import Fulfilment, NoticeKind
from domain.lifecycle import State
from tests import updates
from tests.conftest import FakeClock
from tests.intake_helpers import claims_of, database, press, reminder_rows, seed_claim
from tests.test_handlers import EN, NL, Harness


@pytest.fixture
async def bot(config: Config, clock: FakeClock) -> AsyncIterator[Harness]:
    harness = Harness(config, clock)
    await harness.start()
    yield harness
    await harness.stop()


def pending(rows: list[tuple[str, str | None, str | None]]) -> list[str]:
    return [kind for kind, sent, cancelled in rows if sent is None and cancelled is None]


@pytest.mark.parametrize(
    ("user", "locale", "under_review", "advice"),
    [
        (EN, "en", "⏸ Under review: no answer required, no countdown and no reminders",
         "Recommended: Under review: no answer required"),
        (NL, "nl", "⏸ Onder beoordeling: geen antwoord vereist, geen aftelling en geen "
         "herinneringen", "Advies: Onder beoordeling: geen antwoord vereist"),
    ],
)
async def test_a_claim_under_review_shows_no_countdown_and_plans_no_reminders(
    bot: Harness, user: dict, locale: str, under_review: str, advice: str
) -> None:
    stored = await seed_claim(bot, user["id"], bot.clock.now, locale=locale,
                              notice_kind=NoticeKind.CLAIM_FILED)
    card = await bot.send(updates.callback(user, f"cl:open:{stored.id}"))
    assert under_review in card
    assert advice in card
    assert "⏰" not in card
    assert pending(await reminder_rows(bot, stored.id)) == []


@pytest.mark.parametrize(
    ("user", "locale", "expected"),
    [(EN, "en", "Usually nothing to do: Amazon handles FBA orders"),
     (NL, "nl", "Meestal niets te doen: Amazon handelt FBA-bestellingen af")],
)
async def test_an_fba_card_says_there_is_usually_nothing_to_do(
    bot: Harness, user: dict, locale: str, expected: str
) -> None:
    fba = await seed_claim(bot, user["id"], bot.clock.now, locale=locale,
                           notice_kind=NoticeKind.UNKNOWN)
    async with database(bot).unit_of_work() as uow:  # the seeding helper ships FBM only
        await uow.connection.execute("UPDATE claims SET fulfilment = ? WHERE id = ?",
                                     (Fulfilment.FBA.value, fba.id))
    card = await bot.send(updates.callback(user, f"cl:open:{fba.id}"))
    assert expected in card
    assert "⏰" not in card


@pytest.mark.parametrize(
    ("user", "locale", "rule", "note"),
    [
        (EN, "en", "Rule: Amazon A-to-z claim · amazon.com · 48 hours to answer",
         "the page about A-to-z claims (item 27951) says 72 hours"),
        (NL, "nl", "Regel: A-tot-Z-garantieclaim (Amazon) · amazon.com · 48 uur om te antwoorden",
         "de pagina over A-tot-Z-garantieclaims (item 27951) noemt 72 uur"),
    ],
)
async def test_the_card_names_its_rule_and_a_button_shows_the_rules_note(
    bot: Harness, user: dict, locale: str, rule: str, note: str
) -> None:
    from domain.rules import Marketplace

    stored = await seed_claim(bot, user["id"], bot.clock.now, locale=locale,
                              marketplace=Marketplace.AMAZON_US)
    card = await bot.send(updates.callback(user, f"cl:open:{stored.id}"))
    assert rule in card
    reply = await bot.send(updates.callback(user, f"cl:rule:{stored.id}"))
    assert note in reply
    assert "sellercentral.amazon.com" in reply


async def test_amazon_asking_after_a_response_opens_48_hours_with_reminders(
    bot: Harness,
) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now, notice_kind=NoticeKind.CLAIM_FILED)
    await bot.send(updates.callback(EN, f"cl:ev:{stored.id}:respond"))
    await bot.send(updates.callback(EN, f"cl:evt:{stored.id}"))
    assert pending(await reminder_rows(bot, stored.id)) == []
    bot.clock.advance(hours=5)
    reply = await bot.send(updates.callback(EN, f"cl:ev:{stored.id}:info_req"))
    assert reply.startswith("“Amazon asked for information”: on which day?")
    await bot.send(updates.callback(EN, f"cl:evt:{stored.id}"))
    card = bot.api.texts(EN["id"])[-1]
    assert "⏰ Respond before:" in card and "(2 days left)" in card
    (after,) = await claims_of(bot, EN["id"])
    assert after.state is State.OPEN
    assert pending(await reminder_rows(bot, stored.id)) == [
        "response_t24h", "response_t6h", "response_t1h", "response_overdue",
    ]


@pytest.mark.parametrize(
    ("user", "locale", "lines"),
    [
        (EN, "en", ["Debited from your account: yes", "Counts toward your ODR: no"]),
        (NL, "nl", ["Afgeschreven van je verkopersaccount: ja", "Telt mee voor je ODR: nee"]),
    ],
)
async def test_a_grant_debited_without_odr_impact_is_recorded_as_two_facts(
    bot: Harness, user: dict, locale: str, lines: list[str]
) -> None:
    stored = await seed_claim(bot, user["id"], bot.clock.now, locale=locale)
    await bot.send(updates.callback(user, f"cl:ev:{stored.id}:grant_s_noodr"))
    await bot.send(updates.callback(user, f"cl:evt:{stored.id}"))
    card = bot.api.texts(user["id"])[-1]
    for line in lines:
        assert line in card
    (after,) = await claims_of(bot, user["id"])
    assert (after.events[-1].debited, after.events[-1].counts_odr) == (True, False)


@pytest.mark.parametrize(
    ("user", "locale", "saved", "signature_hint"),
    [(EN, "en", "Shop name (signs your drafts): Fietsenwinkel Jansen",
      "Tip: set your shop name in /settings"),
     (NL, "nl", "Winkelnaam (onder je antwoordteksten): Fietsenwinkel Jansen",
      "Tip: stel je winkelnaam in via /instellingen")],
)
async def test_the_shop_name_from_settings_signs_the_drafts(
    bot: Harness, user: dict, locale: str, saved: str, signature_hint: str
) -> None:
    stored = await seed_claim(bot, user["id"], bot.clock.now, locale=locale)
    await bot.send(updates.callback(user, f"cl:draft:{stored.id}"))
    assert bot.api.texts(user["id"])[-1].endswith(
        signature_hint + (" to sign your drafts." if locale == "en"
                          else ", dan staat die onder je antwoordteksten.")
    )
    await bot.send(updates.message(user, "/settings"))
    await bot.send(updates.callback(user, "st:shop"))
    refused = await bot.send(updates.message(user, "x" * 61))
    assert "60" in refused
    reply = await bot.send(updates.message(user, "  Fietsenwinkel   Jansen "))
    assert saved in reply
    await bot.send(updates.callback(user, f"cl:draft:{stored.id}"))
    draft, hint = bot.api.texts(user["id"])[-2:]
    assert draft.endswith("\nFietsenwinkel Jansen")
    assert signature_hint not in hint
    await bot.send(updates.callback(user, "st:shop"))
    await bot.send(updates.message(user, "-"))
    await bot.send(updates.callback(user, f"cl:draft:{stored.id}"))
    assert not bot.api.texts(user["id"])[-2].endswith("Jansen")


@pytest.mark.parametrize(
    ("user", "locale", "under_review"),
    [(EN, "en", "⏸ Under review: no answer required"),
     (NL, "nl", "⏸ Onder beoordeling: geen antwoord vereist")],
)
async def test_an_old_claim_keeps_its_deadline_until_the_seller_says_amazon_did_not_ask(
    bot: Harness, user: dict, locale: str, under_review: str
) -> None:
    # Stored before the notice question: the strict reading, 48 hours from the notice.
    stored = await seed_claim(bot, user["id"], bot.clock.now, locale=locale,
                              notice_kind=NoticeKind.INFO_REQUEST)
    card = await bot.send(updates.callback(user, f"cl:open:{stored.id}"))
    assert "⏰" in card
    assert f"cl:nk:{stored.id}:filed" in [
        b["callback_data"] for row in bot.api.of("sendMessage")[-1]["reply_markup"][
            "inline_keyboard"] for b in row
    ]
    assert len(pending(await reminder_rows(bot, stored.id))) == 4
    await bot.send(updates.callback(user, f"cl:nk:{stored.id}:filed"))
    card = bot.api.texts(user["id"])[-1]
    assert under_review in card and "⏰" not in card
    assert pending(await reminder_rows(bot, stored.id)) == []
    (after,) = await claims_of(bot, user["id"])
    assert after.claim.notice_kind is NoticeKind.CLAIM_FILED


async def test_the_no_request_button_of_someone_elses_claim_is_not_found(bot: Harness) -> None:
    theirs = await seed_claim(bot, NL["id"], bot.clock.now, locale="nl")
    await seed_claim(bot, EN["id"], bot.clock.now)
    await press(bot, EN, f"cl:nk:{theirs.id}:filed")
    assert bot.api.of("answerCallbackQuery")[-1]["text"].startswith("I can't find that claim")
    (still,) = await claims_of(bot, NL["id"])
    assert still.claim.notice_kind is not NoticeKind.CLAIM_FILED
