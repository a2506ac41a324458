"""/bewijs and /evidence: collect evidence for a claim (photos, documents, notes, forwards).

Flow: pick the claim (card button ``ev:add:<id>``, a picker of open claims ``ev:pick:<id>``, or
``/bewijs 171-1234567-1234567``) → pick the checklist item the next evidence proves
(``ev:item:<id>:<item>``, or "Other") → send any number of items → Done (button, /klaar or
/done) shows the updated claim card. Everything sent before an item is chosen waits in
user_data and is stored once it is. Albums are stored item by item and answered with one
summary by a short JobQueue job that every further album item pushes back.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.evidence_types import MAX_DOWNLOAD_BYTES, extension_list
from bot.i18n import Translator
from domain.claims import normalise_order_id
from domain.errors import ValidationError
from domain.evidence import checklist_for
from domain.lifecycle import State
from domain.rules import ClaimSource
from handlers.card import not_found_text, show_claim_card
from handlers.evidence_incoming import Incoming, Outcome, Refusal, Result, describe, store
from handlers.evidence_text import (
    OTHER_ITEM,
    item_label,
    private_only,
    size_text,
    stale_button,
)
from handlers.private_chat import deep_link_filter, opened_by_deep_link
from handlers.ui.flows import Flows

__all__ = [
    "ALBUM_DELAY_SECONDS",
    "COMMANDS",
    "DONE_COMMANDS",
    "build_evidence_conversation",
]

# States are persisted: strings keep them stable (schema 5 renamed the old 0, 1, 2).
PICK_CLAIM = "pick_claim"
ASK_ITEM = "ask_item"
RECEIVING = "receiving"
COMMANDS = ("bewijs", "evidence")
DONE_COMMANDS = ("klaar", "done")
CANCEL_COMMANDS = ("cancel", "annuleren")
CLAIM_KEY = "evidence.claim"
ITEM_KEY = "evidence.item"
PENDING_KEY = "evidence.pending"
SEEN_KEY = "evidence.seen"  # last activity (UTC ISO); a session idle for a day has ended
IDLE_LIMIT = timedelta(hours=24)
ALBUMS_KEY = "evidence.albums"  # chat_data: media group id -> what was stored, for the summary
ALBUM_DELAY_SECONDS = 1.5
MAX_PENDING = 20
PICKER_LIMIT = 20
# States where evidence still matters: answering, waiting, or a possible or running appeal.
OPEN_STATES = frozenset({State.OPEN, State.RESPONDED, State.GRANTED_SELLER, State.APPEALING})


# --- helpers ---------------------------------------------------------------------------------


def _seller_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def _load_claim(
    context: ClaimwachtContext, seller_id: int, claim_id: int
) -> StoredClaim | None:
    async with context.services.database.unit_of_work(write=False) as uow:
        return await uow.claims.get(seller_id, claim_id)


def _claim_id(data: str, position: int = 2) -> int | None:
    parts = data.split(":")
    try:
        return int(parts[position])
    except (IndexError, ValueError):
        return None


def _done_button(tr: Translator, claim_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(tr.gettext("Done"), callback_data=f"ev:done:{claim_id}")


def _after_item_markup(tr: Translator, claim_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([
        [_done_button(tr, claim_id)],
        [InlineKeyboardButton(tr.gettext("Another checklist item"),
                              callback_data=f"ev:items:{claim_id}")],
        [InlineKeyboardButton(tr.gettext("List evidence"), callback_data=f"ev:list:{claim_id}")],
    ])


async def _send(update: Update, context: ClaimwachtContext, text: str,
                markup: InlineKeyboardMarkup | None = None) -> Message | None:
    chat = update.effective_chat
    if chat is None:
        return None
    return await context.bot.send_message(chat.id, text, reply_markup=markup)


async def _answer(update: Update, text: str | None = None) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text)


async def _drop_buttons(update: Update) -> None:
    """Take the buttons off the message that was pressed, so it cannot be pressed twice."""
    query = update.callback_query
    if query is not None and query.message is not None:
        await query.edit_message_reply_markup(None)


def _forget(context: ClaimwachtContext) -> None:
    for key in (CLAIM_KEY, ITEM_KEY, PENDING_KEY, SEEN_KEY):
        context.user_data.pop(key, None)


async def _expired(update: Update, context: ClaimwachtContext) -> bool:
    """True (and said so) when the session was idle too long: a note typed days later is not
    evidence for a claim the seller has long forgotten they were adding to."""
    seen = context.user_data.get(SEEN_KEY)
    now = context.now()
    context.user_data[SEEN_KEY] = now.isoformat()
    if seen is None or now - datetime.fromisoformat(seen) <= IDLE_LIMIT:
        return False
    _forget(context)
    await _send(update, context, context.i18n.gettext(
        "You were adding evidence more than a day ago; I closed that session and stored nothing"
        " from this message. Send /bewijs (or /evidence) to add more."))
    return True


# --- choosing the claim ---------------------------------------------------------------------


async def evidence_command(update: Update, context: ClaimwachtContext) -> str | int:
    """/bewijs [order id]: pick the claim to add evidence to."""
    if not await private_only(update, context, "evidence"):
        return ConversationHandler.END
    tr = context.i18n
    seller_id = _seller_id(update)
    _forget(context)
    async with context.services.database.unit_of_work(write=False) as uow:
        claims = await uow.claims.list_for_seller(seller_id)
    typed = "" if opened_by_deep_link(update) else " ".join(context.args or []).strip()
    if typed:
        chosen = _by_order_id(claims, typed)
        if chosen is None:
            await _send(update, context, tr.gettext(
                "I have no claim with order number {order_id}. Pick one of your open claims,"
                " or type the number as on the notice, for example 171-1234567-1234567."
            ).format(order_id=typed))
        else:
            return await _ask_item(update, context, chosen)
    open_claims = sorted(
        (c for c in claims if c.state in OPEN_STATES),
        key=lambda c: c.claim.notice_at, reverse=True,
    )[:PICKER_LIMIT]
    if len(open_claims) == 1 and not typed:  # nothing to choose: straight to that claim
        return await _ask_item(update, context, open_claims[0])
    if not open_claims:
        await _send(update, context, tr.gettext(
            "You have no open claims. Register one first with /nieuweclaim (or /newclaim)."))
        return ConversationHandler.END
    buttons = [
        [InlineKeyboardButton(
            f"{c.claim.order_id} · {tr.money(c.claim.amount)}", callback_data=f"ev:pick:{c.id}"
        )]
        for c in open_claims
    ]
    await _send(update, context, tr.gettext("Which claim is the evidence for?"),
                InlineKeyboardMarkup(buttons))
    return PICK_CLAIM


def _by_order_id(claims: list[StoredClaim], typed: str) -> StoredClaim | None:
    for source in (ClaimSource.A_TO_Z, ClaimSource.TRUSTED_SHOPS):
        try:
            order_id = normalise_order_id(source, typed)
        except ValidationError:
            continue
        for stored in claims:
            if stored.claim.order_id == order_id:
                return stored
    return None


async def pick_claim(update: Update, context: ClaimwachtContext) -> str | int:
    """A claim chosen from the card (``ev:add``) or the picker (``ev:pick``)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    claim_id = _claim_id(query.data)
    stored = None if claim_id is None else await _load_claim(context, _seller_id(update), claim_id)
    if stored is None:
        await query.answer(not_found_text(context.i18n), show_alert=True)
        return ConversationHandler.END
    await query.answer()
    if query.data.startswith("ev:pick:"):
        await _drop_buttons(update)  # evidence sent while picking waits for the item choice
    else:
        _forget(context)
    return await _ask_item(update, context, stored)


async def pick_typed(update: Update, context: ClaimwachtContext) -> str | int:
    """An order number typed instead of pressing a claim button."""
    message = update.effective_message
    assert message is not None and message.text is not None
    async with context.services.database.unit_of_work(write=False) as uow:
        claims = await uow.claims.list_for_seller(_seller_id(update))
    chosen = _by_order_id(claims, message.text)
    if chosen is None:
        await _send(update, context, context.i18n.gettext(
            "I have no claim with order number {order_id}. Pick one of your open claims,"
            " or type the number as on the notice, for example 171-1234567-1234567."
        ).format(order_id=message.text.strip()))
        return PICK_CLAIM
    return await _ask_item(update, context, chosen)


async def choose_again(update: Update, context: ClaimwachtContext) -> str | int | None:
    """"Another checklist item": ask which item the next evidence proves."""
    query = update.callback_query
    assert query is not None and query.data is not None
    claim_id = _claim_id(query.data)
    stored = None if claim_id is None else await _load_claim(context, _seller_id(update), claim_id)
    if stored is None:
        await query.answer(not_found_text(context.i18n), show_alert=True)
        return ConversationHandler.END
    await query.answer()
    context.user_data.pop(ITEM_KEY, None)
    return await _ask_item(update, context, stored)


async def _ask_item(update: Update, context: ClaimwachtContext, stored: StoredClaim) -> str | int:
    tr = context.i18n
    context.user_data[CLAIM_KEY] = stored.id
    context.user_data[SEEN_KEY] = context.now().isoformat()
    async with context.services.database.unit_of_work(write=False) as uow:
        have = {row.item_id for row in await uow.evidence.list_for_claim(stored.id)}
    rows = []
    claim = stored.claim
    for item in checklist_for(claim.source, claim.reason, claim.fulfilment):
        mark = "✅ " if item.item_id in have else ""
        rows.append([InlineKeyboardButton(
            mark + tr.render(item.label), callback_data=f"ev:item:{stored.id}:{item.item_id}"
        )])
    rows.append([InlineKeyboardButton(tr.gettext("Other"),
                                      callback_data=f"ev:item:{stored.id}:{OTHER_ITEM}")])
    await _send(update, context, tr.gettext(
        "Claim {order_id}: which checklist item does the next evidence prove?"
    ).format(order_id=stored.claim.order_id), InlineKeyboardMarkup(rows))
    return ASK_ITEM


async def pick_item(update: Update, context: ClaimwachtContext) -> str | int:
    """The seller chose the checklist item; store what was waiting, then ask for more."""
    query = update.callback_query
    assert query is not None and query.data is not None
    tr = context.i18n
    parts = query.data.split(":")
    claim_id = _claim_id(query.data)
    item_id = parts[3] if len(parts) == 4 else ""
    stored = None if claim_id is None else await _load_claim(context, _seller_id(update), claim_id)
    if stored is None:
        await query.answer(not_found_text(tr), show_alert=True)
        return ConversationHandler.END
    claim = stored.claim
    valid = {item.item_id for item in checklist_for(claim.source, claim.reason, claim.fulfilment)}
    if item_id not in valid | {OTHER_ITEM}:
        await query.answer(stale_button(tr))
        return ASK_ITEM if context.user_data.get(CLAIM_KEY) == claim_id else ConversationHandler.END
    await query.answer()
    await _drop_buttons(update)
    if context.user_data.get(CLAIM_KEY) != claim_id:
        context.user_data.pop(PENDING_KEY, None)  # waiting items belonged to another claim
    context.user_data[CLAIM_KEY] = stored.id
    context.user_data[ITEM_KEY] = item_id
    context.user_data[SEEN_KEY] = context.now().isoformat()
    label = item_label(tr, item_id)
    pending = [Incoming.from_data(data) for data in context.user_data.pop(PENDING_KEY, [])]
    if pending:
        results = [
            await store(context, _seller_id(update), stored.id, item_id, incoming, context.now())
            for incoming in pending
        ]
        await _send(update, context, _summary(tr, label, results),
                    _after_item_markup(tr, stored.id))
        return RECEIVING
    await _send(update, context, tr.gettext(
        "Send the evidence for “{item}”: photos, documents ({types}), a note as text (for example"
        " the tracking number), or forward a message. Several in a row is fine. Press Done when"
        " you have sent everything."
    ).format(item=label, types=extension_list()), InlineKeyboardMarkup([[
        _done_button(tr, stored.id)]]))
    return RECEIVING


# --- receiving ------------------------------------------------------------------------------


async def receive_before_claim(update: Update, context: ClaimwachtContext) -> str | int:
    """Evidence sent before the claim was chosen waits (nothing is lost)."""
    return await _keep_waiting(update, context, PICK_CLAIM)


async def receive_before_item(update: Update, context: ClaimwachtContext) -> str | int:
    """Evidence sent before the checklist item was chosen waits until it is."""
    return await _keep_waiting(update, context, ASK_ITEM)


async def _keep_waiting(
    update: Update, context: ClaimwachtContext, state: str
) -> str | int:
    message = update.effective_message
    assert message is not None
    if await _expired(update, context):
        return ConversationHandler.END
    tr = context.i18n
    incoming = describe(message)
    pending: list[dict[str, Any]] = context.user_data.setdefault(PENDING_KEY, [])
    if incoming.refusal is not None:
        await _send(update, context, _refusal_text(tr, incoming, Refusal(incoming.refusal)))
        return state
    first = (
        tr.gettext("First choose the claim with one of the buttons above (or type its order"
                   " number); then send the rest.")
        if state == PICK_CLAIM
        else tr.gettext("First choose the checklist item with one of the buttons above; then"
                        " send the rest.")
    )
    if len(pending) >= MAX_PENDING:
        await _send(update, context, first)
        return state
    same_album = incoming.media_group_id is not None and any(
        data.get("media_group_id") == incoming.media_group_id for data in pending
    )
    pending.append(incoming.to_data())
    if not same_album:
        await _send(update, context, tr.gettext("Got it, I'll keep it until then.") + " " + first)
    return state


async def receive(update: Update, context: ClaimwachtContext) -> str | int:
    """Store one photo, document, note or forwarded message for the chosen item."""
    message = update.effective_message
    assert message is not None
    if await _expired(update, context):
        return ConversationHandler.END
    tr = context.i18n
    claim_id = context.user_data.get(CLAIM_KEY)
    item_id = context.user_data.get(ITEM_KEY)
    if claim_id is None or item_id is None:  # state without data (e.g. after a data deletion)
        await _send(update, context, tr.gettext(
            "Which claim is this for? Start again with /bewijs (or /evidence)."))
        return ConversationHandler.END
    result = await store(context, _seller_id(update), claim_id, item_id, describe(message),
                         context.now())
    if result.outcome is Outcome.NOT_FOUND:
        _forget(context)
        await _send(update, context, not_found_text(tr))
        return ConversationHandler.END
    if message.media_group_id is not None:
        _collect_album(update, context, message.media_group_id, result, claim_id, item_id)
        return RECEIVING
    await _send(update, context, _one_line(tr, item_label(tr, item_id), result),
                _after_item_markup(tr, claim_id))
    return RECEIVING


def _one_line(tr: Translator, label: str, result: Result) -> str:
    name = _name(tr, result.incoming)
    if result.outcome is Outcome.STORED:
        if result.incoming.file_id is None and result.incoming.kind == "forward":
            return tr.gettext(
                "Saved the forwarded message for “{item}”. Send more, or press Done."
            ).format(item=label)
        if result.incoming.file_id is None:
            return tr.gettext("Saved your note for “{item}”. Send more, or press Done.").format(
                item=label)
        return tr.gettext(
            "Stored {name} ({size}) for “{item}”. Send more, or press Done."
        ).format(name=name, size=size_text(tr, result.size), item=label)
    if result.outcome is Outcome.DUPLICATE:
        return tr.gettext("I already have {name} for this claim; I kept one copy.").format(
            name=name)
    if result.outcome is Outcome.FAILED:
        return tr.gettext(
            "I couldn't fetch {name} from Telegram. Please send it again in a moment."
        ).format(name=name)
    assert result.refusal is not None
    return _refusal_text(tr, result.incoming, result.refusal)


def _name(tr: Translator, incoming: Incoming) -> str:
    if incoming.file_name:
        return f"“{incoming.file_name}”"
    _ = tr.gettext
    names = {
        "photo": _("the photo"),
        "document": _("the document"),
        "text": _("the note"),
        "forward": _("the forwarded message"),
    }
    return names.get(incoming.kind, _("the message"))


def _refusal_text(tr: Translator, incoming: Incoming, refusal: Refusal) -> str:
    name = _name(tr, incoming)
    if refusal is Refusal.TOO_BIG:
        return tr.gettext(
            "{name} is larger than {limit}, the most Telegram lets me download. Nothing was"
            " stored. Send a smaller file, for example a PDF of just the relevant pages."
        ).format(name=name, limit=size_text(tr, MAX_DOWNLOAD_BYTES))
    if refusal is Refusal.EMPTY:
        return tr.gettext(
            "{name} is empty. Nothing was stored; please send the file again."
        ).format(name=name)
    if refusal is Refusal.TYPE:
        return tr.gettext(
            "I can't store {name}: I accept photos and {types} files. Nothing was stored."
        ).format(name=name, types=extension_list())
    return tr.gettext(
        "I can't store this kind of message as evidence. Send a photo, a document"
        " ({types}), a text note such as a tracking number, or forward a message."
    ).format(types=extension_list())


def _summary(tr: Translator, label: str, results: list[Result]) -> str:
    stored = [r for r in results if r.outcome is Outcome.STORED]
    lines = [tr.ngettext(
        "Stored {count} item for “{item}”.", "Stored {count} items for “{item}”.", len(stored)
    ).format(count=tr.number(len(stored)), item=label)]
    lines.extend(_one_line(tr, label, r) for r in results if r.outcome is not Outcome.STORED)
    lines.append(tr.gettext("Send more, or press Done."))
    return "\n".join(lines)


# --- albums ---------------------------------------------------------------------------------


def _album_job_name(chat_id: int, group: str) -> str:
    return f"album:{chat_id}:{group}"


def _collect_album(
    update: Update, context: ClaimwachtContext, group: str, result: Result, claim_id: int,
    item_id: str,
) -> None:
    chat = update.effective_chat
    assert chat is not None
    albums: dict[str, Any] = context.chat_data.setdefault(ALBUMS_KEY, {})
    album = albums.setdefault(group, {
        "locale": context.i18n.code, "claim_id": claim_id, "item_id": item_id, "results": [],
    })
    album["results"].append(result)
    job_queue = context.job_queue
    assert job_queue is not None
    name = _album_job_name(chat.id, group)
    for job in job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    job_queue.run_once(album_summary, ALBUM_DELAY_SECONDS, data=group, name=name,
                       chat_id=chat.id, user_id=_seller_id(update))


async def album_summary(context: ClaimwachtContext) -> None:
    """Job: one answer for a whole album, once no more of its items arrive."""
    job = context.job
    assert job is not None and job.chat_id is not None
    await _send_album_summary(context, job.chat_id, str(job.data))


async def _send_album_summary(context: ClaimwachtContext, chat_id: int, group: str) -> None:
    albums: dict[str, Any] = context.application.chat_data[chat_id].get(ALBUMS_KEY, {})
    album = albums.pop(group, None)
    if album is None:
        return
    tr = context.services.translator(album["locale"])
    label = item_label(tr, album["item_id"])
    await context.bot.send_message(
        chat_id, _summary(tr, label, album["results"]),
        reply_markup=_after_item_markup(tr, album["claim_id"]),
    )


async def flush_albums(context: ClaimwachtContext, chat_id: int) -> None:
    """Answer albums still waiting for their summary now (before Done shows the card)."""
    job_queue = context.job_queue
    if job_queue is not None:
        prefix = f"album:{chat_id}:"
        for job in job_queue.jobs():
            if job.name and job.name.startswith(prefix):
                job.schedule_removal()
    for group in list(context.application.chat_data[chat_id].get(ALBUMS_KEY, {})):
        await _send_album_summary(context, chat_id, group)


def forget_albums(application: Application[Any, Any, Any, Any, Any, Any], chat_id: int) -> None:
    """Drop unsent album summaries of a chat (data deletion)."""
    if application.job_queue is not None:
        prefix = f"album:{chat_id}:"
        for job in application.job_queue.jobs():
            if job.name and job.name.startswith(prefix):
                job.schedule_removal()
    application.chat_data.get(chat_id, {}).pop(ALBUMS_KEY, None)


# --- finishing ------------------------------------------------------------------------------


async def done(update: Update, context: ClaimwachtContext) -> str | int:
    """Done (button, /klaar, /done): show the updated claim card."""
    tr = context.i18n
    chat = update.effective_chat
    assert chat is not None
    query = update.callback_query
    claim_id = _claim_id(query.data) if query is not None and query.data else None
    if claim_id is None:
        claim_id = context.user_data.get(CLAIM_KEY)
    if claim_id is None:
        await _answer(update)
        await _send(update, context, tr.gettext("There is nothing to finish."))
        _forget(context)
        return ConversationHandler.END
    stored = await _load_claim(context, _seller_id(update), claim_id)
    if stored is None:
        await _answer(update, not_found_text(tr))
        if query is None:
            await _send(update, context, not_found_text(tr))
        _forget(context)
        return ConversationHandler.END
    await _answer(update)
    if query is not None:
        await _drop_buttons(update)
    await flush_albums(context, chat.id)
    waiting = len(context.user_data.get(PENDING_KEY, []))
    _forget(context)
    if waiting:
        await _send(update, context, tr.ngettext(
            "{count} item you sent before choosing a checklist item was not stored.",
            "{count} items you sent before choosing a checklist item were not stored.",
            waiting,
        ).format(count=tr.number(waiting)))
    await show_claim_card(context, chat.id, _seller_id(update), stored.id)
    return ConversationHandler.END


async def cancel(update: Update, context: ClaimwachtContext) -> str | int:
    """/cancel: stop adding evidence; what was stored stays."""
    chat = update.effective_chat
    if chat is not None:
        await flush_albums(context, chat.id)
    _forget(context)
    await _send(update, context, context.i18n.gettext(
        "Okay, stopped adding evidence. What you already sent is kept."))
    return ConversationHandler.END


def build_evidence_conversation(flows: Flows) -> ConversationHandler[ClaimwachtContext]:
    anything = filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL
    return flows.conversation(
        "evidence",
        entry_points=[
            CommandHandler(COMMANDS, evidence_command),
            CommandHandler("start", evidence_command, filters=deep_link_filter("evidence")),
            CallbackQueryHandler(pick_claim, pattern=r"^ev:(add|pick):\d+$"),
            CallbackQueryHandler(pick_item, pattern=r"^ev:item:\d+:\w+$"),
            CallbackQueryHandler(choose_again, pattern=r"^ev:items:\d+$"),
            CallbackQueryHandler(done, pattern=r"^ev:done:\d+$"),
        ],
        states={
            PICK_CLAIM: [
                CallbackQueryHandler(pick_claim, pattern=r"^ev:pick:\d+$"),
                MessageHandler(filters.TEXT & ~filters.COMMAND, pick_typed),
                MessageHandler(anything, receive_before_claim),
            ],
            ASK_ITEM: [MessageHandler(anything, receive_before_item)],
            RECEIVING: [MessageHandler(anything, receive)],
        },
        fallbacks=[
            CommandHandler(DONE_COMMANDS, done),
            CommandHandler(CANCEL_COMMANDS, cancel),
        ],
    )
