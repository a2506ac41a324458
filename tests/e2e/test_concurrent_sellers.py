"""Sellers do not wait for each other: the real Application polling the fake Bot API."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.e2e.conftest import RunningBot, text_of
from tests.e2e.test_evidence import PDF, claim_for, next_text, start_evidence
from tests.fakebotapi import FakeBotApi, FakeUser


async def test_a_seller_is_answered_while_another_sellers_download_is_held(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    """Polling end to end: Eva's evidence download hangs on getFile; Tom's /help is answered
    before her download finishes, and her evidence is still handled afterwards."""
    eva, tom = FakeUser(8201, "Eva", "en"), FakeUser(8202, "Tom", "en")
    await claim_for(server, running, clock, eva)
    await start_evidence(server, eva, "Tracking number")
    server.stall_next("getFile", 3.0)  # under PTB's 5 s read timeout
    server.inject_document(eva, file_name="tracking.pdf", content=PDF)
    await server.wait_for_request("getFile")
    server.inject_command(tom, "help")
    help_reply = await server.wait_for_message(tom.id)
    assert text_of(help_reply).startswith("What I")
    assert not [m for m in server.sent_messages(eva.id) if "Stored" in text_of(m)]
    saved = await next_text(server, eva, "Stored")
    assert "tracking.pdf" in text_of(saved)
