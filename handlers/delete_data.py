"""/verwijderdata and /deletemydata: remove everything the bot holds about the seller.

After a confirmation (``dd:yes`` / ``dd:no``): the seller row and, by cascade, their claims,
timelines, evidence rows and reminders; evidence files no other seller uses; persisted
conversation states and user_data; PTB's in-memory copies of those; the chat's command menu;
and the reminder jobs (the scheduler drops jobs whose rows are gone on ``claim_changed``).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from telegram import BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ConversationHandler

from bot.context import ClaimwachtContext
from bot.dbtime import from_db_time, to_db_time
from bot.files import EvidenceFiles
from bot.services import sellers
from handlers.evidence.albums import forget_albums
from handlers.private_chat import private_only
from handlers.ui.callbacks import DeleteDataButton

__all__ = ["COMMANDS", "build_delete_data_handlers", "forget_conversations"]

_LOGGER = logging.getLogger(__name__)

COMMANDS = ("verwijderdata", "deletemydata")
ASKED_KEY = "delete.asked"  # when the seller last asked to delete everything (UTC, db time)
# "Yes, delete everything" only counts shortly after the question: an old message, or one
# scrolled back to days later, must not delete a seller's data.
ANSWER_WITHIN = timedelta(minutes=15)


async def ask(update: Update, context: ClaimwachtContext) -> None:
    """Ask for confirmation, saying what will go."""
    if not await private_only(update, context, "deletemydata"):
        return
    tr = context.i18n
    if update.effective_message is None:
        return
    context.user_data[ASKED_KEY] = to_db_time(context.now())
    await update.effective_message.reply_text(
        tr.gettext(
            "This deletes everything I hold about you: your claims, their timelines, the"
            " evidence and its files, reminders, settings and unfinished conversations. It"
            " cannot be undone. Tip: /export first if you want a copy.\n\nDelete everything?"
        ),
        reply_markup=InlineKeyboardMarkup([[
            InlineKeyboardButton(tr.gettext("Yes, delete everything"),
                                 callback_data=DeleteDataButton("yes").pack()),
            InlineKeyboardButton(tr.gettext("No, keep my data"),
                                 callback_data=DeleteDataButton("no").pack()),
        ]]),
    )


async def keep(update: Update, context: ClaimwachtContext) -> None:
    """``dd:no``: nothing happens."""
    query = update.callback_query
    assert query is not None
    context.user_data.pop(ASKED_KEY, None)
    await query.answer()
    await query.edit_message_text(context.i18n.gettext("Okay, I deleted nothing."))


async def delete_everything(update: Update, context: ClaimwachtContext) -> None:
    """``dd:yes``: delete the seller's rows, files and state, then confirm."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    tr = context.i18n  # keeps the seller's language after their row is gone
    asked = context.user_data.pop(ASKED_KEY, None)
    if asked is None or context.now() - from_db_time(asked) > ANSWER_WITHIN:
        await query.answer(tr.gettext(
            "That question has expired, so I deleted nothing. Send /verwijderdata "
            "(or /deletemydata) to start again."
        ), show_alert=True)
        return
    deleted = await sellers.delete_everything(
        context.services.database, EvidenceFiles(context.services.data_dir), user.id
    )
    application = context.application
    application.drop_user_data(user.id)
    forget_albums(application, user.id)
    application.drop_chat_data(user.id)
    forget_conversations(application, user.id)
    try:
        await context.bot.delete_my_commands(scope=BotCommandScopeChat(user.id))
    except TelegramError as error:
        _LOGGER.warning("could not reset the chat menu of %s: %s", user.id, error)
    _LOGGER.info("deleted all data of a seller: %d claims, %d files", deleted.claims,
                 deleted.files)
    await query.answer()
    claims = tr.ngettext("{count} claim", "{count} claims", deleted.claims).format(
        count=tr.number(deleted.claims)
    )
    await query.edit_message_text(tr.gettext(
        "Done: I deleted everything I held about you ({claims} with their evidence and"
        " reminders, your settings and conversations). If you write to me again, I start"
        " fresh."
    ).format(claims=claims))


def forget_conversations(
    application: Application[Any, Any, Any, Any, Any, Any], user_id: int
) -> int:
    """End, in memory, every persistent conversation whose key contains the user.

    PTB keeps conversation states per handler in ``ConversationHandler._conversations`` (a
    tracking dict that the persistence mirrors). Deleting a key there both ends the
    conversation now and makes the next ``update_persistence`` delete the stored state.
    """
    removed = 0
    for handlers in application.handlers.values():
        for handler in handlers:
            if isinstance(handler, ConversationHandler):
                removed += _forget_in(handler, user_id)
    return removed


def _forget_in(handler: ConversationHandler[Any], user_id: int) -> int:
    # PTB has no public API for this; nested conversations live in _child_conversations.
    conversations = handler._conversations
    keys = [key for key in list(conversations) if user_id in key]
    for key in keys:
        del conversations[key]
    children = handler._child_conversations
    return len(keys) + sum(_forget_in(child, user_id) for child in children)


def build_delete_data_handlers() -> list[Any]:
    return [
        CommandHandler(COMMANDS, ask),
        CallbackQueryHandler(delete_everything, pattern=DeleteDataButton.pattern("yes")),
        CallbackQueryHandler(keep, pattern=DeleteDataButton.pattern("no")),
    ]
