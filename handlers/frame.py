"""/garantiekader and /guaranteeframe: the indicative Trusted Shops guarantee frame.

Flow: with an amount, answer at once; without one, ask and take the next message. An amount
that can mean two things (``1,500 mln``) is offered as two buttons. After the answer a button
asks for a peak month, to see whether protections active at once would exceed the frame.
"""

from __future__ import annotations

from decimal import Decimal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import ClaimwachtContext
from bot.i18n import Translator
from domain.frame import (
    FrameEstimate,
    PeakMonthExposure,
    indicative,
    indicative_frame,
    peak_month_exposure,
)
from domain.money import Money
from domain.revenue import (
    EXAMPLE_PEAK,
    EXAMPLE_REVENUE,
    Ambiguous,
    FrameQuery,
    RevenueInputError,
    parse_frame_query,
    parse_peaks,
)
from handlers.ui.callbacks import FrameButton
from handlers.ui.commands import CANCEL
from handlers.ui.flows import Flows
from handlers.views.common import stale_button_text

# States are persisted: strings keep them stable (schema 5 renamed the old 0, 1, 2).
ASK_REVENUE = "ask_revenue"
CHOOSE_REVENUE = "choose_revenue"
ASK_PEAK = "ask_peak"
COMMANDS = ("garantiekader", "guaranteeframe")
CANCEL_COMMANDS = CANCEL
REVENUE_KEY = "frame.revenue"
PENDING_KEY = "frame.pending"


def render_estimate(tr: Translator, estimate: FrameEstimate) -> str:
    _ = tr.gettext
    return "\n".join(
        [
            _("Guarantee frame (indication)"),
            _("Annual online revenue: {annual}").format(annual=tr.money(estimate.annual_revenue)),
            _("÷ 12 months = {monthly} per month (a protection runs 30 days)").format(
                monthly=tr.money(estimate.monthly_revenue)
            ),
            _("÷ 3 (about one in three buyers takes protection) = {frame}").format(
                frame=tr.money(estimate.frame)
            ),
            "",
            # A guideline, "niet op de cent precies": the answer is rounded.
            _("Indicative frame: about {frame}").format(
                frame=tr.money_whole(indicative(estimate.frame))
            ),
            "",
            _("• New members usually start with a frame of {start}.").format(
                start=tr.money(estimate.rule.starting_frame)
            ),
            _(
                "• With high revenue or high-value goods, Trusted Shops sets the frame "
                "individually (with the credit insurer Atradius)."
            ),
            _(
                "• A rough guide, not exact to the cent: Trusted Shops tells you your own frame "
                "by e-mail after your certification."
            ),
            _(
                "• When the frame is exceeded, your customers can still take buyer protection. A "
                "frame that is exceeded regularly or continuously is reviewed with Atradius."
            ),
            _("Source: Trusted Shops help centre, checked {date}.").format(
                date=tr.date(estimate.rule.checked_on)
            ),
        ]
    )


def render_peak(tr: Translator, exposure: PeakMonthExposure) -> str:
    _ = tr.gettext
    lines = [
        _(
            "Peak month: {peak} revenue → about {exposure} in protections active at the same "
            "time (one third of 30 days of orders)."
        ).format(
            peak=tr.money(exposure.peak_month_revenue),
            exposure=tr.money(exposure.concurrent_protection),
        )
    ]
    frame = tr.money_whole(indicative(exposure.estimate.frame))
    if exposure.exceeds_frame:
        lines.append(
            _(
                "That is about {shortfall} more than the indicative frame of about {frame}. "
                "Your customers can still take buyer protection when the frame is exceeded."
            ).format(shortfall=tr.money_whole(indicative(exposure.shortfall)), frame=frame)
        )
    else:
        lines.append(
            _("That fits within the indicative frame of about {frame}.").format(frame=frame)
        )
    if exposure.exceeds_starting_frame:
        lines.append(
            _("If you still have the starting frame of {start}, this peak would exceed it.").format(
                start=tr.money(exposure.estimate.rule.starting_frame)
            )
        )
    lines.append(
        _(
            "For known seasonal peaks (Black Friday, Christmas) Trusted Shops raises your frame "
            "by itself in advance and only contacts you if it needs your help. For a campaign of "
            "your own, tell Trusted Shops about the expected peak."
        )
    )
    return "\n".join(lines)


_ANSWERS: dict[tuple[str, Decimal, tuple[Decimal, ...]], str] = {}


def render_answer(tr: Translator, revenue: Decimal, peaks: tuple[Decimal, ...]) -> str:
    """The full answer for a revenue and optional peak months (shared with inline mode).

    Cached: Babel's currency formatting is most of its cost, and sellers ask for the same
    round amounts over and over."""
    key = (tr.code, revenue, peaks)
    if (text := _ANSWERS.get(key)) is None:
        text = render_estimate(tr, indicative_frame(revenue))
        if peaks:
            text += "\n\n" + render_peak(tr, peak_month_exposure(revenue, peaks))
        if len(_ANSWERS) >= 1024:
            _ANSWERS.clear()
        _ANSWERS[key] = text
    return text


def _peak_button(tr: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(tr.gettext("Check a peak month"),
                               callback_data=FrameButton("peak").pack())]]
    )


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=markup)


async def _answer_query(
    update: Update, context: ClaimwachtContext, query: FrameQuery
) -> int:
    tr = context.i18n
    if isinstance(query.revenue, Ambiguous):
        context.user_data[PENDING_KEY] = {
            "options": [str(option) for option in query.revenue.options],
            "peaks": [str(peak) for peak in query.peaks],
        }
        buttons = [
            [InlineKeyboardButton(tr.money(Money(option)),
                                  callback_data=FrameButton("pick", arg=str(i)).pack())]
            for i, option in enumerate(query.revenue.options)
        ]
        await _reply(
            update,
            tr.gettext("Which amount did you mean?"),
            InlineKeyboardMarkup(buttons),
        )
        return CHOOSE_REVENUE
    return await _show(update, context, query.revenue.value, query.peaks)


async def _show(
    update: Update, context: ClaimwachtContext, revenue: Decimal, peaks: tuple[Decimal, ...]
) -> int:
    context.user_data[REVENUE_KEY] = str(revenue)
    context.user_data.pop(PENDING_KEY, None)
    tr = context.i18n
    await _reply(update, render_answer(tr, revenue, peaks), None if peaks else _peak_button(tr))
    return ConversationHandler.END


async def frame_command(update: Update, context: ClaimwachtContext) -> str | int:
    """Answer ``/garantiekader 250000 [piek 60000]`` at once, or ask for the revenue."""
    tr = context.i18n
    text = " ".join(context.args or [])
    if not text.strip():
        await _reply(
            update,
            tr.gettext(
                "What is your annual online revenue? Type the amount, for example {example}."
            ).format(example=tr.money(EXAMPLE_REVENUE)),
        )
        return ASK_REVENUE
    try:
        query = parse_frame_query(text)
    except RevenueInputError as error:
        await _reply(update, tr.render(error.msg))
        return ASK_REVENUE
    return await _answer_query(update, context, query)


async def receive_revenue(update: Update, context: ClaimwachtContext) -> str | int:
    """Take the typed revenue; a wrong answer gets an explanation and the same question."""
    message = update.effective_message
    if message is None or message.text is None:
        return ASK_REVENUE
    try:
        query = parse_frame_query(message.text)
    except RevenueInputError as error:
        await _reply(update, context.i18n.render(error.msg))
        return ASK_REVENUE
    return await _answer_query(update, context, query)


async def pick_revenue(update: Update, context: ClaimwachtContext) -> str | int:
    """The seller chose one reading of an ambiguous amount."""
    query = update.callback_query
    if query is None or query.data is None:
        return ConversationHandler.END
    pending = context.user_data.get(PENDING_KEY)
    button = FrameButton.unpack(query.data)
    index = int(button.arg) if button is not None and button.arg else -1
    if not pending or not 0 <= index < len(pending["options"]):
        await query.answer(stale_button_text(context.i18n))
        return ConversationHandler.END
    await query.answer()
    await query.edit_message_reply_markup(None)
    peaks = tuple(Decimal(peak) for peak in pending["peaks"])
    return await _show(update, context, Decimal(pending["options"][index]), peaks)


async def ask_peak(update: Update, context: ClaimwachtContext) -> str | int:
    """Ask for the revenue of the busiest month."""
    query = update.callback_query
    tr = context.i18n
    if query is not None:
        if REVENUE_KEY not in context.user_data:
            await query.answer(stale_button_text(tr))
            return ConversationHandler.END
        await query.answer()
    await _reply(
        update,
        tr.gettext(
            "Which revenue do you expect in your busiest month (for example November)? "
            "For example: {example}."
        ).format(example=tr.money(EXAMPLE_PEAK)),
    )
    return ASK_PEAK


async def receive_peak(update: Update, context: ClaimwachtContext) -> str | int:
    """Take the peak month's revenue and show the exposure."""
    message = update.effective_message
    if message is None or message.text is None:
        return ASK_PEAK
    try:
        peaks = parse_peaks(message.text)
    except RevenueInputError as error:
        await _reply(update, context.i18n.render(error.msg))
        return ASK_PEAK
    return await _show(update, context, Decimal(context.user_data[REVENUE_KEY]), peaks)


async def cancel(update: Update, context: ClaimwachtContext) -> str | int:
    """Stop the guarantee-frame question."""
    context.user_data.pop(PENDING_KEY, None)
    await _reply(update, context.i18n.gettext("Okay, stopped. Nothing was changed."))
    return ConversationHandler.END


def build_frame_conversation(flows: Flows) -> ConversationHandler[ClaimwachtContext]:
    text = filters.TEXT & ~filters.COMMAND
    return flows.conversation(
        "frame",
        entry_points=[
            CommandHandler(COMMANDS, frame_command),
            CallbackQueryHandler(ask_peak, pattern=FrameButton.pattern("peak")),
            CallbackQueryHandler(pick_revenue, pattern=FrameButton.pattern("pick")),
        ],
        states={
            ASK_REVENUE: [MessageHandler(text, receive_revenue)],
            CHOOSE_REVENUE: [
                CallbackQueryHandler(pick_revenue, pattern=FrameButton.pattern("pick")),
                MessageHandler(text, receive_revenue),
            ],
            ASK_PEAK: [MessageHandler(text, receive_peak)],
        },
        fallbacks=[CommandHandler(CANCEL_COMMANDS, cancel)],
    )


__all__ = ["build_frame_conversation", "render_answer"]
