"""Builders and renderers shared by the domain tests (kept in a test module: no conftest here)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from domain.claims import Claim, Fulfilment, Reason, new_claim
from domain.evidence import EvidenceItem
from domain.lifecycle import ClaimEvent, EventKind
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from domain.text import Msg

AMS = ZoneInfo("Europe/Amsterdam")
NOTICE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
NL_TRANSLATIONS: dict[str, str] = json.loads(
    (Path(__file__).with_name("nl_translations.json")).read_text(encoding="utf-8")
)


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def make_claim(**overrides: Any) -> Claim:
    values: dict[str, Any] = {
        "source": ClaimSource.A_TO_Z,
        "marketplace": Marketplace.AMAZON_NL,
        "order_id": "171-1234567-1234567",
        "reason": Reason.NOT_RECEIVED,
        "fulfilment": Fulfilment.SELLER,
        "amount": eur("49.95"),
        "notice_at": NOTICE,
    }
    values.update(overrides)
    return new_claim(**values)


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def event(kind: EventKind, when: datetime) -> ClaimEvent:
    return ClaimEvent(kind, when)


def item(item_id: str, when: datetime = NOTICE, detail: str = "") -> EvidenceItem:
    return EvidenceItem(item_id, when, detail)


def show(value: object) -> str:
    """How the tests print parameters; the shell uses Babel instead."""
    if isinstance(value, Money):
        return f"{value.currency} {value.amount}"
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def render_en(msg: Msg) -> str:
    return msg.key.format(**{k: show(v) for k, v in msg.params.items()})


def render_nl(msg: Msg) -> str:
    return NL_TRANSLATIONS[msg.key].format(**{k: show(v) for k, v in msg.params.items()})


def test_the_default_claim_is_an_amazon_nl_not_received_claim() -> None:
    claim = make_claim()
    assert (claim.source, claim.marketplace, claim.reason) == (
        ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, Reason.NOT_RECEIVED,
    )


def test_the_english_renderer_formats_money_times_and_dates() -> None:
    msg = Msg.of("{a} {t} {d} {n}", a=eur("1.50"), t=NOTICE, d=date(2026, 1, 2), n=3)
    assert render_en(msg) == "EUR 1.50 2026-11-20 09:00 UTC 2026-01-02 3"
