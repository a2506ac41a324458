"""/bewijs and /evidence: collect evidence for a claim (photos, documents, notes, forwards).

Flow: pick the claim (card button ``ev:add``, a picker of open claims ``ev:pick``, or
``/bewijs 171-1234567-1234567``) → pick the checklist item the next evidence proves
(``ev:item``, or "Other") → send any number of items → Done (button, /klaar or /done) shows
the updated claim card. Everything sent before an item is chosen waits in the session
(``handlers.evidence.session``) and is stored once it is. Albums get one answer
(``handlers.evidence.albums``). Every claim button is loaded for the sender by ``owned_claim``.
"""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.evidence_repo import StoredEvidence
from domain.claims import normalise_order_id
from domain.errors import ValidationError
from domain.evidence import OTHER_ITEM, checklist_for
from domain.lifecycle import State
from domain.rules import ClaimSource
from handlers.card import show_claim_card
from handlers.evidence.albums import flush_albums
from handlers.evidence.incoming import store
from handlers.evidence.receive import (
    ASK_ITEM,
    PICK_CLAIM,
    RECEIVING,
    current_session,
    receive,
    receive_before_claim,
    receive_before_item,
    send,
)
from handlers.evidence.session import EvidenceSession
from handlers.private_chat import deep_link_filter, opened_by_deep_link, private_only
from handlers.ui import filters as typed
from handlers.ui.callbacks import EvidenceButton
from handlers.ui.flows import Flows
from handlers.ui.guards import OwnedClaim, load_claim, owned_claim
from handlers.views import evidence as views
from handlers.views.common import not_found_text, stale_button_text

__all__ = ["COMMANDS", "DONE_COMMANDS", "build_evidence_conversation"]

END = ConversationHandler.END
COMMANDS = ("bewijs", "evidence")
DONE_COMMANDS = ("klaar", "done")
CANCEL_COMMANDS = ("cancel", "annuleren")
PICKER_LIMIT = 20
# States where evidence still matters: answering, waiting, or a possible or running appeal.
OPEN_STATES = frozenset({State.OPEN, State.RESPONDED, State.GRANTED_SELLER, State.APPEALING})


# --- helpers ---------------------------------------------------------------------------------


def _seller_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def _drop_buttons(query: CallbackQuery) -> None:
    """Take the buttons off the message that was pressed, so it cannot be pressed twice."""
    if query.message is not None:
        await query.edit_message_reply_markup(None)


def _by_order_id(claims: list[StoredClaim], typed_id: str) -> StoredClaim | None:
    for source in (ClaimSource.A_TO_Z, ClaimSource.TRUSTED_SHOPS):
        try:
            order_id = normalise_order_id(source, typed_id)
        except ValidationError:
            continue
        for stored in claims:
            if stored.claim.order_id == order_id:
                return stored
    return None


async def _claim_by_order_id(
    context: ClaimwachtContext, seller_id: int, typed_id: str
) -> tuple[StoredClaim, list[StoredEvidence]] | None:
    async with context.services.database.unit_of_work(write=False) as uow:
        claims = await uow.claims.list_for_seller(seller_id)
    chosen = _by_order_id(claims, typed_id)
    return None if chosen is None else await load_claim(context, seller_id, chosen.id)


# --- choosing the claim ---------------------------------------------------------------------


async def evidence_command(update: Update, context: ClaimwachtContext) -> str | int:
    """/bewijs [order id]: pick the claim to add evidence to."""
    if not await private_only(update, context, "evidence"):
        return END
    tr = context.i18n
    seller_id = _seller_id(update)
    session = EvidenceSession.start(context.now())  # a new /bewijs starts afresh
    typed_id = "" if opened_by_deep_link(update) else " ".join(context.args or []).strip()
    if typed_id:
        chosen = await _claim_by_order_id(context, seller_id, typed_id)
        if chosen is not None:
            return await _ask_item(update, context, session, *chosen)
        await send(update, context, views.no_such_order_text(tr, typed_id))
    async with context.services.database.unit_of_work(write=False) as uow:
        claims = await uow.claims.list_for_seller(seller_id)
    open_claims = sorted(
        (c for c in claims if c.state in OPEN_STATES),
        key=lambda c: c.claim.notice_at, reverse=True,
    )[:PICKER_LIMIT]
    if len(open_claims) == 1 and not typed_id:  # nothing to choose: straight to that claim
        only = await load_claim(context, seller_id, open_claims[0].id)
        if only is not None:
            return await _ask_item(update, context, session, *only)
    if not open_claims:
        EvidenceSession.forget(context.user_data)
        await send(update, context, views.no_open_claims_text(tr))
        return END
    session.save(context.user_data)
    await send(update, context, *views.claim_picker(tr, open_claims))
    return PICK_CLAIM


@owned_claim(EvidenceButton)
async def pick_claim(
    update: Update, context: ClaimwachtContext, pressed: OwnedClaim[EvidenceButton]
) -> str | int:
    """A claim chosen from the card (``ev:add``) or the picker (``ev:pick``)."""
    await pressed.query.answer()
    session = None
    if pressed.button.action == "pick":
        await _drop_buttons(pressed.query)
        session = current_session(context)  # evidence sent while picking waits for the item choice
    session = session or EvidenceSession.start(context.now())
    return await _ask_item(update, context, session, pressed.stored, pressed.evidence)


async def pick_typed(update: Update, context: ClaimwachtContext) -> str | int:
    """An order number typed instead of pressing a claim button."""
    message = update.effective_message
    assert message is not None and message.text is not None
    chosen = await _claim_by_order_id(context, _seller_id(update), message.text)
    if chosen is None:
        await send(update, context, views.no_such_order_text(context.i18n, message.text.strip()))
        return PICK_CLAIM
    session = current_session(context) or EvidenceSession.start(context.now())
    return await _ask_item(update, context, session, *chosen)


@owned_claim(EvidenceButton)
async def choose_again(
    update: Update, context: ClaimwachtContext, pressed: OwnedClaim[EvidenceButton]
) -> str | int:
    """"Another checklist item": ask which item the next evidence proves."""
    await pressed.query.answer()
    session = current_session(context) or EvidenceSession.start(context.now())
    return await _ask_item(update, context, session, pressed.stored, pressed.evidence)


async def _ask_item(
    update: Update,
    context: ClaimwachtContext,
    session: EvidenceSession,
    stored: StoredClaim,
    evidence: list[StoredEvidence],
) -> str | int:
    session.choose_claim(stored.id)
    session.item_id = None
    session.touch(context.now())
    session.save(context.user_data)
    have = {row.item_id for row in evidence}
    await send(update, context, *views.item_question(context.i18n, stored, have))
    return ASK_ITEM


@owned_claim(EvidenceButton)
async def pick_item(
    update: Update, context: ClaimwachtContext, pressed: OwnedClaim[EvidenceButton]
) -> str | int:
    """The seller chose the checklist item; store what was waiting, then ask for more."""
    tr = context.i18n
    stored = pressed.stored
    item_id = pressed.button.arg or ""
    claim = stored.claim
    valid = {item.item_id for item in checklist_for(claim.source, claim.reason, claim.fulfilment)}
    session = current_session(context)
    if item_id not in valid | {OTHER_ITEM}:
        await pressed.query.answer(stale_button_text(tr))
        return ASK_ITEM if session is not None and session.claim_id == stored.id else END
    await pressed.query.answer()
    await _drop_buttons(pressed.query)
    session = session or EvidenceSession.start(context.now())
    session.choose_claim(stored.id)  # items waiting for another claim are dropped
    session.item_id = item_id
    session.touch(context.now())
    pending = session.take_pending()
    session.save(context.user_data)
    if not pending:
        await send(update, context, *views.send_prompt(tr, stored.id, item_id))
        return RECEIVING
    seller_id = _seller_id(update)
    results = [await store(context, seller_id, stored.id, item_id, item) for item in pending]
    await send(update, context, *views.summary_screen(tr, stored.id, item_id, results))
    return RECEIVING


# --- finishing ------------------------------------------------------------------------------


@owned_claim(EvidenceButton)
async def done_pressed(
    update: Update, context: ClaimwachtContext, pressed: OwnedClaim[EvidenceButton]
) -> str | int:
    """The Done button: show the updated claim card."""
    await pressed.query.answer()
    await _drop_buttons(pressed.query)
    return await _finish(update, context, pressed.stored)


async def done_command(update: Update, context: ClaimwachtContext) -> str | int:
    """/klaar, /done: show the updated claim card."""
    tr = context.i18n
    session = current_session(context)
    loaded = None
    if session is not None and session.claim_id is not None:
        loaded = await load_claim(context, _seller_id(update), session.claim_id)
        if loaded is None:
            EvidenceSession.forget(context.user_data)
            await send(update, context, not_found_text(tr))
            return END
    if loaded is None:
        EvidenceSession.forget(context.user_data)
        await send(update, context, views.nothing_to_finish_text(tr))
        return END
    return await _finish(update, context, loaded[0])


async def _finish(update: Update, context: ClaimwachtContext, stored: StoredClaim) -> int:
    tr = context.i18n
    chat = update.effective_chat
    assert chat is not None
    await flush_albums(context, chat.id)
    session = current_session(context)
    waiting = len(session.pending) if session is not None else 0
    EvidenceSession.forget(context.user_data)
    if waiting:
        await send(update, context, views.not_stored_text(tr, waiting))
    await show_claim_card(context, chat.id, _seller_id(update), stored.id)
    return END


async def cancel(update: Update, context: ClaimwachtContext) -> str | int:
    """/cancel: stop adding evidence; what was stored stays."""
    chat = update.effective_chat
    if chat is not None:
        await flush_albums(context, chat.id)
    EvidenceSession.forget(context.user_data)
    await send(update, context, views.stopped_text(context.i18n))
    return END


def build_evidence_conversation(flows: Flows) -> ConversationHandler[ClaimwachtContext]:
    anything = filters.ChatType.PRIVATE & (typed.MEDIA | typed.TEXT)
    return flows.conversation(
        "evidence",
        entry_points=[
            CommandHandler(COMMANDS, evidence_command),
            CommandHandler("start", evidence_command, filters=deep_link_filter("evidence")),
            CallbackQueryHandler(pick_claim, pattern=EvidenceButton.pattern("add", "pick")),
            CallbackQueryHandler(pick_item, pattern=EvidenceButton.pattern("item")),
            CallbackQueryHandler(choose_again, pattern=EvidenceButton.pattern("items")),
            CallbackQueryHandler(done_pressed, pattern=EvidenceButton.pattern("done")),
        ],
        states={
            PICK_CLAIM: [
                CallbackQueryHandler(pick_claim, pattern=EvidenceButton.pattern("pick")),
                MessageHandler(typed.TEXT, pick_typed),
                MessageHandler(anything, receive_before_claim),
            ],
            ASK_ITEM: [MessageHandler(anything, receive_before_item)],
            RECEIVING: [MessageHandler(anything, receive)],
        },
        fallbacks=[
            CommandHandler(DONE_COMMANDS, done_command),
            CommandHandler(CANCEL_COMMANDS, cancel),
        ],
    )
