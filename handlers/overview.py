"""/claims and /claimoverzicht: the seller's claims, open ones first by nearest deadline.

Open claims are those with something still running: an answer to give, a decision to wait
for, an appeal window or an appeal. Decided and closed claims sit behind a button. Pages of
``PAGE_SIZE``: ``cl:list:<page>`` (open) and ``cl:closed:<page>``, each claim a ``cl:open:<id>``
button.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.i18n import Translator
from domain.lifecycle import State
from domain.triage import Triage, triage
from handlers.card import claim_callback, parse_claim_callback
from handlers.private_chat import refuse_in_group

__all__ = ["COMMANDS", "DEEP_LINK", "PAGE_SIZE", "Row", "build_overview_handlers", "rows_for"]

COMMANDS = ("claims", "claimoverzicht")
DEEP_LINK = "claims"
PAGE_SIZE = 8
_FOREVER = timedelta.max

_WAITING = frozenset({State.OPEN, State.RESPONDED, State.APPEALING})


@dataclass(frozen=True)
class Row:
    stored: StoredClaim
    result: Triage

    @property
    def is_open(self) -> bool:
        return self.stored.state in _WAITING or self.result.deadline is not None

    def sort_key(self) -> tuple[timedelta, int]:
        left = self.result.time_left
        return (left if left is not None else _FOREVER, self.stored.id)


def rows_for(claims: Sequence[StoredClaim], now: datetime) -> tuple[list[Row], list[Row]]:
    """(open claims by nearest deadline, decided/closed claims newest first)."""
    rows = [Row(stored, triage(stored.claim, stored.events, (), now)) for stored in claims]
    open_rows = sorted((r for r in rows if r.is_open), key=Row.sort_key)
    closed = sorted((r for r in rows if not r.is_open), key=lambda r: -r.stored.id)
    return open_rows, closed


def _time_left(tr: Translator, row: Row) -> str:
    left = row.result.time_left
    if left is None:
        return tr.gettext("no deadline running")
    if left <= timedelta(0):
        return tr.gettext("overdue by {time}").format(time=tr.duration(-left))
    return tr.gettext("{time} left").format(time=tr.duration(left))


def _page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def render_page(
    tr: Translator, open_rows: list[Row], closed: list[Row], page: int, *, show_closed: bool
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of the open (or closed) list, with a button per claim and paging buttons."""
    _ = tr.gettext
    rows = closed if show_closed else open_rows
    pages = _page_count(len(rows))
    page = min(max(page, 0), pages - 1)
    shown = rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    if show_closed:
        title = _("Decided and closed claims: {count}").format(count=len(rows))
    else:
        title = _("Open claims: {count}").format(count=len(rows))
    lines = [title + (f" ({page + 1}/{pages})" if pages > 1 else "")]
    if not rows:
        lines.append(
            _("No decided or closed claims yet.") if show_closed else _(
                "Nothing open. Send {command} to register a claim."
            ).format(command="/nieuweclaim" if tr.code == "nl" else "/newclaim")
        )
    for number, row in enumerate(shown, start=page * PAGE_SIZE + 1):
        status = tr.render(row.stored.state.label)
        if show_closed:
            lines.append(f"{number}. {row.stored.claim.order_id} · {status}")
        else:
            lines.append(
                f"{number}. {row.stored.claim.order_id} · {status} · {_time_left(tr, row)}"
            )
    buttons = [
        [InlineKeyboardButton(
            f"{number}. {row.stored.claim.order_id}",
            callback_data=claim_callback("open", row.stored.id),
        )]
        for number, row in enumerate(shown, start=page * PAGE_SIZE + 1)
    ]
    action = "closed" if show_closed else "list"
    paging = []
    if page > 0:
        paging.append(InlineKeyboardButton(
            _("◀ Previous"), callback_data=claim_callback(action, page - 1)
        ))
    if page < pages - 1:
        paging.append(InlineKeyboardButton(
            _("Next ▶"), callback_data=claim_callback(action, page + 1)
        ))
    if paging:
        buttons.append(paging)
    if show_closed:
        buttons.append([InlineKeyboardButton(_("Open claims"), callback_data="cl:list:0")])
    elif closed:
        buttons.append([InlineKeyboardButton(
            _("Decided and closed ({count})").format(count=len(closed)),
            callback_data="cl:closed:0",
        )])
    return "\n".join(lines), InlineKeyboardMarkup(buttons) if buttons else None


async def _render(context: ClaimwachtContext, seller_id: int, page: int,
                  show_closed: bool) -> tuple[str, InlineKeyboardMarkup | None]:
    async with context.services.database.unit_of_work(write=False) as uow:
        claims = await uow.claims.list_for_seller(seller_id)
    open_rows, closed = rows_for(claims, context.now())
    return render_page(context.i18n, open_rows, closed, page, show_closed=show_closed)


async def show_overview(update: Update, context: ClaimwachtContext) -> None:
    """/claims, /claimoverzicht, or the ``claims`` deep link: the first page of open claims."""
    if update.effective_user is None or update.effective_message is None:
        return
    if await refuse_in_group(update, context, DEEP_LINK):
        return
    text, markup = await _render(context, update.effective_user.id, 0, False)
    await update.effective_message.reply_text(text, reply_markup=markup)


async def turn_page(update: Update, context: ClaimwachtContext) -> None:
    """``cl:list:<page>`` / ``cl:closed:<page>``: show that page in place of the pressed one."""
    query = update.callback_query
    parsed = parse_claim_callback(query.data if query else None)
    if query is None or parsed is None or update.effective_user is None:
        return
    if await refuse_in_group(update, context, DEEP_LINK):
        return
    action, page, _ = parsed
    text, markup = await _render(context, update.effective_user.id, page, action == "closed")
    await query.answer()
    if _is_overview(query.message):
        try:
            await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as error:
            if "not modified" not in str(error):
                raise
        return
    await context.bot.send_message(query.from_user.id, text, reply_markup=markup)


def _is_overview(message: object) -> bool:
    """Whether a pressed message is an overview page (then it is turned in place)."""
    if not isinstance(message, Message) or message.reply_markup is None:
        return False
    data = [
        str(button.callback_data)
        for row in message.reply_markup.inline_keyboard
        for button in row
        if button.callback_data is not None
    ]
    return bool(data) and all(
        item.startswith(("cl:open:", "cl:list:", "cl:closed:")) for item in data
    )


def build_overview_handlers() -> list[BaseHandler[Update, ClaimwachtContext, Any]]:
    return [
        CommandHandler(COMMANDS, show_overview),
        CommandHandler("start", show_overview, filters=filters.Regex(rf"^/start {DEEP_LINK}$")),
        CallbackQueryHandler(turn_page, pattern=r"^cl:(list|closed):[0-9]{1,6}$"),
    ]
