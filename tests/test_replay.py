"""Replay: every button the bot showed a seller, pressed where it was never shown.

A seller goes through a realistic session (intake, card, evidence, drafts, reminders, outcome,
overview, deadlines, settings, frame, language, delete-my-data), pressing buttons by their
labels. Every callback_data the bot showed them is then pressed by another seller, by the seller
in a group chat, and with its ids mutated. Each press is answered, shows no claim data outside
the seller's private chat, changes no row, and logs no traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest

from bot.scheduler import dispatcher_of
from tests import updates
from tests.evidence_support import document
from tests.harness import EN, Harness
from tests.intake_helpers import ENGLISH_AMAZON_STEPS, run, seed_claim

ORDER = "171-4444444-4444444"
NOTES = "Buyer wrote that the parcel was left at the neighbours"
NOTE = "Tracking 3SREPLAY77 delivered to number 12"
FILE_NAME = "replay-proof.pdf"
STRANGER = updates.user(5151, "en", "Bo")
GROUP = -100777
# Tables of conversation state: a press may touch the presser's own, never claim data.
STATE_TABLES = frozenset({"conversations", "user_data", "chat_data", "bot_data", "sqlite_sequence"})
SENDS = frozenset({
    "sendMessage", "editMessageText", "editMessageReplyMarkup", "editMessageCaption",
    "sendDocument", "sendPhoto", "sendMediaGroup", "copyMessage", "forwardMessage",
})


async def session(bot: Harness) -> list[str]:
    """The seller's session; every callback_data shown to them, in order of appearance."""
    say = _typist(bot)
    await say("/start")
    await say("/newclaim")
    # The shared intake steps, with this session's order id and notes (the last step).
    steps = [ORDER if step == "171-1234567-1234567" else step for step in ENGLISH_AMAZON_STEPS]
    await run(bot, EN, *steps[:-1], NOTES)
    await bot.press(EN, "Edit a field")
    await bot.press(EN, "Back to the summary")
    await bot.press(EN, "Confirm")
    # Evidence: a file, a note, the list, a removal asked and declined, the bundle.
    await bot.press(EN, "Add evidence")
    await bot.press(EN, "Carrier proof of delivery")
    await bot.process(document(EN, bot.api, b"%PDF-1.4 replay", file_name=FILE_NAME,
                               mime_type="application/pdf"))
    await bot.press(EN, "Another checklist item")
    await bot.press(EN, "Other")
    await say(NOTE)
    await bot.press(EN, "List evidence")
    await bot.press(EN, "🗑 1")
    await bot.press(EN, "No, keep it")
    await bot.press(EN, "Evidence bundle (ZIP)")
    # Drafts, from the overview's card.
    await say("/claims")
    await bot.press(EN, f"1. {ORDER}")
    await bot.press(EN, "Draft response")
    await bot.press(EN, "English")
    await bot.press(EN, "Back to the claim")
    # A reminder comes; it is snoozed.
    bot.clock.advance(hours=25)
    assert await dispatcher_of(bot.app).run_due() == 1
    await bot.press(EN, "Snooze 1 hour")
    # Outcome: one started and cancelled, then a grant at the seller's expense, the appeal.
    await say("/claims")
    await bot.press(EN, f"1. {ORDER}")
    await bot.press(EN, "Record outcome")
    await bot.press(EN, "Response sent")
    await bot.press(EN, "Cancel")
    await say("/claims")
    await bot.press(EN, f"1. {ORDER}")
    await bot.press(EN, "Record outcome")
    await bot.press(EN, "Granted, at your expense")
    await bot.press(EN, "Today")
    await bot.press(EN, "Draft appeal")
    # An appeal reminder, with its own buttons.
    bot.clock.advance(days=24)
    await dispatcher_of(bot.app).run_due()
    # Overview pages: enough claims for two pages, and the decided ones behind a button.
    for _ in range(9):
        await seed_claim(bot, EN["id"], bot.clock.now)
    await say("/claims")
    await bot.press(EN, bot.keyboard(EN["id"]).labels[0])
    await bot.press(EN, "Record outcome")
    await bot.press(EN, "Buyer withdrew the claim")
    await bot.press(EN, "Today")
    await say("/claims")
    await bot.press(EN, "Next ▶")
    await bot.press(EN, "◀ Previous")
    await bot.press(EN, "Decided and closed (1)")
    await bot.press(EN, "Open claims")
    await say("/deadlines")
    # Settings, every button.
    await say("/settings")
    await bot.press(EN, "Change timezone")
    await bot.press(EN, "Europe/London")
    await bot.press(EN, "Quiet hours off")
    await bot.press(EN, "Quiet hours on")
    await bot.press(EN, "Change quiet hours")
    await say("23:00-06:30")
    await bot.press(EN, "Digest on")
    await bot.press(EN, "Change digest time")
    await say("08:30")
    await bot.press(EN, "Digest off")
    # The guarantee frame with an ambiguous amount and a peak month.
    await say("/guaranteeframe 1,500 mln")
    await bot.press(EN, "€1,500,000.00")
    await bot.press(EN, "Check a peak month")
    await say("60000")
    await say("/language")
    await bot.press(EN, "Nederlands")
    await say("/language")
    await bot.press(EN, "English")
    await say("/deletemydata")
    await bot.press(EN, "No, keep my data")
    await say("/deletemydata")
    return list(dict.fromkeys(_shown(bot, EN["id"])))


def _typist(bot: Harness) -> Any:
    async def say(text: str) -> None:
        await bot.process(updates.message(EN, text))

    return say


def _shown(bot: Harness, chat_id: int) -> Iterator[str]:
    for call in bot.api.calls:
        markup = call.params.get("reply_markup")
        if call.method in SENDS and int(call.params.get("chat_id", 0)) == chat_id and markup:
            for row in markup.get("inline_keyboard", []):
                yield from (b["callback_data"] for b in row if "callback_data" in b)


def mutations(data: str) -> list[str]:
    """Ids out of range, of the wrong kind and cut short, plus the classic junk."""
    variants = {"x", "cl:", "dd:maybe"}
    parts = data.split(":")
    for index, part in enumerate(parts):
        if part.isdigit():
            for bad in ("0", "9" * 25, "abc", "-1", ""):
                variants.add(":".join([*parts[:index], bad, *parts[index + 1:]]))
    variants |= {":".join(parts[:-1]), ":".join(parts[:-1]) + ":", data[: len(data) // 2]}
    variants.discard(data)
    return sorted(variant for variant in variants if variant)


class Replay:
    """Presses with the checks every forged press must pass."""

    def __init__(self, bot: Harness, caplog: pytest.LogCaptureFixture, secrets: list[str]
                 ) -> None:
        self.bot = bot
        self.caplog = caplog
        self.secrets = secrets

    async def rows(self, seller: int) -> dict[str, list[tuple[Any, ...]]]:
        """The seller's rows, table by table, and every row of tables no seller owns."""
        owned = {
            "sellers": "SELECT * FROM sellers WHERE user_id = ?",
            "claims": "SELECT * FROM claims WHERE seller_id = ?",
        }
        of_claims = "SELECT * FROM {} WHERE claim_id IN (SELECT id FROM claims WHERE seller_id = ?)"
        snapshot: dict[str, list[tuple[Any, ...]]] = {}
        async with self.bot.database.unit_of_work(write=False) as uow:
            connection = uow.connection
            tables = [str(row[0]) for row in await connection.execute_fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            for table in tables:
                if table in STATE_TABLES:
                    continue
                columns = {str(row[1]) for row in await connection.execute_fetchall(
                    f'PRAGMA table_info("{table}")')}
                if table in owned:
                    query, args = owned[table], (seller,)
                elif "claim_id" in columns:
                    query, args = of_claims.format(f'"{table}"'), (seller,)
                else:
                    query, args = f'SELECT * FROM "{table}"', ()
                rows = await connection.execute_fetchall(query, args)
                snapshot[table] = sorted(map(tuple, rows), key=repr)
        return snapshot

    async def press(self, user: dict[str, Any], data: str, chat_id: int) -> list[str]:
        """Press ``data``; what went wrong (empty when the press passed every check)."""
        update = updates.callback(user, data, message_id=1)
        if chat_id != user["id"]:
            update["callback_query"]["message"]["chat"] = {
                "id": chat_id, "type": "supergroup", "title": "Shop team"}
        owner, presser = EN["id"], user["id"]
        before = {owner: await self.rows(owner), presser: await self.rows(presser)}
        calls = len(self.bot.api.calls)
        self.caplog.clear()
        await self.bot.process(update)
        new = self.bot.api.calls[calls:]
        where = f"{data!r} pressed by {presser} in {chat_id}"
        problems = []
        query = update["callback_query"]["id"]
        if not any(c.method == "answerCallbackQuery" and c.params["callback_query_id"] == query
                   for c in new):
            problems.append(f"{where}: not answered")
        for call in new:
            if call.method in SENDS and int(call.params["chat_id"]) != chat_id:
                problems.append(f"{where}: {call.method} to chat {call.params['chat_id']}")
            if call.method in {"sendDocument", "sendMediaGroup", "sendPhoto"}:
                problems.append(f"{where}: sent a file ({call.method})")
            leaked = [secret for secret in self.secrets if secret in repr(call.params)]
            if leaked:
                problems.append(f"{where}: {call.method} shows {leaked}")
        tracebacks = [r.getMessage()[:120] for r in self.caplog.records
                      if r.exc_info or r.levelno >= logging.ERROR]
        if tracebacks:
            problems.append(f"{where}: logged {tracebacks}")
        after = {owner: await self.rows(owner), presser: await self.rows(presser)}
        for seller in dict.fromkeys((owner, presser)):
            if seller == presser and own_choice(data, in_private=chat_id == presser):
                continue
            changed = [t for t in before[seller] if before[seller][t] != after[seller][t]]
            if changed:
                problems.append(f"{where}: changed {changed} of seller {seller}")
        return problems


def own_choice(data: str, *, in_private: bool) -> bool:
    """Buttons without ids that act on the presser's own data, as their label says.

    Language and settings are offered in groups too; "Yes, delete everything" only privately
    (it is a seller's explicit choice about their own data, whichever message it sits on).
    """
    return data.startswith(("lang:", "st:")) or (in_private and data.startswith("dd:"))


@pytest.fixture
async def shown(bot: Harness) -> list[str]:
    data = await session(bot)
    await seed_claim(bot, STRANGER["id"], bot.clock.now, order_id="171-5555555-5555555")
    await bot.process(updates.message(STRANGER, "/start"))
    return data


async def secrets_of(bot: Harness) -> list[str]:
    async with bot.database.unit_of_work(write=False) as uow:
        orders = [str(row[0]) for row in await uow.connection.execute_fetchall(
            "SELECT order_id FROM claims WHERE seller_id = ?", (EN["id"],))]
    return [*orders, NOTES, NOTE, FILE_NAME]


async def test_the_session_showed_every_family_of_buttons(shown: list[str]) -> None:
    families = {re.sub(r":.*", ":", data) for data in shown}
    assert families >= {"in:", "cl:", "ev:", "rm:", "st:", "fr:", "lang:", "dd:"}, families
    actions = {":".join(data.split(":")[:2]) for data in shown}
    for expected in ("cl:open", "cl:draft", "cl:out", "cl:ev", "cl:evt", "cl:evx", "cl:appeal",
                     "cl:list", "cl:closed", "ev:add", "ev:item", "ev:items", "ev:done",
                     "ev:list", "ev:del", "ev:rm", "ev:keep", "ev:zip", "rm:resp", "rm:snz",
                     "rm:apl", "st:tzset", "fr:pick", "fr:peak", "dd:yes", "dd:no"):
        assert expected in actions, expected


async def test_another_seller_pressing_them_gets_an_answer_and_nothing_else(
    bot: Harness, shown: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    replay = Replay(bot, caplog, await secrets_of(bot))
    problems = [p for data in shown for p in await replay.press(STRANGER, data, STRANGER["id"])]
    assert not problems, "\n".join(problems)


async def test_the_seller_pressing_them_in_a_group_gets_an_answer_and_nothing_else(
    bot: Harness, shown: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    replay = Replay(bot, caplog, await secrets_of(bot))
    problems = [p for data in shown for p in await replay.press(EN, data, GROUP)]
    assert not problems, "\n".join(problems)


async def test_mutated_ids_are_answered_and_change_nothing(
    bot: Harness, shown: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    bot.clock.advance(minutes=1)
    replay = Replay(bot, caplog, [])  # the seller's own chat: their claims may show
    variants = sorted({variant for data in shown for variant in mutations(data)})
    problems = [p for variant in variants for p in await replay.press(EN, variant, EN["id"])]
    assert not problems, "\n".join(problems)


def test_mutations_cover_out_of_range_wrong_kind_and_cut_ids() -> None:
    variants = mutations("ev:del:12:34")
    assert {"ev:del:0:34", "ev:del:12:" + "9" * 25, "ev:del:abc:34", "ev:del:12", "ev:del:12:",
            "ev:del", "x", "cl:", "dd:maybe"} <= set(variants)
    assert "ev:del:12:34" not in variants
