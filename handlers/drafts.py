"""Response and appeal drafts: the domain's text in Dutch or English, ready to copy.

``cl:draft:<id>[:nl|en]`` and ``cl:appeal:<id>[:nl|en]``. Without a language the claim's stored
draft language is used, else the marketplace's default; pressing a language button stores the
choice (``set_draft_language``) and rewrites the draft message in place.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.evidence_repo import StoredEvidence
from domain.drafts import DraftLanguage, appeal_draft, default_draft_language, response_draft
from domain.errors import DomainError
from domain.rules import ClaimSource, Marketplace
from domain.text import Msg
from handlers.card import claim_callback, claim_from_callback
from handlers.ui.callbacks import ClaimButton, EvidenceButton
from handlers.views.common import stale_button_text

__all__ = ["build_draft_handlers", "draft_language", "render_claim_draft", "show_draft"]

_NAMES = {DraftLanguage.NL: "Nederlands", DraftLanguage.EN: "English"}


def draft_language(
    stored: StoredClaim, chosen: str | None = None, seller_language: str | None = None
) -> DraftLanguage:
    """The chosen language, else the claim's stored one, else the marketplace's language (the
    seller's own for their web shop)."""
    for candidate in (chosen, stored.draft_language):
        if candidate in (DraftLanguage.NL.value, DraftLanguage.EN.value):
            return DraftLanguage(candidate)
    return default_draft_language(stored.claim.marketplace, seller_language)


def render_claim_draft(
    context: ClaimwachtContext,
    stored: StoredClaim,
    evidence: list[StoredEvidence],
    kind: str,
    language: DraftLanguage,
    shop_name: str = "",
) -> str:
    """The draft text; ``DomainError`` when the claim has no such draft (e.g. no appeal)."""
    translator = context.services.translator(language.value)
    zone = context.zone

    def render(msg: Msg) -> str:
        return translator.render(msg, zone)

    items = [item.as_item() for item in evidence if item.in_checklist]  # not "other" evidence
    claim, events = stored.claim, stored.events
    if kind == "appeal":
        return appeal_draft(claim, events, items, render, shop_name=shop_name, zone=zone)
    return response_draft(claim, events, items, render, shop_name=shop_name)


def _keyboard(context: ClaimwachtContext, kind: str, claim_id: int,
              language: DraftLanguage) -> InlineKeyboardMarkup:
    languages = [
        InlineKeyboardButton(
            ("✓ " if code is language else "") + _NAMES[code],
            callback_data=claim_callback(kind, claim_id, code.value),
        )
        for code in DraftLanguage
    ]
    back = InlineKeyboardButton(
        context.i18n.gettext("Back to the claim"), callback_data=claim_callback("open", claim_id)
    )
    # Everything to attach in one place, next to the text that mentions it.
    bundle = InlineKeyboardButton(
        context.i18n.gettext("Evidence bundle (ZIP)"),
        callback_data=EvidenceButton("zip", claim_id).pack(),
    )
    return InlineKeyboardMarkup([languages, [bundle, back]])


def _attach_reminder(context: ClaimwachtContext, stored: StoredClaim, kind: str,
                     shop_name: str) -> str:
    _ = context.i18n.gettext
    claim = stored.claim
    if claim.source is ClaimSource.CHARGEBACK:
        # The buyer never sees a chargeback answer: documents go to Amazon's investigators.
        hint = _(
            "Paste the text on the chargeback page (\"Represent your case\"), or reply to "
            "Amazon's chargeback e-mail with the text and attach the documents it lists. Never "
            "send them through Buyer-Seller Messages: the buyer does not see your answer."
        )
    elif claim.source is ClaimSource.A_TO_Z and kind == "appeal" \
            and claim.marketplace is Marketplace.AMAZON_US:
        hint = _(
            "Paste the text into your appeal in Seller Central and upload the documents it "
            "lists with it."
        )
    elif claim.source is ClaimSource.A_TO_Z:
        hint = _(
            "Paste the text in Seller Central at Performance > A-to-z Guarantee claims > "
            "Respond to Amazon. The text box takes no attachments: send the documents it lists "
            "to the buyer through Buyer-Seller Messages, as the text says."
        )
    else:
        hint = _(
            "Copy the text above into your answer and attach the documents it lists."
        )
    if not shop_name:
        hint += "\n" + _("Tip: set your shop name in /settings to sign your drafts.")
    return hint


async def show_draft(update: Update, context: ClaimwachtContext) -> None:
    """``cl:draft|appeal:<id>[:lang]``: send the draft, or rewrite it in the other language."""
    pressed = await claim_from_callback(update, context)
    if pressed is None or update.effective_user is None:
        return
    query, kind, chosen = pressed.query, pressed.action, pressed.arg
    stored, evidence, claim_id = pressed.stored, pressed.evidence, pressed.stored.id
    if chosen is not None and chosen not in (DraftLanguage.NL.value, DraftLanguage.EN.value):
        await query.answer(stale_button_text(context.i18n))
        return
    async with context.services.database.unit_of_work(write=False) as uow:
        seller = await uow.sellers.get(update.effective_user.id)
    shop_name = seller.shop_name if seller is not None else ""
    language = draft_language(stored, chosen, context.i18n.code)
    try:
        text = render_claim_draft(context, stored, evidence, kind, language, shop_name)
    except DomainError as error:
        await query.answer()
        await context.bot.send_message(
            query.from_user.id, context.i18n.render(error.msg, context.zone)
        )
        return
    if chosen is not None and chosen != stored.draft_language:
        async with context.services.database.unit_of_work() as uow:
            await uow.claims.set_draft_language(
                update.effective_user.id, claim_id, chosen, context.now()
            )
    await query.answer()
    markup = _keyboard(context, kind, claim_id, language)
    if chosen is not None and isinstance(query.message, Message):
        try:
            await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as error:
            if "not modified" not in str(error):
                raise
        return
    await context.bot.send_message(query.from_user.id, text, reply_markup=markup)
    await context.bot.send_message(
        query.from_user.id, _attach_reminder(context, stored, kind, shop_name)
    )


def build_draft_handlers() -> list[BaseHandler[Update, ClaimwachtContext, Any]]:
    return [CallbackQueryHandler(show_draft, pattern=ClaimButton.pattern("draft", "appeal"))]
