"""Checks every button press goes through, so no feature can forget them.

- ``check_button`` (a TypeHandler before the features): data we never sent gets "no longer
  valid"; a button of a private kind pressed in a group gets the "continue privately" answer;
  a forged claim id (0, or beyond what SQLite can hold) gets "not found". Nothing else runs.
- ``answer_leftover`` (the last handler of the feature group): a press no feature took, e.g.
  a button of a flow that has ended, is still answered.
- ``owned_claim``: loads the claim a button names *for the sender*; someone else's claim and a
  missing one get the same "not found".
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from telegram import CallbackQuery, Update
from telegram.ext import ApplicationHandlerStop, ConversationHandler

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.evidence_repo import StoredEvidence
from handlers.private_chat import refuse_in_group
from handlers.ui.callbacks import Button, kind_of, valid_id
from handlers.views.common import not_found_text, stale_button_text

B = TypeVar("B", bound=Button)

__all__ = [
    "OwnedClaim",
    "answer_leftover",
    "check_button",
    "load_claim",
    "owned_claim",
]


async def check_button(update: Update, context: ClaimwachtContext) -> None:
    """Before any feature: refuse unknown data, private buttons in groups and forged ids."""
    query = update.callback_query
    if query is None:
        return
    button = kind_of(query.data)
    if button is None:
        await query.answer(stale_button_text(context.i18n))
        raise ApplicationHandlerStop
    if button.PRIVATE and await refuse_in_group(update, context):
        raise ApplicationHandlerStop
    if button.HAS_ID and button.ROW_ID and not valid_id(button.id):
        text = not_found_text(context.i18n) if button.CLAIM_ID else stale_button_text(context.i18n)
        await query.answer(text, show_alert=button.CLAIM_ID)
        raise ApplicationHandlerStop


async def answer_leftover(update: Update, context: ClaimwachtContext) -> None:
    """A press that no feature took (its flow ended, its message is old): still answered."""
    if update.callback_query is not None:
        await update.callback_query.answer(stale_button_text(context.i18n))


async def load_claim(
    context: ClaimwachtContext, seller_id: int, claim_id: int
) -> tuple[StoredClaim, list[StoredEvidence]] | None:
    """The claim and its evidence when ``seller_id`` owns it; None otherwise."""
    if not valid_id(claim_id):
        return None
    async with context.services.database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(seller_id, claim_id)
        if stored is None:
            return None
        evidence = await uow.evidence.list_for_claim(claim_id)
    return stored, evidence


@dataclass(frozen=True)
class OwnedClaim(Generic[B]):
    """A pressed button naming a claim the sender owns, loaded."""

    query: CallbackQuery
    button: B
    stored: StoredClaim
    evidence: list[StoredEvidence]


def owned_claim(
    kind: type[B],
) -> Callable[
    [Callable[[Update, ClaimwachtContext, OwnedClaim[B]], Awaitable[Any]]],
    Callable[[Update, ClaimwachtContext], Coroutine[Any, Any, Any]],
]:
    """Decorate a button handler: it runs only for the sender's own claim, in a private chat."""

    def decorate(
        handler: Callable[[Update, ClaimwachtContext, OwnedClaim[B]], Awaitable[Any]],
    ) -> Callable[[Update, ClaimwachtContext], Coroutine[Any, Any, Any]]:
        @functools.wraps(handler)
        async def guarded(update: Update, context: ClaimwachtContext) -> Any:
            query = update.callback_query
            button = kind.unpack(query.data if query else None)
            if query is None or button is None or update.effective_user is None:
                if query is not None:
                    await query.answer(stale_button_text(context.i18n))
                return ConversationHandler.END
            if await refuse_in_group(update, context):
                return ConversationHandler.END
            loaded = await load_claim(context, update.effective_user.id, button.id)
            if loaded is None:
                await query.answer(not_found_text(context.i18n), show_alert=True)
                return ConversationHandler.END
            return await handler(update, context, OwnedClaim(query, button, *loaded))

        return guarded

    return decorate
