"""Photos and documents sent during the claim intake: kept, and filed with the claim on Confirm.

A seller registering a claim often has the proof at hand (a label, a carrier's proof of
delivery) and sends it before the intake asks. Instead of "type your answer", the file's
Telegram reference waits in ``user_data[FILES_KEY]`` (plain data, nothing downloaded yet); on
Confirm each is stored as evidence for the new claim through the evidence service, under
"other", where the seller can refile it. Cancel or an expired draft drops the references.
"""

from __future__ import annotations

from telegram import Message, Update

from bot.context import ClaimwachtContext
from bot.evidence_types import Incoming, Outcome
from domain.evidence import OTHER_ITEM
from handlers.evidence.incoming import describe, store

__all__ = ["FILES_KEY", "MAX_KEPT", "file_all", "forget", "keep"]

FILES_KEY = "intake.files"
MAX_KEPT = 20  # a whole album and then some; more belongs in /bewijs


def _kept(context: ClaimwachtContext) -> list[dict[str, object]]:
    data = context.user_data.get(FILES_KEY) if context.user_data is not None else None
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def forget(context: ClaimwachtContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(FILES_KEY, None)


def keep(update: Update, context: ClaimwachtContext) -> str | None:
    """Keep a photo or document sent during the intake; what to tell the seller, or None when
    the message brought no file worth saying anything new about (the next photo of an album)."""
    message = update.effective_message
    if not isinstance(message, Message) or context.user_data is None:
        return None
    incoming = describe(message)
    _ = context.i18n.gettext
    if incoming.file_id is None:
        return _("Please type your answer as text.")
    if incoming.refusal is not None:
        return _("I can't keep that file as evidence (type or size). Please type your answer "
                 "as text.")
    kept = _kept(context)
    same_album = bool(incoming.media_group_id) and any(
        item.get("media_group_id") == incoming.media_group_id for item in kept)
    if len(kept) >= MAX_KEPT:
        return _("I'm keeping {count} files already; send more with /bewijs after you "
                 "confirm.").format(count=len(kept))
    kept.append(incoming.to_data())
    context.user_data[FILES_KEY] = kept
    if same_album:
        return None
    return _("Kept: I'll add it to the claim's evidence when you confirm.")


async def file_all(context: ClaimwachtContext, seller_id: int, claim_id: int) -> int:
    """Store the kept files as the new claim's evidence; how many were stored."""
    stored = 0
    for data in _kept(context):
        result = await store(context, seller_id, claim_id, OTHER_ITEM, Incoming.from_data(data))
        stored += result.outcome in (Outcome.STORED, Outcome.DUPLICATE)
    forget(context)
    return stored
