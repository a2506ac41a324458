"""The claim card in the chat: open it from a button, send or refresh it.

The card itself is ``handlers.views.card.render_card`` (pure). Claim buttons are
``handlers.ui.callbacks.ClaimButton``; every handler that gets a claim id re-loads the claim
for the sender (``handlers.ui.guards.load_claim``): a missing claim and someone else's claim
get the same "not found" answer, and in a group chat nothing of it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.evidence_repo import StoredEvidence
from domain.rules import rule_for
from handlers.card_advice import rule_note_text
from handlers.private_chat import refuse_in_group
from handlers.ui.callbacks import ClaimButton, PageButton
from handlers.ui.guards import load_claim
from handlers.views.card import EvidenceLike, card_keyboard, render_card
from handlers.views.common import not_found_text, stale_button_text

__all__ = [
    "ClaimCallback",
    "EvidenceLike",
    "build_card_handlers",
    "card_keyboard",
    "claim_callback",
    "claim_from_callback",
    "load_claim",
    "not_found",
    "not_found_text",
    "open_card",
    "parse_claim_callback",
    "render_card",
    "send_card",
    "show_claim_card",
]


def claim_callback(action: str, claim_id: int, arg: str | None = None) -> str:
    """``cl:<action>:<id>[:<arg>]`` through the codec (``list``/``closed`` take a page)."""
    kind = PageButton if action in PageButton.ACTIONS else ClaimButton
    return kind(action, claim_id, arg).pack()


def parse_claim_callback(data: str | None) -> tuple[str, int, str | None] | None:
    """(action, id, arg) of ``cl:`` callback data; None when it is not one of ours."""
    button = ClaimButton.unpack(data) or PageButton.unpack(data)
    return None if button is None else (button.action, button.id, button.arg)


async def not_found(update: Update, context: ClaimwachtContext) -> None:
    """The one answer for a claim id that is missing or someone else's."""
    text = not_found_text(context.i18n)
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


@dataclass(frozen=True)
class ClaimCallback:
    """A pressed ``cl:<action>:<id>[:<arg>]`` button on a claim the sender owns."""

    query: CallbackQuery
    action: str
    arg: str | None
    stored: StoredClaim
    evidence: list[StoredEvidence]


async def claim_from_callback(
    update: Update, context: ClaimwachtContext
) -> ClaimCallback | None:
    """Parse the button, keep claims out of groups, load the sender's own claim.

    None means there is nothing more to do: not a claim button, a group chat (told to go
    private), or a claim that is missing or someone else's (told "not found", the same way).
    """
    query = update.callback_query
    button = ClaimButton.unpack(query.data if query else None)
    if query is None or update.effective_user is None:
        return None
    if button is None:
        await query.answer(stale_button_text(context.i18n))
        return None
    if await refuse_in_group(update, context):
        return None
    loaded = await load_claim(context, update.effective_user.id, button.id)
    if loaded is None:
        await not_found(update, context)
        return None
    return ClaimCallback(query, button.action, button.arg, *loaded)


async def send_card(
    update_or_chat: Update | int,
    context: ClaimwachtContext,
    stored_claim: StoredClaim,
    evidence: Sequence[EvidenceLike],
    *,
    edit: bool = False,
) -> Message | None:
    """Send the card to the update's chat (or a chat id); ``edit`` replaces a pressed card."""
    text, markup = render_card(context.i18n, context.zone, stored_claim, evidence, context.now())
    if isinstance(update_or_chat, Update):
        query = update_or_chat.callback_query
        if edit and query is not None and query.message is not None:
            try:
                edited = await query.edit_message_text(text, reply_markup=markup)
            except BadRequest as error:  # "message is not modified": the card is current
                if "not modified" not in str(error):
                    raise
                return None
            return edited if isinstance(edited, Message) else None
        chat = update_or_chat.effective_chat
        if chat is None:
            return None
        chat_id = chat.id
    else:
        chat_id = update_or_chat
    return await context.bot.send_message(chat_id, text, reply_markup=markup)


async def show_claim_card(
    context: ClaimwachtContext, chat_id: int, seller_id: int, claim_id: int
) -> None:
    """Load the seller's claim and send its card to ``chat_id``; "not found" if not theirs."""
    loaded = await load_claim(context, seller_id, claim_id)
    if loaded is None:
        await context.bot.send_message(chat_id, not_found_text(context.i18n))
        return
    await send_card(chat_id, context, *loaded)


async def open_card(update: Update, context: ClaimwachtContext) -> None:
    """``cl:open:<id>``: show the claim's card (from the overview or a reminder)."""
    pressed = await claim_from_callback(update, context)
    if pressed is None:
        return
    await pressed.query.answer()
    await send_card(update, context, pressed.stored, pressed.evidence)


async def show_rule_note(update: Update, context: ClaimwachtContext) -> None:
    """``cl:rule:<id>``: the rule row the claim was counted under, with its note."""
    pressed = await claim_from_callback(update, context)
    if pressed is None:
        return
    await pressed.query.answer()
    claim = pressed.stored.claim
    rule = rule_for(claim.rule_id, claim.rule_version)
    await context.bot.send_message(
        pressed.query.from_user.id, rule_note_text(context.i18n, claim, rule, context.zone)
    )


def build_card_handlers() -> list[BaseHandler[Update, ClaimwachtContext, None]]:
    return [
        CallbackQueryHandler(open_card, pattern=ClaimButton.pattern("open")),
        CallbackQueryHandler(show_rule_note, pattern=ClaimButton.pattern("rule")),
    ]
