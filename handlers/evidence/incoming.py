"""From a Telegram message to stored evidence: read the message, fetch the file, call the service.

Checks that need no download come first (size reported by Telegram, empty file, allow-list), so
a refused file is never fetched. Hashing, storing and de-duplicating are
``bot.services.evidence.store_incoming``; the download is ``bot.download`` (streamed, capped).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC
from pathlib import Path

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
from bot.download import FileTooBig, download
from bot.evidence_types import Incoming, Refusal, Result, allowed_type
from bot.files import EvidenceFiles
from bot.services.evidence import DownloadFailed, DownloadRefused, store_incoming

__all__ = ["describe", "store"]

_LOGGER = logging.getLogger(__name__)


def describe(message: Message) -> Incoming:
    """Read a message as evidence: its kind, file facts and detail, or why it is refused."""
    forwarded = message.forward_origin is not None
    origin = _origin_line(message.forward_origin) if message.forward_origin else ""
    group = message.media_group_id
    if message.photo:
        photo = message.photo[-1]
        return Incoming(
            kind="forward" if forwarded else "photo",
            detail=_join(origin, message.caption),
            file_id=photo.file_id,
            file_unique_id=photo.file_unique_id,
            mime_type="image/jpeg",
            size=photo.file_size,
            media_group_id=group,
        ).checked()
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
            return incoming.refused(Refusal.TYPE)
        return replace(incoming, mime_type=file_type.mime_type).checked()
    if message.text:
        return Incoming(
            kind="forward" if forwarded else "text",
            detail=_join(origin, message.text.strip()),
        )
    return Incoming(kind="unsupported", refusal=Refusal.UNSUPPORTED.value, media_group_id=group)


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
    context: ClaimwachtContext, seller_id: int, claim_id: int, item_id: str, incoming: Incoming
) -> Result:
    """Store what a message brought for the seller's claim, fetching its file from Telegram."""
    file_id = incoming.file_id

    async def fetch(target: Path) -> None:
        assert file_id is not None
        try:
            telegram_file = await context.bot.get_file(file_id)
            await download(telegram_file, target)  # streamed, stops at the limit
        except FileTooBig:
            raise DownloadRefused(Refusal.TOO_BIG) from None
        except BadRequest as error:
            if "too big" in error.message.lower():  # getFile's own answer for big files
                raise DownloadRefused(Refusal.TOO_BIG) from None
            _LOGGER.warning("could not download evidence: %s", error)
            raise DownloadFailed from error
        except TelegramError as error:
            _LOGGER.warning("could not download evidence: %s", error)
            raise DownloadFailed from error

    return await store_incoming(
        context.services.database, EvidenceFiles(context.services.data_dir), seller_id,
        claim_id, item_id, incoming, context.now(), fetch,
    )
