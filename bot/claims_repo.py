"""Claims and their timelines in SQLite. Every lookup is scoped to the seller who owns it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import aiosqlite

from bot.dbtime import from_db_time, to_db_time
from domain.claims import Claim, Fulfilment, Reason
from domain.lifecycle import ClaimEvent, EventKind, State
from domain.money import Money
from domain.rules import ClaimSource, Marketplace

__all__ = ["ClaimRepository", "DuplicateClaimError", "StoredClaim"]

_COLUMNS = (
    "id, seller_id, source, marketplace, order_id, reason, fulfilment, amount, currency,"
    " notice_at, latest_delivery, order_date, buy_shipping, notes, rule_id, rule_version,"
    " state, draft_language, created_at"
)


class DuplicateClaimError(Exception):
    """The seller already registered this order for this source; ``claim_id`` is that claim."""

    def __init__(self, claim_id: int) -> None:
        super().__init__(f"claim {claim_id} already exists")
        self.claim_id = claim_id


@dataclass(frozen=True)
class StoredClaim:
    """A claim as stored: its id, owner, facts, current state and timeline."""

    id: int
    seller_id: int
    claim: Claim
    state: State
    events: tuple[ClaimEvent, ...]
    draft_language: str | None
    created_at: datetime


class ClaimRepository:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def add(self, seller_id: int, claim: Claim, now: datetime) -> int:
        """Store a new open claim; ``DuplicateClaimError`` if the order is already registered."""
        existing = await self.find_by_order(seller_id, claim.source, claim.order_id)
        if existing is not None:
            raise DuplicateClaimError(existing)
        stamp = to_db_time(now)
        cursor = await self._connection.execute(
            f"INSERT INTO claims ({_COLUMNS.removeprefix('id, ')}, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seller_id,
                claim.source.value,
                claim.marketplace.value,
                claim.order_id,
                claim.reason.value,
                claim.fulfilment.value,
                str(claim.amount.amount),
                claim.amount.currency,
                to_db_time(claim.notice_at),
                _date(claim.latest_delivery),
                _date(claim.order_date),
                int(claim.buy_shipping_protected),
                claim.notes,
                claim.rule_id,
                claim.rule_version,
                State.OPEN.value,
                None,
                stamp,
                stamp,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def find_by_order(self, seller_id: int, source: ClaimSource, order_id: str) -> int | None:
        rows = await self._connection.execute_fetchall(
            "SELECT id FROM claims WHERE seller_id = ? AND source = ? AND order_id = ?",
            (seller_id, source.value, order_id),
        )
        return next((int(row[0]) for row in rows), None)

    async def get(self, seller_id: int, claim_id: int) -> StoredClaim | None:
        """The claim if it exists *and* belongs to ``seller_id``; None otherwise."""
        rows = await self._connection.execute_fetchall(
            f"SELECT {_COLUMNS} FROM claims WHERE id = ? AND seller_id = ?",
            (claim_id, seller_id),
        )
        if not rows:
            return None
        events = await self._events([claim_id])
        return _stored(next(iter(rows)), events.get(claim_id, ()))

    async def list_for_seller(self, seller_id: int) -> list[StoredClaim]:
        rows = list(
            await self._connection.execute_fetchall(
                f"SELECT {_COLUMNS} FROM claims WHERE seller_id = ? ORDER BY id", (seller_id,)
            )
        )
        events = await self._events([int(row[0]) for row in rows])
        return [_stored(row, events.get(int(row[0]), ())) for row in rows]

    async def record_event(
        self, seller_id: int, claim_id: int, event: ClaimEvent, state: State, now: datetime
    ) -> None:
        """Append ``event`` to the timeline and move the claim to ``state``."""
        cursor = await self._connection.execute(
            "UPDATE claims SET state = ?, updated_at = ? WHERE id = ? AND seller_id = ?",
            (state.value, to_db_time(now), claim_id, seller_id),
        )
        if cursor.rowcount != 1:
            raise LookupError(f"claim {claim_id} of seller {seller_id} not found")
        await self._connection.execute(
            "INSERT INTO claim_events (claim_id, kind, at, recorded_at) VALUES (?, ?, ?, ?)",
            (claim_id, event.kind.value, to_db_time(event.at), to_db_time(now)),
        )

    async def set_draft_language(
        self, seller_id: int, claim_id: int, language: str, now: datetime
    ) -> None:
        await self._connection.execute(
            "UPDATE claims SET draft_language = ?, updated_at = ? WHERE id = ? AND seller_id = ?",
            (language, to_db_time(now), claim_id, seller_id),
        )

    async def delete(self, seller_id: int, claim_id: int) -> bool:
        """Delete the claim with its timeline, evidence rows and reminders (cascade)."""
        cursor = await self._connection.execute(
            "DELETE FROM claims WHERE id = ? AND seller_id = ?", (claim_id, seller_id)
        )
        return cursor.rowcount == 1

    async def _events(self, claim_ids: Sequence[int]) -> dict[int, tuple[ClaimEvent, ...]]:
        if not claim_ids:
            return {}
        marks = ",".join("?" * len(claim_ids))
        rows = await self._connection.execute_fetchall(
            f"SELECT claim_id, kind, at FROM claim_events WHERE claim_id IN ({marks})"
            " ORDER BY claim_id, at, id",
            tuple(claim_ids),
        )
        grouped: dict[int, list[ClaimEvent]] = {}
        for claim_id, kind, at in rows:
            grouped.setdefault(int(claim_id), []).append(
                ClaimEvent(EventKind(kind), from_db_time(at))
            )
        return {claim_id: tuple(events) for claim_id, events in grouped.items()}


def _date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _parse_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _stored(row: Iterable[object], events: tuple[ClaimEvent, ...]) -> StoredClaim:
    (
        claim_id,
        seller_id,
        source,
        marketplace,
        order_id,
        reason,
        fulfilment,
        amount,
        currency,
        notice_at,
        latest_delivery,
        order_date,
        buy_shipping,
        notes,
        rule_id,
        rule_version,
        state,
        draft_language,
        created_at,
    ) = tuple(row)
    claim = Claim(
        source=ClaimSource(source),
        marketplace=Marketplace(marketplace),
        order_id=str(order_id),
        reason=Reason(reason),
        fulfilment=Fulfilment(fulfilment),
        amount=Money(Decimal(str(amount)), str(currency)),
        notice_at=from_db_time(str(notice_at)),
        rule_id=str(rule_id),
        rule_version=int(str(rule_version)),
        latest_delivery=_parse_date(latest_delivery),  # type: ignore[arg-type]
        buy_shipping_protected=bool(buy_shipping),
        notes=str(notes),
        order_date=_parse_date(order_date),  # type: ignore[arg-type]
    )
    return StoredClaim(
        id=int(str(claim_id)),
        seller_id=int(str(seller_id)),
        claim=claim,
        state=State(state),
        events=events,
        draft_language=str(draft_language) if draft_language else None,
        created_at=from_db_time(str(created_at)),
    )
