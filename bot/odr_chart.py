"""The ODR chart as a PNG: 60-day rolling estimate per marketplace over 90 days, the 1 % line,
and the days on which orders start or stop counting.

Made for a phone: one wide picture, large type, at most three lines (``domain.odr_report``).
Texts arrive translated (``ChartLabels``); dates and percentages are formatted here with Babel
for the seller's locale. Matplotlib's object API on the Agg canvas (never ``pyplot``, whose
global state is not thread-safe) runs in a worker thread: ``render_png`` keeps the event loop
free while a chart is drawn.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from babel.dates import format_skeleton
from babel.numbers import format_percent

from domain.odr_report import OdrReport

__all__ = ["ChartLabels", "draw_chart", "render_png"]

WIDTH_IN, HEIGHT_IN, DPI = 9.0, 7.2, 120  # 1080 x 864 px: a phone's width
COLOURS = ("#0072B2", "#D55E00", "#009E73")  # distinguishable with colour blindness
LIMIT_COLOUR = "#C00000"
TICK_EVERY_DAYS = 21


@dataclass(frozen=True)
class ChartLabels:
    """Translated texts: the title, one name per series, the limit and the marker legend."""

    title: str
    series: Sequence[str]
    limit: str
    enters: str
    leaves: str
    y_axis: str


def _percent(value: float, locale: str) -> str:
    return format_percent(value / 100, "#,##0.#%", locale=locale)


def draw_chart(report: OdrReport, labels: ChartLabels, locale: str) -> bytes:
    """The chart as PNG bytes (blocking: call ``render_png`` from async code)."""
    # Imported on first use: start-up stays fast, and a bot that never draws never touches
    # matplotlib's config and font cache (whose home may not be writable for the bot's user).
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, FuncFormatter

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    days = report.days
    xs = [day.toordinal() for day in days]
    highest = 1.0
    for series, name, colour in zip(report.series, labels.series, COLOURS, strict=False):
        rates = series.rates
        highest = max(highest, *rates)
        axes.plot(xs, rates, color=colour, linewidth=3.5, label=name, drawstyle="steps-post")
        for moments, marker in ((series.enter, "^"), (series.leave, "v")):
            points = [(day.toordinal(), rates[(day - days[0]).days]) for day in moments]
            if points:
                px, py = zip(*points, strict=True)
                axes.plot(px, py, linestyle="none", marker=marker, markersize=14,
                          color=colour, markeredgecolor="white", markeredgewidth=1.5)
    axes.axhline(1.0, color=LIMIT_COLOUR, linestyle="--", linewidth=3, label=labels.limit)
    axes.set_ylim(0, highest * 1.25)
    axes.set_xlim(xs[0], xs[-1])
    axes.set_title(labels.title, fontsize=22, loc="left", pad=14)
    axes.set_ylabel(labels.y_axis, fontsize=18)
    ticks = _tick_days(days)
    axes.xaxis.set_major_locator(FixedLocator([day.toordinal() for day in ticks]))
    axes.xaxis.set_major_formatter(FuncFormatter(
        lambda value, _: format_skeleton("MMMd", date.fromordinal(int(value)), locale=locale)
    ))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _percent(value, locale)))
    axes.tick_params(labelsize=17, length=6, width=1.5)
    axes.grid(True, axis="y", alpha=0.35, linewidth=1.2)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    handles, names = axes.get_legend_handles_labels()
    handles += [
        Line2D([], [], linestyle="none", marker="^", markersize=14, color="#555555"),
        Line2D([], [], linestyle="none", marker="v", markersize=14, color="#555555"),
    ]
    names += [labels.enters, labels.leaves]
    figure.legend(handles, names, loc="outside lower center", ncols=2, fontsize=15,
                  frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _tick_days(days: Sequence[date]) -> list[date]:
    """Every three weeks back from today, so the last tick is today."""
    return list(days[::-TICK_EVERY_DAYS])[::-1]


async def render_png(report: OdrReport, labels: ChartLabels, locale: str) -> bytes:
    """``draw_chart`` in a worker thread, off the event loop."""
    return await asyncio.to_thread(draw_chart, report, labels, locale)
