"""A claim's evidence: list it (``ev:list``), remove an item (``ev:del`` → ``ev:rm``), bundle it
as a ZIP (``ev:zip``). Every button re-loads the claim for the sender: another seller's claim or
evidence id gets the same "not found" as a missing one.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.evidence_bundle import MAX_UPLOAD_BYTES, build_bundle, too_big
from bot.evidence_repo import StoredEvidence
from bot.files import EvidenceFiles
from bot.i18n import Translator
from handlers.card import load_claim, not_found_text
from handlers.evidence_text import (
    evidence_not_found,
    item_label,
    kind_label,
    size_text,
    stale_button,
)
from handlers.ui.callbacks import valid_id

__all__ = ["build_evidence_list_handlers", "render_list"]

_LOGGER = logging.getLogger(__name__)
LIST_LIMIT = 30  # items shown (and delete buttons) in one message; the ZIP has them all
TEXT_BUDGET = 3800  # of Telegram's 4096 characters per message
DETAIL_CHARS = 80


def _ids(data: str) -> tuple[int | None, int | None]:
    parts = data.split(":")
    numbers: list[int | None] = []
    for index in (2, 3):
        try:
            number: int | None = int(parts[index])
        except (IndexError, ValueError):
            number = None
        # An id no row can have (0, or past SQLite's INTEGER) is "not found", not an error.
        numbers.append(number if number is not None and valid_id(number) else None)
    return numbers[0], numbers[1]


async def _claim_and_rows(
    context: ClaimwachtContext, seller_id: int, claim_id: int | None
) -> tuple[StoredClaim | None, list[StoredEvidence]]:
    loaded = None if claim_id is None else await load_claim(context, seller_id, claim_id)
    return loaded or (None, [])


def _one_line(text: str, limit: int = DETAIL_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def render_list(
    context: ClaimwachtContext, stored: StoredClaim, rows: list[StoredEvidence]
) -> tuple[str, InlineKeyboardMarkup]:
    """The evidence list as text (within Telegram's limit) and its buttons."""
    tr = context.i18n
    zone = context.zone
    claim_id = stored.id
    if not rows:
        text = tr.gettext("No evidence yet for claim {order_id}.").format(
            order_id=stored.claim.order_id)
        return text, InlineKeyboardMarkup([[InlineKeyboardButton(
            tr.gettext("Add evidence"), callback_data=f"ev:add:{claim_id}")]])
    lines = [tr.ngettext(
        "Evidence for claim {order_id} ({count} item):",
        "Evidence for claim {order_id} ({count} items):",
        len(rows),
    ).format(order_id=stored.claim.order_id, count=tr.number(len(rows)))]
    shown = 0
    for number, row in enumerate(rows[:LIST_LIMIT], start=1):
        facts = [kind_label(tr, row.kind), item_label(tr, row.item_id)]
        if row.file_name:
            facts.append(_one_line(row.file_name, 60))
        if row.size is not None:
            facts.append(size_text(tr, row.size))
        facts.append(tr.datetime(row.received_at, zone))
        entry = [f"{number}. " + " · ".join(facts)]
        if row.detail:
            entry.append("   " + _one_line(row.detail))
        if sum(len(line) + 1 for line in lines + entry) > TEXT_BUDGET:
            break
        lines.extend(entry)
        shown = number
    if shown < len(rows):
        lines.append(tr.gettext("…and {count} more (the ZIP has everything).").format(
            count=tr.number(len(rows) - shown)))
    buttons = [
        InlineKeyboardButton(f"🗑 {number}", callback_data=f"ev:del:{claim_id}:{row.id}")
        for number, row in enumerate(rows[:shown], start=1)
    ]
    keyboard = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    keyboard.append([
        InlineKeyboardButton(tr.gettext("Evidence bundle (ZIP)"),
                             callback_data=f"ev:zip:{claim_id}"),
        InlineKeyboardButton(tr.gettext("Add evidence"), callback_data=f"ev:add:{claim_id}"),
    ])
    lines.append(tr.gettext("Tap 🗑 and a number to remove that item."))
    return "\n".join(lines), InlineKeyboardMarkup(keyboard)


async def list_evidence(update: Update, context: ClaimwachtContext) -> None:
    """``ev:list:<claim>``: every item with kind, checklist item, name, size and time."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    claim_id, _unused = _ids(query.data)
    stored, rows = await _claim_and_rows(context, update.effective_user.id, claim_id)
    if stored is None:
        await query.answer(not_found_text(context.i18n), show_alert=True)
        return
    await query.answer()
    text, markup = render_list(context, stored, rows)
    assert update.effective_chat is not None
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


def _describe(tr: Translator, number: int, row: StoredEvidence) -> str:
    facts = [kind_label(tr, row.kind), item_label(tr, row.item_id)]
    name = row.file_name or _one_line(row.detail, 40)
    if name:
        facts.append(name)
    return f"{number}. " + " · ".join(facts)


async def ask_delete(update: Update, context: ClaimwachtContext) -> None:
    """``ev:del:<claim>:<evidence>``: ask before removing."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    tr = context.i18n
    claim_id, evidence_id = _ids(query.data)
    stored, rows = await _claim_and_rows(context, update.effective_user.id, claim_id)
    if stored is None:
        await query.answer(not_found_text(tr), show_alert=True)
        return
    found = next(((n, r) for n, r in enumerate(rows, start=1) if r.id == evidence_id), None)
    if found is None:
        await query.answer(evidence_not_found(tr), show_alert=True)
        return
    await query.answer()
    number, row = found
    assert update.effective_chat is not None
    await context.bot.send_message(
        update.effective_chat.id,
        tr.gettext("Remove this evidence from claim {order_id}?\n{item}").format(
            order_id=stored.claim.order_id, item=_describe(tr, number, row)),
        reply_markup=InlineKeyboardMarkup([[
            InlineKeyboardButton(tr.gettext("Yes, remove"),
                                 callback_data=f"ev:rm:{stored.id}:{row.id}"),
            InlineKeyboardButton(tr.gettext("No, keep it"), callback_data=f"ev:keep:{stored.id}"),
        ]]),
    )


async def keep(update: Update, context: ClaimwachtContext) -> None:
    """``ev:keep``: the seller changed their mind."""
    query = update.callback_query
    assert query is not None
    await query.answer(context.i18n.gettext("Kept."))
    await query.edit_message_reply_markup(None)


async def delete(update: Update, context: ClaimwachtContext) -> None:
    """``ev:rm:<claim>:<evidence>``: remove the row, and the file once nothing uses it."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    tr = context.i18n
    seller_id = update.effective_user.id
    claim_id, evidence_id = _ids(query.data)
    files = EvidenceFiles(context.services.data_dir)
    removed: StoredEvidence | None = None
    stored: StoredClaim | None = None
    if claim_id is not None and evidence_id is not None:
        async with context.services.database.unit_of_work() as uow:
            stored = await uow.claims.get(seller_id, claim_id)
            if stored is not None:
                removed = await uow.evidence.delete(claim_id, evidence_id)
                if removed is not None and removed.sha256 and not await uow.evidence.hash_in_use(
                    removed.sha256
                ):
                    # Inside the unit of work: no upload of the same content can slip in between.
                    files.remove(removed.sha256)
    if stored is None:
        await query.answer(not_found_text(tr), show_alert=True)
        return
    if removed is None:
        await query.answer(evidence_not_found(tr), show_alert=True)
        await query.edit_message_reply_markup(None)
        return
    await query.answer(tr.gettext("Removed."))
    name = removed.file_name or _one_line(removed.detail, 40) or kind_label(tr, removed.kind)
    await query.edit_message_text(tr.gettext("Removed: {name}.").format(name=name))
    _, rows = await _claim_and_rows(context, seller_id, stored.id)
    text, markup = render_list(context, stored, rows)
    assert update.effective_chat is not None
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


async def send_bundle(update: Update, context: ClaimwachtContext) -> None:
    """``ev:zip:<claim>``: the claim's files and a summary.txt as one ZIP document."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    tr = context.i18n
    claim_id, _unused = _ids(query.data)
    stored, rows = await _claim_and_rows(context, update.effective_user.id, claim_id)
    if stored is None:
        await query.answer(not_found_text(tr), show_alert=True)
        return
    assert update.effective_chat is not None
    chat_id = update.effective_chat.id
    total = too_big(rows)
    if total is not None:
        await query.answer()
        await context.bot.send_message(chat_id, _too_big_text(tr, total))
        return
    await query.answer(tr.gettext("Making the ZIP…"))
    zone_name = context.seller.timezone if context.seller else context.services.default_timezone.key
    bundle = await asyncio.to_thread(
        build_bundle, tr, context.zone, zone_name, stored, rows,
        EvidenceFiles(context.services.data_dir), context.now(),
    )
    if len(bundle.data) > MAX_UPLOAD_BYTES:
        await context.bot.send_message(chat_id, _too_big_text(tr, len(bundle.data)))
        return
    caption = tr.ngettext(
        "Evidence bundle for claim {order_id}: {count} file and summary.txt.",
        "Evidence bundle for claim {order_id}: {count} files and summary.txt.",
        bundle.files,
    ).format(order_id=stored.claim.order_id, count=tr.number(bundle.files))
    if bundle.missing:
        _LOGGER.error("claim %s: %d evidence files missing from disk", stored.id, bundle.missing)
    await context.bot.send_document(
        chat_id, bundle.data, filename=bundle.file_name, caption=caption
    )


def _too_big_text(tr: Translator, total: int) -> str:
    return tr.gettext(
        "The files of this claim add up to {size}, more than the {limit} Telegram lets me send"
        " at once. Remove large items you don't need (list the evidence and tap 🗑), then try"
        " again."
    ).format(size=size_text(tr, total), limit=size_text(tr, MAX_UPLOAD_BYTES))


async def stale(update: Update, context: ClaimwachtContext) -> None:
    """Any other ``ev:`` button (an old message): answer it, never leave it spinning."""
    if update.callback_query is not None:
        await update.callback_query.answer(stale_button(context.i18n))


def build_evidence_list_handlers() -> list[CallbackQueryHandler[ClaimwachtContext, None]]:
    return [
        CallbackQueryHandler(list_evidence, pattern=r"^ev:list:\d+$"),
        CallbackQueryHandler(ask_delete, pattern=r"^ev:del:\d+:\d+$"),
        CallbackQueryHandler(delete, pattern=r"^ev:rm:\d+:\d+$"),
        CallbackQueryHandler(keep, pattern=r"^ev:keep:\d+$"),
        CallbackQueryHandler(send_bundle, pattern=r"^ev:zip:\d+$"),
        CallbackQueryHandler(stale, pattern=r"^ev:"),
    ]
