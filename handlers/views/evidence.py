"""The evidence screens while collecting: picking claim and checklist item, what was stored.

Pure: a translator and plain values in, ``(text, markup)`` out. Labels are the domain's
(``domain.evidence.item_label`` / ``kind_label``), so the ZIP's summary says the same. The
list, removal and ZIP screens are ``handlers.views.evidence_list``.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.units import format_unit
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.claims_repo import StoredClaim
from bot.evidence_types import (
    MAX_DOWNLOAD_BYTES,
    Incoming,
    Outcome,
    Refusal,
    Result,
    extension_list,
)
from bot.i18n import Translator
from domain.evidence import OTHER_ITEM, checklist_for, item_label
from handlers.ui.callbacks import EvidenceButton

__all__ = [
    "Screen",
    "after_item",
    "also_arg",
    "also_text",
    "claim_picker",
    "item_question",
    "no_open_claims_text",
    "no_such_order_text",
    "not_stored_text",
    "nothing_to_finish_text",
    "refusal_text",
    "send_prompt",
    "session_expired_text",
    "size_text",
    "stopped_text",
    "stored_screen",
    "summary_screen",
    "waiting_text",
    "which_claim_text",
]

Screen = tuple[str, InlineKeyboardMarkup | None]


def _button(text: str, action: str, claim_id: int, arg: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=EvidenceButton(action, claim_id, arg).pack())


def size_text(tr: Translator, size: int | None) -> str:
    """``850 bytes``, ``12.3 kB``, ``4.2 MB`` in the seller's number format."""
    if size is None:
        return "?"
    # Decimal units, as Telegram states its limits (20 MB = 20,000,000 bytes).
    if size < 1000:
        # CLDR's short English byte unit does not inflect ("134 byte"); the long one does.
        return format_unit(size, "digital-byte", length="long", locale=tr.locale)
    if size < 1000 * 1000:
        return format_unit(round(size / 1000, 1), "digital-kilobyte", length="short",
                           locale=tr.locale)
    return format_unit(round(size / (1000 * 1000), 1), "digital-megabyte", length="short",
                       locale=tr.locale)


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


def no_open_claims_text(tr: Translator) -> str:
    return tr.gettext(
        "You have no open claims. Register one first with /nieuweclaim (or /newclaim).")


def waiting_text(tr: Translator, *, choosing_claim: bool, kept: bool) -> str:
    """Evidence sent before claim or item are chosen: kept (or not, when too much waits)."""
    first = (
        tr.gettext("First choose the claim with one of the buttons above (or type its order"
                   " number); then send the rest.")
        if choosing_claim
        else tr.gettext("First choose the checklist item with one of the buttons above; then"
                        " send the rest.")
    )
    return tr.gettext("Got it, I'll keep it until then.") + " " + first if kept else first


def session_expired_text(tr: Translator) -> str:
    return tr.gettext(
        "You were adding evidence more than a day ago; I closed that session and stored nothing"
        " from this message. Send /bewijs (or /evidence) to add more.")


def which_claim_text(tr: Translator) -> str:
    return tr.gettext("Which claim is this for? Start again with /bewijs (or /evidence).")


def nothing_to_finish_text(tr: Translator) -> str:
    return tr.gettext("There is nothing to finish.")


def not_stored_text(tr: Translator, count: int) -> str:
    """What waited for a checklist item when the seller pressed Done."""
    return tr.ngettext(
        "{count} item you sent before choosing a checklist item was not stored.",
        "{count} items you sent before choosing a checklist item were not stored.",
        count,
    ).format(count=tr.number(count))


def stopped_text(tr: Translator) -> str:
    return tr.gettext("Okay, stopped adding evidence. What you already sent is kept.")


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


def also_arg(evidence_id: int, item_id: str) -> str:
    """The ``ev:also`` argument: which stored file, and the item it also proves."""
    return f"{evidence_id}_{item_id}"


def stored_screen(
    tr: Translator,
    claim_id: int,
    item_id: str,
    result: Result,
    also: Sequence[str] = (),
) -> Screen:
    """The answer to one message; a stored file offers the ``also`` items it may prove too."""
    label = tr.render(item_label(item_id))
    markup = after_item(tr, claim_id)
    if result.outcome is Outcome.STORED and result.evidence_id is not None and also:
        offers = [
            [_button(tr.gettext("Also proves: {item}").format(item=tr.render(item_label(other))),
                     "also", claim_id, also_arg(result.evidence_id, other))]
            for other in also
        ]
        markup = InlineKeyboardMarkup([*offers, *markup.inline_keyboard])
    return _result_line(tr, label, result), markup


def also_text(tr: Translator, item_id: str, *, added: bool) -> str:
    """The answer to an "Also proves" press."""
    label = tr.render(item_label(item_id))
    if added:
        return tr.gettext("Also filed under “{item}”.").format(item=label)
    return tr.gettext("That file is already filed under “{item}”.").format(item=label)


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
