from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.claims_repo import DuplicateClaimError
from bot.evidence_repo import NewEvidence
from bot.sellers import Seller
from bot.storage import Database
from domain.claims import Fulfilment, Reason, new_claim
from domain.lifecycle import EventKind, State, apply
from domain.money import Money
from domain.rules import ClaimSource, Marketplace

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
OWNER, STRANGER = 11, 22


def _claim(order_id: str = "171-1234567-1234567"):
    return new_claim(
        ClaimSource.A_TO_Z,
        Marketplace.AMAZON_NL,
        order_id,
        Reason.NOT_RECEIVED,
        Fulfilment.SELLER,
        Money(Decimal("49.95")),
        NOW - timedelta(hours=2),
        notes="Buyer says the parcel never arrived.",
    )


@pytest.fixture
async def database(tmp_path: Path):
    database = Database(tmp_path / "db.sqlite3")
    async with database.unit_of_work() as uow:
        for user_id in (OWNER, STRANGER):
            await uow.sellers.add(Seller(user_id, "nl", "Europe/Amsterdam", True, NOW))
    yield database
    await database.close()


async def test_a_stored_claim_reads_back_with_the_same_facts(database: Database) -> None:
    claim = _claim()
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, claim, NOW)
    async with database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(OWNER, claim_id)
    assert stored is not None
    assert stored.claim == claim
    assert stored.state is State.OPEN and stored.events == ()


async def test_another_seller_cannot_see_or_delete_the_claim(database: Database) -> None:
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, _claim(), NOW)
    async with database.unit_of_work() as uow:
        assert await uow.claims.get(STRANGER, claim_id) is None
        assert not await uow.claims.delete(STRANGER, claim_id)
        assert await uow.claims.list_for_seller(STRANGER) == []
        with pytest.raises(LookupError):
            applied = apply(State.OPEN, EventKind.RESPOND, NOW)
            await uow.claims.record_event(STRANGER, claim_id, applied.event, applied.state, NOW)


async def test_the_same_order_twice_is_refused_with_the_existing_id(database: Database) -> None:
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, _claim(), NOW)
    with pytest.raises(DuplicateClaimError) as caught:
        async with database.unit_of_work() as uow:
            await uow.claims.add(OWNER, _claim(), NOW)
    assert caught.value.claim_id == claim_id


async def test_events_build_the_timeline_in_order(database: Database) -> None:
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, _claim(), NOW)
        state = State.OPEN
        for offset, kind in enumerate((EventKind.RESPOND, EventKind.GRANT_SELLER)):
            applied = apply(state, kind, NOW + timedelta(hours=offset))
            await uow.claims.record_event(OWNER, claim_id, applied.event, applied.state, NOW)
            state = applied.state
    async with database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(OWNER, claim_id)
    assert stored is not None and stored.state is State.GRANTED_SELLER
    assert [event.kind for event in stored.events] == [EventKind.RESPOND, EventKind.GRANT_SELLER]


async def test_the_same_file_twice_on_one_claim_is_stored_once(database: Database) -> None:
    evidence = NewEvidence("photo", "pod", NOW, file_name="pod.jpg", size=10, sha256="ab" * 32)
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, _claim(), NOW)
        assert await uow.evidence.add(claim_id, evidence) is not None
        assert await uow.evidence.add(claim_id, evidence) is None
        assert len(await uow.evidence.list_for_claim(claim_id)) == 1


async def test_deleting_a_seller_removes_their_claims_and_evidence(database: Database) -> None:
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, _claim(), NOW)
        await uow.evidence.add(claim_id, NewEvidence("text", "msgs", NOW, detail="note"))
        assert await uow.sellers.delete(OWNER)
    async with database.unit_of_work(write=False) as uow:
        assert await uow.claims.list_for_seller(OWNER) == []
        assert await uow.evidence.list_for_claim(claim_id) == []


async def test_replanning_keeps_sent_reminders_and_cancels_those_no_longer_planned(
    database: Database,
) -> None:
    from bot.reminders_repo import plan_for_claim

    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, _claim(), NOW)
        stored = await uow.claims.get(OWNER, claim_id)
        seller = await uow.sellers.get(OWNER)
        plan = plan_for_claim(stored, seller, NOW)
        first = await uow.reminders.replace_plan(claim_id, plan, NOW)
        assert len(first) == len(plan) > 0
        again = await uow.reminders.replace_plan(claim_id, plan, NOW)
        assert again == first
        applied = apply(State.OPEN, EventKind.RESPOND, NOW)
        await uow.claims.record_event(OWNER, claim_id, applied.event, applied.state, NOW)
        stored = await uow.claims.get(OWNER, claim_id)
        assert (
            await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, NOW), NOW)
            == []
        )
        rows = await uow.connection.execute_fetchall(
            "SELECT count(*) FROM reminders WHERE cancelled_at IS NOT NULL"
        )
        assert next(iter(rows))[0] == len(first)
