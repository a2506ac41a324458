"""Correct a claim's notice after registering it: "Amazon did not ask for information".

``cl:nk:<id>:filed`` on the card of an open A-to-z claim that counts 48 hours from its notice
(a claim registered before the question existed, or with "I don't know"): the claim is under
review, the countdown and its reminders go. The other way is "Amazon asked for information",
an event with its own 48 hours.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import ClaimwachtContext
from bot.services.claims import set_notice_kind
from domain.claims import NoticeKind
from handlers.card import claim_from_callback, not_found, send_card

__all__ = ["build_claim_fact_handlers"]


async def mark_no_request(update: Update, context: ClaimwachtContext) -> None:
    """``cl:nk:<id>:filed``: the seller has only the claim, no request for information."""
    pressed = await claim_from_callback(update, context)
    if pressed is None or update.effective_user is None:
        return
    if pressed.arg != NoticeKind.CLAIM_FILED.value:
        await pressed.query.answer(context.i18n.gettext("That button is no longer valid."))
        return
    after = await set_notice_kind(context.services.database, update.effective_user.id,
                                  pressed.stored.id, NoticeKind.CLAIM_FILED, context.now())
    if after is None:
        await not_found(update, context)
        return
    await pressed.query.answer(context.i18n.gettext(
        "Noted: no request from Amazon. No countdown until Amazon asks."
    ))
    await send_card(update, context, after, pressed.evidence)


def build_claim_fact_handlers() -> list[BaseHandler[Update, ClaimwachtContext, Any]]:
    return [CallbackQueryHandler(mark_no_request, pattern=r"^cl:nk:[0-9]+:[a-z]+$")]
