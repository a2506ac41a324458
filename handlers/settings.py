"""/instellingen and /settings: timezone, quiet hours and the daily digest.

Buttons (``st:<action>[:<arg>]``) change a setting at once or ask for a typed value: a
timezone (an IANA name such as ``Europe/London``), quiet hours (``22:00-07:00``) or the digest
time (``08:00``). A new timezone or new quiet hours re-plan the pending reminders of the
seller's claims in the same unit of work; the scheduler then moves their jobs.
"""

from __future__ import annotations

import re
from datetime import time
from functools import cache
from zoneinfo import available_timezones

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import ClaimwachtContext
from bot.reminders_repo import replan_seller
from bot.scheduler import dispatcher_of
from bot.sellers import Seller
from handlers.ui.flows import Flows

__all__ = ["COMMANDS", "build_settings_conversation", "parse_clock", "parse_quiet_hours"]

COMMANDS = ("instellingen", "settings")
CANCEL_COMMANDS = ("cancel", "annuleren")
ASK_TIMEZONE, ASK_QUIET, ASK_DIGEST = "timezone", "quiet", "digest"
END = ConversationHandler.END
COMMON_ZONES = (
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
)
_CLOCK = re.compile(r"^\s*([01]?[0-9]|2[0-3])[:.]([0-5][0-9])\s*$")
_RANGE = re.compile(r"^\s*(\S+)\s*(?:-|–|—|tot|to)\s*(\S+)\s*$", re.IGNORECASE)


def parse_clock(text: str) -> time | None:
    """``8:30``, ``08:30`` or ``08.30`` → 08:30; None otherwise."""
    match = _CLOCK.match(text)
    return time(int(match[1]), int(match[2])) if match else None


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """``22:00-07:00`` → (22:00, 07:00); None when it does not parse or start equals end."""
    match = _RANGE.match(text)
    if match is None:
        return None
    start, end = parse_clock(match[1]), parse_clock(match[2])
    if start is None or end is None or start == end:
        return None
    return start, end


@cache
def _zones() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones() if "/" in name or name == "UTC"}


def parse_timezone(text: str) -> str | None:
    """The canonical IANA name for ``europe/london`` and the like; None if unknown."""
    return _zones().get(text.strip().replace(" ", "_").lower())


def _hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")


def _render(context: ClaimwachtContext, seller: Seller) -> tuple[str, InlineKeyboardMarkup]:
    _ = context.i18n.gettext
    quiet = (
        _("{start}-{end}").format(start=_hhmm(seller.quiet_start), end=_hhmm(seller.quiet_end))
        if seller.quiet_enabled
        else _("off")
    )
    digest = _hhmm(seller.digest_time) if seller.digest_enabled else _("off")
    text = "\n".join(
        [
            _("⚙️ Your settings"),
            _("Timezone: {zone}").format(zone=seller.timezone),
            _("Quiet hours: {quiet}").format(quiet=quiet),
            _("Daily digest of deadlines in the next 48 hours: {digest}").format(digest=digest),
            "",
            _("Reminders that would fall in your quiet hours come earlier, before they start."),
        ]
    )
    buttons = [
        [InlineKeyboardButton(_("Change timezone"), callback_data="st:tz")],
        [
            InlineKeyboardButton(_("Quiet hours off"), callback_data="st:qoff")
            if seller.quiet_enabled
            else InlineKeyboardButton(_("Quiet hours on"), callback_data="st:qon"),
            InlineKeyboardButton(_("Change quiet hours"), callback_data="st:qset"),
        ],
        [
            InlineKeyboardButton(_("Digest off"), callback_data="st:doff")
            if seller.digest_enabled
            else InlineKeyboardButton(_("Digest on"), callback_data="st:don"),
            InlineKeyboardButton(_("Change digest time"), callback_data="st:dset"),
        ],
        [InlineKeyboardButton(_("Weekly ODR summary"), callback_data="odr:wk")],
    ]
    return text, InlineKeyboardMarkup(buttons)


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def _seller(context: ClaimwachtContext, user_id: int) -> Seller | None:
    async with context.services.database.unit_of_work(write=False) as uow:
        return await uow.sellers.get(user_id)


async def _show(update: Update, context: ClaimwachtContext, note: str | None = None) -> int:
    user = update.effective_user
    seller = await _seller(context, user.id) if user else None
    if seller is None:
        return END
    context.seller = seller
    text, markup = _render(context, seller)
    await _reply(update, f"{note}\n\n{text}" if note else text, markup)
    return END


async def show_settings(update: Update, context: ClaimwachtContext) -> int:
    """/instellingen, /settings: the current settings with buttons to change them."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    return await _show(update, context)


async def _changed(
    update: Update, context: ClaimwachtContext, note: str, *, replan: bool
) -> int:
    """After a settings write: re-plan if asked, tell the scheduler, show the settings."""
    user = update.effective_user
    assert user is not None
    if replan:
        async with context.services.database.unit_of_work() as uow:
            seller = await uow.sellers.get(user.id)
            if seller is not None:
                await replan_seller(uow, seller, context.now())
    await dispatcher_of(context.application).seller_changed(user.id)
    return await _show(update, context, note)


async def ask_timezone(update: Update, context: ClaimwachtContext) -> str:
    """``st:tz``: common zones as buttons, or type one."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    _ = context.i18n.gettext
    buttons = [
        [InlineKeyboardButton(zone, callback_data=f"st:tzset:{zone}") for zone in pair]
        for pair in zip(COMMON_ZONES[::2], COMMON_ZONES[1::2], strict=True)
    ]
    await _reply(
        update,
        _("Pick your timezone, or type its name, for example Europe/London or America/New_York."),
        InlineKeyboardMarkup(buttons),
    )
    return ASK_TIMEZONE


async def _set_timezone(update: Update, context: ClaimwachtContext, zone: str) -> int:
    user = update.effective_user
    assert user is not None
    async with context.services.database.unit_of_work() as uow:
        await uow.sellers.set_timezone(user.id, zone, context.now())
    note = context.i18n.gettext(
        "Timezone set to {zone}. Deadlines and reminders now show in that time."
    ).format(zone=zone)
    return await _changed(update, context, note, replan=True)


async def pick_timezone(update: Update, context: ClaimwachtContext) -> int | str:
    """``st:tzset:<zone>``: one of the common zones."""
    query = update.callback_query
    if query is None or update.effective_user is None:
        return END
    zone = parse_timezone((query.data or "").removeprefix("st:tzset:"))
    if zone is None:
        await query.answer(context.i18n.gettext("That button is no longer valid."))
        return END
    await query.answer()
    return await _set_timezone(update, context, zone)


async def receive_timezone(update: Update, context: ClaimwachtContext) -> int | str:
    """A typed timezone name; an unknown one is explained and asked again."""
    message = update.effective_message
    if message is None or message.text is None:
        return ASK_TIMEZONE
    zone = parse_timezone(message.text)
    if zone is None:
        await _reply(
            update,
            context.i18n.gettext(
                "I don't know the timezone “{value}”. Type a name like Europe/London, "
                "Europe/Amsterdam or America/New_York, or /cancel."
            ).format(value=message.text.strip()[:64]),
        )
        return ASK_TIMEZONE
    return await _set_timezone(update, context, zone)


async def quiet_on_off(update: Update, context: ClaimwachtContext) -> int:
    """``st:qon`` / ``st:qoff``: quiet hours on or off, keeping their times."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return END
    await query.answer()
    enabled = query.data == "st:qon"
    async with context.services.database.unit_of_work() as uow:
        seller = await uow.sellers.get(user.id)
        if seller is None:
            return END
        await uow.sellers.set_quiet_hours(
            user.id, enabled, seller.quiet_start, seller.quiet_end, context.now()
        )
    _ = context.i18n.gettext
    note = _("Quiet hours are on.") if enabled else _("Quiet hours are off.")
    return await _changed(update, context, note, replan=True)


async def ask_quiet_hours(update: Update, context: ClaimwachtContext) -> str:
    """``st:qset``: ask for ``start-end``."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    await _reply(
        update,
        context.i18n.gettext(
            "Type your quiet hours as start-end in your own time, for example 22:00-07:00."
        ),
    )
    return ASK_QUIET


async def receive_quiet_hours(update: Update, context: ClaimwachtContext) -> int | str:
    """Typed quiet hours; a wrong format is explained and asked again."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return ASK_QUIET
    parsed = parse_quiet_hours(message.text)
    _ = context.i18n.gettext
    if parsed is None:
        await _reply(
            update,
            _("That is not a time range I understand. Type two different times, for example "
              "22:00-07:00, or /cancel."),
        )
        return ASK_QUIET
    start, end = parsed
    async with context.services.database.unit_of_work() as uow:
        await uow.sellers.set_quiet_hours(user.id, True, start, end, context.now())
    note = _("Quiet hours set to {start}-{end}.").format(start=_hhmm(start), end=_hhmm(end))
    return await _changed(update, context, note, replan=True)


async def digest_on_off(update: Update, context: ClaimwachtContext) -> int:
    """``st:don`` / ``st:doff``: the daily digest on (at the stored time) or off."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return END
    await query.answer()
    enabled = query.data == "st:don"
    async with context.services.database.unit_of_work() as uow:
        seller = await uow.sellers.get(user.id)
        if seller is None:
            return END
        await uow.sellers.set_digest(user.id, enabled, seller.digest_time, context.now())
    _ = context.i18n.gettext
    note = (
        _("The daily digest is on: every day at {time}, if deadlines are coming up.").format(
            time=_hhmm(seller.digest_time)
        )
        if enabled
        else _("The daily digest is off.")
    )
    return await _changed(update, context, note, replan=False)


async def ask_digest_time(update: Update, context: ClaimwachtContext) -> str:
    """``st:dset``: ask for the digest time."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    await _reply(
        update,
        context.i18n.gettext(
            "At what time should the daily digest come? Type a time, for example 08:00."
        ),
    )
    return ASK_DIGEST


async def receive_digest_time(update: Update, context: ClaimwachtContext) -> int | str:
    """A typed digest time: switches the digest on at that time."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return ASK_DIGEST
    at = parse_clock(message.text)
    _ = context.i18n.gettext
    if at is None:
        await _reply(update, _("Type a time like 08:00 or 17:30, or /cancel."))
        return ASK_DIGEST
    async with context.services.database.unit_of_work() as uow:
        await uow.sellers.set_digest(user.id, True, at, context.now())
    note = _("The daily digest is on: every day at {time}, if deadlines are coming up.").format(
        time=_hhmm(at)
    )
    return await _changed(update, context, note, replan=False)


async def cancel(update: Update, context: ClaimwachtContext) -> int:
    """Stop changing settings."""
    await _reply(update, context.i18n.gettext("Okay, stopped. Nothing was changed."))
    return END


def build_settings_conversation(flows: Flows) -> ConversationHandler[ClaimwachtContext]:
    text = filters.TEXT & ~filters.COMMAND
    return flows.conversation(
        "settings",
        entry_points=[
            CommandHandler(COMMANDS, show_settings),
            CallbackQueryHandler(ask_timezone, pattern=r"^st:tz$"),
            CallbackQueryHandler(pick_timezone, pattern=r"^st:tzset:[A-Za-z0-9_+/-]{1,40}$"),
            CallbackQueryHandler(quiet_on_off, pattern=r"^st:q(on|off)$"),
            CallbackQueryHandler(ask_quiet_hours, pattern=r"^st:qset$"),
            CallbackQueryHandler(digest_on_off, pattern=r"^st:d(on|off)$"),
            CallbackQueryHandler(ask_digest_time, pattern=r"^st:dset$"),
        ],
        states={
            ASK_TIMEZONE: [MessageHandler(text, receive_timezone)],
            ASK_QUIET: [MessageHandler(text, receive_quiet_hours)],
            ASK_DIGEST: [MessageHandler(text, receive_digest_time)],
        },
        fallbacks=[CommandHandler(CANCEL_COMMANDS, cancel)],
    )
