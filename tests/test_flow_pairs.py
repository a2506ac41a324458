"""Every pair of flows: the second started while the first waits for typed input.

The typed answer goes to the flow the seller started last. The first flow is paused, not fed:
its answer typed afterwards is not taken by it, the intake says its draft is kept, and picked
up again (its command or button) the first flow works as if nothing had happened.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import time

import pytest

from bot.claims_repo import StoredClaim
from domain.lifecycle import State
from tests import updates
from tests.harness import EN, Harness
from tests.intake_helpers import claims_of, seed_claim

Step = Callable[[Harness, StoredClaim], Awaitable[None]]
Check = Callable[[Harness, StoredClaim], Awaitable[bool]]


async def _say(bot: Harness, text: str) -> str:
    """Type ``text``; everything the bot said in reply, one message after the other."""
    before = len(bot.api.texts(EN["id"]))
    await bot.send(updates.message(EN, text))
    return "\n---\n".join(bot.api.texts(EN["id"])[before:])


async def _asked(bot: Harness, label: str, question: str) -> None:
    """Press ``label``; the bot asks ``question`` (a paused flow may add its own note)."""
    before = len(bot.api.texts(EN["id"]))
    await bot.press(EN, label)
    said = bot.api.texts(EN["id"])[before:]
    assert any(text.startswith(question) for text in said), said


@dataclass(frozen=True)
class Question:
    """A flow brought to a question that waits for typed input."""

    name: str
    flow: str  # the conversation; two questions of one flow are not a pair
    ask: Step
    answer: str
    reply: str  # what the bot says when this flow takes ``answer``
    taken: Check  # whether ``answer`` changed what this flow changes
    resume: Step | None = None  # picks a paused flow up again; None: ask again


async def ask_order_id(bot: Harness, stored: StoredClaim) -> None:
    await _say(bot, "/newclaim")
    await bot.press(EN, "Amazon A-to-z claim")
    await _asked(bot, "amazon.nl", "What is the order number?")


async def resume_intake(bot: Harness, stored: StoredClaim) -> None:
    assert "Continue" in await _say(bot, "/newclaim")
    await _asked(bot, "Continue", "What is the order number?")


async def intake_took(bot: Harness, stored: StoredClaim) -> bool:
    # Until it is confirmed the draft lives in the conversation only: ask the intake itself.
    assert bot.app is not None
    draft = str(bot.app.user_data.get(EN["id"], {}))
    return "171-7777777-7777777" in draft


async def ask_evidence(bot: Harness, stored: StoredClaim) -> None:
    await _say(bot, f"/evidence {stored.claim.order_id}")
    await _asked(bot, "Other", "Send the evidence for “Other”")


async def evidence_took(bot: Harness, stored: StoredClaim) -> bool:
    return any("Buyer phoned" in str(row) for row in await bot.evidence(stored.id))


async def ask_timezone(bot: Harness, stored: StoredClaim) -> None:
    await _say(bot, "/settings")
    await _asked(bot, "Change timezone", "Pick your timezone")


async def timezone_took(bot: Harness, stored: StoredClaim) -> bool:
    return bool((await bot.seller(EN["id"])).timezone == "Asia/Tokyo")


async def ask_quiet_hours(bot: Harness, stored: StoredClaim) -> None:
    await _say(bot, "/settings")
    await _asked(bot, "Change quiet hours", "Type your quiet hours")


async def quiet_hours_took(bot: Harness, stored: StoredClaim) -> bool:
    return bool((await bot.seller(EN["id"])).quiet_start == time(23, 15))


async def ask_revenue(bot: Harness, stored: StoredClaim) -> None:
    await _say(bot, "/guaranteeframe")
    assert any("annual" in text for text in bot.api.texts(EN["id"])[-2:])


async def frame_took(bot: Harness, stored: StoredClaim) -> bool:
    return any("€6,944.44" in text for text in bot.api.texts(EN["id"]))


async def ask_outcome_day(bot: Harness, stored: StoredClaim) -> None:
    await _say(bot, "/claims")
    await bot.press(EN, f"1. {stored.claim.order_id}")
    await bot.press(EN, "Record outcome")
    await _asked(bot, "Response sent", "“Response sent”: on which day?")


async def outcome_took(bot: Harness, stored: StoredClaim) -> bool:
    current = [c for c in await claims_of(bot, EN["id"]) if c.id == stored.id]
    return current[0].state is State.RESPONDED


QUESTIONS = (
    Question("intake order id", "intake", ask_order_id, "171-7777777-7777777",
             "What does the buyer claim?", intake_took, resume_intake),
    Question("evidence note", "evidence", ask_evidence, "Buyer phoned: parcel found",
             "Saved your note for “Other”", evidence_took),
    Question("settings timezone", "settings", ask_timezone, "Asia/Tokyo",
             "Timezone set to Asia/Tokyo", timezone_took),
    Question("settings quiet hours", "settings", ask_quiet_hours, "23:15-06:45",
             "Quiet hours set to 23:15-06:45", quiet_hours_took),
    Question("frame without amount", "frame", ask_revenue, "250000", "€6,944.44", frame_took),
    Question("outcome day", "outcome", ask_outcome_day, "23-11",
             "Status: Responded, waiting for a decision", outcome_took),
)
PAIRS = [
    pytest.param(first, second, id=f"{first.name} then {second.name}")
    for first in QUESTIONS
    for second in QUESTIONS
    if first.flow != second.flow
]


@pytest.mark.parametrize(("first", "second"), PAIRS)
async def test_the_flow_started_last_takes_the_typed_answer_and_the_first_waits(
    bot: Harness, first: Question, second: Question
) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    await first.ask(bot, stored)
    texts_before = len(bot.api.texts(EN["id"]))
    await second.ask(bot, stored)
    if first.flow == "intake":  # the one flow whose work would be lost says it is kept
        said = bot.api.texts(EN["id"])[texts_before:]
        assert any("unfinished claim is kept" in text for text in said), said

    reply = await _say(bot, second.answer)
    assert second.reply in reply
    assert await second.taken(bot, stored)
    assert not await first.taken(bot, stored)

    # Paused, the first flow takes nothing typed until the seller picks it up again.
    reply = await _say(bot, first.answer)
    assert first.reply not in reply
    assert not await first.taken(bot, stored)
    await (first.resume or first.ask)(bot, stored)
    assert first.reply in await _say(bot, first.answer)
    assert await first.taken(bot, stored)
