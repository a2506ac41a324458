"""The ODR screens as pure functions: within Telegram's limits however many claims count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from bot.i18n import load_translators
from domain.claims import Fulfilment, Reason, new_claim
from domain.money import Money
from domain.odr import OdrChannel
from domain.odr_report import Entered, odr_report
from domain.rules import ClaimSource, Marketplace
from handlers.views.odr import MAX_LISTED, odr_screen, parse_key, weekly_caption

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
AMAZON = [m for m in Marketplace if m.is_amazon]


def many_claims() -> list[tuple[object, tuple[()]]]:
    claims = []
    for index, marketplace in enumerate(AMAZON):
        for fulfilment in (Fulfilment.FBA, Fulfilment.SELLER):
            for n in range(30):
                claims.append((new_claim(
                    ClaimSource.A_TO_Z, marketplace, f"{index + 100}-{n:07d}-{len(claims):07d}",
                    Reason.NOT_RECEIVED, fulfilment, Money(Decimal("10"), "EUR"),
                    NOW - timedelta(days=n)), ()))
    return claims


def test_twenty_channels_of_thirty_claims_fit_one_message_with_short_buttons() -> None:
    entered = {(m, c): Entered(orders=5000) for m in AMAZON for c in OdrChannel}
    report = odr_report(many_claims(), entered, NOW)  # type: ignore[arg-type]
    for code, translator in load_translators().items():
        text, markup = odr_screen(translator, report)
        assert len(text) <= MessageLimit.MAX_TEXT_LENGTH, code
        assert text.rstrip().endswith("Seller Central.") or "Seller Central" in text
        data = [b.callback_data for row in markup.inline_keyboard for b in row]
        assert all(len(str(d).encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
                   for d in data)
        assert all(parse_key(str(d)) for d in data if str(d).startswith(("odr:ord", "odr:fb")))
        caption = weekly_caption(translator, report)
        assert len(caption) <= MessageLimit.CAPTION_LENGTH
    assert len(report.statuses) == 2 * len(AMAZON) > MAX_LISTED


def test_a_callback_for_the_own_shop_or_nonsense_is_no_key() -> None:
    assert parse_key("odr:ord:shop:sf") is None
    assert parse_key("odr:ord:xx:sf") is None
    assert parse_key("odr:ord:nl") is None
    assert parse_key(None) is None
    assert parse_key("odr:ord:nl:fba") == (Marketplace.AMAZON_NL, OdrChannel.FBA)
