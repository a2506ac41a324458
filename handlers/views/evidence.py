"""The evidence screens: picking claim and checklist item, what was stored, list, removal, ZIP.

Pure: a translator and plain values in, ``(text, markup)`` out. Labels are the domain's
(``domain.evidence.item_label`` / ``kind_label``), so the ZIP's summary says the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from babel.units import format_unit
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.claims_repo import StoredClaim
from bot.evidence_bundle import MAX_UPLOAD_BYTES, Bundle
from bot.evidence_repo import StoredEvidence
from bot.evidence_types import (
    MAX_DOWNLOAD_BYTES,
    Incoming,
    Outcome,
    Refusal,
    Result,
    extension_list,
)
from bot.i18n import Translator
from domain.evidence import OTHER_ITEM, checklist_for, item_label, kind_label
from handlers.ui.callbacks import EvidenceButton

__all__ = [
    "Screen",
    "after_item",
    "claim_picker",
    "delete_question",
    "evidence_list",
    "evidence_not_found_text",
    "item_question",
    "no_such_order_text",
    "refusal_text",
    "removed_text",
    "send_prompt",
    "size_text",
    "stored_screen",
    "summary_screen",
    "too_big_text",
]

Screen = tuple[str, InlineKeyboardMarkup | None]
LIST_LIMIT = 30  # items shown (and delete buttons) in one message; the ZIP has them all
TEXT_BUDGET = int(MessageLimit.MAX_TEXT_LENGTH) - 296  # room for the closing lines
DETAIL_CHARS = 80


def _button(text: str, action: str, claim_id: int, arg: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=EvidenceButton(action, claim_id, arg).pack())


def size_text(tr: Translator, size: int | None) -> str:
    """``850 bytes``, ``12.3 kB``, ``4.2 MB`` in the seller's number format."""
    if size is None:
        return "?"
    # Decimal units, as Telegram states its limits (20 MB = 20,000,000 bytes).
    if size < 1000:
        # CLDR's short English byte unit does not inflect ("134 byte"); the long one does.
        return format_unit(size, "digital-byte", length="long", locale=tr.code)
    if size < 1000 * 1000:
        return format_unit(round(size / 1000, 1), "digital-kilobyte", length="short",
                           locale=tr.code)
    return format_unit(round(size / (1000 * 1000), 1), "digital-megabyte", length="short",
                       locale=tr.code)


def _one_line(text: str, limit: int = DETAIL_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- choosing claim and checklist item ----------------------------------------------------------


def claim_picker(tr: Translator, claims: Sequence[StoredClaim]) -> Screen:
    rows = [
        [_button(f"{c.claim.order_id} · {tr.money(c.claim.amount)}", "pick", c.id)]
        for c in claims
    ]
    return tr.gettext("Which claim is the evidence for?"), InlineKeyboardMarkup(rows)


def no_such_order_text(tr: Translator, typed: str) -> str:
    return tr.gettext(
        "I have no claim with order number {order_id}. Pick one of your open claims,"
        " or type the number as on the notice, for example 171-1234567-1234567."
    ).format(order_id=typed)


def item_question(tr: Translator, stored: StoredClaim, have: set[str]) -> Screen:
    """Which checklist item the next evidence proves; items the claim has are ticked."""
    rows = []
    claim = stored.claim
    for item in checklist_for(claim.source, claim.reason, claim.fulfilment):
        mark = "✅ " if item.item_id in have else ""
        rows.append([_button(mark + tr.render(item.label), "item", stored.id, item.item_id)])
    rows.append([_button(tr.gettext("Other"), "item", stored.id, OTHER_ITEM)])
    text = tr.gettext(
        "Claim {order_id}: which checklist item does the next evidence prove?"
    ).format(order_id=stored.claim.order_id)
    return text, InlineKeyboardMarkup(rows)


def send_prompt(tr: Translator, claim_id: int, item_id: str) -> Screen:
    text = tr.gettext(
        "Send the evidence for “{item}”: photos, documents ({types}), a note as text (for example"
        " the tracking number), or forward a message. Several in a row is fine. Press Done when"
        " you have sent everything."
    ).format(item=tr.render(item_label(item_id)), types=extension_list())
    return text, InlineKeyboardMarkup([[_button(tr.gettext("Done"), "done", claim_id)]])


def after_item(tr: Translator, claim_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([
        [_button(tr.gettext("Done"), "done", claim_id)],
        [_button(tr.gettext("Another checklist item"), "items", claim_id)],
        [_button(tr.gettext("List evidence"), "list", claim_id)],
    ])


# --- what became of what was sent ---------------------------------------------------------------


def _name(tr: Translator, incoming: Incoming) -> str:
    if incoming.file_name:
        return f"“{incoming.file_name}”"
    _ = tr.gettext
    names = {
        "photo": _("the photo"),
        "document": _("the document"),
        "text": _("the note"),
        "forward": _("the forwarded message"),
    }
    return names.get(incoming.kind, _("the message"))


def refusal_text(tr: Translator, incoming: Incoming, refusal: Refusal) -> str:
    name = _name(tr, incoming)
    if refusal is Refusal.TOO_BIG:
        return tr.gettext(
            "{name} is larger than {limit}, the most Telegram lets me download. Nothing was"
            " stored. Send a smaller file, for example a PDF of just the relevant pages."
        ).format(name=name, limit=size_text(tr, MAX_DOWNLOAD_BYTES))
    if refusal is Refusal.EMPTY:
        return tr.gettext(
            "{name} is empty. Nothing was stored; please send the file again."
        ).format(name=name)
    if refusal is Refusal.TYPE:
        return tr.gettext(
            "I can't store {name}: I accept photos and {types} files. Nothing was stored."
        ).format(name=name, types=extension_list())
    return tr.gettext(
        "I can't store this kind of message as evidence. Send a photo, a document"
        " ({types}), a text note such as a tracking number, or forward a message."
    ).format(types=extension_list())


def _result_line(tr: Translator, label: str, result: Result) -> str:
    name = _name(tr, result.incoming)
    if result.outcome is Outcome.STORED:
        if result.incoming.file_id is None and result.incoming.kind == "forward":
            return tr.gettext(
                "Saved the forwarded message for “{item}”. Send more, or press Done."
            ).format(item=label)
        if result.incoming.file_id is None:
            return tr.gettext("Saved your note for “{item}”. Send more, or press Done.").format(
                item=label)
        return tr.gettext(
            "Stored {name} ({size}) for “{item}”. Send more, or press Done."
        ).format(name=name, size=size_text(tr, result.size), item=label)
    if result.outcome is Outcome.DUPLICATE:
        return tr.gettext("I already have {name} for this claim; I kept one copy.").format(
            name=name)
    if result.outcome is Outcome.FAILED:
        return tr.gettext(
            "I couldn't fetch {name} from Telegram. Please send it again in a moment."
        ).format(name=name)
    assert result.refusal is not None
    return refusal_text(tr, result.incoming, result.refusal)


def stored_screen(tr: Translator, claim_id: int, item_id: str, result: Result) -> Screen:
    """The answer to one message."""
    label = tr.render(item_label(item_id))
    return _result_line(tr, label, result), after_item(tr, claim_id)


def summary_screen(
    tr: Translator, claim_id: int, item_id: str, results: Sequence[Result]
) -> Screen:
    """One answer for several items (an album, or what waited for the checklist item)."""
    label = tr.render(item_label(item_id))
    stored = [r for r in results if r.outcome is Outcome.STORED]
    lines = [tr.ngettext(
        "Stored {count} item for “{item}”.", "Stored {count} items for “{item}”.", len(stored)
    ).format(count=tr.number(len(stored)), item=label)]
    lines.extend(_result_line(tr, label, r) for r in results if r.outcome is not Outcome.STORED)
    lines.append(tr.gettext("Send more, or press Done."))
    return "\n".join(lines), after_item(tr, claim_id)


# --- the list, removing, the ZIP ----------------------------------------------------------------


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
