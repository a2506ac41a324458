"""The ODR report: worst channel first, at most three chart lines, only keys with a rate."""

from __future__ import annotations

from datetime import date, timedelta

from domain.odr import OdrChannel
from domain.odr_report import CHART_DAYS, MAX_SERIES, Entered, odr_report
from domain.rules import Marketplace
from tests.domain.odr_strategies import NOW, TODAY
from tests.domain.test_builders import make_claim

MARKETS = (Marketplace.AMAZON_NL, Marketplace.AMAZON_DE, Marketplace.AMAZON_FR,
           Marketplace.AMAZON_IT)


def test_the_chart_keeps_the_three_worst_rated_channels_and_says_how_many_it_left_out() -> None:
    claims = [
        (make_claim(marketplace=market, order_id=f"171-0000000-00000{n}{i}",
                    order_date=TODAY - timedelta(days=10), notice_at=NOW - timedelta(days=5)), ())
        for n, market in enumerate(MARKETS) for i in range(n + 1)
    ]
    entered = {(market, OdrChannel.SELLER): Entered(orders=200) for market in MARKETS}
    entered[Marketplace.AMAZON_ES, OdrChannel.FBA] = Entered(negative_feedback=2)
    report = odr_report(claims, entered, NOW)
    assert [s.key[0] for s in report.statuses] == [
        Marketplace.AMAZON_IT, Marketplace.AMAZON_FR, Marketplace.AMAZON_DE,
        Marketplace.AMAZON_NL]
    assert len(report.series) == MAX_SERIES and report.left_out == 1
    worst = report.series[0]
    assert len(worst.defects) == CHART_DAYS == len(report.days)
    assert worst.defects[-1] == 4 and worst.rates[-1] == 2.0
    assert worst.enter == (TODAY - timedelta(days=5),) and worst.leave == ()
    assert report.days[-1] == TODAY and report.chart_first == TODAY - timedelta(days=89)
    assert report.anything_counts


def test_nothing_recorded_means_nothing_counts_and_no_chart() -> None:
    entered = Entered(orders=50, orders_updated=date(2026, 11, 1))
    report = odr_report([], {(Marketplace.AMAZON_NL, OdrChannel.FBA): entered}, NOW)
    assert not report.anything_counts
    assert [s.defects for s in report.statuses] == [0]
    assert report.series[0].defects == (0,) * CHART_DAYS
