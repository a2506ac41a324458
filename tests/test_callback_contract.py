"""Today's callback data, pinned on purpose.

Every other in-process test presses buttons by their label, so the callback format may change.
Buttons already sitting in sellers' chats carry these strings, though, and must keep working
whatever the codec becomes: this test presses them raw, one feature after another.
"""

from __future__ import annotations

from bot.scheduler import dispatcher_of
from tests import updates
from tests.evidence_support import document
from tests.harness import EN, Harness
from tests.intake_helpers import ENGLISH_AMAZON_CALLBACKS, claims_of, run

# (callback data, a text the bot sends or answers in reply); {claim}, {evidence} and {reminder}
# are filled in with ids from the session. Order matters: each press builds on the last.
PRESSES: tuple[tuple[str, str], ...] = (
    ("cl:open:{claim}", "📦 Amazon A-to-z claim · amazon.nl"),
    ("cl:draft:{claim}", "Betreft: A-tot-Z-garantieclaim bij bestelling"),
    ("cl:draft:{claim}:en", "Re: A-to-z Guarantee claim for order"),
    ("cl:list:0", "Open claims: 1"),
    ("cl:closed:0", "Decided and closed claims: 0"),
    ("ev:add:{claim}", "which checklist item does the next evidence prove?"),
    ("ev:pick:{claim}", "which checklist item does the next evidence prove?"),
    ("ev:items:{claim}", "which checklist item does the next evidence prove?"),
    ("ev:item:{claim}:pod", "Send the evidence for “Carrier proof of delivery”"),
    ("<document>", "Carrier proof of delivery"),
    ("ev:done:{claim}", "📦 Amazon A-to-z claim"),
    ("ev:list:{claim}", "Evidence for claim 171-1234567-1234567 (1 item)"),
    ("ev:del:{claim}:{evidence}", "Remove this evidence from claim"),
    ("ev:keep:{claim}", "Kept."),
    ("ev:zip:{claim}", "Making the ZIP"),
    ("<reminder due>", "⏰ Reminder: answer this claim before the deadline."),
    ("rm:snz:{reminder}", "💤 Snoozed"),
    ("rm:resp:{claim}", "✅ Noted: you responded"),
    ("cl:out:{claim}", "What happened with claim 171-1234567-1234567?"),
    ("cl:ev:{claim}:grant_s", "“Granted, at your expense”: on which day?"),
    ("cl:evx:{claim}", "Okay, nothing was recorded."),
    ("cl:ev:{claim}:grant_s", "“Granted, at your expense”: on which day?"),
    ("cl:evt:{claim}", "Recorded: Granted, at your expense"),
    ("cl:appeal:{claim}", "We appeal the decision"),  # the language chosen last
    ("rm:apl:{claim}", "✅ Noted: you appealed"),
    ("<command /settings>", "⚙️ Your settings"),
    ("st:tz", "Pick your timezone"),
    ("st:tzset:Europe/London", "Timezone set to Europe/London."),
    ("st:qoff", "Quiet hours are off."),
    ("st:qon", "Quiet hours are on."),
    ("st:qset", "Type your quiet hours"),
    ("<text 23:00-06:00>", "Quiet hours set to 23:00-06:00."),
    ("st:don", "The daily digest is on"),
    ("st:doff", "The daily digest is off."),
    ("st:dset", "At what time should the daily digest come?"),
    ("<text 08:30>", "every day at 08:30"),
    ("<command /guaranteeframe 1,500 mln>", "Which amount did you mean?"),
    ("fr:pick:1", "€1,500,000,000.00"),
    ("fr:peak", "busiest month"),
    ("<text 60000>", "Guarantee frame (indication)"),
    ("<command /language>", "Which language shall I use?"),
    ("lang:nl", "Vanaf nu schrijf ik in het Nederlands."),
    ("lang:en", "From now on I'll write in English."),
    ("<command /deletemydata>", "This deletes everything I hold about you"),
    ("dd:no", "Okay, I deleted nothing."),
    ("<command /deletemydata>", "This deletes everything I hold about you"),
    ("dd:yes", "Done: I deleted everything I held about you"),
)


async def test_the_callback_data_of_buttons_already_in_chats_keeps_working(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_CALLBACKS)
    card = await bot.send(updates.callback(EN, "in:ok"))
    assert card.startswith("📦 Amazon A-to-z claim · amazon.nl")
    (stored,) = await claims_of(bot, EN["id"])
    ids = {"claim": stored.id, "evidence": 0, "reminder": 0}
    for data, expected in PRESSES:
        texts_before = len(bot.api.texts())
        answers_before = len(bot.api.answers())
        if data == "<document>":
            await bot.process(document(EN, bot.api, b"%PDF-1.4 pod", file_name="pod.pdf",
                                       mime_type="application/pdf"))
            ids["evidence"] = (await bot.evidence(stored.id))[0].id
        elif data == "<reminder due>":
            bot.clock.advance(hours=25)
            assert await dispatcher_of(bot.app).run_due() == 1
            buttons = bot.keyboard(EN["id"]).buttons
            snooze = [b["callback_data"] for b in buttons if b["callback_data"][:7] == "rm:snz:"]
            ids["reminder"] = int(snooze[0].rsplit(":", 1)[1])
        elif data.startswith("<command ") or data.startswith("<text "):
            await bot.process(updates.message(EN, data.split(" ", 1)[1][:-1]))
        else:
            await bot.process(updates.callback(EN, data.format(**ids)))
            answered = bot.api.answers()[answers_before:]
            assert answered, f"{data} was not answered"
            assert "no longer valid" not in answered[-1], f"{data} is no longer understood"
        said = [*bot.api.texts()[texts_before:], *bot.api.answers()[answers_before:]]
        assert any(expected in text for text in said), f"{data}: {expected!r} not in {said}"
        assert not any("can't find that claim" in text for text in said), data

