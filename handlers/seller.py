"""Runs before every other handler: who is writing, and in which language to answer."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update

from bot.context import ClaimwachtContext
from bot.i18n import negotiate_locale
from bot.sellers import Seller


async def identify_seller(update: Update, context: ClaimwachtContext) -> None:
    """Load the sender's seller record (creating it on first contact) and pick the locale."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    services = context.services
    async with services.database.unit_of_work(write=False) as uow:
        seller = await uow.sellers.get(user.id)
    # Inline queries come from people who may never have opened the bot: answer, store nothing.
    writes = update.message is not None or update.callback_query is not None
    if writes and (seller is None or not seller.active):
        async with services.database.unit_of_work() as uow:
            seller = await uow.sellers.get(user.id)
            if seller is None:
                seller = Seller(
                    user_id=user.id,
                    locale=negotiate_locale(user.language_code),
                    timezone=services.default_timezone.key,
                    active=True,
                    created_at=context.now(),
                )
                await uow.sellers.add(seller)
            elif not seller.active:  # they blocked the bot once and are back
                await uow.sellers.set_active(user.id, True, context.now())
                seller = replace(seller, active=True)
    context.seller = seller
    context.locale = seller.locale if seller else negotiate_locale(user.language_code)
