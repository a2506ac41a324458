"""Shared by the in-process claim tests: drive the intake, seed claims, read reminder rows."""

from __future__ import annotations

import itertools
import time
from datetime import datetime
from decimal import Decimal
from typing import Any

from telegram import Update

from bot.claims_repo import StoredClaim
from bot.context import SERVICES_KEY
from bot.reminders_repo import plan_for_claim
from bot.sellers import Seller
from domain.claims import Fulfilment, Reason, new_claim
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from tests import updates
from tests.harness import Harness

_ids = itertools.count(900_000)

Step = str | tuple[str, str]
"""A typed text, ("press", label) for a button by its visible label (an English label also finds
its Dutch translation), or ("cb", data) for raw callback data (old buttons; forged presses)."""

ENGLISH_AMAZON_STEPS: tuple[Step, ...] = (
    ("press", "Amazon A-to-z claim"),
    ("press", "amazon.nl"),
    "171-1234567-1234567",
    ("press", "Item not received"),
    ("press", "Fulfilled by the seller"),
    "49,95",
    ("press", "I don't know"),  # which notice: the strict reading, 48 h from it
    "today 8:00",
    ("press", "Skip"),
    ("press", "No tracking"),
    ("press", "Skip"),  # carrier
    ("press", "Skip"),  # ship date
    ("press", "No"),  # Buy Shipping
    ("press", "I don't know"),  # buyer contacted first
    ("press", "Skip"),
)

# The same intake as today's callback data, pinned on purpose: buttons already sitting in
# sellers' chats carry these strings and must keep working whatever the codec becomes.
ENGLISH_AMAZON_CALLBACKS: tuple[Step, ...] = (
    ("cb", "in:src:az"),
    ("cb", "in:mp:nl"),
    "171-1234567-1234567",
    ("cb", "in:rsn:nr"),
    ("cb", "in:ful:fbm"),
    "49,95",
    ("cb", "in:nk:unk"),
    "today 8:00",
    ("cb", "in:skip"),
    ("cb", "in:trk:none"),
    ("cb", "in:skip"),
    ("cb", "in:skip"),
    ("cb", "in:bs:n"),
    ("cb", "in:ctc:u"),
    ("cb", "in:skip"),
)


def step_update(user: dict[str, Any], step: Step) -> dict[str, Any]:
    """The update of a typed or raw-callback step (label presses need the harness)."""
    if isinstance(step, tuple):
        assert step[0] == "cb", "a ('press', label) step needs Harness.press"
        return updates.callback(user, step[1])
    return updates.message(user, step)


async def press(bot: Harness, user: dict[str, Any], data: str) -> None:
    """A button press that may only be answered (no message)."""
    assert bot.app is not None
    await bot.app.process_update(Update.de_json(updates.callback(user, data), bot.app.bot))


async def run(bot: Harness, user: dict[str, Any], *steps: Step) -> str:
    """Take the steps in the seller's private chat; the bot's last reply."""
    reply = ""
    for step in steps:
        if isinstance(step, tuple) and step[0] == "press":
            reply = await bot.press(user, step[1])
            assert reply, f"pressing {step[1]!r} got no message"
        else:
            reply = await bot.send(step_update(user, step))
    return reply


def group_message(sender: dict[str, Any], text: str, chat_id: int = -100123) -> dict[str, Any]:
    update = updates.message(sender, text)
    update["message"]["chat"] = {"id": chat_id, "type": "supergroup", "title": "Shop team"}
    return update


def database(bot: Harness) -> Any:
    assert bot.app is not None
    return bot.app.bot_data[SERVICES_KEY].database


async def ensure_seller(bot: Harness, user_id: int, locale: str, now: datetime) -> Seller:
    async with database(bot).unit_of_work() as uow:
        seller = await uow.sellers.get(user_id)
        if seller is None:
            seller = Seller(user_id, locale, "Europe/Amsterdam", True, now)
            await uow.sellers.add(seller)
    return seller


async def seed_claim(
    bot: Harness,
    user_id: int,
    now: datetime,
    *,
    order_id: str | None = None,
    notice_at: datetime | None = None,
    locale: str = "en",
    marketplace: Marketplace = Marketplace.AMAZON_NL,
    **facts: Any,
) -> StoredClaim:
    """A stored A-to-z claim of ``user_id`` with its reminders planned; ``facts`` are optional
    claim facts (notice kind, tracking status, ...)."""
    seller = await ensure_seller(bot, user_id, locale, now)
    number = next(_ids)
    claim = new_claim(
        ClaimSource.A_TO_Z,
        marketplace,
        order_id or f"302-{number:07d}-{number:07d}",
        Reason.NOT_RECEIVED,
        Fulfilment.SELLER,
        Money(Decimal("19.99"), "EUR"),
        notice_at or now,
        **facts,
    )
    async with database(bot).unit_of_work() as uow:
        claim_id = await uow.claims.add(user_id, claim, now)
        stored = await uow.claims.get(user_id, claim_id)
        assert stored is not None
        await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, now), now)
    return stored


async def reminder_rows(bot: Harness, claim_id: int) -> list[tuple[str, str | None, str | None]]:
    """(kind, sent_at, cancelled_at) of every reminder row of the claim, by due time."""
    async with database(bot).unit_of_work(write=False) as uow:
        rows = await uow.connection.execute_fetchall(
            "SELECT kind, sent_at, cancelled_at FROM reminders WHERE claim_id = ?"
            " ORDER BY due_at, id",
            (claim_id,),
        )
    return [(str(kind), sent, cancelled) for kind, sent, cancelled in rows]


async def claims_of(bot: Harness, user_id: int) -> list[StoredClaim]:
    async with database(bot).unit_of_work(write=False) as uow:
        return await uow.claims.list_for_seller(user_id)


def all_callback_data(bot: Harness) -> list[str]:
    data = []
    for method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
        for params in bot.api.of(method):
            markup = params.get("reply_markup") or {}
            for row in markup.get("inline_keyboard", []):
                data += [b["callback_data"] for b in row if "callback_data" in b]
    return data


def last_markup(bot: Harness) -> dict[str, Any]:
    return dict(bot.api.of("sendMessage")[-1].get("reply_markup") or {})


def button_data(markup: dict[str, Any]) -> list[str]:
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row
            if "callback_data" in b]


def now_stamp() -> int:
    return int(time.time())
