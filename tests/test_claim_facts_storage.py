"""The facts the advice needs are stored, old claims keep their deadline, and an outcome keeps
money and ODR apart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.migrations import MIGRATIONS
from bot.sellers import Seller
from bot.storage import Database
from domain.claims import (
    ChargebackReason,
    Fulfilment,
    NoticeKind,
    Reason,
    TrackingStatus,
    new_claim,
)
from domain.deadlines import response_deadline
from domain.lifecycle import ClaimEvent, EventKind, State
from domain.money import Money
from domain.outcomes import money_and_odr
from domain.rules import ClaimSource, Marketplace

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
NOTICE = NOW - timedelta(hours=2)
OWNER = 11
_FACTS_MIGRATION = next(i for i, m in enumerate(MIGRATIONS) if any("notice_kind" in s for s in m))


def _claim(source: ClaimSource = ClaimSource.A_TO_Z, **facts: object):
    return new_claim(source, Marketplace.AMAZON_NL, "171-1234567-1234567", Reason.NOT_RECEIVED,
                     Fulfilment.SELLER, Money(Decimal("49.95")), NOTICE, **facts)


@pytest.fixture
async def database(tmp_path: Path):
    database = Database(tmp_path / "db.sqlite3")
    async with database.unit_of_work() as uow:
        await uow.sellers.add(Seller(OWNER, "nl", "Europe/Amsterdam", True, NOW))
    yield database
    await database.close()


async def test_every_new_fact_reads_back_as_stored(database: Database) -> None:
    claim = _claim(notice_kind=NoticeKind.CLAIM_FILED, tracking_status=TrackingStatus.DELIVERED,
                   carrier="PostNL", tracking_number="3SABC", ship_date=date(2026, 11, 11),
                   delivered_on=date(2026, 11, 13), first_scan_on_time=True,
                   buyer_contacted_first=False, return_offered=True,
                   respond_by=NOW + timedelta(days=3))
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, claim, NOW)
    async with database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(OWNER, claim_id)
    assert stored is not None and stored.claim == claim


async def test_a_chargeback_on_the_same_order_makes_the_a_to_z_claim_ineligible(
    database: Database,
) -> None:
    async with database.unit_of_work() as uow:
        a_to_z = await uow.claims.add(OWNER, _claim(), NOW)
        await uow.claims.add(OWNER, _claim(ClaimSource.CHARGEBACK,
                                           chargeback_reason=ChargebackReason.SERVICE), NOW)
    async with database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(OWNER, a_to_z)
        (_, chargeback) = await uow.claims.list_for_seller(OWNER)
    assert stored is not None and stored.claim.chargeback_filed
    assert not chargeback.claim.chargeback_filed  # a chargeback does not flag itself
    assert chargeback.claim.chargeback_reason is ChargebackReason.SERVICE


async def test_an_outcome_stores_debited_and_odr_as_two_facts(database: Database) -> None:
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(OWNER, _claim(), NOW)
        await uow.claims.record_event(
            OWNER, claim_id, ClaimEvent(EventKind.GRANT_SELLER, NOW, True, False),
            State.GRANTED_SELLER, NOW,
        )
    async with database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(OWNER, claim_id)
    assert stored is not None
    assert stored.events == (ClaimEvent(EventKind.GRANT_SELLER, NOW, True, False),)
    facts = money_and_odr(stored.claim, stored.events)
    assert (facts.debited, facts.odr.counts) == (True, False)


async def test_a_claim_stored_before_the_notice_question_keeps_its_deadline(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    # The shape of rows written by the previous release (no fact columns yet).
    old = Database(path, MIGRATIONS[:_FACTS_MIGRATION])
    async with old.unit_of_work() as uow:
        connection = uow.claims._connection
        await connection.execute(
            "INSERT INTO sellers (user_id, locale, timezone, active, created_at, updated_at)"
            " VALUES (?, 'nl', 'Europe/Amsterdam', 1, ?, ?)",
            (OWNER, NOW.isoformat(), NOW.isoformat()),
        )
        await connection.execute(
            "INSERT INTO claims (seller_id, source, marketplace, order_id, reason, fulfilment,"
            " amount, currency, notice_at, buy_shipping, rule_id, rule_version, state,"
            " created_at, updated_at) VALUES (?, 'az', 'us', '171-1234567-1234567', 'nr', 'fba',"
            " '49.95', 'EUR', ?, 0, 'az.us', 1, 'open', ?, ?)",
            (OWNER, NOTICE.isoformat(), NOW.isoformat(), NOW.isoformat()),
        )
    await old.close()
    new = Database(path)
    try:
        async with new.unit_of_work(write=False) as uow:
            (stored,) = await uow.claims.list_for_seller(OWNER)
    finally:
        await new.close()
    assert stored.claim.notice_kind is NoticeKind.INFO_REQUEST
    window = response_deadline(stored.claim, stored.events)
    # An old FBA claim on amazon.com under the 72-hour row: its deadline did not move.
    assert window is not None and window.due_at == NOTICE + timedelta(hours=72)
