"""/verwijderdata and /deletemydata in process: no row, file or conversation state is left."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import Config
from bot.context import SERVICES_KEY
from bot.odr_repo import OdrRepository
from domain.lifecycle import ClaimEvent, EventKind, State
from domain.odr import OdrChannel
from domain.rules import Marketplace
from tests import updates
from tests.evidence_support import add_claim, digest, document, photo, rows_mentioning
from tests.fakeclock import FakeClock
from tests.test_evidence import PDF, EvidenceHarness

NL = updates.user(7301, "nl", "Sanne")
EN = updates.user(7302, "en", "Sam")



async def give_evidence(bot: EvidenceHarness, user: dict[str, object], claim_id: int,
                        order_id: str, content: bytes) -> None:
    await bot.send(updates.message(user, f"/bewijs {order_id}"))
    await bot.send(updates.callback(user, f"ev:item:{claim_id}:pod"))
    await bot.send(document(user, bot.api, content, file_name="pod.pdf",
                            mime_type="application/pdf"))


async def test_delete_my_data_leaves_no_row_file_or_conversation_behind(
    bot: EvidenceHarness, config: Config
) -> None:
    changed: list[int] = []

    async def listener(claim_id: int) -> None:
        changed.append(claim_id)

    assert bot.app is not None
    bot.app.bot_data[SERVICES_KEY].claim_listeners.append(listener)
    first = await bot.claim_for(NL)
    second = await add_claim(bot.database, NL["id"], bot.clock.now, "171-7654321-7654321")
    async with bot.database.unit_of_work() as uow:
        await uow.claims.record_event(NL["id"], first, ClaimEvent(
            EventKind.RESPOND, datetime(2026, 11, 23, 10, tzinfo=UTC)), State.RESPONDED,
            bot.clock.now)
        await uow.connection.execute(
            "INSERT INTO reminders (claim_id, kind, deadline_at, due_at) VALUES (?, ?, ?, ?)",
            (second, "response", "2026-11-25T09:00:00Z", "2026-11-24T09:00:00Z"))
    shared = b"%PDF-1.4 shared with another seller"
    await give_evidence(bot, NL, first, "171-1234567-1234567", PDF)
    await give_evidence(bot, NL, second, "171-7654321-7654321", shared)
    other = await bot.claim_for(EN, "171-1111111-1111111")
    await give_evidence(bot, EN, other, "171-1111111-1111111", shared)
    # Sanne is in the middle of adding evidence, with something waiting for an item.
    await bot.send(updates.message(NL, "/bewijs 171-1234567-1234567"))
    await bot.send(photo(NL, bot.api, b"waiting photo"))
    async with bot.database.unit_of_work() as uow:
        odr = OdrRepository(uow.connection)
        key = (Marketplace.AMAZON_NL, OdrChannel.SELLER)
        await odr.set_orders(NL["id"], key, 400, bot.clock.now.date(), bot.clock.now)
        await odr.set_weekly(NL["id"], True, bot.clock.now)
    before = await rows_mentioning(bot.database, NL["id"], [first, second])
    assert before["conversations"] == 1 and before["evidence"] == 2 and before["reminders"] == 1
    assert before["odr_counts"] == 1 and before["odr_weekly"] == 1

    question = await bot.send(updates.message(NL, "/verwijderdata"))
    assert question.startswith("Hiermee verwijder ik alles wat ik van je bewaar")
    assert bot.api.buttons() == {"Ja, alles verwijderen": "dd:yes",
                                 "Nee, bewaar mijn gegevens": "dd:no"}
    reply = await bot.send(updates.callback(NL, "dd:yes"))
    assert reply.startswith("Klaar: ik heb alles verwijderd wat ik van je bewaarde (2 claims")

    after = await rows_mentioning(bot.database, NL["id"], [first, second])
    assert after == dict.fromkeys(after, 0)
    evidence_dir = config.data_dir / "evidence"
    on_disk = {path.name for path in evidence_dir.rglob("*") if path.is_file()}
    assert on_disk == {digest(shared)}, "only the file another seller still uses stays"
    assert sorted(changed) == sorted([first, second])
    assert NL["id"] not in bot.app.user_data or bot.app.user_data[NL["id"]] == {}
    assert bot.api.of("deleteMyCommands")[-1]["scope"] == {"type": "chat", "chat_id": NL["id"]}
    # PTB's in-memory conversation is gone too: a photo now is not evidence for anything.
    assert "/help" in await bot.send(photo(NL, bot.api, b"after deletion"))
    # Sam's data is untouched.
    untouched = await rows_mentioning(bot.database, EN["id"], [other])
    assert untouched["sellers"] == 1 and untouched["evidence"] == 1


async def test_saying_no_deletes_nothing(bot: EvidenceHarness) -> None:
    claim_id = await bot.claim_for(EN)
    await bot.send(updates.message(EN, "/deletemydata"))
    assert await bot.send(updates.callback(EN, "dd:no")) == "Okay, I deleted nothing."
    assert (await rows_mentioning(bot.database, EN["id"], [claim_id]))["claims"] == 1


async def test_a_restart_after_deletion_does_not_bring_the_conversation_back(
    config: Config, clock: FakeClock
) -> None:
    first = EvidenceHarness(config, clock)
    await first.start()
    claim_id = await first.claim_for(EN)
    await first.send(updates.message(EN, "/evidence 171-1234567-1234567"))
    await first.send(updates.callback(EN, f"ev:item:{claim_id}:pod"))
    await first.send(updates.message(EN, "/deletemydata"))
    await first.send(updates.callback(EN, "dd:yes"))
    await first.stop()
    second = EvidenceHarness(config, clock)
    await second.start()
    try:
        assert "/help" in await second.send(updates.message(EN, "TRACK123"))
        assert (await rows_mentioning(second.database, EN["id"], [claim_id]))["evidence"] == 0
    finally:
        await second.stop()


async def test_an_old_yes_button_deletes_nothing(bot: EvidenceHarness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await bot.send(updates.message(EN, "/deletemydata"))
    bot.clock.advance(hours=2)
    await bot.process(updates.callback(EN, "dd:yes"))
    assert "expired" in bot.api.answers()[-1]
    assert await bot.seller(EN["id"]) is not None


async def test_a_yes_nobody_asked_for_deletes_nothing(bot: EvidenceHarness) -> None:
    await bot.send(updates.message(EN, "/help"))
    await bot.process(updates.callback(EN, "dd:yes"))
    assert "expired" in bot.api.answers()[-1]
    assert await bot.seller(EN["id"]) is not None
