"""/claims in process: open claims by nearest deadline, 8 per page, closed ones behind a button."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests import updates
from tests.harness import EN, NL, Harness
from tests.intake_helpers import button_data, last_markup, seed_claim


def _last_sent(bot: Harness) -> dict[str, Any]:
    """In process the pressed message carries no keyboard, so pages come as new messages."""
    return next(call.params for call in reversed(bot.api.calls)
                if call.method in ("sendMessage", "editMessageText"))



async def test_sixty_claims_page_eight_at_a_time_nearest_deadline_first(bot: Harness) -> None:
    now = bot.clock.now
    seeded = [
        # Older notices have nearer deadlines: claim i was noticed i * 40 minutes ago.
        await seed_claim(bot, EN["id"], now, notice_at=now - timedelta(minutes=40 * i))
        for i in range(60)
    ]
    expected = [c.id for c in sorted(seeded, key=lambda c: c.claim.notice_at)]
    text = await bot.send(updates.message(EN, "/claims"))
    lines = text.splitlines()
    assert lines[0] == "Open claims: 60 (1/8)"
    assert len(lines) == 9
    assert lines[1].startswith(f"1. {seeded[59].claim.order_id} · Open · ")
    assert lines[1].endswith("8 hours, 40 minutes left")  # 48 h − 59 × 40 min
    seen: list[int] = []
    page = 0
    while True:
        data = button_data(_last_sent(bot)["reply_markup"])
        seen += [int(d.rsplit(":", 1)[1]) for d in data if d.startswith("cl:open:")]
        nxt = [d for d in data if d == f"cl:list:{page + 1}"]
        assert all(len(d.encode()) <= 64 for d in data)
        if not nxt:
            break
        reply = await bot.send(updates.callback(EN, nxt[0]))
        page += 1
        assert reply.startswith(f"Open claims: 60 ({page + 1}/8)")
    assert page == 7
    assert seen == expected
    last = _last_sent(bot)
    assert len(last["text"].splitlines()) == 1 + 60 - 7 * 8
    assert button_data(last["reply_markup"])[-1] == "cl:list:6"
    back = await bot.send(updates.callback(EN, "cl:list:6"))
    assert back.startswith("Open claims: 60 (7/8)")


async def test_decided_claims_sit_behind_a_button(bot: Harness) -> None:
    stored = await seed_claim(bot, NL["id"], bot.clock.now, locale="nl")
    await seed_claim(bot, NL["id"], bot.clock.now, locale="nl")
    await bot.send(updates.callback(NL, f"cl:ev:{stored.id}:deny"))
    await bot.send(updates.callback(NL, f"cl:evt:{stored.id}"))
    text = await bot.send(updates.message(NL, "/claimoverzicht"))
    assert text.startswith("Open claims: 1\n1. ")
    assert text.endswith("Open · nog 2 dagen")
    assert button_data(last_markup(bot))[-1] == "cl:closed:0"
    closed = await bot.send(updates.callback(NL, "cl:closed:0"))
    assert closed == f"Afgehandelde claims: 1\n1. {stored.claim.order_id} · Afgewezen"


async def test_no_claims_yet_says_how_to_register_one(bot: Harness) -> None:
    assert await bot.send(updates.message(EN, "/claims")) == (
        "Open claims: 0\nNothing open. Send /newclaim to register a claim."
    )


async def test_the_overview_button_on_a_card_sends_a_new_overview(bot: Harness) -> None:
    stored = await seed_claim(bot, EN["id"], bot.clock.now)
    await bot.send(updates.callback(EN, f"cl:open:{stored.id}"))
    reply = await bot.send(updates.callback(EN, "cl:list:0"))
    assert reply.startswith("Open claims: 1")
    assert bot.api.calls[-1].method == "sendMessage"
