"""The parts of the claim card that explain the advice: the claim's facts, the rule row it was
counted under (with its note behind a button), eligibility, and money and ODR as two facts.

Pure rendering from ``Triage`` and the claim; ``handlers.card`` puts the blocks together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta, tzinfo

from telegram import InlineKeyboardButton

from bot.claims_repo import StoredClaim
from bot.i18n import Translator
from domain.claims import Claim, NoticeKind, Reason
from domain.lifecycle import EventKind, State
from domain.rules import ClaimRule, ClaimSource, rule_for
from domain.triage import Triage
from handlers.claim_labels import marketplace_label, source_label

__all__ = [
    "advice_buttons",
    "eligibility_lines",
    "fact_lines",
    "money_lines",
    "rule_line",
    "rule_note_text",
    "under_review_line",
]


def _window(tr: Translator, window: timedelta) -> str:
    # "48 hours", as Amazon writes it, rather than "2 days".
    hours = int(window / timedelta(hours=1))
    if window <= timedelta(hours=72) and window == timedelta(hours=hours):
        return tr.ngettext("{count} hour", "{count} hours", hours).format(count=tr.number(hours))
    return tr.duration(window)


def rule_line(tr: Translator, claim: Claim, rule: ClaimRule) -> str:
    """Which row the deadline and advice come from: source, marketplace, window, source page,
    and the day it was checked."""
    return tr.gettext(
        "Rule: {source} · {marketplace} · {window} to answer · {url} · checked {checked}"
    ).format(
        source=source_label(tr, claim.source),
        marketplace=marketplace_label(tr, claim.marketplace),
        window=_window(tr, rule.response_window),
        url=rule.source_url,
        checked=tr.date(rule.checked_on),
    )


def rule_note_text(tr: Translator, claim: Claim, rule: ClaimRule, zone: tzinfo) -> str:
    """The row's note with its source, for the "About this rule" button."""
    lines = [rule_line(tr, claim, rule)]
    if rule.note is not None:
        lines += ["", tr.render(rule.note, zone)]
    if rule.appeal_window is not None and rule.appeal_source_url:
        lines += ["", tr.gettext("Appeal: {days} days after a grant at your expense · {url}")
                  .format(days=rule.appeal_window.days, url=rule.appeal_source_url)]
    return "\n".join(lines)


def under_review_line(tr: Translator, claim: Claim) -> str:
    if claim.is_fba:
        return tr.gettext("⏸ No deadline: Amazon handles FBA orders and has not asked you for "
                          "information. No reminders.")
    return tr.gettext("⏸ Under review: no answer required, no countdown and no reminders until "
                      "Amazon asks for information.")


def fact_lines(tr: Translator, claim: Claim, zone: tzinfo) -> list[str]:
    """The facts the advice used, as the seller entered them."""
    _ = tr.gettext
    lines = []
    if claim.source is ClaimSource.A_TO_Z and claim.notice_kind is not NoticeKind.UNKNOWN:
        lines.append(_("Notice: {kind}").format(kind=tr.render(claim.notice_kind.label)))
    if claim.chargeback_reason is not None:
        lines.append(_("Chargeback reason: {reason}").format(
            reason=tr.render(claim.chargeback_reason.label)))
    if claim.paypal_stage is not None:
        lines.append(_("PayPal stage: {stage}").format(stage=tr.render(claim.paypal_stage.label)))
    if claim.respond_by is not None:
        lines.append(_("Respond by (as the platform states it): {due}").format(
            due=tr.datetime(claim.respond_by, zone)))
    if claim.reason is Reason.NOT_RECEIVED and claim.tracking_status is not None:
        lines.append(_("Tracking: {status}").format(status=tr.render(claim.tracking_status.label)))
    shipped = [part for part in (
        claim.carrier,
        claim.tracking_number,
        tr.date(claim.ship_date) if claim.ship_date else "",
    ) if part]
    if shipped:
        lines.append(_("Shipped: {details}").format(details=" · ".join(shipped)))
    if claim.delivered_on is not None:
        lines.append(_("Delivered on: {day}").format(day=tr.date(claim.delivered_on)))
    if claim.buy_shipping_protected and claim.reason is Reason.NOT_RECEIVED:
        # The protection only covers "not received"; for other reasons it changes nothing.
        lines.append(_("Buy Shipping claims protection: yes") if claim.first_scan_on_time
                     is not False else _("Buy Shipping label, but the first scan was late: "
                                         "no claims protection"))
    return lines


def eligibility_lines(tr: Translator, result: Triage, zone: tzinfo) -> list[str]:
    if not result.eligibility:
        return []
    return [tr.gettext("Eligibility:"),
            *(f"⚠ {tr.render(issue.card, zone)}" for issue in result.eligibility)]


def money_lines(tr: Translator, result: Triage) -> list[str]:
    """Debited and ODR as two facts, once there is an outcome."""
    money = result.money
    if money is None or money.debited is None:
        return []
    _ = tr.gettext
    return [
        _("Debited from your account: yes") if money.debited
        else _("Debited from your account: no"),
        _("Counts toward your ODR: yes") if money.odr.counts
        else _("Counts toward your ODR: no"),
    ]


def advice_buttons(
    tr: Translator, stored: StoredClaim, callback: Callable[..., str]
) -> list[InlineKeyboardButton]:
    """"Amazon asked for information" (any time, also after a response) and the rule's note."""
    _ = tr.gettext
    buttons = []
    if stored.claim.source is ClaimSource.A_TO_Z and stored.state in (
        State.OPEN, State.RESPONDED, State.APPEALING
    ):
        buttons.append(InlineKeyboardButton(
            _("Amazon asked for information"), callback_data=callback("ev", stored.id, "info_req")
        ))
    claim = stored.claim
    if (claim.source is ClaimSource.A_TO_Z and stored.state is State.OPEN
            and claim.notice_kind is not NoticeKind.CLAIM_FILED
            and not any(e.kind is EventKind.INFO_REQUEST for e in stored.events)):
        # The window counts from the notice (registered before the question, or "I don't
        # know"): the seller can say Amazon only filed the claim.
        buttons.append(InlineKeyboardButton(
            _("No request from Amazon"), callback_data=callback("nk", stored.id, "filed")
        ))
    if rule_for(stored.claim.rule_id, stored.claim.rule_version).note is not None:
        buttons.append(InlineKeyboardButton(
            _("About this rule"), callback_data=callback("rule", stored.id)
        ))
    return buttons
