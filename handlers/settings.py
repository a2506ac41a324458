"""/instellingen and /settings: timezone, quiet hours, the daily digest and the shop name.

Buttons change a setting at once or ask for a typed value: a timezone (an IANA name such as
``Europe/London``), quiet hours (``22:00-07:00``) or the digest time (``08:00``). The changes
themselves are ``bot.services.sellers``; the screens are ``handlers.views.settings``.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.context import ClaimwachtContext
from bot.sellers import Seller
from bot.services import sellers
from domain.errors import ReadingError
from domain.reading import parse_clock, parse_quiet_hours
from handlers.shop_name import ASK_SHOP, ask_shop_name, receive_shop_name
from handlers.ui import filters as typed
from handlers.ui.callbacks import SettingsButton
from handlers.ui.commands import CANCEL
from handlers.ui.flows import Flows
from handlers.views import settings as views

__all__ = ["COMMANDS", "build_settings_conversation"]

COMMANDS = ("instellingen", "settings")
CANCEL_COMMANDS = CANCEL
# Persisted conversation states: never rename them.
ASK_TIMEZONE, ASK_QUIET, ASK_DIGEST = "timezone", "quiet", "digest"
END = ConversationHandler.END


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def _answer(update: Update) -> SettingsButton | None:
    """Answer the press; the button it carried, if it is one of ours."""
    query = update.callback_query
    if query is None:
        return None
    await query.answer()
    return SettingsButton.unpack(query.data)


async def _show(update: Update, context: ClaimwachtContext, seller: Seller | None,
                note: str | None = None) -> int:
    if seller is None:
        return END
    context.seller = seller
    await _reply(update, *views.settings(context.i18n, seller, note))
    return END


def _user_id(update: Update) -> int:
    assert update.effective_user is not None  # identify_seller ran for this update
    return update.effective_user.id


async def show_settings(update: Update, context: ClaimwachtContext) -> int:
    """/instellingen, /settings: the current settings with buttons to change them."""
    await _answer(update)
    async with context.services.database.unit_of_work(write=False) as uow:
        seller = await uow.sellers.get(_user_id(update))
    return await _show(update, context, seller)


async def ask_timezone(update: Update, context: ClaimwachtContext) -> str:
    """Common zones as buttons, or type one."""
    await _answer(update)
    await _reply(update, *views.timezone_picker(context.i18n))
    return ASK_TIMEZONE


async def _set_timezone(update: Update, context: ClaimwachtContext, text: str) -> str | int:
    try:
        seller = await sellers.set_timezone(
            context.services.database, _user_id(update), text, context.now()
        )
    except ReadingError as error:
        await _reply(update, context.i18n.render(error.msg))
        return ASK_TIMEZONE
    note = context.i18n.gettext(
        "Timezone set to {zone}. Deadlines and reminders now show in that time."
    ).format(zone=seller.timezone)
    return await _show(update, context, seller, note)


async def pick_timezone(update: Update, context: ClaimwachtContext) -> str | int:
    """One of the common zones."""
    button = await _answer(update)
    return await _set_timezone(update, context, button.arg if button and button.arg else "")


async def receive_timezone(update: Update, context: ClaimwachtContext) -> str | int:
    """A typed timezone name; an unknown one is explained and asked again."""
    message = update.effective_message
    return await _set_timezone(update, context, message.text or "" if message else "")


async def quiet_on_off(update: Update, context: ClaimwachtContext) -> int:
    """Quiet hours on or off, keeping their times."""
    button = await _answer(update)
    enabled = button is not None and button.action == "qon"
    seller = await sellers.set_quiet_hours(
        context.services.database, _user_id(update), context.now(), enabled=enabled
    )
    _ = context.i18n.gettext
    note = _("Quiet hours are on.") if enabled else _("Quiet hours are off.")
    return await _show(update, context, seller, note)


async def ask_quiet_hours(update: Update, context: ClaimwachtContext) -> str:
    """Ask for ``start-end``."""
    await _answer(update)
    await _reply(update, context.i18n.gettext(
        "Type your quiet hours as start-end in your own time, for example 22:00-07:00."
    ))
    return ASK_QUIET


async def receive_quiet_hours(update: Update, context: ClaimwachtContext) -> str | int:
    """Typed quiet hours; a wrong format is explained and asked again."""
    message = update.effective_message
    try:
        start, end = parse_quiet_hours(message.text or "" if message else "")
    except ReadingError as error:
        await _reply(update, context.i18n.render(error.msg))
        return ASK_QUIET
    seller = await sellers.set_quiet_hours(
        context.services.database, _user_id(update), context.now(),
        enabled=True, start=start, end=end,
    )
    note = context.i18n.gettext("Quiet hours set to {start}-{end}.").format(
        start=views.hhmm(start), end=views.hhmm(end)
    )
    return await _show(update, context, seller, note)


async def digest_on_off(update: Update, context: ClaimwachtContext) -> int:
    """The daily digest on (at the stored time) or off."""
    button = await _answer(update)
    enabled = button is not None and button.action == "don"
    seller = await sellers.set_digest(
        context.services.database, _user_id(update), context.now(), enabled=enabled
    )
    return await _show(update, context, seller, _digest_note(context, seller))


def _digest_note(context: ClaimwachtContext, seller: Seller) -> str:
    _ = context.i18n.gettext
    if not seller.digest_enabled:
        return _("The daily digest is off.")
    return _("The daily digest is on: every day at {time}, if deadlines are coming up.").format(
        time=views.hhmm(seller.digest_time)
    )


async def ask_digest_time(update: Update, context: ClaimwachtContext) -> str:
    """Ask for the digest time."""
    await _answer(update)
    await _reply(update, context.i18n.gettext(
        "At what time should the daily digest come? Type a time, for example 08:00."
    ))
    return ASK_DIGEST


async def receive_digest_time(update: Update, context: ClaimwachtContext) -> str | int:
    """A typed digest time: switches the digest on at that time."""
    message = update.effective_message
    try:
        at = parse_clock(message.text or "" if message else "")
    except ReadingError as error:
        await _reply(update, context.i18n.render(error.msg))
        return ASK_DIGEST
    seller = await sellers.set_digest(
        context.services.database, _user_id(update), context.now(), enabled=True, at=at
    )
    return await _show(update, context, seller, _digest_note(context, seller))


async def shop_name_typed(update: Update, context: ClaimwachtContext) -> str | int:
    """A typed shop name: stored, then the settings."""
    again = await receive_shop_name(update, context)
    if again is not None:
        return again
    async with context.services.database.unit_of_work(write=False) as uow:
        seller = await uow.sellers.get(_user_id(update))
    return await _show(update, context, seller, context.i18n.gettext("Shop name saved."))


async def cancel(update: Update, context: ClaimwachtContext) -> int:
    """Stop changing settings."""
    await _reply(update, context.i18n.gettext("Okay, stopped. Nothing was changed."))
    return END


def _press(callback: object, *actions: str) -> CallbackQueryHandler[ClaimwachtContext, object]:
    return CallbackQueryHandler(callback, pattern=SettingsButton.pattern(*actions))  # type: ignore[arg-type]


def build_settings_conversation(flows: Flows) -> ConversationHandler[ClaimwachtContext]:
    return flows.conversation(
        "settings",
        entry_points=[
            CommandHandler(COMMANDS, show_settings),
            _press(ask_timezone, "tz"),
            _press(pick_timezone, "tzset"),
            _press(quiet_on_off, "qon", "qoff"),
            _press(ask_quiet_hours, "qset"),
            _press(digest_on_off, "don", "doff"),
            _press(ask_digest_time, "dset"),
            _press(ask_shop_name, "shop"),
        ],
        states={
            ASK_TIMEZONE: [MessageHandler(typed.TEXT, receive_timezone)],
            ASK_QUIET: [MessageHandler(typed.TEXT, receive_quiet_hours)],
            ASK_DIGEST: [MessageHandler(typed.TEXT, receive_digest_time)],
            ASK_SHOP: [MessageHandler(typed.TEXT, shop_name_typed)],
        },
        fallbacks=[CommandHandler(CANCEL_COMMANDS, cancel)],
    )
