"""Record what happened to a claim: responded, decided, appealed, closed, with the day it happened.

``cl:out:<id>`` offers the events the claim's state allows; ``cl:ev:<id>:<kind>`` asks for the
day (Today, or a typed local date); the event is applied by the domain's state machine and
stored with the re-planned reminders in one unit of work. ``record_outcome`` is the same step
for other modules (the reminders' "Mark as responded").
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.services.claims import record_event
from domain.deadlines import appeal_deadline
from domain.errors import DomainError, ReadingError
from domain.lifecycle import EventKind, State, apply, event_instant, state_label
from domain.outcomes import choice_by_code, outcome_choices
from domain.reading import parse_event_date
from handlers.card import (
    claim_callback,
    claim_from_callback,
    load_claim,
    not_found,
    parse_claim_callback,
    send_card,
)
from handlers.ui.callbacks import ClaimButton
from handlers.ui.commands import CANCEL
from handlers.ui.flows import Flows
from handlers.views.common import stale_button_text

__all__ = [
    "build_outcome_conversation",
    "build_outcome_handlers",
    "record_outcome",
]

_LOGGER = logging.getLogger(__name__)

PENDING_KEY = "outcome.pending"
ASK_DATE = "date"
CANCEL_COMMANDS = CANCEL
END = ConversationHandler.END


async def record_outcome(
    context: ClaimwachtContext,
    seller_id: int,
    claim_id: int,
    kind: EventKind,
    at: datetime,
    *,
    debited: bool | None = None,
    counts_odr: bool | None = None,
) -> StoredClaim | None:
    """The claims service's ``record_event`` with this update's database and clock; money and
    ODR facts of the outcome go along."""
    return await record_event(
        context.services.database, seller_id, claim_id, kind, at, context.now(),
        debited=debited, counts_odr=counts_odr,
    )


async def ask_outcome(update: Update, context: ClaimwachtContext) -> None:
    """``cl:out:<id>``: the events this claim's state allows, as buttons."""
    pressed = await claim_from_callback(update, context)
    if pressed is None:
        return
    query, stored = pressed.query, pressed.stored
    tr = context.i18n
    await query.answer()
    choices = outcome_choices(stored.claim, stored.state)
    if not choices:
        await context.bot.send_message(
            query.from_user.id,
            tr.gettext("Nothing can be recorded for claim {order_id} any more: it is {status}.")
            .format(order_id=stored.claim.order_id,
                    status=tr.render(state_label(stored.state, stored.claim.source))),
        )
        return
    rows = [
        [InlineKeyboardButton(
            tr.render(choice.label_for(stored.claim.source)),
            callback_data=claim_callback("ev", stored.id, choice.code),
        )]
        for choice in choices
    ]
    rows.append([InlineKeyboardButton(
        tr.gettext("Back to the claim"), callback_data=claim_callback("open", stored.id)
    )])
    await context.bot.send_message(
        query.from_user.id,
        tr.gettext("What happened with claim {order_id}?").format(order_id=stored.claim.order_id),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def pick_event(update: Update, context: ClaimwachtContext) -> str | int:
    """``cl:ev:<id>:<kind>``: check the step fits, then ask on which day it happened."""
    pressed = await claim_from_callback(update, context)
    if pressed is None:
        return END
    query, stored, arg, claim_id = pressed.query, pressed.stored, pressed.arg, pressed.stored.id
    tr = context.i18n
    choice = choice_by_code(arg or "")
    if choice is None:
        await query.answer(stale_button_text(tr))
        return END
    try:
        apply(stored.state, choice.kind, context.now())
    except DomainError as error:
        await query.answer()
        await context.bot.send_message(query.from_user.id, tr.render(error.msg, context.zone))
        return END
    await query.answer()
    context.user_data[PENDING_KEY] = {"claim_id": claim_id, "kind": choice.code}
    await context.bot.send_message(
        query.from_user.id,
        tr.gettext(
            "“{event}”: on which day? Tap Today or type the date, like 21-11."
        ).format(event=tr.render(choice.label_for(stored.claim.source))),
        reply_markup=InlineKeyboardMarkup([
            [InlineKeyboardButton(tr.gettext("Today"), callback_data=claim_callback(
                "evt", claim_id
            ))],
            [InlineKeyboardButton(tr.gettext("Cancel"), callback_data=claim_callback(
                "evx", claim_id
            ))],
        ]),
    )
    return ASK_DATE


async def event_today(update: Update, context: ClaimwachtContext) -> str | int:
    """Today: record the pending event now."""
    query = update.callback_query
    parsed = parse_claim_callback(query.data if query else None)
    pending = context.user_data.get(PENDING_KEY)
    if query is None or parsed is None or not pending or pending["claim_id"] != parsed[1]:
        if query is not None:
            await query.answer(stale_button_text(context.i18n))
        return ASK_DATE if pending else END
    await query.answer()
    return await _record(update, context, pending, None)


async def event_date(update: Update, context: ClaimwachtContext) -> str | int:
    """A typed date for the pending event; a wrong one is explained and asked again."""
    pending = context.user_data.get(PENDING_KEY)
    message = update.effective_message
    if not pending or message is None:
        return END
    return await _record(update, context, pending, message.text or "")


async def _record(
    update: Update, context: ClaimwachtContext, pending: dict[str, Any], typed: str | None
) -> str | int:
    tr, zone, now = context.i18n, context.zone, context.now()
    seller_id = update.effective_user.id if update.effective_user else 0
    loaded = await load_claim(context, seller_id, pending["claim_id"])
    if loaded is None:
        context.user_data.pop(PENDING_KEY, None)
        await not_found(update, context)
        return END
    stored = loaded[0]
    # Pending steps saved before outcome choices existed hold an event kind, which is also
    # the code of its plain choice.
    choice = choice_by_code(pending["kind"])
    if choice is None:
        context.user_data.pop(PENDING_KEY, None)
        await _say(update, context, tr.gettext("That button is no longer valid."))
        return END
    kind = choice.kind
    if typed is None:
        at = now
    else:
        today = now.astimezone(zone).date()
        earliest = max([stored.claim.notice_at, *(e.at for e in stored.events)])
        try:
            day = parse_event_date(typed, today, earliest.astimezone(zone).date())
        except ReadingError as error:
            await _say(update, context, tr.render(error.msg, zone) + "\n\n" + tr.gettext(
                "On which day? Tap Today or type the date, like 21-11."
            ))
            return ASK_DATE
        at = event_instant(day, stored.claim.notice_at, stored.events, now, zone)
    try:
        after = await record_outcome(context, seller_id, stored.id, kind, at,
                                     debited=choice.debited, counts_odr=choice.counts_odr)
    except DomainError as error:
        context.user_data.pop(PENDING_KEY, None)
        await _say(update, context, tr.render(error.msg, zone))
        return END
    context.user_data.pop(PENDING_KEY, None)
    if after is None:
        await not_found(update, context)
        return END
    lines = [tr.gettext("Recorded: {event} ({day}).").format(
        event=tr.render(choice.label_for(stored.claim.source)),
        day=tr.date(at.astimezone(zone).date()),
    )]
    markup = None
    appeal = appeal_deadline(after.claim, after.events)
    if after.state is State.GRANTED_SELLER and appeal is not None and appeal.due_at > now:
        lines.append(tr.gettext(
            "You can appeal until {due} ({left} left). An appeal needs new information, such as "
            "evidence you did not send before."
        ).format(due=tr.datetime(appeal.due_at, zone), left=tr.duration(appeal.time_left(now))))
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(
            tr.gettext("Draft appeal"), callback_data=claim_callback("appeal", after.id)
        )]])
    await _say(update, context, "\n".join(lines), markup)
    async with context.services.database.unit_of_work(write=False) as uow:
        evidence = await uow.evidence.list_for_claim(after.id)
    await send_card(update, context, after, evidence)
    return END


async def _say(update: Update, context: ClaimwachtContext, text: str,
               markup: InlineKeyboardMarkup | None = None) -> None:
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


async def cancel(update: Update, context: ClaimwachtContext) -> int:
    """Stop recording an outcome; nothing changes."""
    context.user_data.pop(PENDING_KEY, None)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await _say(update, context, context.i18n.gettext("Okay, nothing was recorded."))
    return END


async def stale(update: Update, context: ClaimwachtContext) -> None:
    """A date button outside the question (an old message)."""
    if update.callback_query is not None:
        await update.callback_query.answer(stale_button_text(context.i18n))


def build_outcome_conversation(flows: Flows) -> ConversationHandler[ClaimwachtContext]:
    text = filters.TEXT & ~filters.COMMAND
    return flows.conversation(
        "outcome",
        entry_points=[CallbackQueryHandler(pick_event, pattern=ClaimButton.pattern("ev"))],
        states={
            ASK_DATE: [
                CallbackQueryHandler(event_today, pattern=ClaimButton.pattern("evt")),
                CallbackQueryHandler(cancel, pattern=ClaimButton.pattern("evx")),
                MessageHandler(text, event_date),
            ],
        },
        fallbacks=[CommandHandler(CANCEL_COMMANDS, cancel)],
    )


def build_outcome_handlers(flows: Flows) -> list[BaseHandler[Update, ClaimwachtContext, Any]]:
    """The outcome conversation, the event menu, and answers for stale date buttons."""
    return [
        build_outcome_conversation(flows),
        CallbackQueryHandler(ask_outcome, pattern=ClaimButton.pattern("out")),
        CallbackQueryHandler(stale, pattern=ClaimButton.pattern("evt", "evx")),
    ]
