"""Inline mode: ``@bot 250000`` in any chat offers the guarantee-frame calculation."""

from __future__ import annotations

from decimal import Decimal

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update

from bot.context import ClaimwachtContext
from bot.i18n import Translator
from domain.frame import indicative, indicative_frame
from domain.money import Money
from domain.revenue import EXAMPLE_REVENUE, Ambiguous, RevenueInputError, parse_frame_query
from handlers.frame import render_answer

CACHE_SECONDS = 10


def _article(
    tr: Translator, result_id: str, revenue: Decimal, peaks: tuple[Decimal, ...]
) -> InlineQueryResultArticle:
    frame = tr.money_whole(indicative(indicative_frame(revenue).frame))
    return InlineQueryResultArticle(
        id=result_id,
        title=tr.gettext("Guarantee frame: about {frame}").format(frame=frame),
        description=tr.gettext("Annual online revenue {annual} ÷ 12 ÷ 3").format(
            annual=tr.money(Money(revenue))
        ),
        input_message_content=InputTextMessageContent(render_answer(tr, revenue, peaks)),
    )


def _hint(tr: Translator, why: str) -> InlineQueryResultArticle:
    explanation = tr.gettext(
        "The Trusted Shops guarantee frame is about your annual online revenue ÷ 12 ÷ 3. "
        "Type your revenue after the bot's name, for example {example}."
    ).format(example=tr.money(EXAMPLE_REVENUE))
    return InlineQueryResultArticle(
        id="hint",
        title=tr.gettext("Type your annual online revenue"),
        description=why,
        input_message_content=InputTextMessageContent(explanation),
    )


async def inline_frame(update: Update, context: ClaimwachtContext) -> None:
    """Offer the calculation for the typed revenue, or a hint; never an error."""
    query = update.inline_query
    if query is None:
        return
    tr = context.i18n
    text = query.query.strip()
    if not text:
        results = [_hint(tr, tr.gettext("For example {example}").format(
            example=tr.money(EXAMPLE_REVENUE)))]
    else:
        try:
            parsed = parse_frame_query(text)
        except RevenueInputError as error:
            results = [_hint(tr, tr.render(error.msg))]
        else:
            options = (
                parsed.revenue.options
                if isinstance(parsed.revenue, Ambiguous)
                else (parsed.revenue.value,)
            )
            results = [
                _article(tr, f"frame-{i}", option, parsed.peaks) for i, option in enumerate(options)
            ]
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)
