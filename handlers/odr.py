"""/odr, /resultaten and /results: the ODR estimate with its chart, and how claims ended.

Private chats only (a group gets the deep link). The chart is drawn in a worker thread
(``bot.odr_chart.render_png``) and sent as a photo before the screen with its buttons. Also the
weekly summary's switch (``odr:wk``) and its content (``weekly_summary``, handed to
``bot.weekly`` by the wiring).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import ClaimwachtContext
from bot.i18n import Translator
from bot.odr_chart import render_png
from bot.odr_repo import OdrRepository
from bot.sellers import Seller
from bot.services import Services
from bot.weekly import WeeklyMessage
from domain.claims import Claim
from domain.lifecycle import ClaimEvent
from domain.odr_report import Entered, OdrReport, odr_report
from domain.odr_window import ChannelKey
from domain.results import summarise_periods
from handlers.private_chat import refuse_in_group
from handlers.views.odr import (
    chart_caption,
    chart_labels,
    odr_screen,
    results_screen,
    weekly_caption,
    weekly_screen,
)

__all__ = [
    "ODR_COMMANDS",
    "ODR_DEEP_LINK",
    "RESULTS_COMMANDS",
    "RESULTS_DEEP_LINK",
    "build_odr_handlers",
    "send_odr",
    "show_odr",
    "show_results",
    "weekly_summary",
]

ODR_COMMANDS = ("odr",)
RESULTS_COMMANDS = ("resultaten", "results")
ODR_DEEP_LINK = "odr"
RESULTS_DEEP_LINK = "results"
RECENT = timedelta(days=90)

Records = list[tuple[Claim, Sequence[ClaimEvent]]]


async def _load(services: Services, seller_id: int) -> tuple[Records, dict[ChannelKey, Entered]]:
    async with services.database.unit_of_work(write=False) as uow:
        stored = await uow.claims.list_for_seller(seller_id)
        entered = await OdrRepository(uow.connection).entered(seller_id)
    return [(item.claim, item.events) for item in stored], entered


async def build_report(services: Services, seller_id: int, now: datetime) -> OdrReport:
    claims, entered = await _load(services, seller_id)
    # Pure and about 0.25 s of CPU at 10,000 claims: a worker thread keeps the loop free.
    return await asyncio.to_thread(odr_report, claims, entered, now)


async def _chart(tr: Translator, report: OdrReport) -> bytes | None:
    if not report.series:
        return None
    return await render_png(report, chart_labels(tr, report), tr.code)


async def send_odr(update: Update, context: ClaimwachtContext) -> None:
    """The chart (when there is an order count to draw a rate from), then the screen."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    tr = context.i18n
    report = await build_report(context.services, user.id, context.now())
    png = await _chart(tr, report)
    if png is not None:
        await context.bot.send_photo(chat.id, png, caption=chart_caption(tr))
    text, markup = odr_screen(tr, report)
    await context.bot.send_message(chat.id, text, reply_markup=markup)


async def show_odr(update: Update, context: ClaimwachtContext) -> None:
    """/odr, the ``odr`` deep link or ``odr:show``: chart and estimate per marketplace."""
    if await refuse_in_group(update, context, ODR_DEEP_LINK):
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send_odr(update, context)


async def show_results(update: Update, context: ClaimwachtContext) -> None:
    """/resultaten, /results, ``odr:res:all|90``: won, lost, withdrawn; money; response time."""
    if await refuse_in_group(update, context, RESULTS_DEEP_LINK):
        return
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    query = update.callback_query
    recent = query is not None and query.data == "odr:res:90"
    if query is not None:
        await query.answer()
    claims, _ = await _load(context.services, user.id)
    everything, last = await asyncio.to_thread(summarise_periods, claims,
                                               context.now() - RECENT)
    text, markup = (results_screen(context.i18n, last, everything, recent=True) if recent
                    else results_screen(context.i18n, everything, last, recent=False))
    await context.bot.send_message(chat.id, text, reply_markup=markup)


async def show_weekly(update: Update, context: ClaimwachtContext) -> None:
    """``odr:wk`` (from /instellingen): the weekly summary's state and its switch."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or await refuse_in_group(update, context, "settings"):
        return
    await query.answer()
    async with context.services.database.unit_of_work(write=False) as uow:
        setting = await OdrRepository(uow.connection).weekly(user.id)
    text, markup = weekly_screen(context.i18n, setting.enabled)
    await context.bot.send_message(user.id, text, reply_markup=markup)


async def switch_weekly(update: Update, context: ClaimwachtContext) -> None:
    """``odr:wk:on`` / ``odr:wk:off``: store the switch, show the new state."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or await refuse_in_group(update, context, "settings"):
        return
    enabled = query.data == "odr:wk:on"
    async with context.services.database.unit_of_work() as uow:
        await OdrRepository(uow.connection).set_weekly(user.id, enabled, context.now())
    _ = context.i18n.gettext
    await query.answer(_("The weekly summary is on.") if enabled
                       else _("The weekly summary is off."))
    text, markup = weekly_screen(context.i18n, enabled)
    await context.bot.send_message(user.id, text, reply_markup=markup)


async def weekly_summary(services: Services, seller: Seller, now: datetime
                         ) -> WeeklyMessage | None:
    """The weekly summary's content; None when nothing counts toward the ODR."""
    report = await build_report(services, seller.user_id, now)
    if not report.anything_counts:
        return None
    tr = services.translator(seller.locale)
    return WeeklyMessage(weekly_caption(tr, report), await _chart(tr, report))


def build_odr_handlers() -> list[BaseHandler[Update, ClaimwachtContext, Any]]:
    return [
        CommandHandler(ODR_COMMANDS, show_odr),
        CommandHandler(RESULTS_COMMANDS, show_results),
        CallbackQueryHandler(show_odr, pattern=r"^odr:show$"),
        CallbackQueryHandler(show_results, pattern=r"^odr:res:(all|90)$"),
        CallbackQueryHandler(show_weekly, pattern=r"^odr:wk$"),
        CallbackQueryHandler(switch_weekly, pattern=r"^odr:wk:(on|off)$"),
    ]
