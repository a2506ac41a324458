"""/odr, /resultaten and /results in process: the estimate, the chart photo, the counts, results."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from PIL import Image

from bot.config import Config
from bot.odr_repo import OdrRepository
from domain.lifecycle import ClaimEvent, EventKind, State
from domain.odr import OdrChannel
from domain.rules import Marketplace
from tests import updates
from tests.conftest import FakeClock
from tests.evidence_support import FileBotApi
from tests.fakebotapi.transport import ApiRequest
from tests.intake_helpers import group_message, press, seed_claim
from tests.test_evidence import EvidenceHarness

NL = updates.user(7501, "nl", "Sanne")
EN = updates.user(7502, "en-GB", "Sam")
NL_SELLER = (Marketplace.AMAZON_NL, OdrChannel.SELLER)


class PhotoBotApi(FileBotApi):
    """FileBotApi that also answers sendPhoto with a photo message, as Telegram does."""

    def _file_result(self, request: ApiRequest) -> Any:
        result = super()._file_result(request)
        if request.method != "sendPhoto":
            return result
        return self._message(request.params, photo=[
            {"file_id": "p", "file_unique_id": "p", "width": 1080, "height": 864}])

    def photos(self) -> list[dict[str, Any]]:
        return [upload for upload in self.uploads if upload["method"] == "sendPhoto"]


class OdrHarness(EvidenceHarness):
    def __init__(self, config: Config, clock: FakeClock) -> None:
        super().__init__(config, clock)
        self.api: PhotoBotApi = PhotoBotApi()


@pytest.fixture
async def bot(config: Config, clock: FakeClock) -> AsyncIterator[OdrHarness]:
    harness = OdrHarness(config, clock)
    await harness.start()
    yield harness
    await harness.stop()


def decoded(upload: dict[str, Any]) -> Image.Image:
    [(_name, content)] = upload["files"].values()
    image = Image.open(io.BytesIO(content))
    image.load()  # decodes every pixel: a truncated PNG fails here
    return image


async def test_without_claims_the_odr_screen_says_there_is_nothing_to_estimate(
    bot: OdrHarness,
) -> None:
    text = await bot.send(updates.message(EN, "/odr"))
    assert text.startswith("📉 Order Defect Rate (ODR): estimate\nFrom the claims recorded in"
                           " Claimwacht, over the last 60 days (Sep 25, 2026 to Nov 23, 2026).")
    assert "No Amazon claims recorded yet" in text
    assert "claims you did not record here, and negative feedback" in text
    assert bot.api.photos() == []


async def test_entering_the_order_count_shows_the_rate_and_sends_the_chart(
    bot: OdrHarness,
) -> None:
    now = bot.clock.now
    first = await seed_claim(bot, NL["id"], now, locale="nl", notice_at=now - timedelta(days=3))
    await seed_claim(bot, NL["id"], now, locale="nl")
    text = await bot.send(updates.message(NL, "/odr"))
    assert "2 defecte bestellingen. Vul je aantal bestellingen in" in text
    assert f"{first.claim.order_id} · 19 jan 2027" in text  # 20 Nov + 60 days
    assert bot.api.photos() == [], "no rate without an order count, so no chart"
    assert bot.api.buttons()["Bestellingen amazon.nl · verzending door verkoper"] \
        == "odr:ord:nl:sf"

    question = await bot.send(updates.callback(NL, "odr:ord:nl:sf"))
    assert question.startswith("Hoeveel bestellingen had je op amazon.nl")
    assert "veel" in await bot.send(updates.message(NL, "veel"))
    screen = await bot.send(updates.message(NL, "1.250"))
    assert "Schatting: 0,16% (2 van 1.250 bestellingen)" in screen
    assert "11 defecte bestellingen meer" in screen  # 13 of 1,250 reach 1 %
    assert "Aantal bestellingen ingevuld op 23 nov 2026" in screen
    assert any(t.startswith("Opgeslagen: 1.250 bestellingen op amazon.nl") for t in
               bot.api.texts())
    [upload] = bot.api.photos()
    assert upload["params"]["caption"].startswith("Schatting op basis van de claims")
    image = decoded(upload)
    assert image.format == "PNG"
    assert 800 <= image.width <= 1600 and 600 <= image.height <= 1400


async def test_negative_feedback_shows_an_upper_bound(bot: OdrHarness) -> None:
    await seed_claim(bot, EN["id"], bot.clock.now)
    async with bot.database.unit_of_work() as uow:
        await OdrRepository(uow.connection).set_orders(
            EN["id"], NL_SELLER, 100, bot.clock.now.date(), bot.clock.now)
    await bot.send(updates.callback(EN, "odr:fb:nl:sf"))
    screen = await bot.send(updates.message(EN, "2"))
    assert "• Estimate: 1.00% (1 of 100 orders)" in screen
    assert "At or above the 1% limit" in screen
    assert "• With 2 negative feedback: at most 3.00%" in screen


async def test_cancel_stops_the_count_question_and_a_stale_key_is_refused(
    bot: OdrHarness,
) -> None:
    await bot.send(updates.callback(EN, "odr:ord:de:fba"))
    assert "Nothing was changed" in await bot.send(updates.message(EN, "/cancel"))
    await press(bot, EN, "odr:ord:shop:sf")
    assert "no longer valid" in bot.api.answers()[-1]


async def test_a_group_gets_the_private_link_and_never_the_chart(bot: OdrHarness) -> None:
    await seed_claim(bot, EN["id"], bot.clock.now)
    reply = await bot.send(group_message(EN, "/odr"))
    assert reply.startswith("Claims are private")
    link = bot.api.last_markup()["inline_keyboard"][0][0]["url"]
    assert link.endswith("?start=odr")
    assert bot.api.photos() == []
    assert (await bot.send(group_message(EN, "/results"))).startswith("Claims are private")


async def test_results_count_won_lost_and_withdrawn_with_money_and_response_time(
    bot: OdrHarness,
) -> None:
    now = bot.clock.now
    denied = await seed_claim(bot, EN["id"], now - timedelta(days=100),
                              notice_at=now - timedelta(days=100))
    granted = await seed_claim(bot, EN["id"], now, notice_at=now - timedelta(days=4))
    await seed_claim(bot, EN["id"], now)
    async with bot.database.unit_of_work() as uow:
        for stored, steps in (
            (denied, [(EventKind.RESPOND, timedelta(hours=6)), (EventKind.DENY, timedelta(2))]),
            (granted, [(EventKind.RESPOND, timedelta(hours=10)),
                       (EventKind.GRANT_SELLER, timedelta(days=2))]),
        ):
            state = State.OPEN
            for kind, after in steps:
                state = State.RESPONDED if kind is EventKind.RESPOND else (
                    State.DENIED if kind is EventKind.DENY else State.GRANTED_SELLER)
                await uow.claims.record_event(EN["id"], stored.id, ClaimEvent(
                    kind, stored.claim.notice_at + after), state, now)
    text = await bot.send(updates.message(EN, "/results"))
    assert text.splitlines()[:4] == [
        "📊 Your claims, all time",
        "3 claims: Won 1 · lost 1 · withdrawn 0 · open 1",
        "Debited: €19.99. Recovered on appeal: €0.00.",
        "Median time from notice to response: 8 hours",
    ]
    assert "• Item not received: won 1 · lost 1 · withdrawn 0 · open 1" in text
    assert "Last 90 days: Won 0 · lost 1 · withdrawn 0 · open 1" in text
    recent = await bot.send(updates.callback(EN, "odr:res:90"))
    assert recent.startswith("📊 Your claims, last 90 days\n2 claims: Won 0 · lost 1")
    assert "Median time from notice to response: 10 hours" in recent


async def test_the_weekly_summary_is_switched_from_the_settings(bot: OdrHarness) -> None:
    await bot.send(updates.message(NL, "/instellingen"))
    assert bot.api.buttons()["Wekelijks ODR-overzicht"] == "odr:wk"
    assert (await bot.send(updates.callback(NL, "odr:wk"))).startswith(
        "Wekelijks ODR-overzicht: uit")
    assert (await bot.send(updates.callback(NL, "odr:wk:on"))).startswith(
        "Wekelijks ODR-overzicht: aan")
    async with bot.database.unit_of_work(write=False) as uow:
        assert (await OdrRepository(uow.connection).weekly(NL["id"])).enabled
