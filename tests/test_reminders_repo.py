"""Reminder rows: claiming for a send, leases, marking, snoozes and re-plans."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.reminders_repo import Outcome, plan_for_claim, replan_seller
from bot.storage import Database
from domain.reminders import ReminderKind
from tests.reminder_support import add_claim, add_seller

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)
SELLER = 31


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "db.sqlite3")
    await add_seller(database, SELLER, NOW)
    yield database
    await database.close()


async def test_only_one_sender_gets_a_row_until_its_lease_runs_out(database: Database) -> None:
    await add_claim(database, SELLER, "171-1234567-1234567", NOW, NOW)
    async with database.unit_of_work() as uow:
        assert await uow.reminders.claim_for_sending(1, NOW, LEASE)
        assert not await uow.reminders.claim_for_sending(1, NOW + timedelta(minutes=9), LEASE)
        # The holder died: after the lease another sender may take the row.
        assert await uow.reminders.claim_for_sending(1, NOW + timedelta(minutes=11), LEASE)
        await uow.reminders.mark_sent([1], NOW + timedelta(minutes=11), Outcome.SENT)
        assert not await uow.reminders.claim_for_sending(1, NOW + timedelta(hours=1), LEASE)
        row = await uow.reminders.get(1)
    assert row is not None and row.attempts == 2 and row.outcome is Outcome.SENT
    assert row.sending_since is None and not row.pending


async def test_a_released_row_is_pending_and_free_again(database: Database) -> None:
    await add_claim(database, SELLER, "171-1234567-1234567", NOW, NOW)
    async with database.unit_of_work() as uow:
        assert await uow.reminders.claim_for_sending(1, NOW, LEASE)
        await uow.reminders.release([1])
        assert await uow.reminders.claim_for_sending(1, NOW, LEASE)
        assert await uow.reminders.clear_leases() == 1
        assert await uow.reminders.claim_for_sending(1, NOW, LEASE)


async def test_a_snoozed_row_survives_a_replan_but_not_an_outcome(database: Database) -> None:
    claim_id, _ = await add_claim(database, SELLER, "171-1234567-1234567", NOW, NOW)
    first = NOW + timedelta(hours=24)
    async with database.unit_of_work() as uow:
        assert await uow.reminders.claim_for_sending(1, first, LEASE)
        await uow.reminders.mark_sent([1], first, Outcome.SENT)
        assert await uow.reminders.snooze(1, first + timedelta(hours=1))
        assert not await uow.reminders.snooze(1, first + timedelta(hours=1))  # pending again
        stored = await uow.claims.get(SELLER, claim_id)
        seller = await uow.sellers.get(SELLER)
        assert stored is not None and seller is not None
        await uow.reminders.replan_keeping_sent(
            claim_id, plan_for_claim(stored, seller, first), first
        )
        kinds = [row.kind for row in await uow.reminders.pending(claim_id=claim_id)]
        assert kinds[0] is ReminderKind.RESPONSE_T24H
        await uow.reminders.replace_plan(claim_id, (), first)  # e.g. "responded"
        assert await uow.reminders.pending(claim_id=claim_id) == []


async def test_a_settings_replan_adds_no_immediate_reminder(database: Database) -> None:
    claim_id, _ = await add_claim(database, SELLER, "171-1234567-1234567", NOW, NOW)
    later = NOW + timedelta(hours=30)  # T-24h was sent; the plan now has an immediate one
    async with database.unit_of_work() as uow:
        assert await uow.reminders.claim_for_sending(1, later, LEASE)
        await uow.reminders.mark_sent([1], later, Outcome.SENT)
        seller = await uow.sellers.get(SELLER)
        assert seller is not None
        assert await replan_seller(uow, seller, later) == [claim_id]
        kinds = {row.kind for row in await uow.reminders.pending(claim_id=claim_id)}
    assert ReminderKind.RESPONSE_NOW not in kinds
    assert ReminderKind.RESPONSE_T1H in kinds
