"""Receiving evidence in /bewijs: store what is sent for the chosen item, or keep it waiting.

Anything sent before the claim and its checklist item are chosen waits in the session (up to
``MAX_PENDING`` items) and is stored once they are. A session idle for longer than its TTL has
ended: a message then is not filed under a claim the seller has long forgotten.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot.context import ClaimwachtContext
from bot.evidence_types import Outcome, Refusal, Result
from domain.evidence import checklist_for
from handlers.evidence.albums import collect_album
from handlers.evidence.incoming import describe, store
from handlers.evidence.session import EvidenceSession
from handlers.ui.guards import load_claim
from handlers.views import evidence as views
from handlers.views.common import not_found_text

__all__ = [
    "ASK_ITEM",
    "PICK_CLAIM",
    "RECEIVING",
    "current_session",
    "receive",
    "receive_before_claim",
    "receive_before_item",
    "send",
]

# States are persisted: strings keep them stable (schema 5 renamed the old 0, 1, 2).
PICK_CLAIM = "pick_claim"
ASK_ITEM = "ask_item"
RECEIVING = "receiving"
END = ConversationHandler.END


def _seller_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def send(update: Update, context: ClaimwachtContext, text: str,
               markup: InlineKeyboardMarkup | None = None) -> None:
    """Send to the update's chat (a pressed button's message stays as it is)."""
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


def current_session(context: ClaimwachtContext) -> EvidenceSession | None:
    return EvidenceSession.load(context.user_data, context.now())


async def _expired(
    update: Update, context: ClaimwachtContext, session: EvidenceSession
) -> bool:
    """True (and said so) when the session was idle too long; otherwise it is touched."""
    now = context.now()
    if not session.expired(now):
        session.touch(now)
        return False
    EvidenceSession.forget(context.user_data)
    await send(update, context, views.session_expired_text(context.i18n))
    return True


async def receive_before_claim(update: Update, context: ClaimwachtContext) -> str | int:
    """Evidence sent before the claim was chosen waits (nothing is lost)."""
    return await _keep_waiting(update, context, PICK_CLAIM)


async def receive_before_item(update: Update, context: ClaimwachtContext) -> str | int:
    """Evidence sent before the checklist item was chosen waits until it is."""
    return await _keep_waiting(update, context, ASK_ITEM)


async def _keep_waiting(update: Update, context: ClaimwachtContext, state: str) -> str | int:
    message = update.effective_message
    assert message is not None
    session = current_session(context)
    if session is not None and await _expired(update, context, session):
        return END
    session = session or EvidenceSession.start(context.now())
    tr = context.i18n
    incoming = describe(message)
    if incoming.refusal is not None:
        session.save(context.user_data)
        await send(update, context, views.refusal_text(tr, incoming, Refusal(incoming.refusal)))
        return state
    same_album = session.has_album(incoming.media_group_id)
    kept = session.keep(incoming)
    session.save(context.user_data)
    if not kept or not same_album:  # an album is acknowledged once
        await send(update, context, views.waiting_text(
            tr, choosing_claim=state == PICK_CLAIM, kept=kept))
    return state


async def receive(update: Update, context: ClaimwachtContext) -> str | int:
    """Store one photo, document, note or forwarded message for the chosen item."""
    message = update.effective_message
    chat = update.effective_chat
    assert message is not None and chat is not None
    session = current_session(context)
    if session is not None and await _expired(update, context, session):
        return END
    tr = context.i18n
    if session is None or session.claim_id is None or session.item_id is None:
        # A state without its session (e.g. after a data deletion).
        await send(update, context, views.which_claim_text(tr))
        return END
    session.save(context.user_data)
    claim_id, item_id = session.claim_id, session.item_id
    result = await store(context, _seller_id(update), claim_id, item_id, describe(message))
    if result.outcome is Outcome.NOT_FOUND:
        EvidenceSession.forget(context.user_data)
        await send(update, context, not_found_text(tr))
        return END
    if message.media_group_id is not None:
        collect_album(context, chat.id, _seller_id(update), message.media_group_id, claim_id,
                      item_id, result)
        return RECEIVING
    also = await _also_items(context, _seller_id(update), claim_id, item_id, result)
    await send(update, context, *views.stored_screen(tr, claim_id, item_id, result, also))
    return RECEIVING


async def _also_items(context: ClaimwachtContext, seller_id: int, claim_id: int, item_id: str,
                      result: Result) -> list[str]:
    """The claim's other checklist items a just stored file may prove as well."""
    if result.outcome is not Outcome.STORED or result.incoming.file_id is None:
        return []
    loaded = await load_claim(context, seller_id, claim_id)
    if loaded is None:
        return []
    claim = loaded[0].claim
    return [item.item_id for item in checklist_for(claim.source, claim.reason, claim.fulfilment)
            if item.item_id != item_id]
