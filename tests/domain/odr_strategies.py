"""Hypothesis strategies for claims with valid timelines (shared by the ODR and results tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from domain.claims import Claim, Fulfilment, Reason
from domain.lifecycle import TRANSITIONS, ClaimEvent, State
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from tests.domain.test_builders import make_claim

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
MARKETPLACES = (Marketplace.AMAZON_NL, Marketplace.AMAZON_DE)
ORDER_IDS = tuple(f"171-0000000-{n:07d}" for n in range(12))  # few, so orders repeat

ClaimRecord = tuple[Claim, tuple[ClaimEvent, ...]]


@st.composite
def timelines(draw: st.DrawFn, notice: datetime, until: datetime) -> tuple[ClaimEvent, ...]:
    """A walk through the life cycle's transitions at increasing instants up to ``until``."""
    state, at, events = State.OPEN, notice, []
    for _ in range(draw(st.integers(0, 5))):
        moves = [(kind, target) for (source, kind), target in TRANSITIONS.items()
                 if source is state]
        if not moves:
            break
        kind, target = draw(st.sampled_from(moves))
        at += timedelta(hours=draw(st.integers(0, 24 * 20)))
        if at > until:
            break
        events.append(ClaimEvent(kind, at))
        state = target
    return tuple(events)


@st.composite
def claim_records(draw: st.DrawFn, amazon_only: bool = False) -> ClaimRecord:
    source = draw(st.sampled_from(
        [ClaimSource.A_TO_Z, ClaimSource.CHARGEBACK] if amazon_only else list(ClaimSource)))
    notice = NOW - timedelta(hours=draw(st.integers(0, 24 * 150)))
    order_date = draw(st.none() | st.integers(0, 40).map(
        lambda back: notice.date() - timedelta(days=back)))
    fulfilment = draw(st.sampled_from(list(Fulfilment)))
    reason = draw(st.sampled_from(list(Reason)))
    protected = (draw(st.booleans()) and source.is_amazon
                 and fulfilment is not Fulfilment.FBA)
    claim = make_claim(
        source=source,
        marketplace=draw(st.sampled_from(MARKETPLACES)) if source.is_amazon
        else Marketplace.WEBSHOP,
        order_id=draw(st.sampled_from(ORDER_IDS)),
        reason=reason,
        fulfilment=fulfilment,
        amount=Money(Decimal(draw(st.integers(1, 50_000))) / 100,
                     draw(st.sampled_from(["EUR", "GBP"]))),
        notice_at=notice,
        order_date=order_date,
        buy_shipping_protected=protected,
    )
    return claim, draw(timelines(notice, NOW))
