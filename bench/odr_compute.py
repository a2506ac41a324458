"""CPU time of the ODR screen's computation for one seller with many claims, and of its chart.

Builds ``--claims`` claims (default 10,000) over 150 days on three marketplaces and both
channels, with timelines (responded, denied, granted, refunded, appealed, withdrawn), then times
what /odr and /results compute: the 60-day window day by day over 90 days, today's status per
marketplace and channel, and the results over all time and the last 90 days. The chart is timed
separately (matplotlib, Agg). Figures are CPU seconds (``time.process_time``), best of
``--repeat`` runs.

    .venv/bin/python -m bench.odr_compute [--claims 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from bot.i18n import load_translators
from bot.odr_chart import draw_chart
from domain.claims import Fulfilment, Reason, new_claim
from domain.lifecycle import ClaimEvent, EventKind
from domain.money import Money
from domain.odr import OdrChannel
from domain.odr_report import Entered, odr_report
from domain.results import summarise_periods
from domain.rules import ClaimSource, Marketplace
from handlers.views.odr import chart_labels, odr_screen, results_screen

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
MARKETS = (Marketplace.AMAZON_NL, Marketplace.AMAZON_DE, Marketplace.AMAZON_FR)
TIMELINES = (
    (),
    (EventKind.RESPOND,),
    (EventKind.RESPOND, EventKind.DENY),
    (EventKind.GRANT_SELLER,),
    (EventKind.GRANT_AMAZON, EventKind.WITHDRAW),
    (EventKind.REFUND, EventKind.CLOSE),
    (EventKind.GRANT_SELLER, EventKind.APPEAL, EventKind.WIN_APPEAL),
    (EventKind.WITHDRAW,),
)


def make_claims(count: int, seed: int = 13) -> list[tuple[object, tuple[ClaimEvent, ...]]]:
    rng = random.Random(seed)
    claims = []
    for n in range(count):
        notice = NOW - timedelta(hours=rng.randrange(24 * 150))
        claim = new_claim(
            rng.choice((ClaimSource.A_TO_Z, ClaimSource.A_TO_Z, ClaimSource.CHARGEBACK)),
            rng.choice(MARKETS),
            f"{100 + n % 900:03d}-{n:07d}-{rng.randrange(10**7):07d}",
            rng.choice(list(Reason)),
            rng.choice(list(Fulfilment)),
            Money(Decimal(rng.randrange(500, 20000)) / 100, "EUR"),
            notice,
            order_date=(notice - timedelta(days=rng.randrange(0, 20))).date(),
        )
        at, events = notice, []
        for kind in rng.choice(TIMELINES):
            at += timedelta(hours=rng.randrange(1, 24 * 5))
            if at > NOW:
                break
            events.append(ClaimEvent(kind, at))
        claims.append((claim, tuple(events)))
    return claims


def best(repeat: int, work: object) -> float:
    timings = []
    for _ in range(repeat):
        start = time.process_time()
        work()  # type: ignore[operator]
        timings.append(time.process_time() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    claims = make_claims(args.claims)
    entered = {(m, c): Entered(orders=args.claims * 20) for m in MARKETS for c in OdrChannel}
    tr = load_translators()["nl"]

    def compute() -> None:
        report = odr_report(claims, entered, NOW)  # type: ignore[arg-type]
        odr_screen(tr, report)
        everything, recent = summarise_periods(claims, NOW - timedelta(days=90))  # type: ignore[arg-type]
        results_screen(tr, everything, recent, recent=False)

    report = odr_report(claims, entered, NOW)  # type: ignore[arg-type]
    cpu = best(args.repeat, compute)
    chart = best(args.repeat, lambda: draw_chart(report, chart_labels(tr, report), "nl"))
    png = draw_chart(report, chart_labels(tr, report), "nl")
    print(f"claims: {args.claims}, channels: {len(report.statuses)}, "
          f"counting today: {sum(s.defects for s in report.statuses)}")
    print(f"ODR report + results + screens: {cpu * 1000:.0f} ms CPU (best of {args.repeat})")
    print(f"chart (matplotlib Agg, {len(png) // 1024} KiB PNG): {chart * 1000:.0f} ms CPU "
          "(in a worker thread, off the event loop)")


if __name__ == "__main__":
    main()
