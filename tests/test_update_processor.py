"""One seller's updates in arrival order and one at a time; different sellers at the same time.

Driven by events the test controls, so the assertions are about order and overlap, never time.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update

from bot.update_processor import PerSellerUpdateProcessor, update_key
from tests import updates

A, B = updates.user(8101, "en", "Ann"), updates.user(8102, "en", "Bob")


def update_from(sender: dict[str, Any], text: str) -> Update:
    return Update.de_json(updates.message(sender, text), None)  # type: ignore[arg-type]


class Script:
    """Records when each update starts and ends; an update ends when the test releases it."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.gates: dict[str, asyncio.Event] = {}

    async def handle(self, name: str) -> None:
        self.log.append(f"start {name}")
        await self.gates.setdefault(name, asyncio.Event()).wait()
        self.log.append(f"end {name}")

    def release(self, name: str) -> None:
        self.gates.setdefault(name, asyncio.Event()).set()


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def test_one_sellers_updates_wait_their_turn_while_another_seller_goes_ahead() -> None:
    processor = PerSellerUpdateProcessor(8)
    script = Script()
    arrivals = [("a1", A), ("a2", A), ("b1", B), ("a3", A), ("b2", B)]
    tasks = [
        asyncio.create_task(processor.process_update(update_from(who, name), script.handle(name)))
        for name, who in arrivals
    ]
    await settle()
    # Ann's first and Bob's first run together; the others wait for their own seller.
    assert script.log == ["start a1", "start b1"]
    script.release("b1")
    await settle()
    assert script.log[-2:] == ["end b1", "start b2"]
    for name in ("a1", "a2"):
        script.release(name)
        await settle()
    assert [entry for entry in script.log if "a" in entry.split()[1]] == [
        "start a1", "end a1", "start a2", "end a2", "start a3"]
    script.release("a3")
    script.release("b2")
    await asyncio.gather(*tasks)
    assert processor.busy_keys() == 0


async def test_the_concurrency_limit_still_keeps_each_sellers_order() -> None:
    processor = PerSellerUpdateProcessor(1)
    script = Script()
    names = [("a1", A), ("b1", B), ("a2", A), ("b2", B)]
    tasks = [
        asyncio.create_task(processor.process_update(update_from(who, name), script.handle(name)))
        for name, who in names
    ]
    for name, _ in names:
        await settle()
        script.release(name)
    await asyncio.gather(*tasks)
    assert script.log == [f"{step} {name}" for name, _ in names for step in ("start", "end")]


async def test_an_update_cancelled_while_waiting_never_runs() -> None:
    processor = PerSellerUpdateProcessor(8)
    script = Script()
    first = asyncio.create_task(processor.process_update(update_from(A, "a1"),
                                                         script.handle("a1")))
    second = asyncio.create_task(processor.process_update(update_from(A, "a2"),
                                                          script.handle("a2")))
    await settle()
    second.cancel()
    script.release("a1")
    await asyncio.gather(first, second, return_exceptions=True)
    assert script.log == ["start a1", "end a1"]
    assert processor.busy_keys() == 0


def test_updates_are_keyed_by_their_sender_or_else_their_chat() -> None:
    private = update_from(A, "/help")
    assert update_key(private) == ("user", 8101)
    channel = Update.de_json({"update_id": 1, "channel_post": {
        "message_id": 1, "date": 0, "chat": {"id": -100555, "type": "channel"}, "text": "x"}},
        None)  # type: ignore[arg-type]
    assert update_key(channel) == ("chat", -100555)
    assert update_key(object()) == ("other", 0)
