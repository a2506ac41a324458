"""/claims and /claimoverzicht: the seller's claims, open ones first by nearest deadline.

Open claims are those with something still running: an answer to give, a decision to wait
for, an appeal window or an appeal. Decided and closed claims sit behind a button. Pages of
``PAGE_SIZE``: ``cl:list:<page>`` (open) and ``cl:closed:<page>``, each claim a ``cl:open:<id>``
button.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.i18n import Translator
from bot.listings import refresh_deadlines
from bot.storage import UnitOfWork
from domain.triage import Triage, triage
from handlers.card import claim_callback, parse_claim_callback
from handlers.private_chat import refuse_in_group
from handlers.ui.callbacks import PageButton

__all__ = ["COMMANDS", "DEEP_LINK", "PAGE_SIZE", "Page", "Row", "build_overview_handlers",
           "load_page"]

COMMANDS = ("claims", "claimoverzicht")
MAX_PAGE = 100_000
_FIRST_OPEN = PageButton("list", 0).pack()
_FIRST_CLOSED = PageButton("closed", 0).pack()
DEEP_LINK = "claims"
PAGE_SIZE = 8


@dataclass(frozen=True)
class Row:
    stored: StoredClaim
    result: Triage


@dataclass(frozen=True)
class Page:
    """One page of the open (or closed) list: only the claims shown are loaded and triaged."""

    rows: list[Row]
    page: int
    open_count: int
    closed_count: int
    show_closed: bool

    @property
    def total(self) -> int:
        return self.closed_count if self.show_closed else self.open_count

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


async def load_page(
    uow: UnitOfWork, seller_id: int, page: int, now: datetime, *, show_closed: bool
) -> Page:
    """Counts and one page, ordered and cut in SQL (open: nearest deadline first; closed:
    newest first)."""
    open_count, closed_count = await uow.claims.count_open_and_closed(seller_id, now)
    total = closed_count if show_closed else open_count
    page = min(max(page, 0), max(0, -(-total // PAGE_SIZE) - 1))
    fetch = uow.claims.closed_page if show_closed else uow.claims.open_page
    claims = await fetch(seller_id, now, page * PAGE_SIZE, PAGE_SIZE)
    rows = [Row(stored, triage(stored.claim, stored.events, (), now)) for stored in claims]
    return Page(rows, page, open_count, closed_count, show_closed)


def _time_left(tr: Translator, row: Row) -> str:
    left = row.result.time_left
    if left is None:
        return tr.gettext("no deadline running")
    if left <= timedelta(0):
        return tr.gettext("overdue by {time}").format(time=tr.duration(-left))
    return tr.gettext("{time} left").format(time=tr.duration(left))


def render_page(tr: Translator, shown: Page) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of the open (or closed) list, with a button per claim and paging buttons."""
    _ = tr.gettext
    show_closed, page, pages = shown.show_closed, shown.page, shown.pages
    if show_closed:
        title = _("Decided and closed claims: {count}").format(count=shown.total)
    else:
        title = _("Open claims: {count}").format(count=shown.total)
    lines = [title + (f" ({page + 1}/{pages})" if pages > 1 else "")]
    if not shown.total:
        lines.append(
            _("No decided or closed claims yet.") if show_closed else _(
                "Nothing open. Send {command} to register a claim."
            ).format(command="/nieuweclaim" if tr.code == "nl" else "/newclaim")
        )
    for number, row in enumerate(shown.rows, start=page * PAGE_SIZE + 1):
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
        for number, row in enumerate(shown.rows, start=page * PAGE_SIZE + 1)
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
        buttons.append([InlineKeyboardButton(_("Open claims"), callback_data=_FIRST_OPEN)])
    elif shown.closed_count:
        buttons.append([InlineKeyboardButton(
            _("Decided and closed ({count})").format(count=shown.closed_count),
            callback_data=_FIRST_CLOSED,
        )])
    return "\n".join(lines), InlineKeyboardMarkup(buttons) if buttons else None


async def _render(context: ClaimwachtContext, seller_id: int, page: int,
                  show_closed: bool) -> tuple[str, InlineKeyboardMarkup | None]:
    database = context.services.database
    await refresh_deadlines(database, seller_id)
    async with database.unit_of_work(write=False) as uow:
        shown = await load_page(uow, seller_id, page, context.now(), show_closed=show_closed)
    return render_page(context.i18n, shown)


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
    page = min(page, MAX_PAGE)  # a forged page number is the last page, not an SQL overflow
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
        CallbackQueryHandler(turn_page, pattern=PageButton.pattern()),
    ]
