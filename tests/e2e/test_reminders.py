"""Deadline reminders end to end: the fake Bot API, the real Application and a fake clock.

Claims are stored through the repositories (as the claim conversation does) and the
dispatcher is driven with ``run_due()`` after moving the clock, so days pass in milliseconds.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.config import Config
from bot.context import SERVICES_KEY
from bot.reminders_repo import Outcome
from bot.scheduler import Pacer, ReminderDispatcher, dispatcher_of
from bot.services import Services
from domain.lifecycle import EventKind, apply
from domain.reminders import ReminderKind
from tests.e2e.conftest import RunningBot, text_of
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.fakeclock import FakeClock
from tests.reminder_support import add_claim, add_seller

SAM = FakeUser(5002, "Sam", "en")
SANNE = FakeUser(5001, "Sanne", "nl")
ORDER = "171-1234567-1234567"
NBSP = "\u00a0"
NNBSP = "\u202f"

# Notice on Monday 23 Nov 2026 09:00 UTC (10:00 in Amsterdam): the answer is due on Wednesday
# at 10:00 Amsterdam time. T-6h (04:00) falls in the default quiet hours and moves to 21:59.
NOTICE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DEADLINE = NOTICE + timedelta(hours=48)

LADDER_EN = [
    (
        datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
        "⏰ Reminder: answer this claim before the deadline.\n"
        f"Claim {ORDER} · amazon.nl · Item not received\n"
        f"Answer deadline: Wed, Nov 25, 2026, 10:00{NNBSP}AM\n"
        "Time left: 1 day.",
    ),
    (
        datetime(2026, 11, 24, 20, 59, tzinfo=UTC),
        "⏰ Reminder: answer this claim before the deadline.\n"
        f"Claim {ORDER} · amazon.nl · Item not received\n"
        f"Answer deadline: Wed, Nov 25, 2026, 10:00{NNBSP}AM\n"
        "Time left: 12 hours, 1 minute.",
    ),
    (
        datetime(2026, 11, 25, 8, 0, tzinfo=UTC),
        "⏰ Reminder: answer this claim before the deadline.\n"
        f"Claim {ORDER} · amazon.nl · Item not received\n"
        f"Answer deadline: Wed, Nov 25, 2026, 10:00{NNBSP}AM\n"
        "Time left: 1 hour.",
    ),
    (
        DEADLINE,
        "❗ The deadline to answer this claim has passed.\n"
        f"Claim {ORDER} · amazon.nl · Item not received\n"
        f"Answer deadline: Wed, Nov 25, 2026, 10:00{NNBSP}AM\n"
        "The deadline is now.\n"
        "\n"
        "What happens now: If you do not answer Amazon's request for information within the "
        "window, Amazon grants the claim to the buyer, debits your account and counts the claim "
        "toward your ODR.\n"
        "What you can still do:\n"
        "• Refund the buyer: that closes the claim, though it still counts toward your Order "
        "Defect Rate.\n"
        "• If the claim is granted at your expense, appeal within 30 days of the decision, "
        "with new information.\n"
        "Record what happened on the claim, so I can plan what comes next.",
    ),
]

LADDER_NL = [
    (
        datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
        "⏰ Herinnering: beantwoord deze claim vóór de deadline.\n"
        f"Claim {ORDER} · amazon.nl · Artikel niet ontvangen\n"
        "Antwoorddeadline: wo 25 nov 2026, 10:00\n"
        "Nog 1 dag.",
    ),
    (
        datetime(2026, 11, 24, 20, 59, tzinfo=UTC),
        "⏰ Herinnering: beantwoord deze claim vóór de deadline.\n"
        f"Claim {ORDER} · amazon.nl · Artikel niet ontvangen\n"
        "Antwoorddeadline: wo 25 nov 2026, 10:00\n"
        "Nog 12 uur en 1 minuut.",
    ),
    (
        datetime(2026, 11, 25, 8, 0, tzinfo=UTC),
        "⏰ Herinnering: beantwoord deze claim vóór de deadline.\n"
        f"Claim {ORDER} · amazon.nl · Artikel niet ontvangen\n"
        "Antwoorddeadline: wo 25 nov 2026, 10:00\n"
        "Nog 1 uur.",
    ),
    (
        DEADLINE,
        "❗ De deadline om deze claim te beantwoorden is verstreken.\n"
        f"Claim {ORDER} · amazon.nl · Artikel niet ontvangen\n"
        "Antwoorddeadline: wo 25 nov 2026, 10:00\n"
        "De deadline is nu.\n"
        "\n"
        "Wat er nu gebeurt: Beantwoord je het verzoek om informatie van Amazon niet binnen de "
        "termijn, dan kent Amazon de claim toe aan de koper, schrijft het bedrag af van je "
        "verkopersaccount en telt de claim mee voor je ODR.\n"
        "Wat je nog kunt doen:\n"
        "• Betaal de koper terug: dan wordt de claim gesloten, maar die telt wel mee voor je "
        "Percentage defecte bestellingen (ODR).\n"
        "• Wordt de claim op jouw kosten toegekend, ga dan binnen 30 dagen na het besluit in "
        "beroep, met nieuwe informatie.\n"
        "Leg vast wat er gebeurd is bij de claim, dan plan ik wat er daarna komt.",
    ),
]


@pytest.fixture
async def bot(running: RunningBot) -> AsyncIterator[RunningBot]:
    """The running bot with reminder pacing off: these tests are about content, not limits."""
    dispatcher_of(running.application).pacer = Pacer.unlimited()
    yield running


def services_of(bot: RunningBot) -> Services:
    services: Services = bot.application.bot_data[SERVICES_KEY]
    return services


def dispatcher(bot: RunningBot) -> ReminderDispatcher:
    return dispatcher_of(bot.application)


async def new_claim(
    bot: RunningBot, user: FakeUser, clock: FakeClock, *, order: str = ORDER, **kwargs: Any
) -> int:
    services = services_of(bot)
    await add_seller(services.database, user.id, clock(), locale=user.language_code or "en")
    claim_id, _ = await add_claim(services.database, user.id, order, NOTICE, clock(), **kwargs)
    await services.claim_changed(claim_id)
    return claim_id


async def record(bot: RunningBot, user: FakeUser, claim_id: int, kind: EventKind, at: datetime
                 ) -> None:
    """Record an outcome the way the claim card does: event and re-plan in one unit of work."""
    from bot.reminders_repo import plan_for_claim

    services = services_of(bot)
    async with services.database.unit_of_work() as uow:
        stored = await uow.claims.get(user.id, claim_id)
        seller = await uow.sellers.get(user.id)
        assert stored is not None and seller is not None
        applied = apply(stored.state, kind, at)
        await uow.claims.record_event(user.id, claim_id, applied.event, applied.state, at)
        stored = await uow.claims.get(user.id, claim_id)
        assert stored is not None
        await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, at), at)
    await services.claim_changed(claim_id)


async def pending(bot: RunningBot, claim_id: int) -> list[tuple[ReminderKind, datetime]]:
    """The claim's pending rows, once no send is in flight (a message arrives before the row
    is marked sent)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while True:
        async with services_of(bot).database.unit_of_work(write=False) as uow:
            rows = await uow.reminders.pending(claim_id=claim_id)
        if all(row.sending_since is None for row in rows) or loop.time() > deadline:
            return [(row.kind, row.due_at) for row in rows]
        await asyncio.sleep(0.01)


def buttons(message: dict[str, Any]) -> list[list[str]]:
    return [[b["text"] for b in row] for row in message["reply_markup"]["inline_keyboard"]]


@pytest.mark.parametrize(("user", "ladder"), [(SAM, LADDER_EN), (SANNE, LADDER_NL)])
async def test_the_full_reminder_ladder_of_one_claim(
    server: FakeBotApi,
    bot: RunningBot,
    clock: FakeClock,
    user: FakeUser,
    ladder: list[tuple[datetime, str]],
) -> None:
    claim_id = await new_claim(bot, user, clock)
    assert len(await pending(bot, claim_id)) == 4
    # Rows are the truth; only what is due within the hour has a job (none yet).
    assert dispatcher(bot).scheduled_ids() == set()
    for due, expected in ladder:
        clock.now = due - timedelta(seconds=1)
        assert await dispatcher(bot).run_due() == 0
        clock.now = due
        assert await dispatcher(bot).run_due() == 1
        assert text_of(await server.wait_for_message(user.id)) == expected
    assert await pending(bot, claim_id) == []
    assert dispatcher(bot).scheduled_ids() == set()


async def test_reminder_buttons_open_draft_mark_and_snooze(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    clock.now = LADDER_EN[0][0]
    await dispatcher(bot).run_due()
    message = await server.wait_for_message(SAM.id)
    assert buttons(message) == [
        ["Open claim", "Draft response"],
        ["Mark as responded", "Snooze 1 hour"],
    ]
    rows = message["reply_markup"]["inline_keyboard"]
    assert rows[0][0]["callback_data"] == f"cl:open:{claim_id}"
    assert rows[0][1]["callback_data"] == f"cl:draft:{claim_id}"
    assert rows[1][0]["callback_data"] == f"rm:resp:{claim_id}"
    assert rows[1][1]["callback_data"].startswith("rm:snz:")


async def test_snoozing_sends_the_same_reminder_an_hour_later(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    clock.now = LADDER_EN[0][0]
    await dispatcher(bot).run_due()
    reminder = await server.wait_for_message(SAM.id)
    server.inject_button_press(SAM, reminder, "Snooze 1 hour")
    confirmation = await server.wait_for_message(SAM.id, lambda m: not m["_edited"])
    assert text_of(confirmation) == (
        f"💤 Snoozed: I'll remind you about claim {ORDER} again at "
        f"Tue, Nov 24, 2026, 11:00{NNBSP}AM."
    )
    assert (ReminderKind.RESPONSE_T24H, LADDER_EN[0][0] + timedelta(hours=1)) in await pending(
        bot, claim_id
    )
    clock.advance(minutes=59)
    assert await dispatcher(bot).run_due() == 0
    clock.advance(minutes=1)
    assert await dispatcher(bot).run_due() == 1
    again = await server.wait_for_message(SAM.id, lambda m: not m["_edited"])
    assert "Time left: 23 hours." in text_of(again)
    # The rest of the ladder is unchanged.
    assert [kind for kind, _ in await pending(bot, claim_id)] == [
        ReminderKind.RESPONSE_T6H,
        ReminderKind.RESPONSE_T1H,
        ReminderKind.RESPONSE_OVERDUE,
    ]


async def test_at_t_minus_one_hour_the_snooze_is_15_minutes_and_never_past_the_deadline(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    clock.now = LADDER_EN[2][0]
    await dispatcher(bot).run_due()
    reminder = await server.wait_for_message(SAM.id)
    assert buttons(reminder)[1] == ["Mark as responded", "Snooze 15 minutes"]
    server.inject_button_press(SAM, reminder, "Snooze 15 minutes")
    await server.wait_for_message(SAM.id, lambda m: "Snoozed" in text_of(m))
    clock.advance(minutes=15)
    await dispatcher(bot).run_due()
    again = await server.wait_for_message(SAM.id, lambda m: not m["_edited"])
    assert "Time left: 45 minutes." in text_of(again)
    # Snoozing again and again stops 5 minutes before the deadline; then there is no button.
    for left in ("30 minutes", "15 minutes", "5 minutes"):
        server.inject_button_press(SAM, again, "Snooze 15 minutes")
        await server.wait_for_message(SAM.id, lambda m: "Snoozed" in text_of(m))
        due = [at for kind, at in await pending(bot, claim_id) if kind is ReminderKind.RESPONSE_T1H]
        clock.now = due[0]
        await dispatcher(bot).run_due()
        again = await server.wait_for_message(SAM.id, lambda m: not m["_edited"])
        assert f"Time left: {left}." in text_of(again)
    assert buttons(again)[1] == ["Mark as responded"]
    assert clock() == DEADLINE - timedelta(minutes=5)


async def test_pressing_snooze_twice_on_one_message_snoozes_once(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    await new_claim(bot, SAM, clock)
    clock.now = LADDER_EN[0][0]
    await dispatcher(bot).run_due()
    reminder = await server.wait_for_message(SAM.id)
    server.inject_callback_query(SAM, reminder, reminder["reply_markup"]["inline_keyboard"][1][1][
        "callback_data"])
    await server.wait_for_message(SAM.id, lambda m: "Snoozed" in text_of(m))
    server.inject_callback_query(SAM, reminder, reminder["reply_markup"]["inline_keyboard"][1][1][
        "callback_data"])
    answer = await server.wait_for_request(
        "answerCallbackQuery", lambda p: "already set" in p.get("text", "")
    )
    assert answer["text"] == (
        f"This reminder is already set to come again at Tue, Nov 24, 2026, 11:00{NNBSP}AM."
    )


async def test_someone_elses_reminder_buttons_find_nothing(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    clock.now = LADDER_EN[0][0]
    await dispatcher(bot).run_due()
    reminder = await server.wait_for_message(SAM.id)
    mallory = FakeUser(6666, "Mallory", "en")
    snooze_data = reminder["reply_markup"]["inline_keyboard"][1][1]["callback_data"]
    for data in (f"rm:resp:{claim_id}", snooze_data, "rm:snz:999999"):
        server.inject_callback_query(mallory, reminder, data)
        answer = await server.wait_for_request("answerCallbackQuery")
        assert answer["text"] == "I can't find that claim. Send /claims to see your claims."
    assert next(kind for kind, _ in await pending(bot, claim_id)) is ReminderKind.RESPONSE_T6H


async def test_marking_as_responded_cancels_the_remaining_reminders(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    clock.now = LADDER_EN[0][0]
    await dispatcher(bot).run_due()
    reminder = await server.wait_for_message(SAM.id)
    server.inject_button_press(SAM, reminder, "Mark as responded")
    confirmation = await server.wait_for_message(SAM.id, lambda m: "Noted" in text_of(m))
    assert text_of(confirmation) == (
        f"✅ Noted: you responded to claim {ORDER}. I stopped its answer reminders."
    )
    assert await pending(bot, claim_id) == []
    assert dispatcher(bot).scheduled_ids() == set()
    clock.now = DEADLINE + timedelta(days=3)
    assert await dispatcher(bot).run_due() == 0
    # The button on the old message (its keyboard is gone, but clients may lag) explains.
    server.inject_callback_query(SAM, reminder, f"rm:resp:{claim_id}")
    answer = await server.wait_for_request("answerCallbackQuery", lambda p: bool(p.get("text")))
    assert answer["text"] == "That step does not fit the claim's current status."


async def test_a_seller_funded_grant_plans_the_appeal_reminders(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    granted = NOTICE + timedelta(hours=30)
    clock.now = granted
    await record(bot, SAM, claim_id, EventKind.GRANT_SELLER, granted)
    appeal_deadline = granted + timedelta(days=30)
    plan = await pending(bot, claim_id)
    assert [kind for kind, _ in plan] == [
        ReminderKind.APPEAL_T7D,
        ReminderKind.APPEAL_T2D,
        ReminderKind.APPEAL_T1D,
    ]
    assert plan[0][1] == appeal_deadline - timedelta(days=7)
    clock.now = plan[0][1]
    assert await dispatcher(bot).run_due() == 1
    message = await server.wait_for_message(SAM.id)
    assert text_of(message) == (
        "📅 Reminder: the window to appeal this claim is closing.\n"
        f"Claim {ORDER} · amazon.nl · Item not received\n"
        f"Appeal deadline: Thu, Dec 24, 2026, 4:00{NNBSP}PM\n"
        "Time left: 7 days."
    )
    assert buttons(message) == [
        ["Open claim", "Draft appeal"],
        ["Mark as appealed", "Snooze 1 hour"],
    ]
    assert message["reply_markup"]["inline_keyboard"][0][1]["callback_data"] == (
        f"cl:appeal:{claim_id}"
    )
    server.inject_button_press(SAM, message, "Mark as appealed")
    confirmation = await server.wait_for_message(SAM.id, lambda m: "Noted" in text_of(m))
    assert text_of(confirmation) == (
        f"✅ Noted: you appealed claim {ORDER}. I stopped its appeal reminders."
    )
    assert await pending(bot, claim_id) == []


async def test_deleting_a_claim_drops_its_jobs(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    services = services_of(bot)
    async with services.database.unit_of_work() as uow:
        assert await uow.claims.delete(SAM.id, claim_id)
    await services.claim_changed(claim_id)
    assert dispatcher(bot).scheduled_ids() == set()
    clock.now = DEADLINE
    assert await dispatcher(bot).run_due() == 0


async def test_deadlines_lists_upcoming_deadlines_nearest_first(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    server.inject_command(SAM, "deadlines")
    assert text_of(await server.wait_for_message(SAM.id)) == "You have no upcoming deadlines."
    await new_claim(bot, SAM, clock, order="171-0000000-0000002")
    clock.advance(hours=5)
    await add_claim(
        services_of(bot).database, SAM.id, "171-0000000-0000001", NOTICE - timedelta(hours=10),
        clock(),
    )
    server.inject_command(SAM, "deadlines")
    message = await server.wait_for_message(SAM.id)
    assert text_of(message) == (
        "Upcoming deadlines, nearest first:\n"
        f"• Wed, Nov 25, 2026, 12:00{NNBSP}AM (1 day, 9 hours left), answer due\n"
        "  Claim 171-0000000-0000001 · amazon.nl · Item not received\n"
        f"• Wed, Nov 25, 2026, 10:00{NNBSP}AM (1 day, 19 hours left), answer due\n"
        "  Claim 171-0000000-0000002 · amazon.nl · Item not received"
    )
    assert buttons(message) == [["Open 171-0000000-0000001"], ["Open 171-0000000-0000002"]]


async def test_deadlines_stay_out_of_group_chats(server: FakeBotApi, bot: RunningBot) -> None:
    server.inject_command(SAM, "deadlines", chat_id=-100123)
    reply = await server.wait_for_message(-100123)
    assert "private chat" in text_of(reply)
    assert "t.me/claimwacht_test_bot?start=deadlines" in str(reply["reply_markup"])


async def test_changing_the_timezone_replans_and_shows_local_times(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    server.inject_command(SAM, "settings")
    menu = await server.wait_for_message(SAM.id)
    assert text_of(menu) == (
        "⚙️ Your settings\n"
        "Timezone: Europe/Amsterdam\n"
        "Quiet hours: 22:00-07:00\n"
        "Daily digest of deadlines in the next 48 hours: off\n"
        "Shop name (signs your drafts): not set\n"
        "\n"
        "Reminders that would fall in your quiet hours come earlier, before they start."
    )
    server.inject_button_press(SAM, menu, "Change timezone")
    ask = await server.wait_for_message(SAM.id)
    server.inject_button_press(SAM, ask, "Europe/London")
    done = await server.wait_for_message(SAM.id)
    assert text_of(done).startswith(
        "Timezone set to Europe/London. Deadlines and reminders now show in that time.\n\n"
        "⚙️ Your settings\nTimezone: Europe/London\n"
    )
    # In London T-6h (03:00) moves to 21:59 London time, an hour later in UTC than before.
    assert await pending(bot, claim_id) == [
        (ReminderKind.RESPONSE_T24H, datetime(2026, 11, 24, 9, 0, tzinfo=UTC)),
        (ReminderKind.RESPONSE_T6H, datetime(2026, 11, 24, 21, 59, tzinfo=UTC)),
        (ReminderKind.RESPONSE_T1H, datetime(2026, 11, 25, 8, 0, tzinfo=UTC)),
        (ReminderKind.RESPONSE_OVERDUE, DEADLINE),
    ]
    clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    await dispatcher(bot).run_due()
    reminder = await server.wait_for_message(SAM.id)
    assert f"Answer deadline: Wed, Nov 25, 2026, 9:00{NNBSP}AM\n" in text_of(reminder)


async def test_a_typed_timezone_is_checked_and_an_unknown_one_explained(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    server.inject_command(SANNE, "instellingen")
    menu = await server.wait_for_message(SANNE.id)
    server.inject_button_press(SANNE, menu, "Tijdzone wijzigen")
    await server.wait_for_message(SANNE.id)
    server.inject_message(SANNE, "Europe/Atlantis")
    assert text_of(await server.wait_for_message(SANNE.id)) == (
        "Ik ken de tijdzone “Europe/Atlantis” niet. Typ een naam als Europe/London, "
        "Europe/Amsterdam of America/New_York, of /annuleren."
    )
    server.inject_message(SANNE, "america/new_york")
    done = await server.wait_for_message(SANNE.id)
    assert "Tijdzone: America/New_York" in text_of(done)
    async with services_of(bot).database.unit_of_work(write=False) as uow:
        seller = await uow.sellers.get(SANNE.id)
    assert seller is not None and seller.timezone == "America/New_York"


async def test_quiet_hours_can_be_typed_or_turned_off_and_replan_reminders(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    server.inject_command(SAM, "settings")
    menu = await server.wait_for_message(SAM.id)
    server.inject_button_press(SAM, menu, "Change quiet hours")
    await server.wait_for_message(SAM.id)
    server.inject_message(SAM, "midnight till 6")
    assert text_of(await server.wait_for_message(SAM.id)) == (
        "That is not a time range I understand. Type two different times, for example "
        "22:00-07:00, or /cancel."
    )
    server.inject_message(SAM, "23:30-06:00")
    done = await server.wait_for_message(SAM.id)
    assert "Quiet hours: 23:30-06:00" in text_of(done)
    # T-6h at 04:00 Amsterdam now moves to 23:29 the evening before (22:29 UTC).
    kinds = dict(await pending(bot, claim_id))
    assert kinds[ReminderKind.RESPONSE_T6H] == datetime(2026, 11, 24, 22, 29, tzinfo=UTC)
    server.inject_button_press(SAM, done, "Quiet hours off")
    off = await server.wait_for_message(SAM.id)
    assert text_of(off).startswith("Quiet hours are off.\n\n")
    assert "Quiet hours: off" in text_of(off)
    kinds = dict(await pending(bot, claim_id))
    assert kinds[ReminderKind.RESPONSE_T6H] == DEADLINE - timedelta(hours=6)


async def test_the_daily_digest_lists_the_next_48_hours_and_stays_quiet_otherwise(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    await add_seller(services_of(bot).database, SAM.id, clock())
    server.inject_command(SAM, "settings")
    menu = await server.wait_for_message(SAM.id)
    server.inject_button_press(SAM, menu, "Change digest time")
    await server.wait_for_message(SAM.id)
    server.inject_message(SAM, "7.30")
    done = await server.wait_for_message(SAM.id)
    assert text_of(done).startswith(
        "The daily digest is on: every day at 07:30, if deadlines are coming up."
    )
    first = dispatcher(bot).next_digest(SAM.id)
    assert first == datetime(2026, 11, 24, 6, 30, tzinfo=UTC)  # 07:30 in Amsterdam
    # Nothing coming up: no digest.
    clock.now = first
    assert await dispatcher(bot).run_due() == 0
    assert dispatcher(bot).next_digest(SAM.id) == first + timedelta(days=1)
    # A claim whose deadline is within 48 hours of the next digest.
    claim_id, _ = await add_claim(
        services_of(bot).database, SAM.id, ORDER, clock(), clock(), keep=()
    )
    await services_of(bot).claim_changed(claim_id)
    clock.now = first + timedelta(days=1)
    assert await dispatcher(bot).run_due() == 1
    assert text_of(await server.wait_for_message(SAM.id)) == (
        "📋 Your deadlines in the next 48 hours:\n"
        f"• Thu, Nov 26, 2026, 7:30{NNBSP}AM (1 day left), answer due\n"
        f"  Claim {ORDER} · amazon.nl · Item not received"
    )
    server.inject_button_press(SAM, done, "Digest off")
    await server.wait_for_message(SAM.id, lambda m: "digest is off" in text_of(m))
    assert dispatcher(bot).next_digest(SAM.id) is None


async def test_a_blocked_seller_is_paused_and_resumed_when_they_write_again(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    server.block_user(SAM.id)
    clock.now = LADDER_EN[0][0]
    await dispatcher(bot).run_due()
    async with services_of(bot).database.unit_of_work(write=False) as uow:
        seller = await uow.sellers.get(SAM.id)
    assert seller is not None and not seller.active
    assert dispatcher(bot).scheduled_ids() == set()
    clock.now = LADDER_EN[1][0]
    assert await dispatcher(bot).run_due() == 0  # no attempts while blocked
    sends = [m for m, p in server.requests if m == "sendMessage" and p["chat_id"] == SAM.id]
    assert len(sends) == 1
    server.unblock_user(SAM.id)
    clock.advance(minutes=30)
    server.inject_command(SAM, "help")
    # Back: the two missed reminders of the claim become one (the most urgent), sent late.
    late = await server.wait_for_message(SAM.id, lambda m: "Sent late" in text_of(m))
    assert "Time left: 11 hours, 31 minutes." in text_of(late)
    assert [kind for kind, _ in await pending(bot, claim_id)] == [
        ReminderKind.RESPONSE_T1H,
        ReminderKind.RESPONSE_OVERDUE,
    ]


@pytest.mark.slow  # waits for the real-time backoff
async def test_a_server_error_is_retried_with_backoff(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    claim_id = await new_claim(bot, SAM, clock)
    server.fail_next("sendMessage", 500)
    clock.now = LADDER_EN[0][0]
    assert await dispatcher(bot).run_due() == 0
    assert dispatcher(bot).stats["network_errors"] == 1
    # The job is back in the queue, a couple of seconds from now in real time.
    message = await server.wait_for_message(SAM.id, timeout=10)
    assert "Time left: 1 day." in text_of(message)
    assert next(kind for kind, _ in await pending(bot, claim_id)) is ReminderKind.RESPONSE_T6H
    async with services_of(bot).database.unit_of_work(write=False) as uow:
        row = await uow.reminders.get(1)
    assert row is not None and row.attempts == 2 and row.outcome is Outcome.SENT


async def test_two_senders_never_send_the_same_reminder(
    server: FakeBotApi, bot: RunningBot, clock: FakeClock
) -> None:
    await new_claim(bot, SAM, clock)
    clock.now = LADDER_EN[0][0]
    server.stall_next("sendMessage", 0.3)
    results = await asyncio.gather(*(dispatcher(bot).deliver(1) for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]
    await asyncio.sleep(0)
    sends = [m for m, p in server.requests if m == "sendMessage" and p["chat_id"] == SAM.id]
    assert len(sends) == 1


@pytest.mark.slow  # the real clock and APScheduler
async def test_a_reminder_fires_on_its_own_in_real_time(
    server: FakeBotApi, e2e_config: Config
) -> None:
    """The real clock and APScheduler, no ``run_due``: a reminder due in a moment arrives."""
    running = RunningBot(e2e_config, clock=_RealClock())  # type: ignore[arg-type]
    await running.start()
    try:
        services = services_of(running)
        now = datetime.now(UTC)
        await add_seller(services.database, SAM.id, now, quiet=False)
        # The answer is due in an hour and a second: T-1h comes a second from now.
        notice = now - timedelta(hours=47) + timedelta(seconds=1)
        claim_id, _ = await add_claim(
            services.database, SAM.id, ORDER, notice, now, keep=("response_t1h",)
        )
        await services.claim_changed(claim_id)
        message = await server.wait_for_message(SAM.id, timeout=10)
        assert "Time left: 59 minutes." in text_of(message) or "Time left: 1 hour." in text_of(
            message
        )
        assert await pending(running, claim_id) == []
    finally:
        await running.stop()


class _RealClock:
    def __call__(self) -> datetime:
        return datetime.now(UTC)


async def test_after_downtime_only_the_most_urgent_reminder_is_sent_and_old_ones_summarised(
    server: FakeBotApi, e2e_config: Config, clock: FakeClock
) -> None:
    first = RunningBot(e2e_config, clock)
    await first.start()
    try:
        await add_seller(services_of(first).database, SAM.id, clock())
        recent, _ = await add_claim(services_of(first).database, SAM.id, ORDER, NOTICE, clock())
        old_order = "171-7654321-7654321"
        await add_claim(
            services_of(first).database, SAM.id, old_order, NOTICE - timedelta(days=1), clock()
        )
        other = "171-1111111-1111111"
        await add_claim(
            services_of(first).database, SAM.id, other, NOTICE - timedelta(days=1, hours=2),
            clock(),
        )
    finally:
        await first.stop()
    # Down for almost three days: every reminder of the three claims was missed. The recent
    # claim's deadline passed 20 hours ago; the others more than a day ago.
    clock.now = DEADLINE + timedelta(hours=20)
    second = RunningBot(e2e_config, clock)
    await second.start()
    try:
        # The jobs rebuilt at start-up are due at once: no run_due() needed.
        messages = [text_of(await server.wait_for_message(SAM.id)) for _ in range(2)]
        summary = next(m for m in messages if m.startswith("🕓 While I was offline"))
        assert summary == (
            "🕓 While I was offline, these deadlines passed more than a day ago:\n"
            f"• Claim {other} · amazon.nl · Item not received: answer deadline "
            f"Tue, Nov 24, 2026, 8:00{NNBSP}AM\n"
            f"• Claim {old_order} · amazon.nl · Item not received: answer deadline "
            f"Tue, Nov 24, 2026, 10:00{NNBSP}AM\n"
            "Record what happened on each claim. /deadlines shows what is still running."
        )
        late = next(m for m in messages if m.startswith("🕓 Sent late"))
        assert late.startswith(
            "🕓 Sent late: I was offline when this reminder was due.\n"
            "❗ The deadline to answer this claim has passed.\n"
        )
        assert "Passed 20 hours ago." in late
        assert await pending(second, recent) == []  # and nothing in flight any more
        async with services_of(second).database.unit_of_work(write=False) as uow:
            outcomes = await uow.connection.execute_fetchall(
                "SELECT claim_id, kind, outcome FROM reminders ORDER BY claim_id, due_at"
            )
        assert [tuple(row) for row in outcomes if row[0] == recent] == [
            (recent, "response_t24h", "superseded"),
            (recent, "response_t6h", "superseded"),
            (recent, "response_t1h", "superseded"),
            (recent, "response_overdue", "late"),
        ]
        assert {row[2] for row in outcomes if row[0] != recent} == {"summary"}
        assert await dispatcher_of(second.application).run_due() == 0
    finally:
        await second.stop()
