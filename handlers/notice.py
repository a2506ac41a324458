"""Paste the notice: a claim registered, or updated, from the marketplace's own e-mail.

A seller pastes or forwards an Amazon, Trusted Shops or PayPal notice into the private chat:
with no command, after /nieuweclaim, or as the answer to its first question. What the notice
says for certain fills the intake's draft; the intake then asks only what is missing or unsure
(the best reading as a button) and shows the summary, and Confirm gives the claim card. A
notice about an order that already has a claim updates that claim instead and says what
changed. The pasted original becomes the claim's evidence note; nothing else of it is kept.

The intake owns the conversation: it builds ``Paste`` with its own primitives (load, advance,
close a question, stale button) and wires the handlers this module returns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackQueryHandler, ConversationHandler, MessageHandler, filters

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.services.notices import register_from_notice, update_from_notice
from domain.claims import Claim
from domain.intake import ClaimDraft, Step
from domain.lifecycle import EventKind
from domain.notice import Notice, NoticeEvent, is_notice, mentions_a_source, read_notice
from domain.notice_intake import (
    NoticeHints,
    draft_from_notice,
    fill_defaults,
    use_suggestion,
    with_notice_facts,
)
from domain.rules import ClaimSource
from handlers.card import load_claim, send_card
from handlers.ui.callbacks import IntakeButton
from handlers.ui.flows import Flows, active_flow
from handlers.views import notice as views
from handlers.views.common import new_claim_command

__all__ = ["NOTICE_KEY", "IntakeHooks", "Paste"]

NOTICE_KEY = "intake.notice"
FLOW = "intake"
# The decision a notice reports, as the claim's life cycle records it. A grant counts as paid by
# the seller, the reading that keeps the appeal open; the seller can correct the outcome.
_DECISIONS = {NoticeEvent.GRANTED: EventKind.GRANT_SELLER, NoticeEvent.DENIED: EventKind.DENY}



def _decision(kind: NoticeEvent, amazon_funded: bool) -> EventKind | None:
    if kind is NoticeEvent.GRANTED and amazon_funded:
        return EventKind.GRANT_AMAZON
    return _DECISIONS.get(kind)


Advance = Callable[[Update, ClaimwachtContext, ClaimDraft, str | None], Awaitable[str]]


@dataclass(frozen=True)
class IntakeHooks:
    """What the paste flow borrows from the intake conversation."""

    draft_key: str
    load: Callable[[ClaimwachtContext], ClaimDraft | None]
    advance: Advance
    close_question: Callable[[Update, str | None], Awaitable[None]]
    stale_button: Callable[[Update, ClaimwachtContext], Awaitable[Any]]


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if isinstance(message, Message) else ""


class _Idle(filters.UpdateFilter):
    """The sender has no other flow waiting for input, and no half-answered claim draft: a
    pasted notice then starts a claim (in another flow it is that flow's answer)."""

    def __init__(self, flows: Flows, draft_key: str) -> None:
        super().__init__(name="PasteIdle", data_filter=False)
        self._flows, self._draft_key = flows, draft_key

    def filter(self, update: Update) -> bool:
        user = update.effective_user
        if user is None:
            return False
        data = self._flows.user_data_of(user.id)
        if active_flow(data) not in (None, "", FLOW):
            return False
        stored = data.get(self._draft_key) if data is not None else None
        if not isinstance(stored, dict):
            return True
        draft = ClaimDraft.from_json(stored)
        return draft.source is None and not draft.resuming  # only the first question is open


class _Notice(filters.MessageFilter):
    def __init__(self, test: Callable[[str], bool], name: str) -> None:
        super().__init__(name=name)
        self._test = test

    def filter(self, message: Message) -> bool:
        return self._test(message.text or "")


NOTICE = _Notice(is_notice, "Notice")
NOTICE_LIKE = _Notice(lambda text: mentions_a_source(text) and not is_notice(text), "NoticeLike")


def hints_for(context: ClaimwachtContext, draft: ClaimDraft) -> NoticeHints | None:
    """The notice behind ``draft``, if the draft came from one."""
    data = context.user_data.get(NOTICE_KEY) if context.user_data is not None else None
    hints = NoticeHints.from_json(data)
    if hints is None or hints.draft_started != draft.started_at:
        return None
    return hints


def forget(context: ClaimwachtContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(NOTICE_KEY, None)


class Paste:
    """The paste flow's handlers, on the intake's primitives."""

    def __init__(self, flows: Flows, hooks: IntakeHooks) -> None:
        self._flows, self._hooks = flows, hooks
        self._idle = _Idle(flows, hooks.draft_key)

    def handlers(self) -> list[Any]:
        """The entry point for a pasted notice (also the intake's first question's answer)."""
        return [MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & self._idle & NOTICE,
            self.paste,
        )]

    def use_handler(self) -> CallbackQueryHandler[ClaimwachtContext, Any]:
        return CallbackQueryHandler(self.use, pattern=IntakeButton.pattern("use"))

    def unreadable_handler(self) -> MessageHandler[ClaimwachtContext, Any]:
        """Text naming a marketplace's claim that does not read as a notice."""
        return MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & self._idle & NOTICE_LIKE,
            self.unreadable,
        )

    async def paste(self, update: Update, context: ClaimwachtContext) -> str | int:
        """A pasted or forwarded notice: update its claim, or pre-fill a new one."""
        text = _text(update)
        notice = read_notice(text, context.now(), context.zone)
        if notice is None or update.effective_user is None:
            await self.unreadable(update, context)
            return self._hooks_end(context)
        existing = await self._existing(update.effective_user.id, notice, context)
        if existing is not None:
            await self._update(update, context, notice, existing, text)
            return self._hooks_end(context)
        draft, hints = draft_from_notice(notice, text, context.now())
        context.user_data[NOTICE_KEY] = hints.to_json()
        return await self._hooks.advance(update, context, draft,
                                         views.read_preface(context.i18n, hints))

    def _hooks_end(self, context: ClaimwachtContext) -> int:
        """Leave the intake (a draft of a first question only is dropped with it)."""
        if context.user_data is not None:
            context.user_data.pop(self._hooks.draft_key, None)
        forget(context)
        return ConversationHandler.END

    async def _existing(self, seller_id: int, notice: Notice,
                        context: ClaimwachtContext) -> int | None:
        if not (notice.source.is_certain and notice.order_id.is_certain):
            return None
        assert notice.source.value is not None and notice.order_id.value is not None
        async with context.services.database.unit_of_work(write=False) as uow:
            return await uow.claims.find_by_order(seller_id, notice.source.value,
                                                  notice.order_id.value)

    async def _update(self, update: Update, context: ClaimwachtContext, notice: Notice,
                      claim_id: int, text: str) -> None:
        kind = notice.kind.value if notice.kind.is_certain else None
        seller = context.seller
        if seller is None or update.effective_chat is None:
            return
        at = notice.notice_at.value if notice.notice_at.is_certain else context.now()
        assert at is not None
        event = _decision(kind, notice.amazon_funded) if kind else None
        if kind is NoticeEvent.INFO_REQUEST and notice.source.value is ClaimSource.A_TO_Z:
            event = EventKind.INFO_REQUEST  # a new 48-hour window, also after a response
        respond_by = notice.respond_by.value if notice.respond_by.is_certain else None
        result = await update_from_notice(
            context.services.database, seller, claim_id, text, at, context.now(), event=event,
            escalated=kind is NoticeEvent.ESCALATED, respond_by=respond_by,
        )
        if result is None:  # deleted in between
            return
        refused = context.i18n.render(result.claim.state.label) if result.refused else None
        if result.escalated:
            said = views.escalated_text(context.i18n, context.zone, result.claim)
        else:
            said = views.update_text(context.i18n, result.claim.claim.order_id,
                                     kind or NoticeEvent.FILED, result.event, refused)
        await context.bot.send_message(update.effective_chat.id, said)
        loaded = await load_claim(context, seller.user_id, claim_id)
        if loaded is not None:
            await send_card(update, context, *loaded)

    async def use(self, update: Update, context: ClaimwachtContext) -> str | int | None:
        """A best reading from the notice, taken as the answer to the open question."""
        draft = self._hooks.load(context)
        hints = hints_for(context, draft) if draft is not None else None
        button = IntakeButton.unpack(update.callback_query.data if update.callback_query
                                     else None)
        if draft is None or hints is None or button is None or not (button.arg or "").isdigit():
            return await self._hooks.stale_button(update, context)
        try:
            step = use_suggestion(draft, hints, int(button.arg or ""), context.now())
        except ValueError:
            return await self._hooks.stale_button(update, context)
        value = hints.suggestions[step][int(button.arg or "")]
        await self._hooks.close_question(
            update, views.suggestion_label(context.i18n, context.zone, step, value))
        return await self._hooks.advance(update, context, draft, None)

    async def unreadable(self, update: Update, context: ClaimwachtContext) -> None:
        """A claim notice without enough to read: say so; the guided intake is one tap away."""
        if update.effective_message is not None:
            await update.effective_message.reply_text(context.i18n.gettext(
                "This looks like a claim notice, but I could not read its order and what it "
                "is about. Send {command} to register the claim step by step."
            ).format(command=new_claim_command(context.i18n)))


def apply_defaults(context: ClaimwachtContext, draft: ClaimDraft) -> None:
    """Before the next question of a draft from a notice: what a notice never says gets its
    safe default instead of a question (shown on the summary, changeable there)."""
    hints = hints_for(context, draft)
    if hints is not None:
        fill_defaults(draft, hints)
        context.user_data[NOTICE_KEY] = hints.to_json()


def suggestion_markup(context: ClaimwachtContext, draft: ClaimDraft, step: Step | None,
                      markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """The question's buttons with the notice's readings for it on top."""
    hints = hints_for(context, draft)
    if hints is None or step is None or markup is None:
        return markup
    rows = views.suggestion_rows(context.i18n, context.zone, hints, step)
    if not rows:
        return markup
    return InlineKeyboardMarkup([*rows, *markup.inline_keyboard])


def summary_preface(context: ClaimwachtContext, draft: ClaimDraft) -> str | None:
    """Above the summary of a draft from a notice: which fields it gave."""
    hints = hints_for(context, draft)
    return views.read_line(context.i18n, hints) if hints is not None and hints.read else None


async def register(context: ClaimwachtContext, claim: Claim,
                   hints: NoticeHints) -> StoredClaim:
    """Store the claim with the notice as its first note (and a decision it reports)."""
    assert context.seller is not None
    stored = await register_from_notice(
        context.services.database, context.seller, with_notice_facts(claim, hints), hints.text,
        context.now(),
        decision=_decision(hints.kind, hints.amazon_funded),
    )
    forget(context)
    return stored
