"""Evidence operations: store what a seller sent, remove an item, bundle a claim. No Telegram.

Storing a file is all or nothing: the download lands under a temporary name (the caller's
``fetch`` writes it, through ``bot.download``), is hashed, and is moved into the
content-addressed store inside the unit of work that inserts its row. A file sent again for
the claim (the same Telegram file, or the same content) is kept once; the seller files a stored
file under more checklist items with ``also_proves`` (a row per item, the bytes stored once).
Removing an item deletes its file only when no other row still uses that content.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, tzinfo
from enum import StrEnum
from pathlib import Path

from bot.claims_repo import StoredClaim
from bot.evidence_bundle import MAX_UPLOAD_BYTES, Bundle, build_bundle, too_big
from bot.evidence_repo import NewEvidence, StoredEvidence
from bot.evidence_types import MAX_DOWNLOAD_BYTES, Incoming, Outcome, Refusal, Result
from bot.files import EvidenceFiles, discard
from bot.i18n import Translator
from bot.storage import Database
from domain.evidence import ITEM_LABELS

__all__ = [
    "AlsoOutcome",
    "BundleTooBig",
    "DownloadFailed",
    "DownloadRefused",
    "Fetch",
    "Incoming",
    "Outcome",
    "Refusal",
    "Result",
    "also_proves",
    "make_bundle",
    "remove_evidence",
    "store_incoming",
]


class DownloadRefused(Exception):
    """``fetch`` learned the file must not be stored (e.g. bigger than a bot may download)."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


class DownloadFailed(Exception):
    """``fetch`` could not get the file; nothing is stored and the seller may send it again."""


# Writes the file into the given temporary path; raises DownloadRefused or DownloadFailed.
Fetch = Callable[[Path], Awaitable[None]]


async def store_incoming(
    database: Database,
    files: EvidenceFiles,
    seller_id: int,
    claim_id: int,
    item_id: str,
    incoming: Incoming,
    received_at: datetime,
    fetch: Fetch,
) -> Result:
    """Store ``incoming`` as evidence for the seller's claim under ``item_id``; never half-stored.

    Notes and forwarded texts are a row; a file is fetched (only when it is new to the claim),
    hashed and placed. A missing claim and someone else's are both ``NOT_FOUND``.
    """
    if incoming.refusal is not None:
        return _refused(incoming, Refusal(incoming.refusal))
    if incoming.file_id is None:
        async with database.unit_of_work() as uow:
            if await uow.claims.get(seller_id, claim_id) is None:
                return Result(Outcome.NOT_FOUND, incoming)
            evidence_id = await uow.evidence.add(claim_id, NewEvidence(
                kind=incoming.kind, item_id=item_id, received_at=received_at,
                detail=incoming.detail,
            ))
        return Result(Outcome.STORED, incoming, evidence_id)
    async with database.unit_of_work(write=False) as uow:
        if await uow.claims.get(seller_id, claim_id) is None:
            return Result(Outcome.NOT_FOUND, incoming)
        known = await uow.evidence.list_for_claim(claim_id)
    if incoming.file_unique_id and any(
        row.tg_file_unique == incoming.file_unique_id for row in known
    ):
        return Result(Outcome.DUPLICATE, incoming)  # the very same Telegram file: no download
    temporary = files.incoming_path()
    try:
        try:
            await fetch(temporary)
        except DownloadRefused as refused:
            return _refused(incoming, refused.refusal)
        except DownloadFailed:
            return Result(Outcome.FAILED, incoming)
        return await _place(database, files, seller_id, claim_id, item_id, incoming, temporary,
                            received_at)
    finally:
        discard(temporary)


async def _place(
    database: Database,
    files: EvidenceFiles,
    seller_id: int,
    claim_id: int,
    item_id: str,
    incoming: Incoming,
    temporary: Path,
    received_at: datetime,
) -> Result:
    sha256, size = await files.digest(temporary)
    if size == 0:
        return _refused(incoming, Refusal.EMPTY)
    if size > MAX_DOWNLOAD_BYTES:
        return _refused(incoming, Refusal.TOO_BIG)
    async with database.unit_of_work() as uow:
        if await uow.claims.get(seller_id, claim_id) is None:
            return Result(Outcome.NOT_FOUND, incoming)
        if await uow.evidence.claim_has_hash(claim_id, sha256):
            return Result(Outcome.DUPLICATE, incoming, size=size)
        evidence_id = await uow.evidence.add(claim_id, NewEvidence(
            kind=incoming.kind,
            item_id=item_id,
            received_at=received_at,
            detail=incoming.detail,
            file_name=incoming.file_name,
            mime_type=incoming.mime_type,
            size=size,
            sha256=sha256,
            tg_file_id=incoming.file_id,
            tg_file_unique=incoming.file_unique_id,
        ))
        if evidence_id is None:
            return Result(Outcome.DUPLICATE, incoming, size=size)
        # Under the unit of work's lock: no removal can delete this hash meanwhile, and a
        # failing move rolls the row back.
        files.place(temporary, sha256)
    return Result(Outcome.STORED, incoming, evidence_id, size=size)


class AlsoOutcome(StrEnum):
    ADDED = "added"
    ALREADY = "already"  # the file was already filed under that item
    NOT_FOUND = "not_found"  # no such claim of the seller, no such file, or no such item


async def also_proves(
    database: Database,
    seller_id: int,
    claim_id: int,
    evidence_id: int,
    item_id: str,
) -> AlsoOutcome:
    """File the stored file ``evidence_id`` of the seller's claim under ``item_id`` as well.

    A new row shares the file by its hash (and its time of arrival): nothing is downloaded
    or copied.
    """
    if item_id not in ITEM_LABELS:
        return AlsoOutcome.NOT_FOUND
    async with database.unit_of_work() as uow:
        if await uow.claims.get(seller_id, claim_id) is None:
            return AlsoOutcome.NOT_FOUND
        source = await uow.evidence.get(claim_id, evidence_id)
        if source is None or source.sha256 is None:
            return AlsoOutcome.NOT_FOUND
        added = await uow.evidence.add(claim_id, NewEvidence(
            kind=source.kind,
            item_id=item_id,
            received_at=source.received_at,
            detail=source.detail,
            file_name=source.file_name,
            mime_type=source.mime_type,
            size=source.size,
            sha256=source.sha256,
            tg_file_id=source.tg_file_id,
            tg_file_unique=source.tg_file_unique,
        ))
    return AlsoOutcome.ADDED if added is not None else AlsoOutcome.ALREADY


def _refused(incoming: Incoming, refusal: Refusal) -> Result:
    return Result(Outcome.REFUSED, incoming, refusal=refusal)


async def remove_evidence(
    database: Database, files: EvidenceFiles, seller_id: int, claim_id: int, evidence_id: int
) -> StoredEvidence | None:
    """Remove one item of the seller's claim, and its file once no row uses that content.

    None when the seller's claim has no such item (or the claim is missing or not theirs).
    """
    async with database.unit_of_work() as uow:
        if await uow.claims.get(seller_id, claim_id) is None:
            return None
        removed = await uow.evidence.delete(claim_id, evidence_id)
        if removed is not None and removed.sha256 and not await uow.evidence.hash_in_use(
            removed.sha256
        ):
            # Inside the unit of work: no upload of the same content can slip in between.
            files.remove(removed.sha256)
    return removed


class BundleTooBig(Exception):
    """The claim's files cannot go out as one upload; ``size`` is what they add up to."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


async def make_bundle(
    files: EvidenceFiles,
    tr: Translator,
    zone: tzinfo,
    zone_name: str,
    stored: StoredClaim,
    rows: Sequence[StoredEvidence],
    now: datetime,
) -> Bundle:
    """The claim's ZIP (built in a worker thread); ``BundleTooBig`` when it cannot be sent."""
    total = too_big(rows)
    if total is not None:
        raise BundleTooBig(total)
    bundle = await asyncio.to_thread(build_bundle, tr, zone, zone_name, stored, rows, files, now)
    if len(bundle.data) > MAX_UPLOAD_BYTES:
        raise BundleTooBig(len(bundle.data))
    return bundle
