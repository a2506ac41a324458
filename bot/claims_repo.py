"""Claims and their timelines in SQLite. Every lookup is scoped to the seller who owns it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import aiosqlite

from bot.dbtime import from_db_time, to_db_time
from domain.claims import (
    ChargebackReason,
    Claim,
    Fulfilment,
    NoticeKind,
    PayPalStage,
    Reason,
    TrackingStatus,
)
from domain.deadlines import DeadlineKind, deadlines
from domain.lifecycle import ClaimEvent, EventKind, State
from domain.money import Money
from domain.rules import ClaimSource, Marketplace

__all__ = [
    "DEADLINE_REV",
    "ClaimRepository",
    "DuplicateClaimError",
    "RawClaims",
    "StoredClaim",
    "parse_claims",
]

_COLUMNS = (
    "id, seller_id, source, marketplace, order_id, reason, fulfilment, amount, currency,"
    " notice_at, latest_delivery, order_date, buy_shipping, notes, rule_id, rule_version,"
    " state, draft_language, created_at"
)
_FACT_COLUMNS = (
    "notice_kind", "tracking_status", "carrier", "tracking_number", "ship_date", "delivered_on",
    "first_scan_on_time", "buyer_contacted_first", "chargeback_filed", "return_offered",
    "chargeback_reason", "paypal_stage", "respond_by",
)
# A chargeback registered for the same order makes an A-to-z claim ineligible, whether the
# seller said so or registered the chargeback here.
_SELECT = (
    f"{_COLUMNS}, "
    + ", ".join(f"claims.{name}" for name in _FACT_COLUMNS if name != "chargeback_filed")
    + ", claims.chargeback_filed OR EXISTS (SELECT 1 FROM claims cb WHERE cb.seller_id ="
    " claims.seller_id AND cb.order_id = claims.order_id AND cb.source = 'cb'"
    " AND cb.id != claims.id)"
)
# The nearest deadline still running (not done), kept on the claim row so listings can sort and
# page in SQL. ``domain.deadlines`` computes it whenever the claim or its timeline is written;
# rows stamped with an older DEADLINE_REV are recomputed before a listing reads them (bump it
# when that computation changes).
DEADLINE_REV = 2  # 2: A-to-z windows run from Amazon's request (none while under review)
# /claims: a claim is open while it waits for something or a deadline runs; an appeal window
# that has closed does not keep it open (as ``domain.triage`` sees it).
_WAITING_STATES = "('open', 'responded', 'appealing')"
_RUNNING = (
    f"(deadline_at IS NOT NULL AND NOT (deadline_kind = '{DeadlineKind.APPEAL.value}'"
    " AND deadline_at <= :now))"
)
_OPEN = f"(state IN {_WAITING_STATES} OR {_RUNNING})"


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


@dataclass(frozen=True)
class RawClaims:
    """A seller's claim rows and event rows as SQLite returned them."""

    rows: list[Any]
    events: list[Any]


def parse_claims(raw: RawClaims) -> list[StoredClaim]:
    grouped: dict[int, list[ClaimEvent]] = {}
    for claim_id, kind, at, debited, counts_odr in raw.events:
        grouped.setdefault(int(claim_id), []).append(
            ClaimEvent(EventKind(kind), from_db_time(at), _bool(debited), _bool(counts_odr))
        )
    return [_stored(row, tuple(grouped.get(int(row[0]), ()))) for row in raw.rows]


class ClaimRepository:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def add(self, seller_id: int, claim: Claim, now: datetime) -> int:
        """Store a new open claim; ``DuplicateClaimError`` if the order is already registered."""
        existing = await self.find_by_order(seller_id, claim.source, claim.order_id)
        if existing is not None:
            raise DuplicateClaimError(existing)
        stamp = to_db_time(now)
        columns = [*_COLUMNS.removeprefix("id, ").split(", "), "updated_at", *_FACT_COLUMNS]
        cursor = await self._connection.execute(
            f"INSERT INTO claims ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
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
                *_fact_values(claim),
            ),
        )
        assert cursor.lastrowid is not None
        await self._index_deadline(cursor.lastrowid, claim, ())
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
            f"SELECT {_SELECT} FROM claims WHERE id = ? AND seller_id = ?",
            (claim_id, seller_id),
        )
        if not rows:
            return None
        events = await self._events([claim_id])
        return _stored(next(iter(rows)), events.get(claim_id, ()))

    async def list_for_seller(self, seller_id: int) -> list[StoredClaim]:
        return parse_claims(await self.raw_for_seller(seller_id))

    async def raw_for_seller(self, seller_id: int) -> RawClaims:
        """All of the seller's claims as rows, two queries; ``parse_claims`` makes them claims
        (pure, so a big export can do it off the event loop)."""
        rows = list(
            await self._connection.execute_fetchall(
                f"SELECT {_SELECT} FROM claims WHERE seller_id = ? ORDER BY id", (seller_id,)
            )
        )
        events = list(
            await self._connection.execute_fetchall(
                "SELECT e.claim_id, e.kind, e.at, e.debited, e.counts_odr FROM claim_events e"
                " JOIN claims c ON c.id = e.claim_id WHERE c.seller_id = ?"
                " ORDER BY e.claim_id, e.at, e.id",
                (seller_id,),
            )
        )
        return RawClaims(rows, events)

    # --- listings: paged in SQL by the stored nearest deadline ------------------------------

    async def refresh_deadlines(self, seller_id: int) -> int:
        """Recompute the stored deadline of the seller's claims stamped with an older
        ``DEADLINE_REV`` (written before it existed or changed); how many. Needs a write unit."""
        rows = await self._connection.execute_fetchall(
            "SELECT id FROM claims WHERE seller_id = ? AND deadline_rev < ?",
            (seller_id, DEADLINE_REV),
        )
        ids = [int(row[0]) for row in rows]
        for claim_id in ids:
            stored = await self.get(seller_id, claim_id)
            if stored is not None:
                await self._index_deadline(claim_id, stored.claim, stored.events)
        return len(ids)

    async def has_stale_deadlines(self, seller_id: int) -> bool:
        rows = await self._connection.execute_fetchall(
            "SELECT 1 FROM claims WHERE seller_id = ? AND deadline_rev < ? LIMIT 1",
            (seller_id, DEADLINE_REV),
        )
        return bool(list(rows))

    async def count_open_and_closed(self, seller_id: int, now: datetime) -> tuple[int, int]:
        rows = await self._connection.execute_fetchall(
            f"SELECT COALESCE(SUM({_OPEN}), 0), COUNT(*) FROM claims WHERE seller_id = :seller",
            {"seller": seller_id, "now": to_db_time(now)},
        )
        opened, total = next(iter(rows))
        return int(opened), int(total) - int(opened)

    async def open_page(
        self, seller_id: int, now: datetime, offset: int, limit: int
    ) -> list[StoredClaim]:
        """Open claims, nearest running deadline first (none last), then by id.

        Two queries rather than one sort: the running claims come in index order, so a page
        of them reads that page, not every claim of the seller; only a page past them reads
        the open claims without a deadline."""
        params = {"seller": seller_id, "now": to_db_time(now), "limit": limit}
        running = [int(row[0]) for row in await self._connection.execute_fetchall(
            f"SELECT id FROM claims WHERE seller_id = :seller AND {_RUNNING}"
            " ORDER BY deadline_at, id LIMIT :limit OFFSET :offset",
            {**params, "offset": offset},
        )]
        ids = running
        if len(running) < limit:
            skip = 0  # open claims without a running deadline that earlier pages showed
            if offset and not running:
                counted = await self._connection.execute_fetchall(
                    f"SELECT COUNT(*) FROM claims WHERE seller_id = :seller AND {_RUNNING}",
                    params,
                )
                skip = offset - int(next(iter(counted))[0])
            ids = running + [int(row[0]) for row in await self._connection.execute_fetchall(
                f"SELECT id FROM claims WHERE seller_id = :seller AND state IN {_WAITING_STATES}"
                f" AND NOT {_RUNNING} ORDER BY id LIMIT :limit OFFSET :offset",
                {**params, "limit": limit - len(running), "offset": skip},
            )]
        return await self.get_many(seller_id, ids)

    async def closed_page(
        self, seller_id: int, now: datetime, offset: int, limit: int
    ) -> list[StoredClaim]:
        """Decided and closed claims, newest first."""
        rows = await self._connection.execute_fetchall(
            f"SELECT id FROM claims WHERE seller_id = :seller AND NOT {_OPEN}"
            " ORDER BY id DESC LIMIT :limit OFFSET :offset",
            {"seller": seller_id, "now": to_db_time(now), "limit": limit, "offset": offset},
        )
        return await self.get_many(seller_id, [int(row[0]) for row in rows])

    async def with_deadline_ahead(
        self, seller_id: int, now: datetime, limit: int, within: timedelta | None = None
    ) -> tuple[list[StoredClaim], int]:
        """Claims whose running deadline is still ahead (within ``within`` if given), nearest
        first, at most ``limit``; and how many there are in all."""
        until = to_db_time(now + within) if within is not None else "9999"
        where = "seller_id = ? AND deadline_at > ? AND deadline_at <= ?"
        params = (seller_id, to_db_time(now), until)
        rows = await self._connection.execute_fetchall(
            f"SELECT id FROM claims WHERE {where} ORDER BY deadline_at, id LIMIT ?",
            (*params, limit),
        )
        counted = await self._connection.execute_fetchall(
            f"SELECT COUNT(*) FROM claims WHERE {where}", params
        )
        return (
            await self.get_many(seller_id, [int(row[0]) for row in rows]),
            int(next(iter(counted))[0]),
        )

    async def get_many(self, seller_id: int, claim_ids: Sequence[int]) -> list[StoredClaim]:
        """The seller's claims with these ids, in the order given (a page: a few dozen ids)."""
        if not claim_ids:
            return []
        marks = ",".join("?" * len(claim_ids))
        rows = await self._connection.execute_fetchall(
            f"SELECT {_SELECT} FROM claims WHERE seller_id = ? AND id IN ({marks})",
            (seller_id, *claim_ids),
        )
        events = await self._events(claim_ids)
        found = {int(row[0]): _stored(row, events.get(int(row[0]), ())) for row in rows}
        return [found[claim_id] for claim_id in claim_ids if claim_id in found]

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
            "INSERT INTO claim_events (claim_id, kind, at, recorded_at, debited, counts_odr)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (claim_id, event.kind.value, to_db_time(event.at), to_db_time(now),
             _flag(event.debited), _flag(event.counts_odr)),
        )
        stored = await self.get(seller_id, claim_id)
        assert stored is not None  # updated above
        await self._index_deadline(claim_id, stored.claim, stored.events)

    async def set_notice_kind(
        self, seller_id: int, claim_id: int, kind: NoticeKind, now: datetime
    ) -> bool:
        """Record which notice the seller has; the stored deadline follows. False if not theirs."""
        cursor = await self._connection.execute(
            "UPDATE claims SET notice_kind = ?, updated_at = ? WHERE id = ? AND seller_id = ?",
            (kind.value, to_db_time(now), claim_id, seller_id),
        )
        if cursor.rowcount != 1:
            return False
        stored = await self.get(seller_id, claim_id)
        assert stored is not None
        await self._index_deadline(claim_id, stored.claim, stored.events)
        return True

    async def set_paypal_stage(
        self,
        seller_id: int,
        claim_id: int,
        stage: PayPalStage,
        respond_by: datetime | None,
        now: datetime,
    ) -> bool:
        """A PayPal case moved on (a dispute escalated to a claim), with PayPal's own "respond
        by" date when known; the stored deadline follows. False if not theirs."""
        cursor = await self._connection.execute(
            "UPDATE claims SET paypal_stage = ?, respond_by = COALESCE(?, respond_by),"
            " updated_at = ? WHERE id = ? AND seller_id = ? AND source = 'pp'",
            (stage.value, to_db_time(respond_by) if respond_by else None, to_db_time(now),
             claim_id, seller_id),
        )
        if cursor.rowcount != 1:
            return False
        stored = await self.get(seller_id, claim_id)
        assert stored is not None
        await self._index_deadline(claim_id, stored.claim, stored.events)
        return True

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

    async def _index_deadline(
        self, claim_id: int, claim: Claim, events: Sequence[ClaimEvent]
    ) -> None:
        running = [d for d in deadlines(claim, events) if d.done_at is None]
        nearest = min(running, key=lambda deadline: deadline.due_at) if running else None
        await self._connection.execute(
            "UPDATE claims SET deadline_at = ?, deadline_kind = ?, deadline_rev = ? WHERE id = ?",
            (
                to_db_time(nearest.due_at) if nearest else None,
                nearest.kind.value if nearest else None,
                DEADLINE_REV,
                claim_id,
            ),
        )

    async def _events(self, claim_ids: Sequence[int]) -> dict[int, tuple[ClaimEvent, ...]]:
        if not claim_ids:
            return {}
        marks = ",".join("?" * len(claim_ids))
        rows = await self._connection.execute_fetchall(
            "SELECT claim_id, kind, at, debited, counts_odr FROM claim_events"
            f" WHERE claim_id IN ({marks}) ORDER BY claim_id, at, id",
            tuple(claim_ids),
        )
        grouped: dict[int, list[ClaimEvent]] = {}
        for claim_id, kind, at, debited, counts_odr in rows:
            grouped.setdefault(int(claim_id), []).append(
                ClaimEvent(EventKind(kind), from_db_time(at), _bool(debited), _bool(counts_odr))
            )
        return {claim_id: tuple(events) for claim_id, events in grouped.items()}


def _date(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _bool(value: object) -> bool | None:
    return None if value is None else bool(value)


def _fact_values(claim: Claim) -> tuple[object, ...]:
    """The values of ``_FACT_COLUMNS`` for ``claim``, in that order."""
    return (
        claim.notice_kind.value,
        claim.tracking_status.value if claim.tracking_status else None,
        claim.carrier,
        claim.tracking_number,
        _date(claim.ship_date),
        _date(claim.delivered_on),
        _flag(claim.first_scan_on_time),
        _flag(claim.buyer_contacted_first),
        int(claim.chargeback_filed),
        _flag(claim.return_offered),
        claim.chargeback_reason.value if claim.chargeback_reason else None,
        claim.paypal_stage.value if claim.paypal_stage else None,
        to_db_time(claim.respond_by) if claim.respond_by else None,
    )


def _facts(values: Sequence[object]) -> dict[str, Any]:
    """Claim keyword arguments from the fact columns as ``_SELECT`` returns them."""
    (notice_kind, tracking_status, carrier, tracking_number, ship_date, delivered_on,
     first_scan, contacted, return_offered, cb_reason, stage, respond_by, cb_filed) = values
    return {
        "notice_kind": NoticeKind(notice_kind),
        "tracking_status": TrackingStatus(tracking_status) if tracking_status else None,
        "carrier": str(carrier),
        "tracking_number": str(tracking_number),
        "ship_date": _parse_date(ship_date),  # type: ignore[arg-type]
        "delivered_on": _parse_date(delivered_on),  # type: ignore[arg-type]
        "first_scan_on_time": _bool(first_scan),
        "buyer_contacted_first": _bool(contacted),
        "return_offered": _bool(return_offered),
        "chargeback_reason": ChargebackReason(cb_reason) if cb_reason else None,
        "paypal_stage": PayPalStage(stage) if stage else None,
        "respond_by": from_db_time(str(respond_by)) if respond_by else None,
        "chargeback_filed": bool(cb_filed),
    }


def _parse_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _stored(row: Iterable[object], events: tuple[ClaimEvent, ...]) -> StoredClaim:
    values = tuple(row)
    base, facts = values[:19], _facts(values[19:])
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
    ) = base
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
        **facts,
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
