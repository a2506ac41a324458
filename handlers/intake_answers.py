"""The intake's questions answered: button choices, typed answers, skip, edit, and asking the
next open question (or the summary). The flow around it is ``handlers.intake``.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import ClaimwachtContext
from domain import intake as steps
from domain.errors import DomainError
from domain.intake import ClaimDraft, Step
from handlers import intake_files
from handlers import notice as pasted
from handlers.intake_draft import load, no_draft, save
from handlers.ui.callbacks import IntakeButton
from handlers.ui.send import close_question, send
from handlers.views import intake as views
from handlers.views.common import stale_button_text
from handlers.views.intake_facts import FACT_ACTIONS, FACT_QUESTIONS, fact_label

__all__ = [
    "CHOICES",
    "EDIT",
    "RESUME",
    "SUMMARY",
    "advance",
    "ask",
    "back_to_summary",
    "choose",
    "edit_field",
    "edit_menu",
    "notice_now",
    "receive_text",
    "skip",
    "stale_button",
    "type_an_answer",
    "use_the_buttons",
]

END = ConversationHandler.END

# Conversation states are the steps' names plus these; they are persisted, never rename them.
SUMMARY = "summary"
EDIT = "edit"
RESUME = "resume"

# Button action → the step it answers.
CHOICES = {
    "src": Step.SOURCE, "mp": Step.MARKETPLACE, "rsn": Step.REASON, "ful": Step.FULFILMENT,
    "bs": Step.BUY_SHIPPING, **FACT_ACTIONS,
}


async def advance(update: Update, context: ClaimwachtContext, draft: ClaimDraft,
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
            save(context, draft)
            await send(update, context, *views.duplicate(tr, order_id, existing))
            return Step.ORDER_ID.value
    save(context, draft)
    return await ask(update, context, draft, preface)


async def ask(update: Update, context: ClaimwachtContext, draft: ClaimDraft,
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
    await send(update, context, f"{preface}\n\n{text}" if preface else text, markup)
    return step.value if step else SUMMARY


async def _duplicate_of(update: Update, context: ClaimwachtContext,
                        draft: ClaimDraft) -> int | None:
    if update.effective_user is None or draft.source is None or draft.order_id is None:
        return None
    async with context.services.database.unit_of_work(write=False) as uow:
        return await uow.claims.find_by_order(
            update.effective_user.id, draft.source, draft.order_id
        )


def _label(context: ClaimwachtContext, step: Step, value: str) -> str:
    """The chosen answer as the closed question shows it."""
    tr = context.i18n
    label = views.choice_label(tr, step, value)
    if label is not None:
        return label
    if step in FACT_QUESTIONS:
        return fact_label(tr, step, value)
    return tr.gettext("Yes") if value == "y" else tr.gettext("No")


async def choose(update: Update, context: ClaimwachtContext) -> str | int:
    """A button answer (source, marketplace, reason, fulfilment, Buy Shipping)."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    button = IntakeButton.unpack(update.callback_query.data if update.callback_query else None)
    step = CHOICES.get(button.action) if button else None
    if button is None or step is None or button.arg is None:
        return await stale_button(update, context)
    try:
        steps.choose(draft, step, button.arg)
    except ValueError:
        return await stale_button(update, context)
    await close_question(update, _label(context, step, button.arg))
    return await advance(update, context, draft)


async def receive_text(update: Update, context: ClaimwachtContext) -> str | int:
    """A typed answer to the open question; a refused one is explained, once, briefly."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    step = steps.next_step(draft)
    text = update.effective_message.text if update.effective_message else None
    if step is None or step not in steps.TEXT_STEPS:
        return await use_the_buttons(update, context)
    try:
        steps.read_text(draft, step, text or "", context.now(), context.zone)
    except DomainError as error:  # the explanation has its own example; keep the buttons
        save(context, draft)
        _, markup = views.question(context.i18n, draft, step)
        await send(update, context, context.i18n.render(error.msg, context.zone), markup)
        return step.value
    return await advance(update, context, draft)


async def notice_now(update: Update, context: ClaimwachtContext) -> str | int:
    """"Just now": the notice arrived at this moment."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    if steps.next_step(draft) is not Step.NOTICE:
        return await stale_button(update, context)
    await close_question(update, context.i18n.gettext("Just now"))
    steps.notice_now(draft, context.now())
    return await advance(update, context, draft)


async def skip(update: Update, context: ClaimwachtContext) -> str | int:
    """Skip an optional typed answer (delivery date, carrier, tracking number, dates, notes)."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    try:
        steps.skip(draft)
    except ValueError:
        return await stale_button(update, context)
    await close_question(update, context.i18n.gettext("Skip"))
    return await advance(update, context, draft)


async def edit_menu(update: Update, context: ClaimwachtContext) -> str | int:
    """Show the fields as buttons."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    if steps.next_step(draft) is not None:
        return await stale_button(update, context)
    await close_question(update)
    await send(update, context, *views.edit_menu(context.i18n, draft))
    return EDIT


async def edit_field(update: Update, context: ClaimwachtContext) -> str | int:
    """Clear the chosen field and ask it again; the summary follows."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    button = IntakeButton.unpack(update.callback_query.data if update.callback_query else None)
    code = button.arg if button else None
    try:
        steps.edit(draft, code or "")
    except ValueError:
        return await stale_button(update, context)
    await close_question(update, context.i18n.gettext(steps.EDIT_LABELS[code or ""]))
    return await advance(update, context, draft)


async def back_to_summary(update: Update, context: ClaimwachtContext) -> str | int:
    """Leave the field menu without changes."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    await close_question(update)
    return await advance(update, context, draft)


async def use_the_buttons(update: Update, context: ClaimwachtContext) -> str | int:
    """Typed text (or media) where a button is expected: explain and ask again."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    tr = context.i18n
    if draft.resuming:
        await send(update, context, tr.gettext("Please tap Continue or Start over."),
                    views.resume_buttons(tr))
        return RESUME
    if update.effective_message is not None and not update.effective_message.text:
        return await _kept_file(update, context, draft)
    return await ask(update, context, draft, tr.gettext("Please tap one of the buttons."))


async def type_an_answer(update: Update, context: ClaimwachtContext) -> str | int:
    """A photo or document where text is expected: kept for the claim; a sticker: explained."""
    draft = load(context)
    if draft is None:
        return await no_draft(update, context)
    return await _kept_file(update, context, draft)


async def _kept_file(update: Update, context: ClaimwachtContext, draft: ClaimDraft) -> str:
    """Keep a file sent mid-intake; say so once (not per album photo) and ask on."""
    said = intake_files.keep(update, context)
    step = steps.next_step(draft)
    if said is None:
        return step.value if step else SUMMARY
    return await ask(update, context, draft, said)


async def stale_button(update: Update, context: ClaimwachtContext) -> str | int | None:
    """A button from an earlier question: say so and repeat the current question."""
    query = update.callback_query
    if query is not None:
        await query.answer(stale_button_text(context.i18n))
    draft = load(context)
    if draft is None:
        return END
    if draft.resuming:
        return RESUME
    return await ask(update, context, draft)


