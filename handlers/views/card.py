"""The claim card: one claim's triage (deadline, urgency, ODR, advice, evidence) with buttons.

Pure: ``render_card(translator, zone, claim, evidence, now)`` is the only place the card is
built; ``handlers.card`` sends it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.claims_repo import StoredClaim
from bot.evidence_repo import StoredEvidence
from bot.i18n import Translator
from domain.deadlines import DeadlineKind
from domain.evidence import EvidenceItem
from domain.lifecycle import State, event_label, state_label
from domain.triage import Triage, triage
from handlers.card_advice import (
    advice_buttons,
    eligibility_lines,
    fact_lines,
    money_lines,
    rule_line,
    under_review_line,
)
from handlers.claim_labels import action_label, marketplace_label, source_label, urgency_label
from handlers.ui.callbacks import ClaimButton, EvidenceButton, PageButton

__all__ = ["TEXT_LIMIT", "EvidenceLike", "card_keyboard", "render_card"]

TEXT_LIMIT = int(MessageLimit.MAX_TEXT_LENGTH)

EvidenceLike = StoredEvidence | EvidenceItem


def _claim_data(action: str, claim_id: int, arg: str | None = None) -> str:
    return ClaimButton(action, claim_id, arg).pack()


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
            InlineKeyboardButton(_("Add evidence"),
                                 callback_data=EvidenceButton("add", claim_id).pack()),
            InlineKeyboardButton(
                _("Draft response"), callback_data=ClaimButton("draft", claim_id).pack()
            ),
        ],
    ]
    if stored.state in (State.GRANTED_SELLER, State.APPEALING):
        rows.append([InlineKeyboardButton(
            _("Draft appeal"), callback_data=ClaimButton("appeal", claim_id).pack()
        )])
    info = advice_buttons(tr, stored, _claim_data)
    rows += [info[i : i + 2] for i in range(0, len(info), 2)]  # two per row stay readable
    rows.append([
        InlineKeyboardButton(_("Record outcome"),
                             callback_data=ClaimButton("out", claim_id).pack()),
        InlineKeyboardButton(_("Claims overview"), callback_data=PageButton("list", 0).pack()),
    ])
    return InlineKeyboardMarkup(rows)
