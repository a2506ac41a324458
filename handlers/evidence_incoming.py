"""From a Telegram message to a stored evidence row (and file): check, download, hash, store.

Checks that need no download come first (size reported by Telegram, empty file, allow-list), so
a refused file is never fetched. A file is downloaded to a temporary name, hashed, and moved
into the content-addressed store inside the unit of work that inserts its row: both or neither.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from telegram import (
    Message,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)
from telegram.error import BadRequest, TelegramError

from bot.context import ClaimwachtContext
from bot.download import download
from bot.evidence_repo import NewEvidence
from bot.evidence_types import MAX_DOWNLOAD_BYTES, allowed_type
from bot.files import EvidenceFiles, discard

__all__ = ["Incoming", "Outcome", "Refusal", "Result", "describe", "store"]

_LOGGER = logging.getLogger(__name__)


class Refusal(StrEnum):
    TOO_BIG = "too_big"
    EMPTY = "empty"
    TYPE = "type"
    UNSUPPORTED = "unsupported"


class Outcome(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    NOT_FOUND = "not_found"  # the claim went away (deleted) between choosing and sending
    FAILED = "failed"  # Telegram did not hand the file over; the seller can send it again


@dataclass(frozen=True)
class Incoming:
    """What a message brings, before anything is stored; plain data so it can wait in user_data."""

    kind: str  # photo, document, text or forward
    detail: str = ""
    file_id: str | None = None
    file_unique_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None  # as Telegram reported it
    refusal: str | None = None  # a Refusal value: nothing will be downloaded or stored
    media_group_id: str | None = None

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Incoming:
        return cls(**data)

    @property
    def display_name(self) -> str:
        return self.file_name or self.kind


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    incoming: Incoming
    evidence_id: int | None = None
    size: int | None = None
    refusal: Refusal | None = None


def describe(message: Message) -> Incoming:
    """Read a message as evidence: its kind, file facts and detail, or why it is refused."""
    forwarded = message.forward_origin is not None
    origin = _origin_line(message.forward_origin) if message.forward_origin else ""
    group = message.media_group_id
    if message.photo:
        photo = message.photo[-1]
        return _checked(Incoming(
            kind="forward" if forwarded else "photo",
            detail=_join(origin, message.caption),
            file_id=photo.file_id,
            file_unique_id=photo.file_unique_id,
            mime_type="image/jpeg",
            size=photo.file_size,
            media_group_id=group,
        ))
    if message.document:
        document = message.document
        incoming = Incoming(
            kind="forward" if forwarded else "document",
            detail=_join(origin, message.caption),
            file_id=document.file_id,
            file_unique_id=document.file_unique_id,
            file_name=document.file_name,
            mime_type=document.mime_type,
            size=document.file_size,
            media_group_id=group,
        )
        file_type = allowed_type(document.file_name, document.mime_type)
        if file_type is None:
            return _refused(incoming, Refusal.TYPE)
        return _checked(Incoming(**{**asdict(incoming), "mime_type": file_type.mime_type}))
    if message.text:
        return Incoming(
            kind="forward" if forwarded else "text",
            detail=_join(origin, message.text.strip()),
        )
    return Incoming(kind="unsupported", refusal=Refusal.UNSUPPORTED.value, media_group_id=group)


def _checked(incoming: Incoming) -> Incoming:
    if incoming.size is not None and incoming.size > MAX_DOWNLOAD_BYTES:
        return _refused(incoming, Refusal.TOO_BIG)
    if incoming.size == 0:
        return _refused(incoming, Refusal.EMPTY)
    return incoming


def _refused(incoming: Incoming, refusal: Refusal) -> Incoming:
    return Incoming(**{**asdict(incoming), "refusal": refusal.value})


def _join(*parts: str | None) -> str:
    return " | ".join(part for part in parts if part)


def _origin_line(origin: MessageOrigin) -> str:
    """Who wrote a forwarded message and when (UTC), kept with the evidence."""
    if isinstance(origin, MessageOriginUser):
        user = origin.sender_user
        who = user.full_name + (f" (@{user.username})" if user.username else "")
    elif isinstance(origin, MessageOriginHiddenUser):
        who = origin.sender_user_name
    elif isinstance(origin, MessageOriginChat):
        who = origin.sender_chat.title or origin.sender_chat.full_name or str(origin.sender_chat.id)
    elif isinstance(origin, MessageOriginChannel):
        who = origin.chat.title or str(origin.chat.id)
    else:
        who = "?"
    when = origin.date.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"{who}, {when}"


async def store(
    context: ClaimwachtContext,
    seller_id: int,
    claim_id: int,
    item_id: str,
    incoming: Incoming,
    received_at: datetime,
) -> Result:
    """Store ``incoming`` as evidence for the seller's claim; never half-stored."""
    if incoming.refusal is not None:
        return Result(Outcome.REFUSED, incoming, refusal=Refusal(incoming.refusal))
    database = context.services.database
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
    files = EvidenceFiles(context.services.data_dir)
    temporary = files.incoming_path()
    try:
        try:
            telegram_file = await context.bot.get_file(incoming.file_id)
            if telegram_file.file_size and telegram_file.file_size > MAX_DOWNLOAD_BYTES:
                return _refusal(incoming, Refusal.TOO_BIG)
            await download(telegram_file, temporary)  # streamed, stops at the limit
        except BadRequest as error:
            if "too big" in error.message.lower():
                return _refusal(incoming, Refusal.TOO_BIG)
            _LOGGER.warning("could not download evidence: %s", error)
            return Result(Outcome.FAILED, incoming)
        except TelegramError as error:
            _LOGGER.warning("could not download evidence: %s", error)
            return Result(Outcome.FAILED, incoming)
        sha256, size = await files.digest(temporary)
        if size == 0:
            return _refusal(incoming, Refusal.EMPTY)
        if size > MAX_DOWNLOAD_BYTES:
            return _refusal(incoming, Refusal.TOO_BIG)
        async with database.unit_of_work() as uow:
            if await uow.claims.get(seller_id, claim_id) is None:
                return Result(Outcome.NOT_FOUND, incoming)
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
            # Under the unit of work's lock: no deletion can remove this hash meanwhile, and a
            # failing move rolls the row back.
            files.place(temporary, sha256)
        return Result(Outcome.STORED, incoming, evidence_id, size=size)
    finally:
        discard(temporary)


def _refusal(incoming: Incoming, refusal: Refusal) -> Result:
    return Result(Outcome.REFUSED, incoming, refusal=refusal)
