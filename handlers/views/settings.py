"""The settings screens: the overview with its buttons, and the timezone picker. Pure."""

from __future__ import annotations

from datetime import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.sellers import Seller
from handlers.ui.callbacks import OdrButton, SettingsButton

__all__ = ["COMMON_ZONES", "Screen", "hhmm", "settings", "timezone_picker"]

Screen = tuple[str, InlineKeyboardMarkup | None]
COMMON_ZONES = (
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
)


def hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")


def _button(text: str, action: str, arg: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=SettingsButton(action, arg=arg).pack())


def settings(tr: Translator, seller: Seller, note: str | None = None) -> Screen:
    """The seller's settings, after ``note`` (what just changed), with buttons to change them."""
    _ = tr.gettext
    quiet = (
        _("{start}-{end}").format(start=hhmm(seller.quiet_start), end=hhmm(seller.quiet_end))
        if seller.quiet_enabled
        else _("off")
    )
    digest = hhmm(seller.digest_time) if seller.digest_enabled else _("off")
    lines = [
        _("⚙️ Your settings"),
        _("Timezone: {zone}").format(zone=seller.timezone),
        _("Quiet hours: {quiet}").format(quiet=quiet),
        _("Daily digest of deadlines in the next 48 hours: {digest}").format(digest=digest),
        _("Shop name (signs your drafts): {name}").format(name=seller.shop_name or _("not set")),
        "",
        _("Reminders that would fall in your quiet hours come earlier, before they start."),
    ]
    text = "\n".join(lines)
    buttons = [
        [_button(_("Change timezone"), "tz")],
        [
            _button(_("Quiet hours off"), "qoff")
            if seller.quiet_enabled
            else _button(_("Quiet hours on"), "qon"),
            _button(_("Change quiet hours"), "qset"),
        ],
        [
            _button(_("Digest off"), "doff")
            if seller.digest_enabled
            else _button(_("Digest on"), "don"),
            _button(_("Change digest time"), "dset"),
        ],
        [_button(_("Change shop name"), "shop")],
        [InlineKeyboardButton(_("Weekly ODR summary"), callback_data=OdrButton("wk").pack())],
    ]
    return (f"{note}\n\n{text}" if note else text), InlineKeyboardMarkup(buttons)


def timezone_picker(tr: Translator) -> Screen:
    rows = [
        [_button(zone, "tzset", zone) for zone in pair]
        for pair in zip(COMMON_ZONES[::2], COMMON_ZONES[1::2], strict=True)
    ]
    return (
        tr.gettext(
            "Pick your timezone, or type its name, for example Europe/London or America/New_York."
        ),
        InlineKeyboardMarkup(rows),
    )
