"""/odr end to end: after the seller enters an order count, the chart arrives as a photo."""

from __future__ import annotations

import io

from PIL import Image

from tests.conftest import FakeClock
from tests.e2e.conftest import RunningBot
from tests.e2e.test_evidence import claim_for, next_text
from tests.fakebotapi import FakeBotApi, FakeUser

SAM = FakeUser(6301, "Sam", "en")


async def test_odr_sends_the_chart_as_a_photo_once_an_order_count_is_entered(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    await claim_for(server, running, clock, SAM)
    server.inject_command(SAM, "odr")
    screen = await next_text(server, SAM, "📉 Order Defect Rate (ODR): estimate")
    assert "1 defective order. Enter your order count" in str(screen["text"])
    server.inject_button_press(SAM, screen, "Orders amazon.nl · seller-fulfilled")
    await next_text(server, SAM, "How many orders did you have on amazon.nl")
    server.inject_message(SAM, "250")
    photo = await server.wait_for_message(SAM.id, lambda m: "photo" in m)
    assert str(photo["caption"]).startswith("Estimate from the claims recorded in Claimwacht")
    content = server.file(photo["photo"][-1]["file_id"]).content
    image = Image.open(io.BytesIO(content))
    image.load()
    assert image.format == "PNG" and image.width >= 800 and image.height >= 600
    after = await next_text(server, SAM, "📉 Order Defect Rate (ODR): estimate")
    assert "• Estimate: 0.40% (1 of 250 orders)" in str(after["text"])
