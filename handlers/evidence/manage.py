"""A claim's evidence: list it (``ev:list``), remove an item (``ev:del`` → ``ev:rm``), bundle it
as a ZIP (``ev:zip``), file a stored file under one more checklist item (``ev:also``). Every
button loads the claim for the sender (``owned_claim``): another seller's claim or evidence id
gets the same "not found" as a missing one.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.context import ClaimwachtContext
from bot.evidence_bundle import too_big
from bot.files import EvidenceFiles
from bot.services.evidence import (
    AlsoOutcome,
    BundleTooBig,
    also_proves,
    make_bundle,
    remove_evidence,
)
from handlers.ui.callbacks import EvidenceButton, valid_id
from handlers.ui.guards import OwnedClaim, load_claim, owned_claim
from handlers.views import evidence_list as views
from handlers.views.common import stale_button_text
from handlers.views.evidence import Screen, also_text

__all__ = ["build_evidence_list_handlers"]

_LOGGER = logging.getLogger(__name__)

Pressed = OwnedClaim[EvidenceButton]


def _evidence_id(button: EvidenceButton) -> int | None:
    """The evidence id a ``del`` / ``rm`` button carries after the claim id."""
    if button.arg is None or not button.arg.isdigit():
        return None
    value = int(button.arg)
    return value if valid_id(value) else None


async def _send(update: Update, context: ClaimwachtContext, screen: Screen) -> None:
    assert update.effective_chat is not None
    text, markup = screen
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


@owned_claim(EvidenceButton)
async def list_evidence(update: Update, context: ClaimwachtContext, pressed: Pressed) -> None:
    """``ev:list``: every item with kind, checklist item, name, size and time."""
    await pressed.query.answer()
    await _send(update, context, views.evidence_list(
        context.i18n, context.zone, pressed.stored, pressed.evidence))


@owned_claim(EvidenceButton)
async def ask_delete(update: Update, context: ClaimwachtContext, pressed: Pressed) -> None:
    """``ev:del:<claim>:<evidence>``: ask before removing."""
    tr = context.i18n
    evidence_id = _evidence_id(pressed.button)
    if evidence_id is None:
        await pressed.query.answer(stale_button_text(tr))
        return
    found = next(
        ((n, row) for n, row in enumerate(pressed.evidence, start=1) if row.id == evidence_id),
        None,
    )
    if found is None:
        await pressed.query.answer(views.evidence_not_found_text(tr), show_alert=True)
        return
    await pressed.query.answer()
    await _send(update, context, views.delete_question(tr, pressed.stored, *found))


@owned_claim(EvidenceButton)
async def keep(update: Update, context: ClaimwachtContext, pressed: Pressed) -> None:
    """``ev:keep``: the seller changed their mind."""
    await pressed.query.answer(context.i18n.gettext("Kept."))
    await pressed.query.edit_message_reply_markup(None)


@owned_claim(EvidenceButton)
async def delete(update: Update, context: ClaimwachtContext, pressed: Pressed) -> None:
    """``ev:rm:<claim>:<evidence>``: remove the row, and the file once nothing uses it."""
    tr = context.i18n
    query = pressed.query
    evidence_id = _evidence_id(pressed.button)
    if evidence_id is None:
        await query.answer(stale_button_text(tr))
        return
    seller_id = pressed.stored.seller_id  # owned_claim loaded it for the sender
    removed = await remove_evidence(
        context.services.database, EvidenceFiles(context.services.data_dir), seller_id,
        pressed.stored.id, evidence_id,
    )
    if removed is None:
        await query.answer(views.evidence_not_found_text(tr), show_alert=True)
        await query.edit_message_reply_markup(None)
        return
    await query.answer(tr.gettext("Removed."))
    await query.edit_message_text(views.removed_text(tr, removed))
    loaded = await load_claim(context, seller_id, pressed.stored.id)
    stored, rows = loaded if loaded is not None else (pressed.stored, [])
    await _send(update, context, views.evidence_list(tr, context.zone, stored, rows))


@owned_claim(EvidenceButton)
async def send_bundle(update: Update, context: ClaimwachtContext, pressed: Pressed) -> None:
    """``ev:zip``: the claim's files and a summary.txt as one ZIP document."""
    tr = context.i18n
    stored = pressed.stored
    assert update.effective_chat is not None
    chat_id = update.effective_chat.id
    total = too_big(pressed.evidence)  # said before anything is built
    if total is not None:
        await pressed.query.answer()
        await context.bot.send_message(chat_id, views.too_big_text(tr, total))
        return
    await pressed.query.answer(tr.gettext("Making the ZIP…"))
    zone_name = context.seller.timezone if context.seller else context.services.default_timezone.key
    try:
        bundle = await make_bundle(
            EvidenceFiles(context.services.data_dir), tr, context.zone, zone_name, stored,
            pressed.evidence, context.now(),
        )
    except BundleTooBig as error:
        await context.bot.send_message(chat_id, views.too_big_text(tr, error.size))
        return
    if bundle.missing:
        _LOGGER.error("claim %s: %d evidence files missing from disk", stored.id, bundle.missing)
    await context.bot.send_document(
        chat_id, bundle.data, filename=bundle.file_name,
        caption=views.bundle_caption(tr, stored, bundle),
    )


@owned_claim(EvidenceButton)
async def also_pressed(update: Update, context: ClaimwachtContext, pressed: Pressed) -> None:
    """``ev:also:<claim>:<evidence>_<item>``: the same stored file proves one more item."""
    tr = context.i18n
    raw_id, _, item_id = (pressed.button.arg or "").partition("_")
    evidence_id = int(raw_id) if raw_id.isdigit() else 0
    if not valid_id(evidence_id) or not item_id:
        await pressed.query.answer(stale_button_text(tr))
        return
    outcome = await also_proves(context.services.database, pressed.stored.seller_id,
                                pressed.stored.id, evidence_id, item_id)
    if outcome is AlsoOutcome.NOT_FOUND:
        await pressed.query.answer(views.evidence_not_found_text(tr), show_alert=True)
        return
    await pressed.query.answer(also_text(tr, item_id, added=outcome is AlsoOutcome.ADDED))


def build_evidence_list_handlers() -> list[CallbackQueryHandler[ClaimwachtContext, None]]:
    return [
        CallbackQueryHandler(list_evidence, pattern=EvidenceButton.pattern("list")),
        CallbackQueryHandler(ask_delete, pattern=EvidenceButton.pattern("del")),
        CallbackQueryHandler(delete, pattern=EvidenceButton.pattern("rm")),
        CallbackQueryHandler(keep, pattern=EvidenceButton.pattern("keep")),
        CallbackQueryHandler(send_bundle, pattern=EvidenceButton.pattern("zip")),
        CallbackQueryHandler(also_pressed, pattern=EvidenceButton.pattern("also")),
    ]
