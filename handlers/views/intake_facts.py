"""The intake's questions about the facts the advice needs, and their summary lines. Pure.

Which notice the seller has (Amazon's request for information or only the claim), the
chargeback reason, PayPal's stage and "respond by" date, what the tracking says for "not
received", carrier, tracking number and ship date, the first carrier scan for Buy Shipping,
and whether the buyer contacted the seller first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from domain.claims import ChargebackReason, NoticeKind, PayPalStage, TrackingStatus
from domain.intake import ClaimDraft, Step, step_applies
from domain.text import N_
from handlers.ui.callbacks import IntakeButton

__all__ = ["FACT_ACTIONS", "FACT_QUESTIONS", "fact_label", "fact_summary_lines"]

Screen = tuple[str, InlineKeyboardMarkup | None]

# Button action of each fact step (IntakeButton actions).
FACT_ACTIONS: dict[str, Step] = {
    "cbr": Step.CB_REASON, "nk": Step.NOTICE_KIND, "pps": Step.PAYPAL_STAGE,
    "trk": Step.TRACKING, "fs": Step.FIRST_SCAN, "ctc": Step.CONTACT,
}
_ACTION = {step: action for action, step in FACT_ACTIONS.items()}


def _button(text: str, action: str, arg: str | None = None) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=IntakeButton(action, arg=arg).pack())


def _cancel(tr: Translator) -> list[InlineKeyboardButton]:
    return [_button(tr.gettext("Cancel"), "cancel")]


def _yes_no_unknown(tr: Translator, step: Step) -> list[list[InlineKeyboardButton]]:
    action = _ACTION[step]
    return [
        [_button(tr.gettext("Yes"), action, "y"), _button(tr.gettext("No"), action, "n")],
        [_button(tr.gettext("I don't know"), action, "u")],
        _cancel(tr),
    ]


def fact_label(tr: Translator, step: Step, value: str) -> str:
    """A chosen answer as the closed question shows it."""
    if step is Step.CB_REASON:
        return tr.gettext("I don't know") if value == "u" else tr.render(
            ChargebackReason(value).label)
    if step is Step.NOTICE_KIND:
        return tr.render(NoticeKind(value).label)
    if step is Step.PAYPAL_STAGE:
        return tr.render(PayPalStage(value).label)
    if step is Step.TRACKING:
        return tr.render(TrackingStatus(value).label)
    return {"y": tr.gettext("Yes"), "n": tr.gettext("No")}.get(value, tr.gettext("I don't know"))


def _cb_reason(tr: Translator, draft: ClaimDraft) -> Screen:
    rows = [[_button(tr.render(r.label), "cbr", r.value)] for r in ChargebackReason]
    return tr.gettext(
        "What is the chargeback reason in Amazon's e-mail? A fraud (unauthorised use) "
        "chargeback is Amazon's liability; a service chargeback counts toward your ODR."
    ), InlineKeyboardMarkup([*rows, [_button(tr.gettext("I don't know"), "cbr", "u")],
                             _cancel(tr)])


def _notice_kind(tr: Translator, draft: ClaimDraft) -> Screen:
    rows = [[_button(tr.render(k.label), "nk", k.value)] for k in NoticeKind]
    return tr.gettext(
        "Which notice do you have? Only Amazon's request for information (e-mail, \"Action "
        "required\" tab) starts the 48 hours; a claim under review needs no answer."
    ), InlineKeyboardMarkup([*rows, _cancel(tr)])


def _paypal_stage(tr: Translator, draft: ClaimDraft) -> Screen:
    rows = [[_button(tr.render(k.label), "pps", k.value)] for k in PayPalStage]
    return tr.gettext(
        "Is it a dispute (you and the buyer talk for up to 20 days) or a claim (PayPal "
        "decides)?"
    ), InlineKeyboardMarkup([*rows, _cancel(tr)])


def _respond_by(tr: Translator, draft: ClaimDraft) -> Screen:
    return tr.gettext(
        "Which \"respond by\" date does PayPal's Resolution Center show? Type it like 28-11, or "
        "tap Skip: then I count about 10 days."
    ), InlineKeyboardMarkup([[_button(tr.gettext("Skip"), "skip")], _cancel(tr)])


def _tracking(tr: Translator, draft: ClaimDraft) -> Screen:
    rows = [[_button(tr.render(k.label), "trk", k.value)] for k in TrackingStatus]
    return tr.gettext("What does the carrier's tracking say?"), InlineKeyboardMarkup(
        [*rows, _cancel(tr)]
    )


def _typed(text: str) -> Callable[[Translator, ClaimDraft], Screen]:
    def screen(tr: Translator, draft: ClaimDraft) -> Screen:
        return tr.gettext(text), InlineKeyboardMarkup(
            [[_button(tr.gettext("Skip"), "skip")], _cancel(tr)]
        )
    return screen


def _first_scan(tr: Translator, draft: ClaimDraft) -> Screen:
    return tr.gettext(
        "Was the carrier's first scan on or before the ship-by date? Without it, Buy Shipping "
        "does not protect the claim."
    ), InlineKeyboardMarkup(_yes_no_unknown(tr, Step.FIRST_SCAN))


def _contact(tr: Translator, draft: ClaimDraft) -> Screen:
    return tr.gettext(
        "Did the buyer contact you (a message or a return request) before filing the claim?"
    ), InlineKeyboardMarkup(_yes_no_unknown(tr, Step.CONTACT))


FACT_QUESTIONS: dict[Step, Callable[[Translator, ClaimDraft], Screen]] = {
    Step.CB_REASON: _cb_reason,
    Step.NOTICE_KIND: _notice_kind,
    Step.PAYPAL_STAGE: _paypal_stage,
    Step.RESPOND_BY: _respond_by,
    Step.TRACKING: _tracking,
    Step.CARRIER: _typed(N_("Which carrier shipped it? For example PostNL or DHL, or tap Skip.")),
    Step.TRACKING_NUMBER: _typed(N_("What is the tracking number? Type it, or tap Skip.")),
    Step.SHIP_DATE: _typed(N_("On which day did you ship it? Type it like 21-11, or tap Skip.")),
    Step.FIRST_SCAN: _first_scan,
    Step.CONTACT: _contact,
}


def fact_summary_lines(tr: Translator, zone: tzinfo, draft: ClaimDraft) -> list[str]:
    """The answered facts, for the summary the seller checks."""
    _ = tr.gettext
    lines = []
    if step_applies(draft, Step.CB_REASON):
        lines.append(_("Chargeback reason: {reason}").format(
            reason=tr.render(draft.chargeback_reason.label) if draft.chargeback_reason
            else _("not known")))
    if step_applies(draft, Step.NOTICE_KIND) and draft.notice_kind is not None:
        kind = (_("not known") if draft.notice_kind is NoticeKind.UNKNOWN
                else tr.render(draft.notice_kind.label))
        lines.append(_("Notice: {kind}").format(kind=kind))
    if step_applies(draft, Step.PAYPAL_STAGE) and draft.paypal_stage is not None:
        lines.append(_("PayPal stage: {stage}").format(stage=tr.render(draft.paypal_stage.label)))
    if step_applies(draft, Step.RESPOND_BY) and draft.respond_by is not None:
        lines.append(_("Respond by (as the platform states it): {due}").format(
            due=tr.datetime(draft.respond_by, zone)))
    if step_applies(draft, Step.TRACKING) and draft.tracking_status is not None:
        lines.append(_("Tracking: {status}").format(
            status=tr.render(draft.tracking_status.label)))
        shipped = [part for part in (draft.carrier, draft.tracking_number,
                                     tr.date(draft.ship_date) if draft.ship_date else None)
                   if part]
        if shipped:
            lines.append(_("Shipped: {details}").format(details=" · ".join(shipped)))
    if step_applies(draft, Step.FIRST_SCAN):
        lines.append(_("First carrier scan on time: {answer}").format(
            answer=_yes_no(tr, draft.first_scan_on_time)))
    if step_applies(draft, Step.CONTACT):
        lines.append(_("Buyer contacted you first: {answer}").format(
            answer=_yes_no(tr, draft.buyer_contacted_first)))
    return lines


def _yes_no(tr: Translator, value: bool | None) -> str:
    if value is None:
        return tr.gettext("not known")
    return tr.gettext("yes") if value else tr.gettext("no")
