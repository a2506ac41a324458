"""The claim card: one claim's triage (deadline, urgency, ODR, advice, evidence) with buttons.

Callback data of the claims feature is ``cl:<action>:<claim id>[:<arg>]``. Every handler that
gets a claim id re-loads the claim for the sender (``uow.claims.get(seller_id, claim_id)``); a
missing claim and someone else's claim get the same "not found" answer.

Other modules use: ``render_card`` (pure), ``send_card``, ``show_claim_card`` (evidence,
reminders), ``load_claim``, ``claim_callback``/``parse_claim_callback`` and ``not_found``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageLimit
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.claims_repo import StoredClaim
from bot.context import ClaimwachtContext
from bot.evidence_repo import StoredEvidence
from bot.i18n import Translator
from domain.deadlines import DeadlineKind
from domain.evidence import EvidenceItem
from domain.lifecycle import State, event_label, state_label
from domain.rules import rule_for
from domain.triage import Triage, triage
from handlers.card_advice import (
    advice_buttons,
    eligibility_lines,
    fact_lines,
    money_lines,
    rule_line,
    rule_note_text,
    under_review_line,
)
from handlers.claim_labels import action_label, marketplace_label, source_label, urgency_label
from handlers.private_chat import refuse_in_group
from handlers.ui.callbacks import EvidenceButton

__all__ = [
    "CALLBACK_PREFIX",
    "ClaimCallback",
    "EvidenceLike",
    "build_card_handlers",
    "claim_callback",
    "claim_from_callback",
    "load_claim",
    "not_found",
    "not_found_text",
    "open_card",
    "parse_claim_callback",
    "render_card",
    "send_card",
    "show_claim_card",
]

CALLBACK_PREFIX = "cl:"
TEXT_LIMIT = int(MessageLimit.MAX_TEXT_LENGTH)
_CALLBACK = re.compile(r"^cl:([a-z]+):([0-9]{1,18})(?::([a-z0-9_]{1,24}))?$")

EvidenceLike = StoredEvidence | EvidenceItem


def claim_callback(action: str, claim_id: int, arg: str | None = None) -> str:
    """``cl:<action>:<id>[:<arg>]``, checked against Telegram's 64-byte limit."""
    data = f"{CALLBACK_PREFIX}{action}:{claim_id}" + (f":{arg}" if arg else "")
    if len(data.encode()) > 64:
        raise ValueError(f"callback data over 64 bytes: {data!r}")
    return data


def parse_claim_callback(data: str | None) -> tuple[str, int, str | None] | None:
    """(action, claim id, arg) of ``cl:`` callback data; None when it does not parse."""
    match = _CALLBACK.match(data or "")
    if match is None:
        return None
    return match[1], int(match[2]), match[3]


def _items(evidence: Sequence[EvidenceLike]) -> list[EvidenceItem]:
    return [
        item.as_item() if isinstance(item, StoredEvidence) else item
        for item in evidence
        if not isinstance(item, StoredEvidence) or item.in_checklist  # "other" proves no item
    ]


def _deadline_line(tr: Translator, zone: tzinfo, result: Triage) -> str | None:
    _ = tr.gettext
    deadline = result.deadline
    if deadline is None or result.time_left is None:
        return None
    due = tr.datetime(deadline.due_at, zone)
    if result.time_left <= timedelta(0):
        return _("⏰ Deadline passed: {due} ({ago} ago)").format(
            due=due, ago=tr.duration(-result.time_left)
        )
    if deadline.kind is DeadlineKind.APPEAL:
        return _("⏰ Appeal until: {due} ({left} left)").format(
            due=due, left=tr.duration(result.time_left)
        )
    return _("⏰ Respond before: {due} ({left} left)").format(
        due=due, left=tr.duration(result.time_left)
    )


def _odr_lines(tr: Translator, zone: tzinfo, stored: StoredClaim, result: Triage) -> list[str]:
    _ = tr.gettext
    lines = [_("ODR: {verdict}").format(verdict=tr.render(result.odr.now.reason, zone))]
    if not stored.claim.source.is_amazon or not result.odr.outcomes:
        return lines
    lines.append(_("What each outcome would do to your ODR:"))
    for outcome in result.odr.outcomes:
        effect = (
            _("counts toward your ODR")
            if outcome.verdict.counts
            else _("does not count toward your ODR")
        )
        label = event_label(outcome.event, stored.claim.source)
        lines.append(_("• {outcome}: {effect}").format(outcome=tr.render(label), effect=effect))
    return lines


def _evidence_lines(tr: Translator, result: Triage) -> list[str]:
    _ = tr.gettext
    found = result.evidence
    if not result.checklist:
        return [_("Evidence: no checklist for this reason; add what supports your side.")]
    lines = [
        _("Evidence: {done} of {total} required, {rec_done} of {rec_total} recommended").format(
            done=found.required_done,
            total=found.required_total,
            rec_done=found.recommended_done,
            rec_total=found.recommended_total,
        )
    ]
    have = result.have  # evidence and the claim's own facts (a typed tracking number)
    for entry in result.checklist:
        mark = "✓" if entry.item_id in have else "✗"
        kind = _("required") if entry.required else _("recommended")
        lines.append(
            _("{mark} {item} ({kind})").format(mark=mark, item=tr.render(entry.label), kind=kind)
        )
    return lines


def render_card(
    tr: Translator,
    zone: tzinfo,
    stored: StoredClaim,
    evidence_items: Sequence[EvidenceLike],
    now: datetime,
) -> tuple[str, InlineKeyboardMarkup]:
    """The card's text and buttons for ``stored`` at ``now``, in ``tr``'s language."""
    _ = tr.gettext
    claim = stored.claim
    items = _items(evidence_items)
    result = triage(claim, stored.events, items, now)
    head = [
        _("📦 {source} · {marketplace}").format(
            source=source_label(tr, claim.source),
            marketplace=marketplace_label(tr, claim.marketplace),
        ),
        _("Order: {order_id}").format(order_id=claim.order_id),
        _("Reason: {reason}").format(reason=tr.render(claim.reason.label)),
        _("Amount: {amount}").format(amount=tr.money(claim.amount)),
        _("Status: {status}").format(status=tr.render(state_label(result.state, claim.source))),
        *fact_lines(tr, claim, zone),
    ]
    timing = [line for line in [_deadline_line(tr, zone, result)] if line]
    if result.under_review:
        timing.append(under_review_line(tr, claim))
    else:
        timing.append(_("Urgency: {urgency}").format(urgency=urgency_label(tr, result.urgency)))
    timing.append(rule_line(tr, claim, result.rule))
    advice = [
        _("Recommended: {action}").format(
            action=action_label(tr, result.recommendation.action)
        ),
        *(f"• {tr.render(reason, zone)}" for reason in result.recommendation.reasons),
    ]
    blocks = [head, timing, eligibility_lines(tr, result, zone),
              [*money_lines(tr, result), *_odr_lines(tr, zone, stored, result)], advice,
              _evidence_lines(tr, result)]
    text = "\n\n".join("\n".join(block) for block in blocks if block)
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1] + "…"
    return text, card_keyboard(tr, stored)


def card_keyboard(tr: Translator, stored: StoredClaim) -> InlineKeyboardMarkup:
    _ = tr.gettext
    claim_id = stored.id
    rows = [
        [
            InlineKeyboardButton(
                _("Add evidence"), callback_data=EvidenceButton("add", claim_id).pack()
            ),
            InlineKeyboardButton(
                _("Draft response"), callback_data=claim_callback("draft", claim_id)
            ),
        ],
    ]
    if stored.state in (State.GRANTED_SELLER, State.APPEALING):
        rows.append([InlineKeyboardButton(
            _("Draft appeal"), callback_data=claim_callback("appeal", claim_id)
        )])
    info = advice_buttons(tr, stored, claim_callback)
    if info:
        rows.append(info)
    rows.append([
        InlineKeyboardButton(_("Record outcome"), callback_data=claim_callback("out", claim_id)),
        InlineKeyboardButton(_("Claims overview"), callback_data="cl:list:0"),
    ])
    return InlineKeyboardMarkup(rows)


async def load_claim(
    context: ClaimwachtContext, seller_id: int, claim_id: int
) -> tuple[StoredClaim, list[StoredEvidence]] | None:
    """The claim and its evidence when ``seller_id`` owns it; None otherwise."""
    async with context.services.database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(seller_id, claim_id)
        if stored is None:
            return None
        evidence = await uow.evidence.list_for_claim(claim_id)
    return stored, evidence


def not_found_text(tr: Translator) -> str:
    """The one answer for a claim that does not exist *or* is someone else's."""
    return tr.gettext("I can't find that claim. Send /claims to see your claims.")


async def not_found(update: Update, context: ClaimwachtContext) -> None:
    """The one answer for a claim id that is missing or someone else's."""
    text = not_found_text(context.i18n)
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


@dataclass(frozen=True)
class ClaimCallback:
    """A pressed ``cl:<action>:<id>[:<arg>]`` button on a claim the sender owns."""

    query: CallbackQuery
    action: str
    arg: str | None
    stored: StoredClaim
    evidence: list[StoredEvidence]


async def claim_from_callback(
    update: Update, context: ClaimwachtContext
) -> ClaimCallback | None:
    """Parse the button, keep claims out of groups, load the sender's own claim.

    None means there is nothing more to do: not a claim button, a group chat (told to go
    private), or a claim that is missing or someone else's (told "not found", the same way).
    """
    query = update.callback_query
    parsed = parse_claim_callback(query.data if query else None)
    if query is None or parsed is None or update.effective_user is None:
        return None
    if await refuse_in_group(update, context):
        return None
    loaded = await load_claim(context, update.effective_user.id, parsed[1])
    if loaded is None:
        await not_found(update, context)
        return None
    return ClaimCallback(query, parsed[0], parsed[2], *loaded)


async def send_card(
    update_or_chat: Update | int,
    context: ClaimwachtContext,
    stored_claim: StoredClaim,
    evidence: Sequence[EvidenceLike],
    *,
    edit: bool = False,
) -> Message | None:
    """Send the card to the update's chat (or a chat id); ``edit`` replaces a pressed card."""
    text, markup = render_card(context.i18n, context.zone, stored_claim, evidence, context.now())
    if isinstance(update_or_chat, Update):
        query = update_or_chat.callback_query
        if edit and query is not None and query.message is not None:
            try:
                edited = await query.edit_message_text(text, reply_markup=markup)
            except BadRequest as error:  # "message is not modified": the card is current
                if "not modified" not in str(error):
                    raise
                return None
            return edited if isinstance(edited, Message) else None
        chat = update_or_chat.effective_chat
        if chat is None:
            return None
        chat_id = chat.id
    else:
        chat_id = update_or_chat
    return await context.bot.send_message(chat_id, text, reply_markup=markup)


async def show_claim_card(
    context: ClaimwachtContext, chat_id: int, seller_id: int, claim_id: int
) -> None:
    """Load the seller's claim and send its card to ``chat_id``; "not found" if not theirs."""
    loaded = await load_claim(context, seller_id, claim_id)
    if loaded is None:
        await context.bot.send_message(chat_id, not_found_text(context.i18n))
        return
    await send_card(chat_id, context, *loaded)


async def open_card(update: Update, context: ClaimwachtContext) -> None:
    """``cl:open:<id>``: show the claim's card (from the overview or a reminder)."""
    pressed = await claim_from_callback(update, context)
    if pressed is None:
        return
    await pressed.query.answer()
    await send_card(update, context, pressed.stored, pressed.evidence)


async def show_rule_note(update: Update, context: ClaimwachtContext) -> None:
    """``cl:rule:<id>``: the rule row the claim was counted under, with its note."""
    pressed = await claim_from_callback(update, context)
    if pressed is None:
        return
    await pressed.query.answer()
    claim = pressed.stored.claim
    rule = rule_for(claim.rule_id, claim.rule_version)
    await context.bot.send_message(
        pressed.query.from_user.id, rule_note_text(context.i18n, claim, rule, context.zone)
    )


def build_card_handlers() -> list[BaseHandler[Update, ClaimwachtContext, None]]:
    return [
        CallbackQueryHandler(open_card, pattern=r"^cl:open:[0-9]+$"),
        CallbackQueryHandler(show_rule_note, pattern=r"^cl:rule:[0-9]+$"),
    ]
