"""/nieuweclaim and /newclaim: register a claim in a guided, persisted conversation.

Steps: source → marketplace (Amazon only) → order id → reason → fulfilment (Amazon only) →
amount → notice time → latest delivery date (optional) → Buy Shipping (Amazon, not FBA) →
notes (optional) → summary (Confirm / Edit a field / Cancel).

The answers live in ``user_data["intake.draft"]`` as JSON primitives; which question comes
next is derived from the draft (the first step without an answer), so a restart, an edit or a
"continue" all land on the right question. A draft idle for 24 hours is removed on the
seller's next update (``expire_draft``, no timer job). Callback data: ``in:<action>[:<value>]``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.claims_repo import DuplicateClaimError
from bot.context import ClaimwachtContext
from bot.dbtime import from_db_time, to_db_time
from bot.i18n import Translator
from bot.reminders_repo import plan_for_claim
from domain.claims import NOTES_MAX_CHARS, Claim, Fulfilment, Reason, new_claim, normalise_order_id
from domain.errors import DomainError
from domain.money import Money
from domain.rules import ClaimSource, Marketplace
from domain.text import N_, Msg
from handlers.card import send_card
from handlers.claim_labels import marketplace_label, source_label
from handlers.intake_parse import (
    IntakeInputError,
    default_currency,
    parse_claim_amount,
    parse_delivery_date,
    parse_notice_time,
)
from handlers.private_chat import refuse_in_group
from handlers.ui.flows import Flows

__all__ = [
    "COMMANDS",
    "DEEP_LINK",
    "DRAFT_KEY",
    "DRAFT_TTL",
    "build_intake_conversation",
    "build_intake_handlers",
    "expire_draft",
]

_LOGGER = logging.getLogger(__name__)

COMMANDS = ("nieuweclaim", "newclaim")
CANCEL_COMMANDS = ("cancel", "annuleren")
DEEP_LINK = "nieuweclaim"
DRAFT_KEY = "intake.draft"
EXPIRED_KEY = "intake.expired_in"  # the update in which the seller was told a draft expired
DRAFT_TTL = timedelta(hours=24)
END = ConversationHandler.END

# States are stored by the persistence: strings keep them stable when steps are added.
SOURCE = "source"
MARKETPLACE = "marketplace"
ORDER_ID = "order_id"
REASON = "reason"
FULFILMENT = "fulfilment"
AMOUNT = "amount"
NOTICE = "notice"
DELIVERY = "delivery"
BUY_SHIPPING = "buy_shipping"
NOTES = "notes"
SUMMARY = "summary"
EDIT = "edit"
RESUME = "resume"

# (state, the draft key its answer is stored under), in the order they are asked.
STEPS: tuple[tuple[str, str], ...] = (
    (SOURCE, "source"),
    (MARKETPLACE, "marketplace"),
    (ORDER_ID, "order_id"),
    (REASON, "reason"),
    (FULFILMENT, "fulfilment"),
    (AMOUNT, "amount"),
    (NOTICE, "notice_at"),
    (DELIVERY, "latest_delivery"),
    (BUY_SHIPPING, "buy_shipping"),
    (NOTES, "notes"),
)

# Edit-a-field buttons: code → the draft keys the edit clears (asked again, then the summary).
EDITABLE: dict[str, tuple[str, ...]] = {
    "src": ("source", "marketplace"),
    "oid": ("order_id",),
    "rsn": ("reason",),
    "ful": ("fulfilment", "buy_shipping"),
    "amt": ("amount", "currency"),
    "ntc": ("notice_at",),
    "edd": ("latest_delivery",),
    "bs": ("buy_shipping",),
    "nts": ("notes",),
}
_EDIT_LABELS = {
    "src": N_("Source and marketplace"),
    "oid": N_("Order number"),
    "rsn": N_("Reason"),
    "ful": N_("Fulfilment"),
    "amt": N_("Amount"),
    "ntc": N_("Notice time"),
    "edd": N_("Delivery date"),
    "bs": N_("Buy Shipping"),
    "nts": N_("Notes"),
}

AMAZON_MARKETPLACES = tuple(m for m in Marketplace if m.is_amazon)


# --- the draft ---------------------------------------------------------------------------------


def _new_draft(now: datetime, prefill: str | None = None) -> dict[str, Any]:
    draft: dict[str, Any] = {"started_at": to_db_time(now), "updated_at": to_db_time(now)}
    if prefill:
        draft["prefill"] = prefill
    return draft


def _buy_shipping_applies(draft: dict[str, Any]) -> bool:
    source = draft.get("source")
    return bool(source) and ClaimSource(source).is_amazon and draft.get("fulfilment") not in (
        None, Fulfilment.FBA.value
    )


def _autofill(draft: dict[str, Any]) -> None:
    """Answers that follow from others: non-Amazon claims are the seller's own shop and
    shipping; Buy Shipping is only asked for Amazon orders the seller ships."""
    source = draft.get("source")
    if source and not ClaimSource(source).is_amazon:
        draft.setdefault("marketplace", Marketplace.WEBSHOP.value)
        draft.setdefault("fulfilment", Fulfilment.SELLER.value)
    if "fulfilment" in draft and "buy_shipping" not in draft and not _buy_shipping_applies(draft):
        draft["buy_shipping"] = False


def next_step(draft: dict[str, Any]) -> str:
    """The first question without an answer, or the summary."""
    _autofill(draft)
    return next((state for state, key in STEPS if key not in draft), SUMMARY)


def build_claim(draft: dict[str, Any]) -> Claim:
    """The domain claim from a complete draft (``DomainError`` if a rule refuses it)."""
    delivery = draft.get("latest_delivery")
    return new_claim(
        ClaimSource(draft["source"]),
        Marketplace(draft["marketplace"]),
        draft["order_id"],
        Reason(draft["reason"]),
        Fulfilment(draft["fulfilment"]),
        Money(Decimal(draft["amount"]), draft["currency"]),
        from_db_time(draft["notice_at"]),
        latest_delivery=date.fromisoformat(delivery) if delivery else None,
        buy_shipping_protected=bool(draft.get("buy_shipping")),
        notes=draft.get("notes") or "",
    )


def _draft(context: ClaimwachtContext) -> dict[str, Any] | None:
    draft = context.user_data.get(DRAFT_KEY) if context.user_data is not None else None
    if draft is not None:
        draft["updated_at"] = to_db_time(context.now())
    return draft


def _expired(draft: dict[str, Any], now: datetime) -> bool:
    stamp = draft.get("updated_at") or draft.get("started_at")
    return stamp is None or now - from_db_time(stamp) > DRAFT_TTL


async def expire_draft(update: Update, context: ClaimwachtContext) -> None:
    """Before any handler: a draft idle for over 24 hours is removed and the seller told."""
    if context.user_data is None or update.effective_user is None:
        return
    draft = context.user_data.get(DRAFT_KEY)
    if draft is None or not _expired(draft, context.now()):
        return
    del context.user_data[DRAFT_KEY]
    context.user_data[EXPIRED_KEY] = update.update_id
    _ = context.i18n.gettext
    if update.effective_chat is not None:
        started = from_db_time(draft.get("started_at") or draft["updated_at"])
        await context.bot.send_message(
            update.effective_chat.id,
            _(
                "Your unfinished claim from {started} had no answer for 24 hours, so I "
                "removed it."
            ).format(started=context.i18n.datetime(started, context.zone)),
        )


async def _no_draft(update: Update, context: ClaimwachtContext) -> int:
    """A step without a draft (expired, cancelled, deleted): say so, unless just told."""
    told = context.user_data.pop(EXPIRED_KEY, None) if context.user_data is not None else None
    if update.callback_query is not None:
        await update.callback_query.answer()
    if told != update.update_id and update.effective_message is not None:
        await update.effective_message.reply_text(
            context.i18n.gettext(
                "There is no claim in progress. Send {command} to register one."
            ).format(command=_command(context))
        )
    return END


def _command(context: ClaimwachtContext) -> str:
    return "/nieuweclaim" if context.i18n.code == "nl" else "/newclaim"


# --- questions ---------------------------------------------------------------------------------


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def _cancel_row(tr: Translator) -> list[InlineKeyboardButton]:
    return [_button(tr.gettext("Cancel"), "in:cancel")]


Question = tuple[str, InlineKeyboardMarkup | None]


def _ask_source(tr: Translator, draft: dict[str, Any]) -> Question:
    rows = [[_button(source_label(tr, source), f"in:src:{source.value}")] for source in ClaimSource]
    return (
        tr.gettext("New claim. Where does it come from?"),
        InlineKeyboardMarkup([*rows, _cancel_row(tr)]),
    )


def _ask_marketplace(tr: Translator, draft: dict[str, Any]) -> Question:
    buttons = [_button(m.host, f"in:mp:{m.value}") for m in AMAZON_MARKETPLACES]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return (
        tr.gettext("Which Amazon marketplace is the order from?"),
        InlineKeyboardMarkup([*rows, _cancel_row(tr)]),
    )


def _ask_order_id(tr: Translator, draft: dict[str, Any]) -> Question:
    if ClaimSource(draft["source"]).is_amazon:
        text = tr.gettext("What is the order number? For example 171-1234567-1234567.")
    else:
        text = tr.gettext("What is the order or transaction id, as it appears in the case?")
    return text, InlineKeyboardMarkup([_cancel_row(tr)])


def _ask_reason(tr: Translator, draft: dict[str, Any]) -> Question:
    rows = [[_button(tr.render(reason.label), f"in:rsn:{reason.value}")] for reason in Reason]
    return (
        tr.gettext("What does the buyer claim?"),
        InlineKeyboardMarkup([*rows, _cancel_row(tr)]),
    )


def _ask_fulfilment(tr: Translator, draft: dict[str, Any]) -> Question:
    rows = [[_button(tr.render(f.label), f"in:ful:{f.value}")] for f in Fulfilment]
    return tr.gettext("Who shipped the order?"), InlineKeyboardMarkup([*rows, _cancel_row(tr)])


def _ask_amount(tr: Translator, draft: dict[str, Any]) -> Question:
    currency = default_currency(draft.get("marketplace"))
    text = tr.gettext(
        "What amount is the claim about? Type it like {example}. I'll use {currency} unless "
        "you add another currency code, for example {other}."
    ).format(
        example=tr.number(Decimal("49.95")),
        currency=currency,
        other=tr.gettext("{amount} GBP").format(amount=tr.number(Decimal(30))),
    )
    return text, InlineKeyboardMarkup([_cancel_row(tr)])


def _ask_notice(tr: Translator, draft: dict[str, Any]) -> Question:
    text = tr.gettext(
        "When did the claim notice arrive? Type your local date and time, like 21-11 14:30 or "
        "yesterday 9:00, or tap Just now."
    )
    return text, InlineKeyboardMarkup(
        [[_button(tr.gettext("Just now"), "in:now")], _cancel_row(tr)]
    )


def _ask_delivery(tr: Translator, draft: dict[str, Any]) -> Question:
    text = tr.gettext(
        "What was the latest estimated delivery date of the order? Type it like 21-11, or tap "
        "Skip if you don't know it."
    )
    return text, InlineKeyboardMarkup([[_button(tr.gettext("Skip"), "in:skip")], _cancel_row(tr)])


def _ask_buy_shipping(tr: Translator, draft: dict[str, Any]) -> Question:
    text = tr.gettext(
        "Did you buy the shipping label through Amazon Buy Shipping with claims protection?"
    )
    return text, InlineKeyboardMarkup(
        [[_button(tr.gettext("Yes"), "in:bs:y"), _button(tr.gettext("No"), "in:bs:n")],
         _cancel_row(tr)]
    )


def _ask_notes(tr: Translator, draft: dict[str, Any]) -> Question:
    text = tr.gettext(
        "Anything to add for your response, such as what the buyer wrote? Type it (at most "
        "{max} characters), or tap Skip."
    ).format(max=tr.number(NOTES_MAX_CHARS))
    return text, InlineKeyboardMarkup([[_button(tr.gettext("Skip"), "in:skip")], _cancel_row(tr)])


def render_summary(tr: Translator, zone: tzinfo, draft: dict[str, Any]) -> str:
    """The draft as the seller checks it before confirming."""
    _ = tr.gettext
    source = ClaimSource(draft["source"])
    delivery = draft.get("latest_delivery")
    lines = [
        _("Please check the claim:"),
        _("Source: {source}").format(source=source_label(tr, source)),
        _("Marketplace: {marketplace}").format(
            marketplace=marketplace_label(tr, Marketplace(draft["marketplace"]))
        ),
        _("Order: {order_id}").format(order_id=draft["order_id"]),
        _("Reason: {reason}").format(reason=tr.render(Reason(draft["reason"]).label)),
    ]
    if source.is_amazon:
        lines.append(_("Fulfilment: {fulfilment}").format(
            fulfilment=tr.render(Fulfilment(draft["fulfilment"]).label)
        ))
    lines += [
        _("Amount: {amount}").format(
            amount=tr.money(Money(Decimal(draft["amount"]), draft["currency"]))
        ),
        _("Notice received: {at}").format(at=tr.datetime(from_db_time(draft["notice_at"]), zone)),
        _("Latest estimated delivery: {date}").format(
            date=tr.date(date.fromisoformat(delivery)) if delivery else _("not given")
        ),
    ]
    if _buy_shipping_applies(draft):
        lines.append(_("Buy Shipping claims protection: {answer}").format(
            answer=_("yes") if draft.get("buy_shipping") else _("no")
        ))
    lines.append(_("Notes: {notes}").format(notes=draft.get("notes") or _("none")))
    return "\n".join(lines)


def _ask_summary(tr: Translator, draft: dict[str, Any], zone: tzinfo) -> Question:
    return render_summary(tr, zone, draft), InlineKeyboardMarkup([
        [_button(tr.gettext("Confirm"), "in:ok")],
        [_button(tr.gettext("Edit a field"), "in:edit")],
        _cancel_row(tr),
    ])


def _ask_edit(tr: Translator, draft: dict[str, Any]) -> Question:
    codes = [c for c in EDITABLE if c != "bs" or _buy_shipping_applies(draft)]
    buttons = [_button(tr.gettext(_EDIT_LABELS[c]), f"in:ef:{c}") for c in codes]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return (
        tr.gettext("Which field do you want to change?"),
        InlineKeyboardMarkup([*rows, [_button(tr.gettext("Back to the summary"), "in:sum")]]),
    )


_QUESTIONS: dict[str, Callable[[Translator, dict[str, Any]], Question]] = {
    SOURCE: _ask_source,
    MARKETPLACE: _ask_marketplace,
    ORDER_ID: _ask_order_id,
    REASON: _ask_reason,
    FULFILMENT: _ask_fulfilment,
    AMOUNT: _ask_amount,
    NOTICE: _ask_notice,
    DELIVERY: _ask_delivery,
    BUY_SHIPPING: _ask_buy_shipping,
    NOTES: _ask_notes,
    EDIT: _ask_edit,
}


async def _send(update: Update, context: ClaimwachtContext, text: str,
                markup: InlineKeyboardMarkup | None = None) -> None:
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup)


async def _ask(
    update: Update, context: ClaimwachtContext, state: str, draft: dict[str, Any],
    preface: str | None = None,
) -> str:
    """Send the question of ``state`` (after ``preface``, e.g. why the last answer failed)."""
    tr = context.i18n
    if state == SUMMARY:
        text, markup = _ask_summary(tr, draft, context.zone)
    else:
        text, markup = _QUESTIONS[state](tr, draft)
    await _send(update, context, f"{preface}\n\n{text}" if preface else text, markup)
    return state


async def _duplicate_of(context: ClaimwachtContext, seller_id: int,
                        draft: dict[str, Any]) -> int | None:
    async with context.services.database.unit_of_work(write=False) as uow:
        return await uow.claims.find_by_order(
            seller_id, ClaimSource(draft["source"]), draft["order_id"]
        )


def _duplicate_text(tr: Translator, order_id: str) -> str:
    return tr.gettext(
        "You already registered order {order_id} for this source. Open that claim, or type "
        "another order number."
    ).format(order_id=order_id)


def _open_existing(tr: Translator, claim_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([
        [_button(tr.gettext("Open the existing claim"), f"cl:open:{claim_id}")],
        _cancel_row(tr),
    ])


async def _advance(update: Update, context: ClaimwachtContext, draft: dict[str, Any],
                   preface: str | None = None) -> str:
    """Ask the next unanswered question (or show the summary) and return its state."""
    tr = context.i18n
    state = next_step(draft)
    seller_id = update.effective_user.id if update.effective_user else 0
    if state == ORDER_ID and "prefill" in draft:
        raw = draft.pop("prefill")
        try:
            draft["order_id"] = normalise_order_id(ClaimSource(draft["source"]), raw)
        except DomainError as error:
            preface = tr.render(error.msg, context.zone)
            return await _ask(update, context, ORDER_ID, draft, preface)
        state = next_step(draft)
    if state in (REASON, SUMMARY) and "order_id" in draft:
        existing = await _duplicate_of(context, seller_id, draft)
        if existing is not None:
            order_id = draft.pop("order_id")
            await _send(
                update, context, _duplicate_text(tr, order_id), _open_existing(tr, existing)
            )
            return ORDER_ID
    return await _ask(update, context, state, draft, preface)


# --- answers -----------------------------------------------------------------------------------


async def _close_question(update: Update, label: str | None = None) -> None:
    """Answer the button press and take the keyboard off the question (showing the choice)."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    message = query.message
    try:
        if label and message is not None and getattr(message, "text", None):
            await query.edit_message_text(f"{message.text}\n→ {label}")  # type: ignore[union-attr]
        else:
            await query.edit_message_reply_markup(None)
    except BadRequest as error:  # too old to edit, or already edited: the answer still counts
        _LOGGER.debug("could not close the question: %s", error)


def _value(update: Update) -> str:
    data = update.callback_query.data if update.callback_query else None
    return (data or "").rsplit(":", 1)[-1]


async def start_intake(update: Update, context: ClaimwachtContext) -> str | int:
    """/nieuweclaim [order]: start, or ask whether to continue the open draft."""
    if await refuse_in_group(update, context, DEEP_LINK):
        return END
    args = context.args or []
    if args and args[0] == DEEP_LINK and update.effective_message is not None \
            and (update.effective_message.text or "").startswith("/start"):
        args = args[1:]
    prefill = " ".join(args).strip() or None
    draft = context.user_data.get(DRAFT_KEY)
    if draft is not None and not _expired(draft, context.now()):
        draft["pending_prefill"] = prefill
        tr = context.i18n
        started = tr.datetime(from_db_time(draft["started_at"]), context.zone)
        await _send(
            update,
            context,
            tr.gettext(
                "You have a claim in progress, started {started}. Continue where you left "
                "off, or start over?"
            ).format(started=started),
            InlineKeyboardMarkup([
                [_button(tr.gettext("Continue"), "in:cont"),
                 _button(tr.gettext("Start over"), "in:new")],
            ]),
        )
        return RESUME
    context.user_data.pop(EXPIRED_KEY, None)
    draft = _new_draft(context.now(), prefill)
    context.user_data[DRAFT_KEY] = draft
    return await _advance(update, context, draft)


async def resume_choice(update: Update, context: ClaimwachtContext) -> str | int:
    """Continue the open draft at its step, or throw it away and start a new one."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    tr = context.i18n
    prefill = draft.pop("pending_prefill", None)
    if _value(update) == "new":
        await _close_question(update, tr.gettext("Start over"))
        draft = _new_draft(context.now(), prefill)
        context.user_data[DRAFT_KEY] = draft
    else:
        await _close_question(update, tr.gettext("Continue"))
    return await _advance(update, context, draft)


async def pick_source(update: Update, context: ClaimwachtContext) -> str | int:
    """Store the claim source; a changed source re-checks what depends on it."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    try:
        source = ClaimSource(_value(update))
    except ValueError:
        return await stale_button(update, context)
    await _close_question(update, source_label(context.i18n, source))
    previous = draft.pop("previous_source", None)
    if previous is not None and ClaimSource(previous).is_amazon != source.is_amazon:
        for key in ("fulfilment", "buy_shipping", "marketplace"):
            draft.pop(key, None)
    draft["source"] = source.value
    if "order_id" in draft:
        try:
            draft["order_id"] = normalise_order_id(source, draft["order_id"])
        except DomainError:
            draft.pop("order_id")
    return await _advance(update, context, draft)


async def pick_marketplace(update: Update, context: ClaimwachtContext) -> str | int:
    """Store the Amazon marketplace."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    try:
        marketplace = Marketplace(_value(update))
    except ValueError:
        return await stale_button(update, context)
    if not marketplace.is_amazon or "source" not in draft:
        return await stale_button(update, context)
    await _close_question(update, marketplace.host)
    draft["marketplace"] = marketplace.value
    return await _advance(update, context, draft)


async def receive_order_id(update: Update, context: ClaimwachtContext) -> str | int:
    """Take the typed order id; the domain checks its shape, we check it is not registered."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    text = update.effective_message.text if update.effective_message else None
    try:
        draft["order_id"] = normalise_order_id(ClaimSource(draft["source"]), text or "")
    except DomainError as error:
        return await _ask(update, context, ORDER_ID, draft, context.i18n.render(error.msg))
    return await _advance(update, context, draft)


async def pick_reason(update: Update, context: ClaimwachtContext) -> str | int:
    """Store the claim reason."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    try:
        reason = Reason(_value(update))
    except ValueError:
        return await stale_button(update, context)
    await _close_question(update, context.i18n.render(reason.label))
    draft["reason"] = reason.value
    return await _advance(update, context, draft)


async def pick_fulfilment(update: Update, context: ClaimwachtContext) -> str | int:
    """Store who shipped the order; Buy Shipping is asked (again) when it applies."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    try:
        fulfilment = Fulfilment(_value(update))
    except ValueError:
        return await stale_button(update, context)
    await _close_question(update, context.i18n.render(fulfilment.label))
    draft["fulfilment"] = fulfilment.value
    draft.pop("buy_shipping", None)
    return await _advance(update, context, draft)


async def receive_amount(update: Update, context: ClaimwachtContext) -> str | int:
    """Take the typed amount, with the marketplace's currency unless another is typed."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    text = update.effective_message.text if update.effective_message else ""
    try:
        money = parse_claim_amount(text or "", default_currency(draft.get("marketplace")))
    except IntakeInputError as error:
        return await _ask(update, context, AMOUNT, draft, context.i18n.render(error.msg))
    draft["amount"], draft["currency"] = str(money.amount), money.currency
    return await _advance(update, context, draft)


async def notice_now(update: Update, context: ClaimwachtContext) -> str | int:
    """"Just now": the notice arrived at this moment."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    await _close_question(update, context.i18n.gettext("Just now"))
    draft["notice_at"] = to_db_time(context.now())
    return await _advance(update, context, draft)


async def receive_notice(update: Update, context: ClaimwachtContext) -> str | int:
    """Take the typed local date and time of the notice."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    text = update.effective_message.text if update.effective_message else ""
    try:
        at = parse_notice_time(text or "", context.now(), context.zone)
    except IntakeInputError as error:
        preface = context.i18n.render(error.msg, context.zone)
        return await _ask(update, context, NOTICE, draft, preface)
    draft["notice_at"] = to_db_time(at)
    return await _advance(update, context, draft)


async def receive_delivery(update: Update, context: ClaimwachtContext) -> str | int:
    """Take the typed latest estimated delivery date."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    text = update.effective_message.text if update.effective_message else ""
    if _typed_skip(text):
        draft["latest_delivery"] = None
        return await _advance(update, context, draft)
    today = context.now().astimezone(context.zone).date()
    try:
        day = parse_delivery_date(text or "", today)
    except IntakeInputError as error:
        return await _ask(update, context, DELIVERY, draft, context.i18n.render(error.msg))
    draft["latest_delivery"] = day.isoformat()
    return await _advance(update, context, draft)


# Sellers type "skip" as often as they tap the button; as notes or a date it means nothing else.
_SKIP_WORDS = frozenset({"skip", "overslaan", "sla over", "geen", "none", "-", "nee", "no"})


def _typed_skip(text: str | None) -> bool:
    return (text or "").strip().strip(".!").lower() in _SKIP_WORDS


async def skip(update: Update, context: ClaimwachtContext) -> str | int:
    """Skip the optional delivery date or notes."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    state = next_step(draft)
    if state not in (DELIVERY, NOTES):
        return await stale_button(update, context)
    await _close_question(update, context.i18n.gettext("Skip"))
    if state == DELIVERY:
        draft["latest_delivery"] = None
    else:
        draft["notes"] = ""
    return await _advance(update, context, draft)


async def pick_buy_shipping(update: Update, context: ClaimwachtContext) -> str | int:
    """Store whether the label had Buy Shipping claims protection."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    answer = _value(update)
    if answer not in ("y", "n") or not _buy_shipping_applies(draft):
        return await stale_button(update, context)
    tr = context.i18n
    await _close_question(update, tr.gettext("Yes") if answer == "y" else tr.gettext("No"))
    draft["buy_shipping"] = answer == "y"
    return await _advance(update, context, draft)


async def receive_notes(update: Update, context: ClaimwachtContext) -> str | int:
    """Take the typed notes (at most the domain's limit)."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    notes = (update.effective_message.text if update.effective_message else "") or ""
    notes = "" if _typed_skip(notes) else notes.strip()
    if len(notes) > NOTES_MAX_CHARS:
        problem = Msg.of(N_("Notes can be at most {max} characters; these have {count}."),
                         max=NOTES_MAX_CHARS, count=len(notes))
        return await _ask(update, context, NOTES, draft, context.i18n.render(problem))
    draft["notes"] = notes
    return await _advance(update, context, draft)


async def edit_menu(update: Update, context: ClaimwachtContext) -> str | int:
    """Show the fields as buttons."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    if next_step(draft) != SUMMARY:
        return await stale_button(update, context)
    await _close_question(update)
    return await _ask(update, context, EDIT, draft)


async def edit_field(update: Update, context: ClaimwachtContext) -> str | int:
    """Clear the chosen field and ask it again; the summary follows."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    code = _value(update)
    if code not in EDITABLE or next_step(draft) != SUMMARY:
        return await stale_button(update, context)
    await _close_question(update, context.i18n.gettext(_EDIT_LABELS[code]))
    if code == "src":
        draft["previous_source"] = draft["source"]
    for key in EDITABLE[code]:
        draft.pop(key, None)
    return await _advance(update, context, draft)


async def back_to_summary(update: Update, context: ClaimwachtContext) -> str | int:
    """Leave the field menu without changes."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    await _close_question(update)
    return await _advance(update, context, draft)


async def confirm(update: Update, context: ClaimwachtContext) -> str | int:
    """Store the claim and plan its reminders in one unit of work, then show its card."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    if next_step(draft) != SUMMARY or context.seller is None or update.effective_user is None:
        return await stale_button(update, context)
    tr = context.i18n
    try:
        claim = build_claim(draft)
    except DomainError as error:
        await _close_question(update)
        return await _ask(update, context, SUMMARY, draft, tr.render(error.msg, context.zone))
    seller_id, now = update.effective_user.id, context.now()
    try:
        async with context.services.database.unit_of_work() as uow:
            claim_id = await uow.claims.add(seller_id, claim, now)
            stored = await uow.claims.get(seller_id, claim_id)
            assert stored is not None
            await uow.reminders.replace_plan(
                claim_id, plan_for_claim(stored, context.seller, now), now
            )
    except DuplicateClaimError as duplicate:
        await _close_question(update)
        draft.pop("order_id", None)
        await _send(update, context, _duplicate_text(tr, claim.order_id),
                    _open_existing(tr, duplicate.claim_id))
        return ORDER_ID
    context.user_data.pop(DRAFT_KEY, None)
    await _close_question(update, tr.gettext("Confirm"))
    try:
        await context.services.claim_changed(claim_id)
    except Exception:  # the rows are committed and are the truth; the scheduler re-reads them
        _LOGGER.exception("a claim listener failed for claim %s", claim_id)
    await send_card(update, context, stored, [])
    return END


async def use_the_buttons(update: Update, context: ClaimwachtContext) -> str | int:
    """Typed text (or media) where a button is expected: explain and ask again."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    tr = context.i18n
    if "pending_prefill" in draft:
        await _send(update, context, tr.gettext("Please tap Continue or Start over."),
                    InlineKeyboardMarkup([[_button(tr.gettext("Continue"), "in:cont"),
                                           _button(tr.gettext("Start over"), "in:new")]]))
        return RESUME
    state = next_step(draft)
    return await _ask(update, context, state, draft, tr.gettext("Please tap one of the buttons."))


async def type_an_answer(update: Update, context: ClaimwachtContext) -> str | int:
    """A photo or sticker where text is expected: explain and ask again."""
    draft = _draft(context)
    if draft is None:
        return await _no_draft(update, context)
    return await _ask(update, context, next_step(draft), draft,
                      context.i18n.gettext("Please type your answer as text."))


async def stale_button(update: Update, context: ClaimwachtContext) -> str | int | None:
    """A button from an earlier question: say so and repeat the current question."""
    query = update.callback_query
    if query is not None:
        await query.answer(context.i18n.gettext("That button is no longer valid."))
    draft = context.user_data.get(DRAFT_KEY) if context.user_data is not None else None
    if draft is None:
        return END
    if "pending_prefill" in draft:
        return RESUME
    state = next_step(draft)
    return await _ask(update, context, state, draft)


async def draft_kept(update: Update, context: ClaimwachtContext) -> None:
    """Another flow took over: the draft stays, and the seller learns how to get back to it."""
    if context.user_data is None or DRAFT_KEY not in context.user_data:
        return
    tr = context.i18n
    await _send(update, context, tr.gettext(
        "Your unfinished claim is kept. Send {command} to continue it."
    ).format(command=_command(context)))


async def cancel(update: Update, context: ClaimwachtContext) -> int:
    """/cancel, /annuleren or the Cancel button: discard the draft."""
    context.user_data.pop(DRAFT_KEY, None)
    await _close_question(update, context.i18n.gettext("Cancel"))
    await _send(update, context, context.i18n.gettext(
        "Okay, I threw the claim draft away. Nothing was saved."
    ))
    return END


_TEXT = filters.TEXT & ~filters.COMMAND
_NOT_TEXT = ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL


def _buttons_state(*handlers: CallbackQueryHandler[ClaimwachtContext, Any]) -> list[Any]:
    return [
        *handlers,
        MessageHandler(_TEXT | _NOT_TEXT, use_the_buttons),
    ]


def _text_state(receive: Any, *handlers: CallbackQueryHandler[ClaimwachtContext, Any]) -> list[Any]:
    return [*handlers, MessageHandler(_TEXT, receive), MessageHandler(_NOT_TEXT, type_an_answer)]


def _callback(data: str, callback: Any) -> CallbackQueryHandler[ClaimwachtContext, Any]:
    return CallbackQueryHandler(callback, pattern=f"^{re.escape(data)}")


def build_intake_handlers(flows: Flows) -> list[Any]:
    """The conversation, then an answer for intake buttons pressed outside it (old messages)."""
    flows.on_pause("intake", draft_kept)
    return [build_intake_conversation(flows), _callback("in:", stale_button)]


def build_intake_conversation(flows: Flows) -> ConversationHandler[ClaimwachtContext]:
    return flows.conversation(
        "intake",
        entry_points=[
            CommandHandler(COMMANDS, start_intake),
            CommandHandler(
                "start", start_intake, filters=filters.Regex(rf"^/start {DEEP_LINK}$")
            ),
        ],
        states={
            RESUME: _buttons_state(
                _callback("in:cont", resume_choice), _callback("in:new", resume_choice)
            ),
            SOURCE: _buttons_state(_callback("in:src:", pick_source)),
            MARKETPLACE: _buttons_state(_callback("in:mp:", pick_marketplace)),
            ORDER_ID: _text_state(receive_order_id),
            REASON: _buttons_state(_callback("in:rsn:", pick_reason)),
            FULFILMENT: _buttons_state(_callback("in:ful:", pick_fulfilment)),
            AMOUNT: _text_state(receive_amount),
            NOTICE: _text_state(receive_notice, _callback("in:now", notice_now)),
            DELIVERY: _text_state(receive_delivery, _callback("in:skip", skip)),
            BUY_SHIPPING: _buttons_state(_callback("in:bs:", pick_buy_shipping)),
            NOTES: _text_state(receive_notes, _callback("in:skip", skip)),
            SUMMARY: _buttons_state(
                _callback("in:ok", confirm), _callback("in:edit", edit_menu)
            ),
            EDIT: _buttons_state(
                _callback("in:ef:", edit_field), _callback("in:sum", back_to_summary)
            ),
        },
        fallbacks=[
            CommandHandler(CANCEL_COMMANDS, cancel),
            _callback("in:cancel", cancel),
            _callback("in:", stale_button),
        ],
    )
