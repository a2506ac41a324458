"""The evidence list, removing an item and the ZIP's caption. Pure, like every view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.claims_repo import StoredClaim
from bot.evidence_bundle import MAX_UPLOAD_BYTES, Bundle
from bot.evidence_repo import StoredEvidence
from bot.i18n import Translator
from domain.evidence import item_label, kind_label
from handlers.ui.callbacks import EvidenceButton
from handlers.views.evidence import Screen, size_text

__all__ = [
    "bundle_caption",
    "delete_question",
    "evidence_list",
    "evidence_not_found_text",
    "removed_text",
    "too_big_text",
]

LIST_LIMIT = 30  # items shown (and delete buttons) in one message; the ZIP has them all
TEXT_BUDGET = int(MessageLimit.MAX_TEXT_LENGTH) - 296  # room for the closing lines
DETAIL_CHARS = 80


def _button(text: str, action: str, claim_id: int, arg: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=EvidenceButton(action, claim_id, arg).pack())


def _one_line(text: str, limit: int = DETAIL_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def evidence_list(
    tr: Translator, zone: tzinfo, stored: StoredClaim, rows: Sequence[StoredEvidence]
) -> Screen:
    """The evidence list as text (within Telegram's limit) and its buttons."""
    claim_id = stored.id
    add = _button(tr.gettext("Add evidence"), "add", claim_id)
    if not rows:
        text = tr.gettext("No evidence yet for claim {order_id}.").format(
            order_id=stored.claim.order_id)
        return text, InlineKeyboardMarkup([[add]])
    lines = [tr.ngettext(
        "Evidence for claim {order_id} ({count} item):",
        "Evidence for claim {order_id} ({count} items):",
        len(rows),
    ).format(order_id=stored.claim.order_id, count=tr.number(len(rows)))]
    shown = 0
    for number, row in enumerate(rows[:LIST_LIMIT], start=1):
        facts = [tr.render(kind_label(row.kind)), tr.render(item_label(row.item_id))]
        if row.file_name:
            facts.append(_one_line(row.file_name, 60))
        if row.size is not None:
            facts.append(size_text(tr, row.size))
        facts.append(tr.datetime(row.received_at, zone))
        entry = [f"{number}. " + " · ".join(facts)]
        if row.detail:
            entry.append("   " + _one_line(row.detail))
        if sum(len(line) + 1 for line in lines + entry) > TEXT_BUDGET:
            break
        lines.extend(entry)
        shown = number
    if shown < len(rows):
        lines.append(tr.gettext("…and {count} more (the ZIP has everything).").format(
            count=tr.number(len(rows) - shown)))
    buttons = [
        _button(f"🗑 {number}", "del", claim_id, str(row.id))
        for number, row in enumerate(rows[:shown], start=1)
    ]
    keyboard = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    keyboard.append([_button(tr.gettext("Evidence bundle (ZIP)"), "zip", claim_id), add])
    lines.append(tr.gettext("Tap 🗑 and a number to remove that item."))
    return "\n".join(lines), InlineKeyboardMarkup(keyboard)


def delete_question(tr: Translator, stored: StoredClaim, number: int, row: StoredEvidence
                    ) -> Screen:
    facts = [tr.render(kind_label(row.kind)), tr.render(item_label(row.item_id))]
    name = row.file_name or _one_line(row.detail, 40)
    if name:
        facts.append(name)
    text = tr.gettext("Remove this evidence from claim {order_id}?\n{item}").format(
        order_id=stored.claim.order_id, item=f"{number}. " + " · ".join(facts))
    return text, InlineKeyboardMarkup([[
        _button(tr.gettext("Yes, remove"), "rm", stored.id, str(row.id)),
        _button(tr.gettext("No, keep it"), "keep", stored.id),
    ]])


def removed_text(tr: Translator, removed: StoredEvidence) -> str:
    name = removed.file_name or _one_line(removed.detail, 40) or tr.render(
        kind_label(removed.kind))
    return tr.gettext("Removed: {name}.").format(name=name)


def evidence_not_found_text(tr: Translator) -> str:
    return tr.gettext("I can't find that evidence item any more. It may have been removed.")


def too_big_text(tr: Translator, total: int) -> str:
    return tr.gettext(
        "The files of this claim add up to {size}, more than the {limit} Telegram lets me send"
        " at once. Remove large items you don't need (list the evidence and tap 🗑), then try"
        " again."
    ).format(size=size_text(tr, total), limit=size_text(tr, MAX_UPLOAD_BYTES))


def bundle_caption(tr: Translator, stored: StoredClaim, bundle: Bundle) -> str:
    return tr.ngettext(
        "Evidence bundle for claim {order_id}: {count} file and summary.txt.",
        "Evidence bundle for claim {order_id}: {count} files and summary.txt.",
        bundle.files,
    ).format(order_id=stored.claim.order_id, count=tr.number(bundle.files))
