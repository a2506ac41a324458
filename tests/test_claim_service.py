"""Claim operations through the service, without Telegram: register, record, snooze, delete."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.files import EvidenceFiles
from bot.sellers import Seller
from bot.services import claims, sellers
from bot.services.claims import DuplicateClaimError, SnoozeOutcome
from bot.storage import Database
from domain.claims import Fulfilment, Reason, new_claim
from domain.errors import InvalidTransition
from domain.lifecycle import EventKind, State
from domain.money import Money
from domain.rules import ClaimSource, Marketplace

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SELLER = Seller(7, "en", "Europe/Amsterdam", True, NOW)
STRANGER = Seller(8, "en", "Europe/Amsterdam", True, NOW)


def a_claim(order: str = "171-1234567-1234567") -> object:
    return new_claim(
        ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, order, Reason.NOT_RECEIVED,
        Fulfilment.SELLER, Money(Decimal("19.99"), "EUR"), NOW,
    )


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "db.sqlite3")
    async with database.unit_of_work() as uow:
        await uow.sellers.add(SELLER)
        await uow.sellers.add(STRANGER)
    yield database
    await database.close()


@pytest.fixture
def heard(database: Database) -> list[int]:
    """The claim ids the scheduler would have been told about, after COMMIT."""
    told: list[int] = []

    async def listener(claim_id: int) -> None:
        told.append(claim_id)

    database.claim_listeners.append(listener)
    return told


async def test_a_registered_claim_has_reminders_and_the_scheduler_hears_of_it(
    database: Database, heard: list[int]
) -> None:
    stored = await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]
    async with database.unit_of_work(write=False) as uow:
        pending = await uow.reminders.pending(seller_id=SELLER.user_id)
    assert pending and {row.claim_id for row in pending} == {stored.id}
    assert heard == [stored.id]


async def test_registering_the_same_order_twice_is_refused(database: Database) -> None:
    await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]
    with pytest.raises(DuplicateClaimError):
        await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]


async def test_a_claim_confirmed_from_a_draft_takes_the_draft_out_of_the_stored_user_data(
    database: Database,
) -> None:
    async with database.unit_of_work() as uow:
        await uow.ptb_state.put_user_data(7, {"intake.draft": {"source": "az"}, "flow": ""}, NOW)
    await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]
    async with database.unit_of_work(write=False) as uow:
        assert (await uow.ptb_state.all_user_data())[7] == {"flow": ""}


async def test_an_event_on_someone_elses_claim_is_not_found(database: Database) -> None:
    stored = await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]
    assert await claims.record_event(database, 8, stored.id, EventKind.RESPOND, NOW, NOW) is None


async def test_an_event_the_state_does_not_allow_is_refused(database: Database) -> None:
    stored = await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]
    with pytest.raises(InvalidTransition):
        await claims.record_event(database, 7, stored.id, EventKind.APPEAL, NOW, NOW)


async def test_responding_moves_the_claim_on(database: Database) -> None:
    stored = await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]
    after = await claims.record_event(database, 7, stored.id, EventKind.RESPOND, NOW, NOW)
    assert after is not None and after.state is State.RESPONDED


async def test_a_sent_reminder_snoozes_for_an_hour_and_not_twice(
    database: Database, heard: list[int]
) -> None:
    stored = await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]
    async with database.unit_of_work() as uow:
        row = (await uow.reminders.pending(seller_id=7))[0]
        await uow.connection.execute(
            "UPDATE reminders SET sent_at = ? WHERE id = ?", (NOW.isoformat(), row.id)
        )
    later = NOW + timedelta(hours=2)
    first = await claims.snooze(database, 7, row.id, later)
    assert first is not None and first.outcome is SnoozeOutcome.SNOOZED
    assert first.due_at == later + timedelta(hours=1)
    again = await claims.snooze(database, 7, row.id, later)
    assert again is not None and again.outcome is SnoozeOutcome.ALREADY_PENDING
    assert await claims.snooze(database, 8, row.id, later) is None
    assert stored.id in heard


async def test_deleting_a_seller_leaves_other_sellers_alone(
    database: Database, heard: list[int], tmp_path: Path
) -> None:
    mine = await claims.register_claim(database, SELLER, a_claim(), NOW)  # type: ignore[arg-type]
    theirs = await claims.register_claim(database, STRANGER, a_claim(), NOW)  # type: ignore[arg-type]
    deleted = await sellers.delete_everything(database, EvidenceFiles(tmp_path), 7)
    assert deleted.claims == 1
    async with database.unit_of_work(write=False) as uow:
        assert await uow.sellers.get(7) is None
        assert await uow.claims.get(7, mine.id) is None
        assert await uow.claims.get(8, theirs.id) is not None
    assert mine.id in heard
