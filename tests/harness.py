"""The bot in process: ``Application.process_update`` against the schema-checking mock Bot API.

One ``Harness`` serves every in-process handler test (the ``bot`` fixture in ``tests/conftest.py``
builds one per test). It sends updates as a seller would, presses buttons by their visible label,
and reads what the bot sent, stored and scheduled. Every Bot API request is validated against
the official schema; ``stop()`` fails the test if the bot broke the contract.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot.app import build_application
from bot.config import Config
from bot.context import SERVICES_KEY
from bot.storage import Database
from domain.claims import Reason
from tests import updates
from tests.evidence_support import FileBotApi, add_claim
from tests.fakeclock import FakeClock

__all__ = ["EN", "NL", "ORDER", "Harness", "Keyboard", "NoSuchButtonError"]

NL = updates.user(4242, "nl", "Sanne")
EN = updates.user(4343, "en-GB", "Sam")
ORDER = "171-1234567-1234567"

_SENDS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
_EDITS = frozenset({"editMessageText", "editMessageReplyMarkup", "editMessageCaption"})


class NoSuchButtonError(AssertionError):
    """The label is not on the keyboard the seller sees last."""


class Keyboard:
    """The newest inline keyboard in a chat: the message it sits on and its buttons."""

    def __init__(self, chat_id: int, message_id: int, text: str, markup: dict[str, Any]) -> None:
        self.chat_id = chat_id
        self.message_id = message_id
        self.text = text
        self.markup = markup

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [button for row in self.markup["inline_keyboard"] for button in row]

    @property
    def labels(self) -> list[str]:
        return [str(button["text"]) for button in self.buttons]

    def data(self, label: str, *, also: frozenset[str] = frozenset()) -> str:
        """The callback data of the button labelled ``label`` (or one of ``also``)."""
        wanted = {label, *also}
        matches = [b for b in self.buttons if b["text"] in wanted and "callback_data" in b]
        if not matches:
            raise NoSuchButtonError(
                f"no button {label!r} on the last keyboard in chat {self.chat_id} "
                f"(message {self.message_id}: {self.text[:60]!r}); its buttons: {self.labels}"
            )
        if len(matches) > 1:
            raise NoSuchButtonError(f"{len(matches)} buttons are labelled {label!r}: ambiguous")
        return str(matches[0]["callback_data"])


class Harness:
    def __init__(
        self,
        config: Config,
        clock: FakeClock,
        template: Path | None = None,
        *,
        api: FileBotApi | None = None,
    ) -> None:
        # Passing the api of a stopped harness keeps the chats' history, as after a restart.
        self.api: FileBotApi = api or FileBotApi()
        self.config = config
        self.clock = clock
        self.template = template
        self.app: Application[Any, Any, Any, Any, Any, Any] | None = None

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        if self.template is not None and not self.config.database_path.exists():
            # A copy of a database migrated once per session saves the migrations per test.
            shutil.copyfile(self.template, self.config.database_path)
        # Both requests go to the mock: PTB's default getUpdates client would load the system's
        # CA certificates, which cost more than the rest of the set-up.
        self.app = build_application(
            self.config,
            clock=self.clock,
            request=HTTPXRequest(httpx_kwargs={"transport": self.api.transport}),
            get_updates_request=HTTPXRequest(httpx_kwargs={"transport": self.api.transport}),
        )
        await self.app.initialize()
        assert self.app.post_init is not None
        await self.app.post_init(self.app)

    async def stop(self) -> None:
        assert self.app is not None
        await self.app.shutdown()
        assert self.app.post_shutdown is not None
        await self.app.post_shutdown(self.app)
        self.api.assert_no_violations()

    # --- sending updates ------------------------------------------------------------------

    async def process(self, update: dict[str, Any]) -> None:
        """Feed one update; the bot may stay silent."""
        assert self.app is not None
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def send(self, update: dict[str, Any]) -> str:
        """Feed one update and return the newest text the bot sent or edited in reply."""
        before = len(self.api.texts())
        await self.process(update)
        texts = self.api.texts()
        if len(texts) <= before:
            refused = f"; refused by the Bot API schema: {self.api.violations}"
            raise AssertionError("the bot stayed silent" + (refused if self.api.violations else ""))
        return texts[-1]

    def keyboard(self, chat_id: int) -> Keyboard:
        """The newest message in the chat that still carries an inline keyboard."""
        current: dict[int, tuple[str, dict[str, Any] | None]] = {}
        order: list[int] = []
        for call in self.api.calls:
            params = call.params
            if call.method not in _SENDS | _EDITS or _chat(params) != chat_id:
                continue
            if call.method in _SENDS:
                message_id = int(call.result["message_id"])
            else:
                message_id = int(params["message_id"])
            old_text = current.get(message_id, ("", None))[0]
            text = str(params.get("text", params.get("caption", old_text)))
            markup = params.get("reply_markup")
            # An edit without reply_markup removes the keyboard, as Telegram does.
            current[message_id] = (text, markup if _inline(markup) else None)
            if message_id in order:
                order.remove(message_id)
            order.append(message_id)
        for message_id in reversed(order):
            text, markup = current[message_id]
            if markup is not None:
                return Keyboard(chat_id, message_id, text, markup)
        raise NoSuchButtonError(f"the bot has shown no buttons in chat {chat_id}")

    async def press(
        self, user: dict[str, Any], label: str, *, chat_id: int | None = None
    ) -> str:
        """Press the button labelled ``label`` on the last keyboard in the seller's chat.

        ``label`` is the text on the button; an English source text (msgid) also finds its
        translation, so one list of steps serves Dutch and English sellers. Returns the newest
        text the bot sent or edited ("" if it only answered the press) and checks that the
        press was answered, as every press must be. ``chat_id`` presses in another chat (a
        group) where the bot showed that keyboard.
        """
        chat = user["id"] if chat_id is None else chat_id
        keyboard = self.keyboard(chat)
        data = keyboard.data(label, also=self.translations(label))
        update = updates.callback(user, data, message_id=keyboard.message_id)
        message = update["callback_query"]["message"]
        message["text"] = keyboard.text or "…"
        message["reply_markup"] = keyboard.markup
        if chat != user["id"]:
            message["chat"] = {"id": chat, "type": "supergroup", "title": "Shop team"}
        texts_before = len(self.api.texts())
        await self.process(update)
        query_id = update["callback_query"]["id"]
        answered = [a for a in self.api.of("answerCallbackQuery")
                    if a["callback_query_id"] == query_id]
        assert answered, f"pressing {label!r} was never answered (answerCallbackQuery)"
        texts = self.api.texts()
        return texts[-1] if len(texts) > texts_before else ""

    def translations(self, msgid: str) -> frozenset[str]:
        assert self.app is not None
        translators = self.app.bot_data[SERVICES_KEY].translators.values()
        return frozenset(translator.gettext(msgid) for translator in translators)

    # --- reading state --------------------------------------------------------------------

    @property
    def database(self) -> Database:
        assert self.app is not None
        return self.app.bot_data[SERVICES_KEY].database

    async def seller(self, user_id: int) -> Any:
        async with self.database.unit_of_work(write=False) as uow:
            return await uow.sellers.get(user_id)

    async def claim_for(self, user: dict[str, Any], order_id: str = ORDER,
                        reason: Reason = Reason.NOT_RECEIVED) -> int:
        """A claim of the user made straight through the repositories (after /start)."""
        await self.process(updates.message(user, "/start"))
        return await add_claim(self.database, user["id"], self.clock.now, order_id, reason)

    async def evidence(self, claim_id: int) -> list[Any]:
        async with self.database.unit_of_work(write=False) as uow:
            return await uow.evidence.list_for_claim(claim_id)

    async def run_album_jobs(self) -> None:
        assert self.app is not None and self.app.job_queue is not None
        for job in self.app.job_queue.jobs():
            if job.name and job.name.startswith("album:"):
                job.schedule_removal()
                await job.run(self.app)


def _chat(params: dict[str, Any]) -> int | None:
    chat_id = params.get("chat_id")
    try:
        return int(chat_id) if chat_id is not None else None
    except (TypeError, ValueError):
        return None


def _inline(markup: object) -> bool:
    return isinstance(markup, dict) and bool(markup.get("inline_keyboard"))


async def migrated_template(directory: Path) -> Path:
    """A database file with every migration applied, to be copied per test."""
    path = directory / "template.sqlite3"
    database = Database(path)
    await database.open()
    await database.close()
    return path
