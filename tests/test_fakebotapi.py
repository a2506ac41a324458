"""The fake Bot API behaves like Telegram for PTB 22.8 and flags every contract violation."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from hypothesis import given
from hypothesis import strategies as st
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter, TimedOut
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes
from telegram.helpers import escape_markdown

from tests.fakebotapi import FakeBotApi, FakeUser, SchemaNotFoundError, WaitTimeoutError
from tests.fakebotapi.formatting import FormattingError, visible_text
from tests.fakebotapi.schema import PROJECT_ROOT, load_schema_for_tests

pytest_plugins = ["tests.fakebotapi.fixtures"]

ANNA = FakeUser(id=4242, first_name="Anna", language_code="nl", username="anna_verkoopt")


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"knop {d}", callback_data=d)] for d in data]
    )


@pytest_asyncio.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(
        fake_api.token, base_url=fake_api.base_url, base_file_url=fake_api.base_file_url
    ) as ptb_bot:
        yield ptb_bot


@pytest_asyncio.fixture
async def http(fake_api: FakeBotApi) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{fake_api.base_url}{fake_api.token}/") as client:
        yield client


# --- identity and round trips ------------------------------------------------------------


async def test_get_me_introduces_the_claimwacht_test_bot(bot: Bot) -> None:
    me = await bot.get_me()

    assert me.is_bot
    assert me.username == "claimwacht_test_bot"
    assert me.first_name == "Claimwacht"
    assert me.supports_inline_queries


async def test_a_sent_message_comes_back_with_its_inline_keyboard(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    sent = await bot.send_message(
        ANNA.id, "<b>Claim</b> &amp; bewijs", parse_mode="HTML", reply_markup=keyboard("c:1")
    )

    assert sent.text == "Claim & bewijs"
    assert sent.chat.id == ANNA.id
    assert sent.from_user is not None and sent.from_user.id == bot.id
    assert sent.reply_markup == keyboard("c:1")
    logged = await fake_api.wait_for_message(ANNA.id)
    assert logged["message_id"] == sent.message_id
    assert logged["_params"]["parse_mode"] == "HTML"


async def test_message_ids_increase_per_chat_across_user_and_bot_messages(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    incoming = fake_api.inject_message(ANNA, "hoi")["message"]["message_id"]
    first = await bot.send_message(ANNA.id, "een")
    second = await bot.send_message(ANNA.id, "twee")
    elsewhere = await bot.send_message(7, "drie")

    assert (incoming, first.message_id, second.message_id) == (1, 2, 3)
    assert elsewhere.message_id == 1


async def test_method_names_are_case_insensitive(http: httpx.AsyncClient) -> None:
    response = await http.post("SENDMESSAGE", data={"chat_id": "1", "text": "hallo"})

    assert response.json()["result"]["text"] == "hallo"


async def test_json_bodies_and_query_strings_work_like_form_fields(
    http: httpx.AsyncClient,
) -> None:
    by_json = await http.post("sendMessage", json={"chat_id": 1, "text": "json"})
    by_query = await http.get("sendMessage", params={"chat_id": "1", "text": "query"})

    assert by_json.json()["result"]["text"] == "json"
    assert by_query.json()["result"]["message_id"] == 2


async def test_a_polling_application_answers_a_command_end_to_end(fake_api: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Welkom", reply_markup=keyboard("menu"))

    application = (
        ApplicationBuilder()
        .token(fake_api.token)
        .base_url(fake_api.base_url)
        .base_file_url(fake_api.base_file_url)
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(timeout=10)
        try:
            fake_api.inject_command(ANNA, "start")
            reply = await fake_api.wait_for_message(ANNA.id)
        finally:
            await application.updater.stop()
            await application.stop()

    assert reply["text"] == "Welkom"
    assert reply["reply_markup"] == keyboard("menu").to_dict()
    assert [m for m, _ in fake_api.requests[:3]] == ["getMe", "deleteWebhook", "getUpdates"]


async def test_a_wrong_token_is_unauthorized(fake_api: FakeBotApi) -> None:
    other = Bot("999:WRONG", base_url=fake_api.base_url, base_file_url=fake_api.base_file_url)

    try:
        with pytest.raises(InvalidToken):
            await other.get_me()
    finally:
        # The bot never initialised, so Bot.shutdown() would not close its HTTP client.
        await other.request.shutdown()


# --- validation -------------------------------------------------------------------------


async def test_a_4097_character_text_is_flagged_but_4096_pass(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    await bot.send_message(ANNA.id, "x" * 4096)

    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(ANNA.id, "x" * 4097)

    assert fake_api.take_violations() == [
        "sendMessage: text is 4097 characters after entity parsing (max 4096)"
    ]


async def test_html_tags_do_not_count_towards_the_text_limit(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    sent = await bot.send_message(ANNA.id, "<b>" + "&lt;" * 4096 + "</b>", parse_mode="HTML")

    assert sent.text == "<" * 4096
    assert fake_api.violations == []


async def test_a_caption_over_1024_characters_is_flagged(bot: Bot, fake_api: FakeBotApi) -> None:
    with pytest.raises(BadRequest, match="caption is too long"):
        await bot.send_document(ANNA.id, b"pdf", filename="a.pdf", caption="c" * 1025)

    assert "caption is 1025 characters" in fake_api.take_violations()[0]


async def test_callback_data_of_65_bytes_is_flagged(bot: Bot, fake_api: FakeBotApi) -> None:
    await bot.send_message(ANNA.id, "64 bytes passen", reply_markup=keyboard("é" * 32))

    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(ANNA.id, "65 niet", reply_markup=keyboard("a" * 65))

    [violation] = fake_api.take_violations()
    assert "reply_markup.inline_keyboard[0][0].callback_data is 65 bytes" in violation


async def test_callback_data_inside_inline_query_results_is_checked(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    query = fake_api.inject_inline_query(ANNA, "a-z")["inline_query"]
    result = InlineQueryResultArticle(
        "1", "A-to-z", InputTextMessageContent("Claim"), reply_markup=keyboard("d" * 70)
    )

    with pytest.raises(BadRequest):
        await bot.answer_inline_query(query["id"], [result])

    assert (
        "results[0].reply_markup.inline_keyboard[0][0].callback_data"
        in (fake_api.take_violations()[0])
    )


async def test_more_than_50_inline_results_are_flagged(bot: Bot, fake_api: FakeBotApi) -> None:
    query = fake_api.inject_inline_query(ANNA, "")["inline_query"]
    results = [
        InlineQueryResultArticle(str(i), f"r{i}", InputTextMessageContent("t")) for i in range(51)
    ]

    with pytest.raises(BadRequest, match=r"(?i)results_too_much"):
        await bot.answer_inline_query(query["id"], results)

    assert fake_api.take_violations() == ["answerInlineQuery: 51 inline results (max 50)"]


async def test_an_unknown_method_is_answered_404_and_flagged(
    http: httpx.AsyncClient, fake_api: FakeBotApi
) -> None:
    response = await http.post("sendTelepathy", data={"chat_id": "1"})

    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert fake_api.take_violations() == ["sendTelepathy: unknown method 'sendTelepathy'"]


async def test_a_missing_chat_id_is_flagged(http: httpx.AsyncClient, fake_api: FakeBotApi) -> None:
    response = await http.post("sendMessage", data={"text": "aan niemand"})

    assert response.status_code == 400
    assert response.json()["description"].startswith("Bad Request:")
    assert fake_api.take_violations() == ["sendMessage: missing required parameter 'chat_id'"]


async def test_an_unknown_parameter_is_flagged(
    http: httpx.AsyncClient, fake_api: FakeBotApi
) -> None:
    response = await http.post("sendMessage", data={"chat_id": "1", "text": "t", "colour": "red"})

    assert response.status_code == 400
    assert fake_api.take_violations() == ["sendMessage: unknown parameter 'colour'"]


async def test_parameter_types_are_checked(http: httpx.AsyncClient, fake_api: FakeBotApi) -> None:
    response = await http.post(
        "sendMessage", data={"chat_id": "1", "text": "t", "disable_notification": "yes"}
    )

    assert response.status_code == 400
    [violation] = fake_api.take_violations()
    assert "disable_notification must be Boolean, got String" in violation


async def test_broken_markup_is_flagged_like_telegram_refuses_it(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(ANNA.id, "Bedrag < 50 euro", parse_mode="HTML")
    with pytest.raises(BadRequest, match="reserved"):
        await bot.send_message(ANNA.id, "Claim 1.2 afgewezen", parse_mode="MarkdownV2")

    assert len(fake_api.take_violations()) == 2


async def test_bot_commands_are_validated_and_stored_by_scope_and_language(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    scope = BotCommandScopeChat(ANNA.id)
    await bot.set_my_commands([BotCommand("claim", "Nieuwe claim")], language_code="nl")
    await bot.set_my_commands([BotCommand("help", "Help")], scope=scope)

    assert await bot.get_my_commands(language_code="nl") == (BotCommand("claim", "Nieuwe claim"),)
    assert fake_api.commands[(None, "nl")] == [{"command": "claim", "description": "Nieuwe claim"}]
    scope_json = json.dumps(scope.to_dict(), sort_keys=True, separators=(",", ":"))
    assert fake_api.commands[(scope_json, "")] == [{"command": "help", "description": "Help"}]
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Claim-Nu", "hoofdletters")])
    assert len(fake_api.take_violations()) == 1


# --- updates ------------------------------------------------------------------------------


async def test_long_polling_wakes_as_soon_as_an_update_is_injected(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await fake_api.wait_for_request("getUpdates")

    fake_api.inject_command(ANNA, "start")
    # Far below the 30 s poll: only waking on injection can answer in time.
    updates = await asyncio.wait_for(poll, 5)

    assert updates[0].message is not None
    assert updates[0].message.text == "/start"
    assert updates[0].message.entities[0].type == "bot_command"


async def test_get_updates_honours_offset_and_limit(bot: Bot, fake_api: FakeBotApi) -> None:
    ids = [fake_api.inject_message(ANNA, f"bericht {i}")["update_id"] for i in range(3)]

    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates(offset=ids[1] + 1)] == ids[2:]
    # Confirmed updates are gone for good, as on Telegram.
    assert [u.update_id for u in await bot.get_updates()] == ids[2:]


async def test_allowed_updates_filter_what_is_delivered(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.inject_message(ANNA, "tekst")
    query = fake_api.inject_inline_query(ANNA, "zoek")

    updates = await bot.get_updates(allowed_updates=["inline_query"])

    assert [u.update_id for u in updates] == [query["update_id"]]


async def test_stopping_ends_a_pending_long_poll_with_an_empty_result(
    http: httpx.AsyncClient, fake_api: FakeBotApi
) -> None:
    poll = asyncio.create_task(http.post("getUpdates", data={"timeout": "30"}, timeout=40))
    await fake_api.wait_for_request("getUpdates")

    await fake_api.stop()

    response = await asyncio.wait_for(poll, 5)
    assert response.json() == {"ok": True, "result": []}


async def test_a_button_press_carries_the_current_message(bot: Bot, fake_api: FakeBotApi) -> None:
    sent = await bot.send_message(ANNA.id, "Kies", reply_markup=keyboard("ja", "nee"))
    logged = await fake_api.wait_for_message(ANNA.id)

    fake_api.inject_button_press(ANNA, logged, "knop nee")
    [update] = await bot.get_updates()

    query = update.callback_query
    assert query is not None and query.data == "nee"
    assert query.message is not None and query.message.message_id == sent.message_id
    await query.answer("Genoteerd")
    assert fake_api.callback_answers == [{"callback_query_id": query.id, "text": "Genoteerd"}]


# --- edits and waiting --------------------------------------------------------------------


async def test_edits_are_logged_and_an_edit_without_keyboard_removes_it(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    sent = await bot.send_message(ANNA.id, "Deadline over 48 uur", reply_markup=keyboard("ok"))
    edited = await bot.edit_message_text("Afgehandeld", chat_id=ANNA.id, message_id=sent.message_id)

    assert isinstance(edited, type(sent)) and edited.reply_markup is None
    first, second = fake_api.sent_messages(ANNA.id)
    assert (first["_edited"], second["_edited"]) == (False, True)
    assert second["text"] == "Afgehandeld" and "edit_date" in second
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Afgehandeld", chat_id=ANNA.id, message_id=sent.message_id)


async def test_wait_for_message_returns_successive_messages(bot: Bot, fake_api: FakeBotApi) -> None:
    for text in ("een", "twee", "drie"):
        await bot.send_message(ANNA.id, text)

    assert (await fake_api.wait_for_message(ANNA.id))["text"] == "een"
    matching = await fake_api.wait_for_message(ANNA.id, lambda m: m["text"] == "drie")
    assert matching["text"] == "drie"
    with pytest.raises(WaitTimeoutError, match="no new bot message"):
        await fake_api.wait_for_message(ANNA.id, timeout=0.05)


# --- files --------------------------------------------------------------------------------


async def test_an_injected_document_can_be_fetched_and_downloaded(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    update = fake_api.inject_document(ANNA, file_name="factuur.pdf", content=b"%PDF-1.7 factuur")
    document = update["message"]["document"]

    telegram_file = await bot.get_file(document["file_id"])

    assert telegram_file.file_size == len(b"%PDF-1.7 factuur")
    assert await telegram_file.download_as_bytearray() == bytearray(b"%PDF-1.7 factuur")


async def test_get_file_over_20_mb_is_refused_and_flagged(bot: Bot, fake_api: FakeBotApi) -> None:
    update = fake_api.inject_document(ANNA, content=b"klein", file_size=21 * 1024 * 1024)

    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bot.get_file(update["message"]["document"]["file_id"])

    assert "getFile on a 22020096-byte file" in fake_api.take_violations()[0]


async def test_uploaded_bytes_are_kept_for_inspection(bot: Bot, fake_api: FakeBotApi) -> None:
    sent = await bot.send_document(ANNA.id, b"claim,bedrag\n1,20\n", filename="export.csv")

    assert sent.document is not None and sent.document.file_name == "export.csv"
    stored = fake_api.file(sent.document.file_id)
    assert stored is not None and stored.content == b"claim,bedrag\n1,20\n"
    upload = (await fake_api.wait_for_message(ANNA.id))["_params"]["document"]
    assert upload.filename == "export.csv"


# --- fault injection ----------------------------------------------------------------------


async def test_fail_next_429_makes_ptb_raise_retry_after(
    bot: Bot, fake_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    fake_api.fail_next("sendMessage", status=429, retry_after=7)

    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(ANNA.id, "herinnering")
    await bot.send_message(ANNA.id, "tweede poging")

    assert raised.value.retry_after == timedelta(seconds=7)
    assert [m["text"] for m in fake_api.sent_messages(ANNA.id)] == ["tweede poging"]


async def test_a_blocked_user_makes_ptb_raise_forbidden(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.block_user(ANNA.id)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ANNA.id, "herinnering")
    await bot.send_message(ANNA.id + 1, "andere verkoper")


async def test_rate_limit_enforcement_answers_429_with_retry_after(
    http: httpx.AsyncClient, fake_api: FakeBotApi
) -> None:
    fake_api.enforce_rate_limits(global_per_second=30, per_chat_per_second=1, burst=3)

    statuses = [
        (await http.post("sendMessage", data={"chat_id": "1", "text": f"{i}"})).status_code
        for i in range(3)
    ]
    refused = await http.post("sendMessage", data={"chat_id": "1", "text": "te veel"})
    other_chat = await http.post("sendMessage", data={"chat_id": "2", "text": "ok"})

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.json()["parameters"]["retry_after"] >= 1
    assert other_chat.status_code == 200
    assert fake_api.rate_limited == [("sendMessage", 1)]


async def test_a_stalled_send_times_out_for_the_bot_but_is_still_delivered(
    bot: Bot, fake_api: FakeBotApi
) -> None:
    fake_api.stall_next("sendMessage", 0.5)

    with pytest.raises(TimedOut):
        await bot.send_message(ANNA.id, "herinnering", read_timeout=0.1)

    delivered = await fake_api.wait_for_message(ANNA.id, timeout=10)
    assert delivered["text"] == "herinnering"


# --- schema availability, control API, standalone process ---------------------------------


def test_a_missing_schema_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match="schema"):
        FakeBotApi(schema_path=tmp_path / "api.json")


def test_a_missing_schema_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CI", "true")

    with pytest.raises(SchemaNotFoundError):
        FakeBotApi(schema_path=tmp_path / "api.json")


async def test_the_control_api_injects_and_reports(fake_api: FakeBotApi, bot: Bot) -> None:
    async with httpx.AsyncClient(base_url=f"{fake_api.url}/_control/") as control:
        injected = await control.post(
            "inject_message", json={"user": {"id": 5, "first_name": "Jan"}, "text": "/start"}
        )
        [update] = await bot.get_updates()
        await bot.send_message(5, "Welkom Jan")
        await bot.set_my_commands([BotCommand("start", "Begin")])
        sent = (await control.get("sent/5")).json()["result"]
        commands = (await control.get("commands")).json()["result"]
        violations = (await control.get("violations")).json()["result"]

    assert injected.json()["result"]["update_id"] == update.update_id
    assert [m["text"] for m in sent] == ["Welkom Jan"]
    assert commands == [
        {
            "scope": None,
            "language_code": "",
            "commands": [{"command": "start", "description": "Begin"}],
        }
    ]
    assert violations == []


@pytest.mark.slow  # starts the fake as a process
async def test_the_standalone_process_prints_ready_and_serves() -> None:
    load_schema_for_tests()  # the child process needs it too
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakebotapi",
        "--port",
        "0",
        "--token",
        "1:T",
        cwd=PROJECT_ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode()
        assert line.startswith("READY "), line
        port = int(line.split()[1])
        async with httpx.AsyncClient() as client:
            me = (await client.get(f"http://127.0.0.1:{port}/bot1:T/getMe")).json()
        assert me["result"]["username"] == "claimwacht_test_bot"
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        await process.wait()


# --- formatting properties ----------------------------------------------------------------


@given(st.text())
def test_escaped_html_is_seen_as_the_original_text(text: str) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    assert visible_text(escaped, "HTML") == text


@given(st.text())
def test_markdown_v2_escaped_by_ptb_is_seen_as_the_original_text(text: str) -> None:
    assert visible_text(escape_markdown(text, version=2), "MarkdownV2") == text


def test_unknown_html_tags_are_refused() -> None:
    with pytest.raises(FormattingError, match='unsupported start tag "br"'):
        visible_text("regel<br>regel", "HTML")
