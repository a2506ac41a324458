"""The buttons under a reminder: mark as responded / appealed, snooze; and resuming after a block.

``rm:resp:<claim id>`` records "responded" (``EventKind.RESPOND``) and ``rm:apl:<claim id>``
"appealed" through ``handlers.outcome.record_outcome``, which re-plans the claim's reminders;
``rm:snz:<reminder id>`` sends the same reminder again in an hour (15 minutes when an hour or
less is left), never later than shortly before the deadline. Every press re-loads the claim for
the presser, so someone else's claim or reminder gets the same "not found" answer.
"""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import ClaimwachtContext
from bot.scheduler import DISPATCHER_KEY, ReminderDispatcher
from domain.errors import DomainError
from domain.lifecycle import EventKind
from handlers.private_chat import refuse_in_group
from handlers.reminder_texts import snooze_until

__all__ = ["build_reminder_handlers", "resume_reminders"]

_LOGGER = logging.getLogger(__name__)

_CALLBACK = re.compile(r"^rm:(resp|apl|snz):([0-9]{1,18})$")
_EVENTS = {"resp": EventKind.RESPOND, "apl": EventKind.APPEAL}


async def _not_found(update: Update, context: ClaimwachtContext) -> None:
    try:
        from handlers.card import not_found  # the claims feature owns the text
    except ImportError:
        query = update.callback_query
        if query is not None:
            await query.answer(context.i18n.gettext("I can't find that claim."), show_alert=True)
        return
    await not_found(update, context)


async def mark_done(update: Update, context: ClaimwachtContext) -> None:
    """``rm:resp:<id>`` / ``rm:apl:<id>``: record that the seller responded or appealed."""
    query = update.callback_query
    match = _CALLBACK.match(query.data or "") if query else None
    user = update.effective_user
    if query is None or match is None or user is None:
        return
    if await refuse_in_group(update, context):
        return
    from handlers.outcome import record_outcome  # feature module, loaded late

    _ = context.i18n.gettext
    kind = _EVENTS[match[1]]
    try:
        stored = await record_outcome(context, user.id, int(match[2]), kind, context.now())
    except DomainError as error:
        await query.answer(context.i18n.render(error.msg, context.zone), show_alert=True)
        return
    if stored is None:
        await _not_found(update, context)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    if kind is EventKind.RESPOND:
        text = _("✅ Noted: you responded to claim {order_id}. I stopped its answer reminders.")
    else:
        text = _("✅ Noted: you appealed claim {order_id}. I stopped its appeal reminders.")
    await context.bot.send_message(user.id, text.format(order_id=stored.claim.order_id))


async def snooze(update: Update, context: ClaimwachtContext) -> None:
    """``rm:snz:<reminder id>``: remind again later, never past the deadline."""
    query = update.callback_query
    match = _CALLBACK.match(query.data or "") if query else None
    user = update.effective_user
    if query is None or match is None or user is None:
        return
    if await refuse_in_group(update, context):
        return
    _ = context.i18n.gettext
    now = context.now()
    until = None
    async with context.services.database.unit_of_work() as uow:
        row = await uow.reminders.get(int(match[2]))
        stored = await uow.claims.get(user.id, row.claim_id) if row is not None else None
        if row is None or stored is None:
            answer = None
        elif row.pending:
            answer = _("This reminder is already set to come again at {time}.").format(
                time=context.i18n.datetime(row.due_at, context.zone)
            )
        elif row.cancelled_at is not None:
            answer = _("This reminder is no longer needed.")
        elif (until := snooze_until(row, now)) is None:
            answer = _("The deadline is too close to snooze this reminder.")
        else:
            await uow.reminders.snooze(row.id, until)
            answer = ""
    if row is None or stored is None:
        await _not_found(update, context)
        return
    if answer or until is None:
        await query.answer(answer, show_alert=True)
        return
    await context.services.claim_changed(row.claim_id)
    await query.answer()
    await query.edit_message_reply_markup(None)
    await context.bot.send_message(
        user.id,
        _("💤 Snoozed: I'll remind you about claim {order_id} again at {time}.").format(
            order_id=stored.claim.order_id, time=context.i18n.datetime(until, context.zone)
        ),
    )


async def resume_reminders(update: Update, context: ClaimwachtContext) -> None:
    """Runs after ``identify_seller``: a seller who blocked the bot and writes again gets their
    reminders back (``identify_seller`` has set them active)."""
    seller = context.seller
    if seller is None or not seller.active:
        return
    dispatcher = context.application.bot_data.get(DISPATCHER_KEY)
    if isinstance(dispatcher, ReminderDispatcher) and dispatcher.is_paused(seller.user_id):
        _LOGGER.info("seller %s is back; scheduling their reminders again", seller.user_id)
        await dispatcher.resume_seller(seller.user_id)


def build_reminder_handlers() -> list[BaseHandler[Update, ClaimwachtContext, None]]:
    return [
        CallbackQueryHandler(mark_done, pattern=r"^rm:(resp|apl):[0-9]+$"),
        CallbackQueryHandler(snooze, pattern=r"^rm:snz:[0-9]+$"),
    ]
