"""One flow owns a seller at a time: the conversation that asked last takes the typed answers.

The persistent conversations (intake, evidence, settings, frame, outcome) are built with
``flow_conversation``. A flow becomes the seller's active flow when one of its handlers keeps
the conversation going, and stops being it when its conversation ends. Its states' typed input
(text, media, and its fallbacks such as /annuleren) only reaches it while it is the active
flow; a conversation left behind when another flow started keeps its state (restart-safe) but
takes nothing until the seller picks it up again with a command or one of its buttons. Buttons
are an explicit choice, so pressing one of a paused flow's buttons makes it active again.

The active flow lives in ``user_data[FLOW_KEY]`` (persisted with the rest of user_data):
missing means "never set" (state from before flows existed: every conversation may answer, as
it did then), ``""`` means "no flow". A flow may register a ``pause`` callback: it is told when
another flow takes over, so it can say that its work is kept (the intake's draft is).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.context import ClaimwachtContext

__all__ = ["FLOW_KEY", "Flows", "active_flow"]

FLOW_KEY = "flow"
END = ConversationHandler.END

Callback = Callable[[Update, ClaimwachtContext], Awaitable[Any]]
Pause = Callable[[Update, ClaimwachtContext], Awaitable[None]]


def active_flow(user_data: Mapping[str, Any] | None) -> str | None:
    """The active flow's name; None when the seller never had one (legacy state)."""
    if user_data is None or FLOW_KEY not in user_data:
        return None
    return str(user_data[FLOW_KEY])


class _ActiveFlowFilter(filters.UpdateFilter):
    """Matches while ``name`` is the sender's active flow (or none was ever set)."""

    def __init__(self, flows: Flows, name: str) -> None:
        super().__init__(name=f"ActiveFlow({name})", data_filter=False)
        self._flows = flows
        self._flow = name

    def filter(self, update: Update) -> bool:
        user = update.effective_user
        if user is None:
            return False
        current = active_flow(self._flows.user_data_of(user.id))
        return current is None or current == self._flow


class Flows:
    """The flows of one Application; ``bot/app.py`` makes one and hands it to the builders."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        self._application = application
        self._pause: dict[str, Pause] = {}
        self.names: list[str] = []

    def user_data_of(self, user_id: int) -> Mapping[str, Any] | None:
        data = self._application.user_data.get(user_id)
        return data if isinstance(data, Mapping) else None

    def only(self, name: str) -> filters.UpdateFilter:
        """A filter for typed input that only ``name`` may take."""
        return _ActiveFlowFilter(self, name)

    def on_pause(self, name: str, pause: Pause) -> None:
        self._pause[name] = pause

    async def begin(self, update: Update, context: ClaimwachtContext, name: str) -> None:
        """Make ``name`` the active flow; the flow it replaces is told it was paused."""
        if context.user_data is None:
            return
        previous = active_flow(context.user_data)
        context.user_data[FLOW_KEY] = name
        if previous and previous != name and previous in self._pause:
            await self._pause[previous](update, context)

    @staticmethod
    def end(context: ClaimwachtContext, name: str) -> None:
        """``name`` finished: no flow is active (unless another one already took over)."""
        if context.user_data is not None and active_flow(context.user_data) in (None, name):
            context.user_data[FLOW_KEY] = ""

    def conversation(
        self,
        name: str,
        *,
        entry_points: Sequence[BaseHandler[Update, ClaimwachtContext, Any]],
        states: dict[object, Sequence[BaseHandler[Update, ClaimwachtContext, Any]]],
        fallbacks: Sequence[BaseHandler[Update, ClaimwachtContext, Any]],
    ) -> ConversationHandler[ClaimwachtContext]:
        """A persistent, re-enterable ConversationHandler that is flow ``name``."""
        self.names.append(name)
        with warnings.catch_warnings():
            # Per-user tracking is what we want; PTB warns that buttons aren't tracked per
            # message (a seller has one flow at a time, whichever message they press).
            warnings.simplefilter("ignore", PTBUserWarning)
            return ConversationHandler(
                entry_points=[self._tracked(name, h, gate=False) for h in entry_points],
                states={
                    state: [self._tracked(name, h, gate=True) for h in handlers]
                    for state, handlers in states.items()
                },
                fallbacks=[self._tracked(name, h, gate=True) for h in fallbacks],
                name=name,
                persistent=True,
                allow_reentry=True,
            )

    def _tracked(
        self, name: str, handler: BaseHandler[Update, ClaimwachtContext, Any], *, gate: bool
    ) -> BaseHandler[Update, ClaimwachtContext, Any]:
        """The handler with its callback tracking the flow, and typed input gated."""
        callback = self._tracking(name, handler.callback)
        if gate and isinstance(handler, MessageHandler):
            return MessageHandler(handler.filters & self.only(name), callback, block=handler.block)
        if gate and isinstance(handler, CommandHandler):
            return CommandHandler(
                tuple(handler.commands),
                callback,
                filters=handler.filters & self.only(name),
                block=handler.block,
            )
        if isinstance(handler, CallbackQueryHandler | CommandHandler | MessageHandler):
            handler.callback = callback
            return handler
        raise TypeError(f"flow {name}: unsupported handler {type(handler).__name__}")

    def _tracking(self, name: str, callback: Callback) -> Callback:
        @functools.wraps(callback)
        async def tracked(update: Update, context: ClaimwachtContext) -> Any:
            state = await callback(update, context)
            if state is None:
                return None
            if state == END:
                self.end(context, name)
            else:
                await self.begin(update, context, name)
            return state

        return tracked
