"""The buttons under a reminder: mark as responded / appealed, snooze; and resuming after a block.

``rm:resp:<claim id>`` records "responded" (``EventKind.RESPOND``) and ``rm:apl:<claim id>``
"appealed" through ``bot.services.claims.record_event``, which re-plans the claim's reminders;
``rm:snz:<reminder id>`` sends the same reminder again in an hour (15 minutes when an hour or
less is left), never later than shortly before the deadline (``bot.services.claims.snooze``).
Every press re-loads the claim for the presser, so someone else's claim or reminder gets the
same "not found" answer.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import ClaimwachtContext
from bot.scheduler import DISPATCHER_KEY, ReminderDispatcher
from bot.services import claims
from bot.services.claims import SnoozeOutcome, record_event
from domain.errors import DomainError
from domain.lifecycle import EventKind
from handlers.card import not_found
from handlers.ui.callbacks import ReminderButton

__all__ = ["build_reminder_handlers", "resume_reminders"]

_LOGGER = logging.getLogger(__name__)

_EVENTS = {"resp": EventKind.RESPOND, "apl": EventKind.APPEAL}


async def mark_done(update: Update, context: ClaimwachtContext) -> None:
    """``rm:resp:<id>`` / ``rm:apl:<id>``: record that the seller responded or appealed."""
    query = update.callback_query
    button = ReminderButton.unpack(query.data if query else None)
    user = update.effective_user
    if query is None or button is None or button.action not in _EVENTS or user is None:
        return
    _ = context.i18n.gettext
    kind = _EVENTS[button.action]
    try:
        stored = await record_event(
            context.services.database, user.id, button.id, kind, context.now(), context.now()
        )
    except DomainError as error:
        await query.answer(context.i18n.render(error.msg, context.zone), show_alert=True)
        return
    if stored is None:
        await not_found(update, context)
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
    button = ReminderButton.unpack(query.data if query else None)
    user = update.effective_user
    if query is None or button is None or user is None:
        return
    _ = context.i18n.gettext
    result = await claims.snooze(context.services.database, user.id, button.id, context.now())
    if result is None:
        await not_found(update, context)
        return
    when = context.i18n.datetime(result.due_at, context.zone)
    refusals = {
        SnoozeOutcome.ALREADY_PENDING: _(
            "This reminder is already set to come again at {time}."
        ).format(time=when),
        SnoozeOutcome.NOT_NEEDED: _("This reminder is no longer needed."),
        SnoozeOutcome.TOO_CLOSE: _("The deadline is too close to snooze this reminder."),
    }
    if result.outcome in refusals:
        await query.answer(refusals[result.outcome], show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await context.bot.send_message(
        user.id,
        _("💤 Snoozed: I'll remind you about claim {order_id} again at {time}.").format(
            order_id=result.stored.claim.order_id, time=when
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
        CallbackQueryHandler(mark_done, pattern=ReminderButton.pattern("resp", "apl")),
        CallbackQueryHandler(snooze, pattern=ReminderButton.pattern("snz")),
    ]
