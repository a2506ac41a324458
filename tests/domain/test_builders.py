"""Builders and renderers shared by the domain tests (kept in a test module: no conftest here)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.messages.pofile import read_po

from domain.claims import Claim, Fulfilment, NoticeKind, Reason, new_claim
from domain.evidence import EvidenceItem
from domain.lifecycle import ClaimEvent, EventKind
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from domain.text import Msg

AMS = ZoneInfo("Europe/Amsterdam")
NOTICE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CATALOG = Path(__file__).resolve().parents[2] / "locales" / "nl" / "LC_MESSAGES" / "messages.po"


def _load_dutch() -> dict[str, str]:
    # The shipped catalog is the one source of Dutch: domain tests read it, never a copy.
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and m.id and m.string}


NL_TRANSLATIONS: dict[str, str] = _load_dutch()


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
        # The usual case on the card: the seller registers Amazon's request for information.
        "notice_kind": NoticeKind.INFO_REQUEST,
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
    params = {k: render_en(v) if isinstance(v, Msg) else show(v) for k, v in msg.params.items()}
    return msg.key.format(**params)


def render_nl(msg: Msg) -> str:
    """Dutch from the shipped catalog; a key missing from it is a test failure (KeyError),
    except a bare placeholder such as the shop name, which is no text of ours."""
    params = {k: render_nl(v) if isinstance(v, Msg) else show(v) for k, v in msg.params.items()}
    template = msg.key if msg.key.strip("{}").isidentifier() else NL_TRANSLATIONS[msg.key]
    return template.format(**params)


def test_the_default_claim_is_an_amazon_nl_not_received_claim() -> None:
    claim = make_claim()
    assert (claim.source, claim.marketplace, claim.reason) == (
        ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, Reason.NOT_RECEIVED,
    )


def test_the_english_renderer_formats_money_times_and_dates() -> None:
    msg = Msg.of("{a} {t} {d} {n}", a=eur("1.50"), t=NOTICE, d=date(2026, 1, 2), n=3)
    assert render_en(msg) == "EUR 1.50 2026-11-20 09:00 UTC 2026-01-02 3"
