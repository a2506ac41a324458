"""The intake's draft in the seller's persisted user data: load, save, expire, keep.

``user_data[DRAFT_KEY]`` holds ``ClaimDraft.to_json()``. A draft idle for 24 hours is removed
on the seller's next update (``expire_draft``, a handler before the features; no timer job).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import ClaimwachtContext
from domain.intake import ClaimDraft
from handlers import intake_files
from handlers import notice as pasted
from handlers.ui.send import send
from handlers.views.common import new_claim_command

__all__ = [
    "DRAFT_KEY",
    "draft_kept",
    "expire_draft",
    "forget_expiry",
    "load",
    "no_draft",
    "save",
]

DRAFT_KEY = "intake.draft"
EXPIRED_KEY = "intake.expired_in"  # the update in which the seller was told a draft expired
END = ConversationHandler.END


def load(context: ClaimwachtContext) -> ClaimDraft | None:
    data = context.user_data.get(DRAFT_KEY) if context.user_data is not None else None
    return ClaimDraft.from_json(data) if isinstance(data, dict) else None


def save(context: ClaimwachtContext, draft: ClaimDraft) -> None:
    draft.touch(context.now())
    context.user_data[DRAFT_KEY] = draft.to_json()


async def expire_draft(update: Update, context: ClaimwachtContext) -> None:
    """Before any handler: a draft idle for over 24 hours is removed and the seller told."""
    if context.user_data is None or update.effective_user is None:
        return
    draft = load(context)
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


async def no_draft(update: Update, context: ClaimwachtContext) -> int:
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


async def draft_kept(update: Update, context: ClaimwachtContext) -> None:
    """Another flow took over: the draft stays, and the seller learns how to get back to it."""
    if context.user_data is None or DRAFT_KEY not in context.user_data:
        return
    await send(update, context, context.i18n.gettext(
        "Your unfinished claim is kept. Send {command} to continue it."
    ).format(command=new_claim_command(context.i18n)))


def forget_expiry(context: ClaimwachtContext) -> None:
    """A new draft starts: the note that the last one expired is no longer needed."""
    if context.user_data is not None:
        context.user_data.pop(EXPIRED_KEY, None)
