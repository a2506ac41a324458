"""/nieuweclaim and /newclaim: register a claim in a guided, persisted conversation.

The steps, their order and how answers are read are ``domain.intake``; the questions are
``handlers.views.intake``; storing the claim is ``bot.services.claims.register_claim``. This
module starts, resumes, confirms and cancels, and wires the conversation; the answers to the
questions are ``handlers.intake_answers``; the draft in user data is ``handlers.intake_draft``.

The conversation's state is the open step's name; which question comes next is always derived
from the draft, so a restart, an edit or a "continue" lands on the right question.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.context import ClaimwachtContext
from bot.services.claims import DuplicateClaimError, register_claim
from domain import intake as steps
from domain.errors import DomainError
from domain.intake import ClaimDraft, Step
from handlers import intake_files
from handlers import notice as pasted
from handlers.card import load_claim, send_card
from handlers.intake_answers import (
    CHOICES,
    EDIT,
    RESUME,
    SUMMARY,
    advance,
    ask,
    back_to_summary,
    choose,
    edit_field,
    edit_menu,
    notice_now,
    receive_text,
    skip,
    stale_button,
    type_an_answer,
    use_the_buttons,
)
from handlers.intake_draft import (
    DRAFT_KEY,
    draft_kept,
    expire_draft,
    forget_expiry,
    load,
    no_draft,
    save,
)
from handlers.private_chat import deep_link_filter, opened_by_deep_link, refuse_in_group
from handlers.ui import filters as typed
from handlers.ui.callbacks import IntakeButton
from handlers.ui.commands import CANCEL
from handlers.ui.flows import Flows
from handlers.ui.send import close_question, send
from handlers.views import intake as views
from handlers.views.intake_facts import FACT_ACTIONS

__all__ = [
    "COMMANDS",
    "DEEP_LINK",
    "DRAFT_KEY",
    "build_intake_conversation",
    "build_intake_handlers",
    "expire_draft",
]

COMMANDS = ("nieuweclaim", "newclaim")
CANCEL_COMMANDS = CANCEL
DEEP_LINK = "nieuweclaim"
END = ConversationHandler.END


# --- entering ----------------------------------------------------------------------------------


async def start_intake(update: Update, context: ClaimwachtContext) -> str | int:
    """/nieuweclaim [order]: start, or ask whether to continue the open draft."""
    if await refuse_in_group(update, context, DEEP_LINK):
        return END
    args = list(context.args or [])
    if opened_by_deep_link(update) and args and args[0] == DEEP_LINK:
        args = args[1:]
    prefill = " ".join(args).strip() or None
    draft = load(context)
    if draft is not None and not draft.expired(context.now()):
        draft.resuming, draft.resume_prefill = True, prefill
        save(context, draft)
        started = context.i18n.datetime(draft.started_at, context.zone)
        await send(update, context, *views.resume_question(context.i18n, started))
        return RESUME
    forget_expiry(context)
    return await advance(update, context, ClaimDraft.start(context.now(), prefill))


async def resume_choice(update: Update, context: ClaimwachtContext) -> str | int:
    """Continue the open draft at its step, or throw it away and start a new one."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    button = IntakeButton.unpack(update.callback_query.data if update.callback_query else None)
    tr = context.i18n
    prefill, draft.resuming, draft.resume_prefill = draft.resume_prefill, False, None
    if button is not None and button.action == "new":
        await close_question(update, tr.gettext("Start over"))
        draft = ClaimDraft.start(context.now(), prefill)
    else:
        await close_question(update, tr.gettext("Continue"))
    return await advance(update, context, draft)


async def confirm(update: Update, context: ClaimwachtContext) -> str | int:
    """Store the claim with its reminders (the service does it atomically), show its card."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    if steps.next_step(draft) is not None or context.seller is None:
        return await stale_button(update, context)
    tr = context.i18n
    try:
        claim = steps.to_claim(draft)
    except DomainError as error:
        await close_question(update)
        return await ask(update, context, draft, tr.render(error.msg, context.zone))
    hints = pasted.hints_for(context, draft)
    try:
        stored = await (pasted.register(context, claim, hints) if hints else register_claim(
            context.services.database, context.seller, claim, context.now()
        ))
    except DuplicateClaimError as duplicate:
        await close_question(update)
        draft.order_id = None
        save(context, draft)
        await send(update, context, *views.duplicate(tr, claim.order_id, duplicate.claim_id))
        return Step.ORDER_ID.value
    context.user_data.pop(DRAFT_KEY, None)
    await close_question(update, tr.gettext("Confirm"))
    if await intake_files.file_all(context, context.seller.user_id, stored.id):
        loaded = await load_claim(context, context.seller.user_id, stored.id)
        if loaded is not None:
            await send_card(update, context, *loaded)
            return END
    await send_card(update, context, stored, [])
    return END


async def cancel(update: Update, context: ClaimwachtContext) -> int:
    """/cancel, /annuleren or the Cancel button: discard the draft."""
    context.user_data.pop(DRAFT_KEY, None)
    pasted.forget(context)
    intake_files.forget(context)
    await close_question(update, context.i18n.gettext("Cancel"))
    await send(update, context, context.i18n.gettext(
        "Okay, I threw the claim draft away. Nothing was saved."
    ))
    return END


# --- wiring ------------------------------------------------------------------------------------


def _press(callback: Any, *actions: str) -> CallbackQueryHandler[ClaimwachtContext, Any]:
    return CallbackQueryHandler(callback, pattern=IntakeButton.pattern(*actions))


def _buttons(*handlers: CallbackQueryHandler[ClaimwachtContext, Any]) -> list[Any]:
    """A question answered with buttons; typed input gets "tap one of the buttons"."""
    return [*handlers, MessageHandler(typed.TEXT | typed.MEDIA, use_the_buttons)]


def _text(*handlers: CallbackQueryHandler[ClaimwachtContext, Any]) -> list[Any]:
    """A question answered by typing (some also have a button, such as Skip)."""
    return [*handlers, MessageHandler(typed.TEXT, receive_text),
            MessageHandler(typed.MEDIA, type_an_answer)]


def build_intake_handlers(flows: Flows) -> list[Any]:
    """The conversation, then an answer for intake buttons pressed outside it (old messages)."""
    flows.on_pause("intake", draft_kept)
    paste = _paste(flows)
    return [build_intake_conversation(flows, paste), paste.unreadable_handler(),
            _press(stale_button)]


def _paste(flows: Flows) -> pasted.Paste:
    return pasted.Paste(flows, pasted.IntakeHooks(
        DRAFT_KEY, load, advance, close_question, stale_button))


def build_intake_conversation(
    flows: Flows, paste: pasted.Paste | None = None
) -> ConversationHandler[ClaimwachtContext]:
    choice = _press(choose, *CHOICES)
    paste = paste or _paste(flows)
    return flows.conversation(
        "intake",
        entry_points=[
            CommandHandler(COMMANDS, start_intake),
            CommandHandler("start", start_intake, filters=deep_link_filter(DEEP_LINK)),
            *paste.handlers(),
        ],
        states={
            RESUME: _buttons(_press(resume_choice, "cont", "new")),
            Step.SOURCE.value: _buttons(choice),
            Step.MARKETPLACE.value: _buttons(choice),
            Step.ORDER_ID.value: _text(),
            Step.REASON.value: _buttons(choice),
            Step.FULFILMENT.value: _buttons(choice),
            Step.AMOUNT.value: _text(),
            Step.NOTICE.value: _text(_press(notice_now, "now")),
            Step.DELIVERY.value: _text(_press(skip, "skip")),
            Step.BUY_SHIPPING.value: _buttons(choice),
            Step.NOTES.value: _text(_press(skip, "skip")),
            # The facts the advice needs: buttons, or typed with Skip.
            **{step.value: _buttons(choice) for step in FACT_ACTIONS.values()},
            **{step.value: _text(_press(skip, "skip")) for step in (
                Step.CARRIER, Step.TRACKING_NUMBER, Step.SHIP_DATE, Step.RESPOND_BY)},
            SUMMARY: _buttons(_press(confirm, "ok"), _press(edit_menu, "edit")),
            EDIT: _buttons(_press(edit_field, "ef"), _press(back_to_summary, "sum")),
        },
        fallbacks=[
            CommandHandler(CANCEL_COMMANDS, cancel),
            _press(cancel, "cancel"),
            paste.use_handler(),
            _press(stale_button),
        ],
    )
