"""The ODR, results and weekly-summary screens as text and buttons, from computed data only.

Callback data: ``odr:show``; ``odr:res:all`` / ``odr:res:90``; ``odr:ord:<marketplace>:<channel>``
and ``odr:fb:<marketplace>:<channel>`` ask for a count; ``odr:wk`` / ``odr:wk:on`` /
``odr:wk:off`` the weekly summary.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_skeleton
from babel.numbers import format_percent
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.i18n import Translator
from bot.odr_chart import ChartLabels
from domain.money import Money
from domain.odr import ODR_TARGET, ODR_WINDOW_DAYS, OdrChannel
from domain.odr_report import OdrReport
from domain.odr_window import ChannelKey, ChannelStatus
from domain.results import Results
from domain.rules import Marketplace
from handlers.claim_labels import source_label
from handlers.ui.callbacks import OdrButton

__all__ = [
    "MAX_LISTED",
    "channel_label",
    "chart_caption",
    "chart_labels",
    "key_callback",
    "odr_screen",
    "parse_key",
    "results_screen",
    "weekly_caption",
    "weekly_screen",
]

MAX_LISTED = 8  # orders listed per channel; the rest as "and N more"



def _odr(action: str, arg: str | None = None) -> str:
    return OdrButton(action, arg=arg).pack()

def channel_label(tr: Translator, key: ChannelKey) -> str:
    marketplace, channel = key
    name = tr.gettext("FBA") if channel is OdrChannel.FBA else tr.gettext("seller-fulfilled")
    return f"{marketplace.host} · {name}"


def key_callback(action: str, key: ChannelKey) -> str:
    return f"odr:{action}:{key[0].value}:{key[1].value}"


def parse_key(data: str | None) -> ChannelKey | None:
    """The key in ``odr:<action>:<marketplace>:<channel>``; None when it is not one."""
    parts = (data or "").split(":")
    if len(parts) != 4:
        return None
    try:
        key = (Marketplace(parts[2]), OdrChannel(parts[3]))
    except ValueError:
        return None
    return key if key[0].is_amazon else None


def _percent(tr: Translator, value: object) -> str:
    return format_percent(value, "#,##0.00%", locale=tr.locale)


def _limit(tr: Translator) -> str:
    return format_percent(ODR_TARGET, locale=tr.locale)


def _day(tr: Translator, day: date) -> str:
    return format_skeleton("yMMMd", day, locale=tr.locale)


def _status_lines(
    tr: Translator, status: ChannelStatus, updated: date | None, listed: int
) -> list[str]:
    _ = tr.gettext
    lines = [channel_label(tr, status.key)]
    if status.orders is None:
        lines.append(tr.ngettext(
            "• {count} defective order. Enter your order count to see the rate.",
            "• {count} defective orders. Enter your order count to see the rate.",
            status.defects,
        ).format(count=status.defects))
    elif status.orders_too_low:
        lines.append(_(
            "• You entered {orders} orders, but {defects} orders have claims that count. "
            "Please update the order count."
        ).format(orders=tr.number(status.orders), defects=status.defects))
    else:
        lines.append(_("• Estimate: {rate} ({defects} of {orders} orders)").format(
            rate=_percent(tr, status.rate), defects=status.defects,
            orders=tr.number(status.orders)))
        if status.headroom is not None and status.headroom > 0:
            lines.append(tr.ngettext(
                "• {headroom} below the {limit} limit: {more} more defective order reaches it.",
                "• {headroom} below the {limit} limit: {more} more defective orders reach it.",
                status.more_to_limit or 0,
            ).format(headroom=_percent(tr, status.headroom), more=status.more_to_limit,
                     limit=_limit(tr)))
        else:
            lines.append(_("• ⚠️ At or above the {limit} limit: Amazon may deactivate your "
                           "account. Act on open claims first.").format(limit=_limit(tr)))
    if updated is not None:
        lines.append(_("• Order count entered on {day}").format(day=_day(tr, updated)))
    if status.rate_with_feedback is not None:
        lines.append(_("• With {count} negative feedback: at most {rate}").format(
            count=status.negative_feedback, rate=_percent(tr, status.rate_with_feedback)))
    if status.counting:
        lines.append(_("• Still counting, with the day each drops out:"))
        lines += [f"  {order.order_id} · {_day(tr, order.leaves_on)}"
                  for order in status.counting[:listed]]
        if len(status.counting) > listed:
            lines.append("  " + _("and {count} more").format(
                count=len(status.counting) - listed))
    return lines


def odr_screen(tr: Translator, report: OdrReport) -> tuple[str, InlineKeyboardMarkup]:
    """The estimate per marketplace and channel, what it does not know, and its buttons."""
    for listed in (MAX_LISTED, 3, 0, None):  # many channels: shorter lists, within 4096
        text = _odr_text(tr, report, listed)
        if len(text) <= MessageLimit.MAX_TEXT_LENGTH:
            break
    return text[: MessageLimit.MAX_TEXT_LENGTH], _odr_buttons(tr, report)


def _odr_text(tr: Translator, report: OdrReport, listed: int | None) -> str:
    """``listed`` orders per channel; None: one line per channel."""
    _ = tr.gettext
    window_start = report.today.toordinal() - ODR_WINDOW_DAYS + 1
    lines = [
        _("📉 Order Defect Rate (ODR): estimate"),
        _("From the claims recorded in Claimwacht, over the last {days} days ({start} to "
          "{end}).").format(days=ODR_WINDOW_DAYS,
                            start=_day(tr, date.fromordinal(window_start)),
                            end=_day(tr, report.today)),
    ]
    if not report.statuses:
        lines += ["", _("No Amazon claims recorded yet, so there is nothing to estimate.")]
    if listed is None:
        lines.append("")
        lines += [f"• {channel_label(tr, status.key)}: {_figure(tr, status)}"
                  for status in report.statuses]
    for status in report.statuses if listed is not None else ():
        updated = report.entered.get(status.key)
        lines += ["", *_status_lines(tr, status, updated.orders_updated if updated else None,
                                     listed)]
    if report.left_out:
        lines += ["", tr.ngettext(
            "The chart shows the three highest; {count} more is listed here.",
            "The chart shows the three highest; {count} more are listed here.",
            report.left_out,
        ).format(count=report.left_out)]
    lines += ["", _(
        "What this estimate does not know: claims you did not record here, and negative "
        "feedback (1-2 stars) unless you enter a count. Seller Central has the real figure."
    )]
    return "\n".join(lines)


def _odr_buttons(tr: Translator, report: OdrReport) -> InlineKeyboardMarkup:
    _ = tr.gettext
    buttons = []
    for status in report.statuses:
        label = channel_label(tr, status.key)
        buttons.append([
            InlineKeyboardButton(_("Orders {channel}").format(channel=label),
                                 callback_data=key_callback("ord", status.key)),
            InlineKeyboardButton(_("Feedback {channel}").format(channel=label),
                                 callback_data=key_callback("fb", status.key)),
        ])
    buttons.append([InlineKeyboardButton(_("📊 Results"), callback_data=_odr("res", "all"))])
    return InlineKeyboardMarkup(buttons)


def chart_labels(tr: Translator, report: OdrReport) -> ChartLabels:
    _ = tr.gettext
    return ChartLabels(
        title=_("ODR estimate, 60-day window"),
        series=[channel_label(tr, series.key) for series in report.series],
        limit=_("{limit} limit").format(limit=_limit(tr)),
        enters=_("a claim starts counting"),
        leaves=_("a claim stops counting"),
        y_axis=_("ODR"),
    )


def chart_caption(tr: Translator) -> str:
    return tr.gettext("Estimate from the claims recorded in Claimwacht over the last 90 days.")


def _figure(tr: Translator, status: ChannelStatus) -> str:
    """The estimate in a few words: the rate when there is one, else the defects."""
    if status.rate is not None and not status.orders_too_low:
        return tr.gettext("{rate} ({defects} of {orders} orders)").format(
            rate=_percent(tr, status.rate), defects=status.defects,
            orders=tr.number(status.orders or 0))
    return tr.ngettext("{count} defective order", "{count} defective orders",
                       status.defects).format(count=status.defects)


def weekly_caption(tr: Translator, report: OdrReport) -> str:
    """The weekly summary: one line per channel; short enough for a photo caption."""
    _ = tr.gettext
    lines = [_("📉 Your weekly ODR estimate, from the claims recorded in Claimwacht:")]
    lines += [f"• {channel_label(tr, status.key)}: {_figure(tr, status)}"
              for status in report.statuses]
    lines.append(_("Details and what the estimate does not know: {command}").format(
        command="/odr"))
    return "\n".join(lines[:12])


def _counts(tr: Translator, results: Results) -> str:
    totals = results.totals
    return tr.gettext("Won {won} · lost {lost} · withdrawn {withdrawn} · open {open}").format(
        won=totals.won, lost=totals.lost, withdrawn=totals.withdrawn, open=totals.open)


def _money(tr: Translator, amounts: tuple[Money, ...]) -> str:
    return ", ".join(tr.money(amount) for amount in amounts) or tr.money(Money(Decimal(0)))


def results_screen(
    tr: Translator, results: Results, other: Results, *, recent: bool
) -> tuple[str, InlineKeyboardMarkup]:
    """``results`` in full, ``other`` (the other period) as one line to compare."""
    _ = tr.gettext
    title = _("📊 Your claims, last 90 days") if recent else _(
        "📊 Your claims, all time")
    claims = tr.ngettext("{count} claim", "{count} claims", results.totals.total).format(
        count=results.totals.total)
    lines = [title, f"{claims}: {_counts(tr, results)}"]
    lines.append(_("Debited: {debited}. Recovered on appeal: {recovered}.").format(
        debited=_money(tr, results.debited), recovered=_money(tr, results.recovered)))
    took = results.median_response
    lines.append(
        _("Median time from notice to response: {time}").format(time=tr.duration(took))
        if took is not None else _("No responses recorded yet.")
    )
    source = None
    for claim_source, reason, counts in results.groups():
        if claim_source is not source:
            source = claim_source
            lines += ["", source_label(tr, claim_source)]
        lines.append(_("• {reason}: won {won} · lost {lost} · withdrawn {withdrawn} · open "
                       "{open}").format(reason=tr.render(reason.label), won=counts.won,
                                        lost=counts.lost, withdrawn=counts.withdrawn,
                                        open=counts.open))
    lines += ["", (_("All time: {counts}") if recent else _("Last 90 days: {counts}")).format(
        counts=_counts(tr, other))]
    lines.append(_("Won: denied, or won on appeal. Lost: granted, refunded or appeal lost."))
    switch = (InlineKeyboardButton(_("All time"), callback_data=_odr("res", "all")) if recent
              else InlineKeyboardButton(_("Last 90 days"), callback_data=_odr("res", "90")))
    return "\n".join(lines), InlineKeyboardMarkup([
        [switch, InlineKeyboardButton(_("📉 ODR estimate"), callback_data=_odr("show"))]
    ])


def weekly_screen(tr: Translator, enabled: bool) -> tuple[str, InlineKeyboardMarkup]:
    _ = tr.gettext
    text = "\n".join([
        _("Weekly ODR summary: {state}").format(state=_("on") if enabled else _("off")),
        _("Every Monday morning (from 08:00 your time, after your quiet hours) I send the ODR "
          "chart and estimate, only when claims count toward it."),
    ])
    button = (
        InlineKeyboardButton(_("Turn the weekly summary off"), callback_data=_odr("wk", "off"))
        if enabled else
        InlineKeyboardButton(_("Turn the weekly summary on"), callback_data=_odr("wk", "on"))
    )
    return text, InlineKeyboardMarkup([[button]])
