"""Listings page in SQL: the order of a page matches what triaging every claim would give, a page
loads and triages only what it shows, and /export costs the same few queries for any number of
claims. Counts and orders, never timings."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from bot.claims_repo import StoredClaim
from bot.config import Config
from bot.listings import refresh_deadlines
from bot.sellers import Seller
from bot.storage import Database
from domain.claims import Fulfilment, Reason, new_claim
from domain.lifecycle import EventKind, apply
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from domain.triage import triage
from handlers import overview
from handlers.reminder_texts import MAX_LISTED, upcoming
from tests import updates
from tests.conftest import FakeClock
from tests.test_evidence import EvidenceHarness
from tests.test_handlers import Harness

SELLER = 7301
OTHER = 7302
USER = updates.user(SELLER, "en", "Sam")
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
# (notice hours ago, events as (kind, hours ago)): every state and deadline situation.
SHAPES: list[tuple[float, list[tuple[EventKind, float]]]] = [
    (1, []),  # answer due in 47 hours
    (47.5, []),  # answer due in 30 minutes
    (60, []),  # answer overdue: still open, first
    (30, [(EventKind.RESPOND, 20)]),  # responded: waiting for a decision, no deadline
    (100, [(EventKind.GRANT_SELLER, 90)]),  # appeal window running
    (24 * 40, [(EventKind.GRANT_SELLER, 24 * 35)]),  # appeal window closed: decided
    (50, [(EventKind.RESPOND, 40), (EventKind.DENY, 30)]),  # decided
    (24 * 10, [(EventKind.GRANT_SELLER, 24 * 9), (EventKind.APPEAL, 24 * 8)]),  # appealing
    (80, [(EventKind.REFUND, 70), (EventKind.CLOSE, 60)]),  # closed
]


@pytest.fixture
async def bot(config: Config, clock: FakeClock) -> AsyncIterator[Harness]:
    harness = Harness(config, clock)
    await harness.start()
    yield harness
    await harness.stop()


def database(bot: Harness) -> Database:
    assert bot.app is not None
    services: Any = bot.app.bot_data["claimwacht.services"]
    db: Database = services.database
    return db


_orders = itertools.count(1)


async def seed(db: Database, seller_id: int, now: datetime, copies: int = 1) -> list[int]:
    """``copies`` claims of every shape, through the repositories as the features store them."""
    ids: list[int] = []
    async with db.unit_of_work() as uow:
        if await uow.sellers.get(seller_id) is None:
            await uow.sellers.add(Seller(seller_id, "en", "Europe/Amsterdam", True, now))
        for copy in range(copies):
            for notice_hours, events in SHAPES:
                number = next(_orders)
                claim = new_claim(
                    ClaimSource.A_TO_Z, Marketplace.AMAZON_NL,
                    f"171-{number:07d}-{copy:07d}", Reason.NOT_RECEIVED, Fulfilment.SELLER,
                    Money(Decimal("10.00"), "EUR"),
                    now - timedelta(hours=notice_hours) + timedelta(minutes=copy),
                )
                claim_id = await uow.claims.add(seller_id, claim, now)
                stored = await uow.claims.get(seller_id, claim_id)
                assert stored is not None
                state = stored.state
                for kind, hours_ago in events:
                    applied = apply(state, kind, now - timedelta(hours=hours_ago))
                    await uow.claims.record_event(seller_id, claim_id, applied.event,
                                                  applied.state, now)
                    state = applied.state
                ids.append(claim_id)
    return ids


def reference(claims: list[StoredClaim], now: datetime) -> tuple[list[int], list[int]]:
    """What triaging every claim gives: open ones by time left (none last), closed newest
    first (the overview's rule before it paged in SQL)."""
    waiting = {"open", "responded", "appealing"}
    results = [(stored, triage(stored.claim, stored.events, (), now)) for stored in claims]
    opened = [(s, r) for s, r in results if s.state.value in waiting or r.deadline is not None]
    closed = [s for s, r in results if not (s.state.value in waiting or r.deadline is not None)]
    forever = timedelta.max
    opened.sort(key=lambda item: (
        item[1].time_left if item[1].time_left is not None else forever, item[0].id))
    return [s.id for s, _ in opened], sorted((s.id for s in closed), reverse=True)


async def paged(db: Database, seller_id: int, now: datetime, *, closed: bool) -> list[int]:
    seen: list[int] = []
    page = 0
    while True:
        async with db.unit_of_work(write=False) as uow:
            shown = await overview.load_page(uow, seller_id, page, now, show_closed=closed)
        seen += [row.stored.id for row in shown.rows]
        if page >= shown.pages - 1:
            return seen
        page += 1


async def test_the_pages_of_claims_follow_the_triage_order_of_all_claims(
    bot: Harness, clock: FakeClock
) -> None:
    db = database(bot)
    await seed(db, SELLER, clock(), copies=4)
    await seed(db, OTHER, clock())  # another seller's claims never show
    async with db.unit_of_work(write=False) as uow:
        everything = await uow.claims.list_for_seller(SELLER)
    for later in (timedelta(0), 20 * HOUR, 3 * DAY, 40 * DAY):  # deadlines pass as time goes
        now = clock() + later
        expected_open, expected_closed = reference(everything, now)
        assert await paged(db, SELLER, now, closed=False) == expected_open
        assert await paged(db, SELLER, now, closed=True) == expected_closed


async def test_the_deadlines_ahead_come_nearest_first_as_the_domain_computes_them(
    bot: Harness, clock: FakeClock
) -> None:
    db = database(bot)
    await seed(db, SELLER, clock(), copies=3)
    async with db.unit_of_work(write=False) as uow:
        everything = await uow.claims.list_for_seller(SELLER)
        for later in (timedelta(0), 20 * HOUR, 5 * DAY):
            now = clock() + later
            expected = [item.stored.id for item in upcoming(everything, now)]
            found, total = await uow.claims.with_deadline_ahead(SELLER, now, 100)
            assert [stored.id for stored in found] == expected
            assert total == len(expected)
            soon, total_soon = await uow.claims.with_deadline_ahead(SELLER, now, 2, within=DAY)
            within = [item.stored.id for item in upcoming(everything, now, DAY)]
            assert [stored.id for stored in soon] == within[:2]
            assert total_soon == len(within)


async def test_a_page_of_claims_triages_only_the_claims_it_shows(
    bot: Harness, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(database(bot), SELLER, clock(), copies=6)
    triaged: list[int] = []

    def counting(claim: Any, events: Any, evidence: Any, now: datetime) -> Any:
        triaged.append(1)
        return triage(claim, events, evidence, now)

    monkeypatch.setattr(overview, "triage", counting)
    text = await bot.send(updates.message(USER, "/claims"))
    assert text.startswith("Open claims: 36 (1/5)")  # 6 of the 9 shapes are open
    assert len(triaged) == overview.PAGE_SIZE


async def test_claims_stored_before_the_deadline_column_are_brought_up_to_date(
    bot: Harness, clock: FakeClock
) -> None:
    db = database(bot)
    await seed(db, SELLER, clock(), copies=2)
    now = clock()
    async with db.unit_of_work() as uow:  # as an older version left them
        await uow.connection.execute(
            "UPDATE claims SET deadline_at = NULL, deadline_kind = NULL, deadline_rev = 0")
        everything = await uow.claims.list_for_seller(SELLER)
    assert await refresh_deadlines(db, SELLER) == len(everything)
    assert await refresh_deadlines(db, SELLER) == 0
    assert await paged(db, SELLER, now, closed=False) == reference(everything, now)[0]


async def test_deadlines_lists_what_fits_and_counts_the_rest(
    bot: Harness, clock: FakeClock
) -> None:
    db = database(bot)
    async with db.unit_of_work() as uow:
        await uow.sellers.add(Seller(SELLER, "en", "Europe/Amsterdam", True, clock()))
        for index in range(150):
            claim = new_claim(
                ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, f"171-9000000-{index:07d}",
                Reason.NOT_RECEIVED, Fulfilment.SELLER, Money(Decimal("10.00"), "EUR"),
                clock() - timedelta(minutes=index),
            )
            await uow.claims.add(SELLER, claim, clock())
    text = await bot.send(updates.message(USER, "/deadlines"))
    assert len(text) <= 4096
    listed = text.count("\n• ")
    assert 0 < listed <= MAX_LISTED
    assert text.endswith(f"… and {150 - listed} more.")
    # Nearest first: the oldest notice has the nearest deadline.
    assert text.index("171-9000000-0000149") < text.index("171-9000000-0000148")


async def test_export_costs_the_same_queries_for_three_claims_or_thirty(
    config: Config, clock: FakeClock
) -> None:
    bot = EvidenceHarness(config, clock)
    await bot.start()
    try:
        db = bot.database
        statements: list[str] = []

        async def export_queries() -> int:
            async with db.unit_of_work(write=False) as uow:
                await uow.connection.set_trace_callback(statements.append)
            statements.clear()
            uploads = len(bot.api.uploads)
            await bot.process(updates.message(USER, "/export"))
            async with db.unit_of_work(write=False) as uow:
                await uow.connection.set_trace_callback(None)
            # The export arrived (an album of CSV and JSON files), not the apology of a failed
            # one.
            assert [u["method"] for u in bot.api.uploads[uploads:]] == ["sendMediaGroup"]
            # The claim and evidence queries (the sender's own row is read once, then cached).
            return len([s for s in statements if "claim" in s or "evidence" in s])

        await seed(db, SELLER, clock())
        few = await export_queries()
        await seed(db, SELLER, clock(), copies=3)
        assert await export_queries() == few <= 3
    finally:
        await bot.stop()
