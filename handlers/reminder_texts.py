"""What reminders, the long-downtime summary, the daily digest and /deadlines say (pure rendering).

Callback data: ``cl:open|draft|appeal:<claim id>`` (the claim feature's buttons),
``rm:resp:<claim id>`` (mark as responded), ``rm:apl:<claim id>`` (mark as appealed) and
``rm:snz:<reminder id>`` (snooze).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.claims_repo import StoredClaim
from bot.i18n import Translator
from bot.reminders_repo import ReminderRow
from domain.deadlines import Deadline, DeadlineKind, deadlines
from domain.reminders import SNOOZE, SNOOZE_CLOSE, SNOOZE_MARGIN, ReminderKind
from domain.reminders import snooze_until as domain_snooze_until
from domain.rules import RULES, ClaimSource
from handlers.claim_labels import marketplace_label
from handlers.ui.callbacks import ClaimButton, ReminderButton

__all__ = [
    "MAX_LISTED",
    "SNOOZE",
    "SNOOZE_CLOSE",
    "SNOOZE_MARGIN",
    "TEXT_LIMIT",
    "Upcoming",
    "claim_line",
    "render_deadlines",
    "render_digest",
    "render_reminder",
    "render_summary",
    "snooze_until",
    "upcoming",
]

TEXT_LIMIT = 4096
MAX_BUTTONS = 8
MAX_LISTED = 40  # deadlines a listing renders at most: 4096 characters hold about 30

_APPEAL_KINDS = frozenset(
    {ReminderKind.APPEAL_NOW, ReminderKind.APPEAL_T7D, ReminderKind.APPEAL_T2D,
     ReminderKind.APPEAL_T1D}
)


@dataclass(frozen=True)
class Upcoming:
    """A running deadline of one claim."""

    deadline: Deadline
    stored: StoredClaim


def upcoming(
    claims: Sequence[StoredClaim], now: datetime, within: timedelta | None = None
) -> list[Upcoming]:
    """The claims' running deadlines still ahead (within ``within`` if given), nearest first."""
    found = [
        Upcoming(deadline, stored)
        for stored in claims
        for deadline in deadlines(stored.claim, stored.events)
        if deadline.done_at is None
        and deadline.due_at > now
        and (within is None or deadline.due_at <= now + within)
    ]
    return sorted(found, key=lambda item: (item.deadline.due_at, item.stored.id))


def claim_line(tr: Translator, stored: StoredClaim) -> str:
    claim = stored.claim
    return tr.gettext("Claim {order_id} · {marketplace} · {reason}").format(
        order_id=claim.order_id,
        marketplace=marketplace_label(tr, claim.marketplace),
        reason=tr.render(claim.reason.label),
    )


def _claim(action: str, claim_id: int) -> str:
    return ClaimButton(action, claim_id).pack()


def _reminder(action: str, row_id: int) -> str:
    return ReminderButton(action, row_id).pack()


def snooze_until(row: ReminderRow, now: datetime) -> datetime | None:
    """The domain's snooze policy for this row's deadline (``domain.reminders.snooze_until``)."""
    return domain_snooze_until(row.deadline_at, now)


def _left_line(tr: Translator, deadline: datetime, now: datetime) -> str:
    left = deadline - now
    if -timedelta(minutes=1) < left <= timedelta(0):
        return tr.gettext("The deadline is now.")
    if left <= timedelta(0):
        return tr.gettext("Passed {ago} ago.").format(ago=tr.duration(-left))
    return tr.gettext("Time left: {left}.").format(left=tr.duration(left))


def render_reminder(
    tr: Translator,
    zone: tzinfo,
    stored: StoredClaim,
    row: ReminderRow,
    now: datetime,
    *,
    late: bool,
) -> tuple[str, InlineKeyboardMarkup]:
    """The reminder message for ``row`` and its buttons, in the seller's language and zone."""
    _ = tr.gettext
    appeal = row.kind in _APPEAL_KINDS
    overdue = row.kind is ReminderKind.RESPONSE_OVERDUE
    lines: list[str] = []
    if late:
        lines.append(_("🕓 Sent late: I was offline when this reminder was due."))
    if overdue:
        lines.append(_("❗ The deadline to answer this claim has passed."))
    elif appeal:
        lines.append(_("📅 Reminder: the window to appeal this claim is closing."))
    else:
        lines.append(_("⏰ Reminder: answer this claim before the deadline."))
    lines.append(claim_line(tr, stored))
    due = tr.datetime(row.deadline_at, zone)
    if appeal:
        lines.append(_("Appeal deadline: {deadline}").format(deadline=due))
    else:
        lines.append(_("Answer deadline: {deadline}").format(deadline=due))
    lines.append(_left_line(tr, row.deadline_at, now))
    if overdue:
        lines.extend(["", *_overdue_lines(tr, stored)])
    buttons = _buttons(tr, stored, row, now, appeal=appeal, overdue=overdue)
    return "\n".join(lines), InlineKeyboardMarkup(buttons)


def _overdue_lines(tr: Translator, stored: StoredClaim) -> list[str]:
    _ = tr.gettext
    rule = RULES.get(stored.claim.rule_id, stored.claim.rule_version)
    lines = [
        _("What happens now: {consequence}").format(consequence=tr.render(rule.missed_response)),
        _("What you can still do:"),
    ]
    if stored.claim.source is ClaimSource.A_TO_Z:
        lines.append(
            _("• Refund the buyer: that closes the claim, though it still counts toward your "
              "Order Defect Rate.")
        )
    else:
        lines.append(_("• Refund the buyer: that closes the case."))
    if rule.appeal_window is not None:
        lines.append(
            _("• If the claim is granted at your expense, appeal within {window} of the "
              "decision, with new information.").format(window=tr.duration(rule.appeal_window))
        )
    lines.append(_("Record what happened on the claim, so I can plan what comes next."))
    return lines


def _buttons(
    tr: Translator,
    stored: StoredClaim,
    row: ReminderRow,
    now: datetime,
    *,
    appeal: bool,
    overdue: bool,
) -> list[list[InlineKeyboardButton]]:
    _ = tr.gettext
    claim_id = stored.id
    first = [InlineKeyboardButton(_("Open claim"), callback_data=_claim("open", claim_id))]
    if appeal:
        first.append(
            InlineKeyboardButton(_("Draft appeal"), callback_data=_claim("appeal", claim_id))
        )
    elif not overdue:
        first.append(
            InlineKeyboardButton(_("Draft response"), callback_data=_claim("draft", claim_id))
        )
    second = [
        InlineKeyboardButton(_("Mark as appealed"), callback_data=_reminder("apl", claim_id))
        if appeal
        else InlineKeyboardButton(_("Mark as responded"), callback_data=_reminder("resp", claim_id))
    ]
    until = None if overdue else snooze_until(row, now)
    if until is not None:
        label = _("Snooze 15 minutes") if until - now <= SNOOZE_CLOSE else _("Snooze 1 hour")
        second.append(InlineKeyboardButton(label, callback_data=_reminder("snz", row.id)))
    return [first, second]


def _trimmed(
    header: str, lines: Iterable[str], count: int, more: str, hidden: int = 0
) -> str:
    """The header and ``count`` lines, dropping the last ones to stay under Telegram's limit and
    saying how many are left out (``hidden`` more were never rendered). ``lines`` may be lazy:
    lines past what the message can hold are never rendered."""
    reserve = 1 + len(more.format(count=hidden + count))  # room for the "… and N more" line
    kept, size = [header], len(header)
    cut = None  # lines (with the header) that fit with room for that line
    for line in lines:
        size += 1 + len(line)
        if cut is None and size + reserve > TEXT_LIMIT:
            cut = len(kept)
        if size > TEXT_LIMIT:
            break
        kept.append(line)
    else:
        if not hidden:  # everything fits: no "more" line needed
            return "\n".join(kept)
    if cut is None:
        cut = len(kept)
    left_out = count + 1 - cut + hidden
    return "\n".join([*kept[:cut], more.format(count=left_out)] if left_out else kept[:cut])


def _what(tr: Translator, deadline: Deadline) -> str:
    if deadline.kind is DeadlineKind.APPEAL:
        return tr.gettext("appeal window closes")
    return tr.gettext("answer due")


def render_summary(
    tr: Translator, zone: tzinfo, items: Sequence[tuple[ReminderRow, StoredClaim | None]]
) -> str:
    """One message for reminders whose deadline passed more than a day ago (after downtime)."""
    _ = tr.gettext
    lines = [_("🕓 While I was offline, these deadlines passed more than a day ago:")]
    seen: set[tuple[int, datetime]] = set()
    for row, stored in sorted(items, key=lambda item: item[0].deadline_at):
        if stored is None or (row.claim_id, row.deadline_at) in seen:
            continue
        seen.add((row.claim_id, row.deadline_at))
        what = (
            _("appeal deadline") if row.kind in _APPEAL_KINDS else _("answer deadline")
        )
        lines.append(
            _("• {claim}: {what} {deadline}").format(
                claim=claim_line(tr, stored), what=what, deadline=tr.datetime(row.deadline_at, zone)
            )
        )
    lines.append(_("Record what happened on each claim. /deadlines shows what is still running."))
    return _trimmed(lines[0], lines[1:], len(lines) - 1, _("… and {count} more."))


def _deadline_lines(
    tr: Translator, zone: tzinfo, found: Sequence[Upcoming], now: datetime
) -> Iterator[str]:
    _ = tr.gettext
    for item in found:
        yield _("• {deadline} ({left} left), {what}\n  {claim}").format(
            deadline=tr.datetime(item.deadline.due_at, zone),
            left=tr.duration(item.deadline.due_at - now),
            what=_what(tr, item.deadline),
            claim=claim_line(tr, item.stored),
        )


def render_digest(
    tr: Translator,
    zone: tzinfo,
    claims: Sequence[StoredClaim],
    now: datetime,
    window: timedelta,
    total: int | None = None,
) -> str | None:
    """The daily digest: deadlines in the next ``window``; None when there is nothing to say.

    ``claims`` may be the nearest ``MAX_LISTED`` of ``total`` claims with such a deadline."""
    found = upcoming(claims, now, window)
    if not found:
        return None
    _ = tr.gettext
    hidden = max((total or 0) - len(claims), 0)
    return _trimmed(_("📋 Your deadlines in the next 48 hours:"),
                    _deadline_lines(tr, zone, found, now), len(found), _("… and {count} more."),
                    hidden)


def render_deadlines(
    tr: Translator,
    zone: tzinfo,
    claims: Sequence[StoredClaim],
    now: datetime,
    total: int | None = None,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """/deadlines: every running deadline still ahead, nearest first, with buttons to open them.

    ``claims`` may be the nearest ``MAX_LISTED`` of ``total`` claims with a deadline ahead."""
    _ = tr.gettext
    found = upcoming(claims, now)
    if not found:
        return _("You have no upcoming deadlines."), None
    claims_by_id = {item.stored.id: item.stored for item in found}
    nearest = list(dict.fromkeys(item.stored.id for item in found))[:MAX_BUTTONS]
    buttons = [
        [
            InlineKeyboardButton(
                _("Open {order_id}").format(order_id=claims_by_id[claim_id].claim.order_id),
                callback_data=_claim("open", claim_id),
            )
        ]
        for claim_id in nearest
    ]
    hidden = max((total or 0) - len(claims), 0)
    text = _trimmed(_("Upcoming deadlines, nearest first:"), _deadline_lines(tr, zone, found, now),
                    len(found), _("… and {count} more."), hidden)
    return text, InlineKeyboardMarkup(buttons)
