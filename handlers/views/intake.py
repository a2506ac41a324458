"""The intake's screens: one question per step, the summary, the field menu. Pure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from decimal import Decimal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from domain.claims import (
    NOTES_MAX_CHARS,
    Fulfilment,
    NoticeKind,
    Reason,
)
from domain.intake import EDIT_LABELS, ClaimDraft, Step, editable, step_applies
from domain.rules import ClaimSource, Marketplace
from handlers.claim_labels import marketplace_label, source_label
from handlers.ui.callbacks import ClaimButton, IntakeButton
from handlers.views.intake_facts import FACT_QUESTIONS, fact_summary_lines

__all__ = [
    "Screen",
    "choice_label",
    "duplicate",
    "edit_menu",
    "question",
    "resume_question",
    "summary",
    "summary_text",
]

Screen = tuple[str, InlineKeyboardMarkup | None]
AMAZON_MARKETPLACES = tuple(m for m in Marketplace if m.is_amazon)


def _button(text: str, action: str, arg: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=IntakeButton(action, arg=arg).pack())


def _cancel_row(tr: Translator) -> list[InlineKeyboardButton]:
    return [_button(tr.gettext("Cancel"), "cancel")]


def _pairs(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def _source(tr: Translator, draft: ClaimDraft) -> Screen:
    rows = [[_button(source_label(tr, source), "src", source.value)] for source in ClaimSource]
    return (
        tr.gettext("New claim. Where does it come from?"),
        InlineKeyboardMarkup([*rows, _cancel_row(tr)]),
    )


def _marketplace(tr: Translator, draft: ClaimDraft) -> Screen:
    buttons = [_button(m.host, "mp", m.value) for m in AMAZON_MARKETPLACES]
    return (
        tr.gettext("Which Amazon marketplace is the order from?"),
        InlineKeyboardMarkup([*_pairs(buttons), _cancel_row(tr)]),
    )


def _order_id(tr: Translator, draft: ClaimDraft) -> Screen:
    if draft.source is not None and draft.source.is_amazon:
        text = tr.gettext("What is the order number? For example 171-1234567-1234567.")
    else:
        text = tr.gettext("What is the order or transaction id, as it appears in the case?")
    return text, InlineKeyboardMarkup([_cancel_row(tr)])


def _reason(tr: Translator, draft: ClaimDraft) -> Screen:
    rows = [[_button(tr.render(reason.label), "rsn", reason.value)] for reason in Reason]
    return (
        tr.gettext("What does the buyer claim?"),
        InlineKeyboardMarkup([*rows, _cancel_row(tr)]),
    )


def _fulfilment(tr: Translator, draft: ClaimDraft) -> Screen:
    rows = [[_button(tr.render(f.label), "ful", f.value)] for f in Fulfilment]
    return tr.gettext("Who shipped the order?"), InlineKeyboardMarkup([*rows, _cancel_row(tr)])


def _amount(tr: Translator, draft: ClaimDraft) -> Screen:
    text = tr.gettext(
        "What amount is the claim about? Type it like {example}. I'll use {currency} unless "
        "you add another currency code, for example {other}."
    ).format(
        example=tr.number(Decimal("49.95")),
        currency=draft.currency,
        other=tr.gettext("{amount} GBP").format(amount=tr.number(Decimal(30))),
    )
    return text, InlineKeyboardMarkup([_cancel_row(tr)])


def _notice(tr: Translator, draft: ClaimDraft) -> Screen:
    if draft.notice_kind is NoticeKind.INFO_REQUEST:
        text = tr.gettext(
            "When did Amazon's request for information arrive? Type your local date and time, "
            "like 21-11 14:30 or yesterday 9:00, or tap Just now."
        )
    else:
        text = tr.gettext(
            "When did the claim notice arrive? Type your local date and time, like 21-11 14:30 "
            "or yesterday 9:00, or tap Just now."
        )
    return text, InlineKeyboardMarkup([[_button(tr.gettext("Just now"), "now")], _cancel_row(tr)])


def _delivery(tr: Translator, draft: ClaimDraft) -> Screen:
    text = tr.gettext(
        "What was the latest estimated delivery date of the order? Type it like 21-11, or tap "
        "Skip if you don't know it."
    )
    return text, InlineKeyboardMarkup([[_button(tr.gettext("Skip"), "skip")], _cancel_row(tr)])


def _buy_shipping(tr: Translator, draft: ClaimDraft) -> Screen:
    text = tr.gettext(
        "Did you buy the shipping label through Amazon Buy Shipping with claims protection?"
    )
    return text, InlineKeyboardMarkup(
        [[_button(tr.gettext("Yes"), "bs", "y"), _button(tr.gettext("No"), "bs", "n")],
         _cancel_row(tr)]
    )


def _notes(tr: Translator, draft: ClaimDraft) -> Screen:
    text = tr.gettext(
        "Anything to add for your response, such as what the buyer wrote? Type it (at most "
        "{max} characters), or tap Skip."
    ).format(max=tr.number(NOTES_MAX_CHARS))
    return text, InlineKeyboardMarkup([[_button(tr.gettext("Skip"), "skip")], _cancel_row(tr)])


_QUESTIONS: dict[Step, Callable[[Translator, ClaimDraft], Screen]] = {
    Step.SOURCE: _source,
    Step.MARKETPLACE: _marketplace,
    Step.ORDER_ID: _order_id,
    Step.REASON: _reason,
    Step.FULFILMENT: _fulfilment,
    Step.AMOUNT: _amount,
    Step.NOTICE: _notice,
    Step.DELIVERY: _delivery,
    Step.BUY_SHIPPING: _buy_shipping,
    Step.NOTES: _notes,
    **FACT_QUESTIONS,
}


def choice_label(tr: Translator, step: Step, value: str) -> str | None:
    """A source, marketplace, reason or fulfilment answer as the seller reads it; None for
    the other steps."""
    if step is Step.SOURCE:
        return source_label(tr, ClaimSource(value))
    if step is Step.MARKETPLACE:
        return Marketplace(value).host or value
    if step is Step.REASON:
        return tr.render(Reason(value).label)
    if step is Step.FULFILMENT:
        return tr.render(Fulfilment(value).label)
    return None


def question(tr: Translator, draft: ClaimDraft, step: Step) -> Screen:
    """The question of ``step``, with its buttons."""
    return _QUESTIONS[step](tr, draft)


def summary_text(tr: Translator, zone: tzinfo, draft: ClaimDraft) -> str:
    """The draft as the seller checks it before confirming."""
    _ = tr.gettext
    assert draft.source is not None and draft.reason is not None and draft.amount is not None
    assert draft.notice_at is not None
    marketplace = draft.marketplace if draft.source.is_amazon else Marketplace.WEBSHOP
    lines = [
        _("Please check the claim:"),
        _("Source: {source}").format(source=source_label(tr, draft.source)),
        _("Marketplace: {marketplace}").format(
            marketplace=marketplace_label(tr, marketplace or Marketplace.WEBSHOP)
        ),
        _("Order: {order_id}").format(order_id=draft.order_id),
        _("Reason: {reason}").format(reason=tr.render(draft.reason.label)),
    ]
    if draft.source.is_amazon and draft.fulfilment is not None:
        lines.append(_("Fulfilment: {fulfilment}").format(
            fulfilment=tr.render(draft.fulfilment.label)
        ))
    lines += [
        _("Amount: {amount}").format(amount=tr.money(draft.amount)),
        _("Notice received: {at}").format(at=tr.datetime(draft.notice_at, zone)),
        _("Latest estimated delivery: {date}").format(
            date=tr.date(draft.latest_delivery) if draft.latest_delivery else _("not given")
        ),
    ]
    if step_applies(draft, Step.BUY_SHIPPING):
        lines.append(_("Buy Shipping claims protection: {answer}").format(
            answer=_("yes") if draft.buy_shipping else _("no")
        ))
    lines += fact_summary_lines(tr, zone, draft)
    lines.append(_("Notes: {notes}").format(notes=draft.notes or _("none")))
    return "\n".join(lines)


def summary(tr: Translator, zone: tzinfo, draft: ClaimDraft) -> Screen:
    return summary_text(tr, zone, draft), InlineKeyboardMarkup([
        [_button(tr.gettext("Confirm"), "ok")],
        [_button(tr.gettext("Edit a field"), "edit")],
        _cancel_row(tr),
    ])


def edit_menu(tr: Translator, draft: ClaimDraft) -> Screen:
    buttons = [_button(tr.gettext(EDIT_LABELS[code]), "ef", code) for code in editable(draft)]
    return (
        tr.gettext("Which field do you want to change?"),
        InlineKeyboardMarkup([*_pairs(buttons), [_button(tr.gettext("Back to the summary"),
                                                         "sum")]]),
    )


def resume_question(tr: Translator, started: str) -> Screen:
    return tr.gettext(
        "You have a claim in progress, started {started}. Continue where you left "
        "off, or start over?"
    ).format(started=started), resume_buttons(tr)


def resume_buttons(tr: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([
        [_button(tr.gettext("Continue"), "cont"), _button(tr.gettext("Start over"), "new")],
    ])


def duplicate(tr: Translator, order_id: str, claim_id: int) -> Screen:
    """The order is registered already: offer that claim instead."""
    return tr.gettext(
        "You already registered order {order_id} for this source. Open that claim, or type "
        "another order number."
    ).format(order_id=order_id), InlineKeyboardMarkup([
        [InlineKeyboardButton(tr.gettext("Open the existing claim"),
                              callback_data=ClaimButton("open", claim_id).pack())],
        _cancel_row(tr),
    ])
