"""/nieuweclaim and /newclaim: register a claim in a guided, persisted conversation.

The steps, their order and how answers are read are ``domain.intake``; the questions are
``handlers.views.intake``; storing the claim is ``bot.services.claims.register_claim``. This
module parses updates, moves the draft through its steps and sends the screens.

The draft lives in ``user_data[DRAFT_KEY]`` (``ClaimDraft.to_json``). The conversation's
state is the open step's name; which question comes next is always derived from the draft,
so a restart, an edit or a "continue" lands on the right question. A draft idle for 24 hours
is removed on the seller's next update (``expire_draft``, no timer job).
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.context import ClaimwachtContext
from bot.services.claims import DuplicateClaimError, register_claim
from domain import intake as steps
from domain.claims import Fulfilment, Reason
from domain.errors import DomainError
from domain.intake import ClaimDraft, Step
from domain.rules import ClaimSource, Marketplace
from handlers import intake_files
from handlers import notice as pasted
from handlers.card import load_claim, send_card
from handlers.claim_labels import source_label
from handlers.private_chat import opened_by_deep_link, refuse_in_group
from handlers.ui import filters as typed
from handlers.ui.callbacks import IntakeButton
from handlers.ui.commands import CANCEL
from handlers.ui.flows import Flows
from handlers.views import intake as views
from handlers.views.common import new_claim_command, stale_button_text
from handlers.views.intake_facts import FACT_ACTIONS, FACT_QUESTIONS, fact_label

__all__ = [
    "COMMANDS",
    "DEEP_LINK",
    "DRAFT_KEY",
    "build_intake_conversation",
    "build_intake_handlers",
    "expire_draft",
]

_LOGGER = logging.getLogger(__name__)

COMMANDS = ("nieuweclaim", "newclaim")
CANCEL_COMMANDS = CANCEL
DEEP_LINK = "nieuweclaim"
DRAFT_KEY = "intake.draft"
EXPIRED_KEY = "intake.expired_in"  # the update in which the seller was told a draft expired
END = ConversationHandler.END

# Conversation states are the steps' names plus these; they are persisted, never rename them.
SUMMARY = "summary"
EDIT = "edit"
RESUME = "resume"

# Button action → the step it answers.
_CHOICES = {
    "src": Step.SOURCE, "mp": Step.MARKETPLACE, "rsn": Step.REASON, "ful": Step.FULFILMENT,
    "bs": Step.BUY_SHIPPING, **FACT_ACTIONS,
}


# --- the draft ---------------------------------------------------------------------------------


def _load(context: ClaimwachtContext) -> ClaimDraft | None:
    data = context.user_data.get(DRAFT_KEY) if context.user_data is not None else None
    return ClaimDraft.from_json(data) if isinstance(data, dict) else None


def _save(context: ClaimwachtContext, draft: ClaimDraft) -> None:
    draft.touch(context.now())
    context.user_data[DRAFT_KEY] = draft.to_json()


async def expire_draft(update: Update, context: ClaimwachtContext) -> None:
    """Before any handler: a draft idle for over 24 hours is removed and the seller told."""
    if context.user_data is None or update.effective_user is None:
        return
    draft = _load(context)
    if draft is None or not draft.expired(context.now()):
        return
    del context.user_data[DRAFT_KEY]
    pasted.forget(context)
    intake_files.forget(context)
    context.user_data[EXPIRED_KEY] = update.update_id
    if update.effective_chat is not None:
        await context.bot.send_message(
            update.effective_chat.id,
            context.i18n.gettext(
                "Your unfinished claim from {started} had no answer for 24 hours, so I "
                "removed it."
            ).format(started=context.i18n.datetime(draft.started_at, context.zone)),
        )


async def _no_draft(update: Update, context: ClaimwachtContext) -> int:
    """A step without a draft (expired, cancelled, deleted): say so, unless just told."""
    told = context.user_data.pop(EXPIRED_KEY, None) if context.user_data is not None else None
    if update.callback_query is not None:
        await update.callback_query.answer()
    if told != update.update_id and update.effective_message is not None:
        await update.effective_message.reply_text(
            context.i18n.gettext(
                "There is no claim in progress. Send {command} to register one."
            ).format(command=new_claim_command(context.i18n))
        )
    return END


# --- sending -----------------------------------------------------------------------------------


async def _send(update: Update, context: ClaimwachtContext, text: str,
                markup: InlineKeyboardMarkup | None = None) -> None:
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


async def _close_question(update: Update, label: str | None = None) -> None:
    """Answer the button press and take the keyboard off the question (showing the choice)."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    message = query.message
    try:
        if label and message is not None and getattr(message, "text", None):
            await query.edit_message_text(f"{message.text}\n→ {label}")  # type: ignore[union-attr]
        else:
            await query.edit_message_reply_markup(None)
    except BadRequest as error:  # too old to edit, or already edited: the answer still counts
        _LOGGER.debug("could not close the question: %s", error)


async def _advance(update: Update, context: ClaimwachtContext, draft: ClaimDraft,
                   preface: str | None = None) -> str:
    """Save the draft, ask the next unanswered question (or show the summary)."""
    tr = context.i18n
    try:
        steps.apply_prefill(draft)
    except DomainError as error:
        preface = tr.render(error.msg, context.zone)
    pasted.apply_defaults(context, draft)
    step = steps.next_step(draft)
    if step in (Step.REASON, None) and draft.order_id is not None and draft.source is not None:
        existing = await _duplicate_of(update, context, draft)
        if existing is not None:
            order_id, draft.order_id = draft.order_id, None
            _save(context, draft)
            await _send(update, context, *views.duplicate(tr, order_id, existing))
            return Step.ORDER_ID.value
    _save(context, draft)
    return await _ask(update, context, draft, preface)


async def _ask(update: Update, context: ClaimwachtContext, draft: ClaimDraft,
               preface: str | None = None) -> str:
    """Send the open question (after ``preface``, e.g. why the last answer failed)."""
    tr = context.i18n
    step = steps.next_step(draft)
    if step is None:
        text, markup = views.summary(tr, context.zone, draft)
        marks = pasted.summary_preface(context, draft)
        text = f"{marks}\n{text}" if marks else text
    else:
        text, markup = views.question(tr, draft, step)
        markup = pasted.suggestion_markup(context, draft, step, markup)
    await _send(update, context, f"{preface}\n\n{text}" if preface else text, markup)
    return step.value if step else SUMMARY


async def _duplicate_of(update: Update, context: ClaimwachtContext,
                        draft: ClaimDraft) -> int | None:
    if update.effective_user is None or draft.source is None or draft.order_id is None:
        return None
    async with context.services.database.unit_of_work(write=False) as uow:
        return await uow.claims.find_by_order(
            update.effective_user.id, draft.source, draft.order_id
        )


# --- entering ----------------------------------------------------------------------------------


async def start_intake(update: Update, context: ClaimwachtContext) -> str | int:
    """/nieuweclaim [order]: start, or ask whether to continue the open draft."""
    if await refuse_in_group(update, context, DEEP_LINK):
        return END
    args = list(context.args or [])
    if opened_by_deep_link(update) and args and args[0] == DEEP_LINK:
        args = args[1:]
    prefill = " ".join(args).strip() or None
    draft = _load(context)
    if draft is not None and not draft.expired(context.now()):
        draft.resuming, draft.resume_prefill = True, prefill
        _save(context, draft)
        started = context.i18n.datetime(draft.started_at, context.zone)
        await _send(update, context, *views.resume_question(context.i18n, started))
        return RESUME
    context.user_data.pop(EXPIRED_KEY, None)
    return await _advance(update, context, ClaimDraft.start(context.now(), prefill))


async def resume_choice(update: Update, context: ClaimwachtContext) -> str | int:
    """Continue the open draft at its step, or throw it away and start a new one."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    button = IntakeButton.unpack(update.callback_query.data if update.callback_query else None)
    tr = context.i18n
    prefill, draft.resuming, draft.resume_prefill = draft.resume_prefill, False, None
    if button is not None and button.action == "new":
        await _close_question(update, tr.gettext("Start over"))
        draft = ClaimDraft.start(context.now(), prefill)
    else:
        await _close_question(update, tr.gettext("Continue"))
    return await _advance(update, context, draft)


# --- answers -----------------------------------------------------------------------------------


def _label(context: ClaimwachtContext, step: Step, value: str) -> str:
    """The chosen answer as the closed question shows it."""
    tr = context.i18n
    if step is Step.SOURCE:
        return source_label(tr, ClaimSource(value))
    if step is Step.MARKETPLACE:
        return Marketplace(value).host or value
    if step is Step.REASON:
        return tr.render(Reason(value).label)
    if step is Step.FULFILMENT:
        return tr.render(Fulfilment(value).label)
    if step in FACT_QUESTIONS:
        return fact_label(tr, step, value)
    return tr.gettext("Yes") if value == "y" else tr.gettext("No")


async def choose(update: Update, context: ClaimwachtContext) -> str | int:
    """A button answer (source, marketplace, reason, fulfilment, Buy Shipping)."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    button = IntakeButton.unpack(update.callback_query.data if update.callback_query else None)
    step = _CHOICES.get(button.action) if button else None
    if button is None or step is None or button.arg is None:
        return await stale_button(update, context)
    try:
        steps.choose(draft, step, button.arg)
    except ValueError:
        return await stale_button(update, context)
    await _close_question(update, _label(context, step, button.arg))
    return await _advance(update, context, draft)


async def receive_text(update: Update, context: ClaimwachtContext) -> str | int:
    """A typed answer to the open question; a refused one is explained, once, briefly."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    step = steps.next_step(draft)
    text = update.effective_message.text if update.effective_message else None
    if step is None or step not in steps.TEXT_STEPS:
        return await use_the_buttons(update, context)
    try:
        steps.read_text(draft, step, text or "", context.now(), context.zone)
    except DomainError as error:  # the explanation has its own example; keep the buttons
        _save(context, draft)
        _, markup = views.question(context.i18n, draft, step)
        await _send(update, context, context.i18n.render(error.msg, context.zone), markup)
        return step.value
    return await _advance(update, context, draft)


async def notice_now(update: Update, context: ClaimwachtContext) -> str | int:
    """"Just now": the notice arrived at this moment."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    if steps.next_step(draft) is not Step.NOTICE:
        return await stale_button(update, context)
    await _close_question(update, context.i18n.gettext("Just now"))
    steps.notice_now(draft, context.now())
    return await _advance(update, context, draft)


async def skip(update: Update, context: ClaimwachtContext) -> str | int:
    """Skip an optional typed answer (delivery date, carrier, tracking number, dates, notes)."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    try:
        steps.skip(draft)
    except ValueError:
        return await stale_button(update, context)
    await _close_question(update, context.i18n.gettext("Skip"))
    return await _advance(update, context, draft)


async def edit_menu(update: Update, context: ClaimwachtContext) -> str | int:
    """Show the fields as buttons."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    if steps.next_step(draft) is not None:
        return await stale_button(update, context)
    await _close_question(update)
    await _send(update, context, *views.edit_menu(context.i18n, draft))
    return EDIT


async def edit_field(update: Update, context: ClaimwachtContext) -> str | int:
    """Clear the chosen field and ask it again; the summary follows."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    button = IntakeButton.unpack(update.callback_query.data if update.callback_query else None)
    code = button.arg if button else None
    try:
        steps.edit(draft, code or "")
    except ValueError:
        return await stale_button(update, context)
    await _close_question(update, context.i18n.gettext(steps.EDIT_LABELS[code or ""]))
    return await _advance(update, context, draft)


async def back_to_summary(update: Update, context: ClaimwachtContext) -> str | int:
    """Leave the field menu without changes."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    await _close_question(update)
    return await _advance(update, context, draft)


async def confirm(update: Update, context: ClaimwachtContext) -> str | int:
    """Store the claim with its reminders (the service does it atomically), show its card."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    if steps.next_step(draft) is not None or context.seller is None:
        return await stale_button(update, context)
    tr = context.i18n
    try:
        claim = steps.to_claim(draft)
    except DomainError as error:
        await _close_question(update)
        return await _ask(update, context, draft, tr.render(error.msg, context.zone))
    hints = pasted.hints_for(context, draft)
    try:
        stored = await (pasted.register(context, claim, hints) if hints else register_claim(
            context.services.database, context.seller, claim, context.now()
        ))
    except DuplicateClaimError as duplicate:
        await _close_question(update)
        draft.order_id = None
        _save(context, draft)
        await _send(update, context, *views.duplicate(tr, claim.order_id, duplicate.claim_id))
        return Step.ORDER_ID.value
    context.user_data.pop(DRAFT_KEY, None)
    await _close_question(update, tr.gettext("Confirm"))
    if await intake_files.file_all(context, context.seller.user_id, stored.id):
        loaded = await load_claim(context, context.seller.user_id, stored.id)
        if loaded is not None:
            await send_card(update, context, *loaded)
            return END
    await send_card(update, context, stored, [])
    return END


async def use_the_buttons(update: Update, context: ClaimwachtContext) -> str | int:
    """Typed text (or media) where a button is expected: explain and ask again."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    tr = context.i18n
    if draft.resuming:
        await _send(update, context, tr.gettext("Please tap Continue or Start over."),
                    views.resume_buttons(tr))
        return RESUME
    if update.effective_message is not None and not update.effective_message.text:
        return await _kept_file(update, context, draft)
    return await _ask(update, context, draft, tr.gettext("Please tap one of the buttons."))


async def type_an_answer(update: Update, context: ClaimwachtContext) -> str | int:
    """A photo or document where text is expected: kept for the claim; a sticker: explained."""
    draft = _load(context)
    if draft is None:
        return await _no_draft(update, context)
    return await _kept_file(update, context, draft)


async def _kept_file(update: Update, context: ClaimwachtContext, draft: ClaimDraft) -> str:
    """Keep a file sent mid-intake; say so once (not per album photo) and ask on."""
    said = intake_files.keep(update, context)
    step = steps.next_step(draft)
    if said is None:
        return step.value if step else SUMMARY
    return await _ask(update, context, draft, said)


async def stale_button(update: Update, context: ClaimwachtContext) -> str | int | None:
    """A button from an earlier question: say so and repeat the current question."""
    query = update.callback_query
    if query is not None:
        await query.answer(stale_button_text(context.i18n))
    draft = _load(context)
    if draft is None:
        return END
    if draft.resuming:
        return RESUME
    return await _ask(update, context, draft)


async def draft_kept(update: Update, context: ClaimwachtContext) -> None:
    """Another flow took over: the draft stays, and the seller learns how to get back to it."""
    if context.user_data is None or DRAFT_KEY not in context.user_data:
        return
    await _send(update, context, context.i18n.gettext(
        "Your unfinished claim is kept. Send {command} to continue it."
    ).format(command=new_claim_command(context.i18n)))


async def cancel(update: Update, context: ClaimwachtContext) -> int:
    """/cancel, /annuleren or the Cancel button: discard the draft."""
    context.user_data.pop(DRAFT_KEY, None)
    pasted.forget(context)
    intake_files.forget(context)
    await _close_question(update, context.i18n.gettext("Cancel"))
    await _send(update, context, context.i18n.gettext(
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
        DRAFT_KEY, _load, _advance, _close_question, stale_button))


def build_intake_conversation(
    flows: Flows, paste: pasted.Paste | None = None
) -> ConversationHandler[ClaimwachtContext]:
    choice = _press(choose, *_CHOICES)
    paste = paste or _paste(flows)
    return flows.conversation(
        "intake",
        entry_points=[
            CommandHandler(COMMANDS, start_intake),
            CommandHandler("start", start_intake, filters=typed.deep_link(DEEP_LINK)),
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
