"""The paste flow's screens: what was read from a notice, its best readings as buttons, and
what a notice changed on a claim. Pure."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal

from telegram import InlineKeyboardButton

from bot.claims_repo import StoredClaim
from bot.i18n import Translator
from domain.claims import NoticeKind
from domain.intake import Step
from domain.lifecycle import EventKind
from domain.money import Money
from domain.notice import NoticeEvent
from domain.notice_intake import NoticeHints
from domain.text import N_
from handlers.ui.callbacks import IntakeButton
from handlers.views.intake import choice_label

__all__ = [
    "READ_MARK",
    "read_line",
    "read_preface",
    "suggestion_label",
    "suggestion_rows",
    "update_text",
]

READ_MARK = "📋"

_KINDS = {
    NoticeEvent.FILED: N_("a new claim"),
    NoticeEvent.INFO_REQUEST: N_("Amazon asks for information"),
    NoticeEvent.ESCALATED: N_("the dispute became a claim"),
    NoticeEvent.GRANTED: N_("decision: granted to the buyer"),
    NoticeEvent.DENIED: N_("decision: decided in your favour"),
}
_FIELDS = {
    Step.SOURCE: N_("source"),
    Step.MARKETPLACE: N_("marketplace"),
    Step.ORDER_ID: N_("order"),
    Step.REASON: N_("reason"),
    Step.CB_REASON: N_("chargeback reason"),
    Step.FULFILMENT: N_("fulfilment"),
    Step.AMOUNT: N_("amount"),
    Step.NOTICE_KIND: N_("whether Amazon asked for information"),
    Step.NOTICE: N_("notice time"),
    Step.PAYPAL_STAGE: N_("dispute or claim"),
    Step.RESPOND_BY: N_("respond-by date"),
}


def _fields(tr: Translator, steps: set[Step] | list[Step]) -> str:
    ordered = [step for step in _FIELDS if step in steps]
    return ", ".join(tr.gettext(_FIELDS[step]) for step in ordered)


def read_preface(tr: Translator, hints: NoticeHints) -> str:
    """One or two lines before the first question or the summary: what the notice gave."""
    lines = [tr.gettext("{mark} I read the notice: {kind}.").format(
        mark=READ_MARK, kind=tr.gettext(_KINDS[hints.kind]))]
    if hints.read:
        lines.append(tr.gettext("Taken from it: {fields}.").format(fields=_fields(tr, hints.read)))
    if hints.suggestions:
        lines.append(tr.gettext("Please confirm: {fields}.").format(
            fields=_fields(tr, list(hints.suggestions))))
    return "\n".join(lines)


def read_line(tr: Translator, hints: NoticeHints) -> str:
    """Above the summary: the fields the notice gave."""
    return tr.gettext("{mark} From the notice: {fields}.").format(
        mark=READ_MARK, fields=_fields(tr, hints.read))


def suggestion_label(tr: Translator, zone: tzinfo, step: Step, value: str) -> str:
    """A reading as its button and the closed question show it."""
    label = choice_label(tr, step, value)
    if label is not None:
        return label
    if step is Step.AMOUNT:
        number, currency = value.split(" ")
        return tr.money(Money(Decimal(number), currency))
    if step is Step.NOTICE:
        return tr.datetime(datetime.fromisoformat(value), zone)
    if step is Step.NOTICE_KIND:
        return tr.render(NoticeKind(value).label)
    return value


def suggestion_rows(tr: Translator, zone: tzinfo, hints: NoticeHints,
                    step: Step) -> list[list[InlineKeyboardButton]]:
    """The notice's readings for ``step`` as buttons, best first (none if it gave none)."""
    rows = []
    for index, value in enumerate(hints.suggestions.get(step, ())):
        try:
            label = suggestion_label(tr, zone, step, value)
        except ValueError:  # a stored value that no longer reads: leave it out
            continue
        rows.append([InlineKeyboardButton(
            f"{READ_MARK} {label}", callback_data=IntakeButton("use", arg=str(index)).pack(),
        )])
    return rows


def escalated_text(tr: Translator, zone: tzinfo, stored: StoredClaim) -> str:
    """A PayPal dispute became a claim: what the bot now counts with."""
    claim = stored.claim
    if claim.respond_by is not None:
        return tr.gettext(
            "{mark} PayPal escalated the dispute about order {order_id} to a claim. I recorded "
            "that, with PayPal's respond-by date {due}, and kept the notice as a note."
        ).format(mark=READ_MARK, order_id=claim.order_id, due=tr.datetime(claim.respond_by, zone))
    return tr.gettext(
        "{mark} PayPal escalated the dispute about order {order_id} to a claim. I recorded "
        "that and kept the notice as a note. This notice gives no respond-by date: look it up "
        "in PayPal's Resolution Center."
    ).format(mark=READ_MARK, order_id=claim.order_id)


def update_text(tr: Translator, order_id: str, kind: NoticeEvent, event: EventKind | None,
                refused_state: str | None) -> str:
    """What a notice about an already registered claim changed."""
    if event is not None:
        return tr.gettext(
            "{mark} This notice is about your claim for order {order_id}. I recorded: {event}, "
            "and kept the notice as a note."
        ).format(mark=READ_MARK, order_id=order_id, event=tr.render(event.label))
    if refused_state is not None:
        return tr.gettext(
            "{mark} This notice is about your claim for order {order_id}, which is already "
            "“{state}”, so I changed nothing but kept the notice as a note."
        ).format(mark=READ_MARK, order_id=order_id, state=refused_state)
    if kind is NoticeEvent.INFO_REQUEST:
        return tr.gettext(
            "{mark} Amazon asks for information about order {order_id}. I kept the notice as a "
            "note on your claim; answer in Seller Central within 48 hours."
        ).format(mark=READ_MARK, order_id=order_id)
    return tr.gettext(
        "{mark} You already have a claim for order {order_id}. I kept the notice as a note on "
        "it."
    ).format(mark=READ_MARK, order_id=order_id)
