"""Evidence rows: what the seller sent for a claim, and where its bytes are (by content hash)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.dbtime import from_db_time, to_db_time
from domain.evidence import ITEM_LABELS, EvidenceItem

__all__ = [
    "EvidenceRepository",
    "NewEvidence",
    "StoredEvidence",
    "checklist_items",
    "group_by_claim",
]

_COLUMNS = (
    "id, claim_id, kind, item_id, detail, file_name, mime_type, size, sha256, tg_file_id,"
    " tg_file_unique, received_at"
)


@dataclass(frozen=True)
class NewEvidence:
    """What arrived: ``kind`` is photo, document, text or forward; files carry their hash."""

    kind: str
    item_id: str
    received_at: datetime
    detail: str = ""
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None
    sha256: str | None = None
    tg_file_id: str | None = None
    tg_file_unique: str | None = None


@dataclass(frozen=True)
class StoredEvidence(NewEvidence):
    id: int = 0
    claim_id: int = 0

    @property
    def in_checklist(self) -> bool:
        """False for evidence filed as "other": it proves no checklist item (no ``as_item``)."""
        return self.item_id in ITEM_LABELS

    def as_item(self) -> EvidenceItem:
        """The domain's view: which checklist item it proves, and a one-line detail.

        The detail is what the seller wrote (a note, a caption), never the file name: a file
        called "bezorgbewijs.pdf" proves nothing by its name, and the draft must not say so.
        """
        detail = self.detail or ""
        # One printable line: notes and forwards may hold newlines, emoji joiners and the like.
        printable = "".join(char if char.isprintable() else " " for char in detail)
        return EvidenceItem(self.item_id, self.received_at, " ".join(printable.split())[:200])


def checklist_items(rows: Iterable[StoredEvidence]) -> list[EvidenceItem]:
    """The domain's view of the rows that prove a checklist item (skips "other" evidence)."""
    return [row.as_item() for row in rows if row.in_checklist]


class EvidenceRepository:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def add(self, claim_id: int, evidence: NewEvidence) -> int | None:
        """Store the row; None when this claim has a file with the same hash for this item."""
        cursor = await self._connection.execute(
            f"INSERT INTO evidence ({_COLUMNS.removeprefix('id, ')})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (claim_id, sha256, item_id) WHERE sha256 IS NOT NULL DO NOTHING",
            (
                claim_id,
                evidence.kind,
                evidence.item_id,
                evidence.detail,
                evidence.file_name,
                evidence.mime_type,
                evidence.size,
                evidence.sha256,
                evidence.tg_file_id,
                evidence.tg_file_unique,
                to_db_time(evidence.received_at),
            ),
        )
        return cursor.lastrowid if cursor.rowcount == 1 else None

    async def list_for_claim(self, claim_id: int) -> list[StoredEvidence]:
        rows = await self._connection.execute_fetchall(
            f"SELECT {_COLUMNS} FROM evidence WHERE claim_id = ? ORDER BY received_at, id",
            (claim_id,),
        )
        return [_stored(row) for row in rows]

    async def get(self, claim_id: int, evidence_id: int) -> StoredEvidence | None:
        rows = await self._connection.execute_fetchall(
            f"SELECT {_COLUMNS} FROM evidence WHERE id = ? AND claim_id = ?",
            (evidence_id, claim_id),
        )
        return _stored(next(iter(rows))) if rows else None

    async def claim_has_hash(self, claim_id: int, sha256: str) -> bool:
        """Whether the claim already holds this file, under any checklist item."""
        rows = await self._connection.execute_fetchall(
            "SELECT 1 FROM evidence WHERE claim_id = ? AND sha256 = ? LIMIT 1", (claim_id, sha256)
        )
        return bool(rows)

    async def delete(self, claim_id: int, evidence_id: int) -> StoredEvidence | None:
        rows = await self._connection.execute_fetchall(
            f"SELECT {_COLUMNS} FROM evidence WHERE id = ? AND claim_id = ?",
            (evidence_id, claim_id),
        )
        if not rows:
            return None
        await self._connection.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
        return _stored(next(iter(rows)))

    async def hash_in_use(self, sha256: str) -> bool:
        """Whether any evidence row still points at this file (files are shared by content)."""
        rows = await self._connection.execute_fetchall(
            "SELECT 1 FROM evidence WHERE sha256 = ? LIMIT 1", (sha256,)
        )
        return bool(rows)

    async def raw_for_seller(self, seller_id: int) -> list[Any]:
        """Every evidence row of the seller's claims in one query (``group_by_claim`` parses)."""
        columns = ", ".join(f"e.{name.strip()}" for name in _COLUMNS.split(","))
        return list(
            await self._connection.execute_fetchall(
                f"SELECT {columns} FROM evidence e JOIN claims c ON c.id = e.claim_id"
                " WHERE c.seller_id = ? ORDER BY e.claim_id, e.received_at, e.id",
                (seller_id,),
            )
        )

    async def hashes_of_seller(self, seller_id: int) -> set[str]:
        rows = await self._connection.execute_fetchall(
            "SELECT DISTINCT e.sha256 FROM evidence e JOIN claims c ON c.id = e.claim_id"
            " WHERE c.seller_id = ? AND e.sha256 IS NOT NULL",
            (seller_id,),
        )
        return {str(row[0]) for row in rows}


def group_by_claim(rows: Iterable[object]) -> dict[int, list[StoredEvidence]]:
    """Evidence rows per claim id, in the order given (pure: safe in a worker thread)."""
    grouped: dict[int, list[StoredEvidence]] = {}
    for row in rows:
        stored = _stored(row)
        grouped.setdefault(stored.claim_id, []).append(stored)
    return grouped


def _stored(row: object) -> StoredEvidence:
    (
        evidence_id,
        claim_id,
        kind,
        item_id,
        detail,
        file_name,
        mime_type,
        size,
        sha256,
        tg_file_id,
        tg_file_unique,
        received_at,
    ) = tuple(row)  # type: ignore[arg-type]
    return StoredEvidence(
        id=int(evidence_id),
        claim_id=int(claim_id),
        kind=str(kind),
        item_id=str(item_id),
        detail=str(detail),
        file_name=file_name,
        mime_type=mime_type,
        size=size,
        sha256=sha256,
        tg_file_id=tg_file_id,
        tg_file_unique=tg_file_unique,
        received_at=from_db_time(str(received_at)),
    )
