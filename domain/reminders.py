"""The reminder plan for a deadline, with optional quiet hours in the seller's time zone.

Rules, in order:

1. Response deadlines get reminders at T-24h, T-6h, T-1h and an "overdue" one at T; appeal
   deadlines at T-7d, T-2d and T-1d.
2. A reminder that falls in quiet hours moves *earlier*, to just before that quiet period starts
   (``QUIET_MARGIN`` before it). Earlier, not later: a later reminder could come after the
   deadline. The overdue reminder at T is never moved: it marks the fact, not a warning.
3. If moving it would put it in the past, it stays at its own time, even inside quiet hours: a
   reminder that wakes the seller beats one that never comes when the deadline is that close.
4. Reminders already in the past are dropped. If any was dropped and the deadline is still
   ahead, one immediate reminder (due ``now``) takes their place.
5. Reminders that end up at the same instant collapse into the more urgent one.

Plan when a deadline starts or changes, and store the rows; do not re-plan at start-up, or the
immediate reminder would be sent again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.deadlines import Deadline, DeadlineKind
from domain.errors import ValidationError
from domain.instants import as_utc
from domain.text import N_, Msg

__all__ = [
    "QUIET_MARGIN",
    "SCHEDULES",
    "SNOOZE",
    "SNOOZE_CLOSE",
    "SNOOZE_MARGIN",
    "QuietHours",
    "Reminder",
    "ReminderKind",
    "next_digest_at",
    "plan_reminders",
    "snooze_until",
]

QUIET_MARGIN = timedelta(minutes=1)


class ReminderKind(StrEnum):
    """Stable names: with the claim id they form the reminder row's key and the job id."""

    RESPONSE_NOW = "response_now"
    RESPONSE_T24H = "response_t24h"
    RESPONSE_T6H = "response_t6h"
    RESPONSE_T1H = "response_t1h"
    RESPONSE_OVERDUE = "response_overdue"
    APPEAL_NOW = "appeal_now"
    APPEAL_T7D = "appeal_t7d"
    APPEAL_T2D = "appeal_t2d"
    APPEAL_T1D = "appeal_t1d"


# Offsets before the deadline, earliest first. Offset zero is the overdue marker.
SCHEDULES: dict[DeadlineKind, tuple[tuple[ReminderKind, timedelta], ...]] = {
    DeadlineKind.RESPONSE: (
        (ReminderKind.RESPONSE_T24H, timedelta(hours=24)),
        (ReminderKind.RESPONSE_T6H, timedelta(hours=6)),
        (ReminderKind.RESPONSE_T1H, timedelta(hours=1)),
        (ReminderKind.RESPONSE_OVERDUE, timedelta(0)),
    ),
    DeadlineKind.APPEAL: (
        (ReminderKind.APPEAL_T7D, timedelta(days=7)),
        (ReminderKind.APPEAL_T2D, timedelta(days=2)),
        (ReminderKind.APPEAL_T1D, timedelta(days=1)),
    ),
}

_IMMEDIATE = {
    DeadlineKind.RESPONSE: ReminderKind.RESPONSE_NOW,
    DeadlineKind.APPEAL: ReminderKind.APPEAL_NOW,
}


@dataclass(frozen=True)
class QuietHours:
    """A daily quiet period in the seller's zone, ``[start, end)`` local time; may wrap midnight."""

    tz: ZoneInfo
    start: time = time(22, 0)
    end: time = time(7, 0)

    def __post_init__(self) -> None:
        if self.start == self.end or self.start.tzinfo or self.end.tzinfo:
            raise ValidationError(Msg.of(
                N_("Quiet hours need two different local times of day.")
            ))

    def period_start(self, instant: datetime) -> datetime | None:
        """The UTC start of the quiet period containing ``instant``, or None outside one."""
        local = as_utc(instant, "instant").astimezone(self.tz)
        clock = local.time()
        day = local.date()
        if self.start < self.end:
            if not self.start <= clock < self.end:
                return None
        elif clock < self.end:
            day -= timedelta(days=1)  # after midnight: the period began the evening before
        elif clock < self.start:
            return None
        return datetime.combine(day, self.start, tzinfo=self.tz).astimezone(UTC)

    def contains(self, instant: datetime) -> bool:
        return self.period_start(instant) is not None


@dataclass(frozen=True)
class Reminder:
    """One planned reminder: when to send it (UTC) and the deadline it is about."""

    kind: ReminderKind
    due_at: datetime
    deadline: datetime
    moved: bool = False  # moved earlier out of quiet hours


def plan_reminders(
    deadline: Deadline, now: datetime, quiet: QuietHours | None = None
) -> tuple[Reminder, ...]:
    """The reminders still to send for ``deadline``, ordered by ``due_at`` (see module rules)."""
    if deadline.done_at is not None:
        return ()
    now = as_utc(now, "now")
    due = deadline.due_at
    by_instant: dict[datetime, Reminder] = {}
    dropped = False
    for kind, offset in SCHEDULES[deadline.kind]:
        at, moved = _out_of_quiet_hours(due - offset, now, quiet) if offset else (due, False)
        if at < now:
            dropped = True
            continue
        # Later schedule entries are more urgent; on a clash they win.
        by_instant[at] = Reminder(kind, at, due, moved)
    if dropped and due > now and now not in by_instant:
        by_instant[now] = Reminder(_IMMEDIATE[deadline.kind], now, due)
    return tuple(by_instant[at] for at in sorted(by_instant))


def _out_of_quiet_hours(
    at: datetime, now: datetime, quiet: QuietHours | None
) -> tuple[datetime, bool]:
    start = quiet.period_start(at) if quiet else None
    if start is None:
        return at, False
    earlier = start - QUIET_MARGIN
    # ``earlier < at`` only fails when the quiet start itself falls in a DST gap and resolves
    # after ``at``; then keep the time rather than move it later.
    if now <= earlier < at:
        return earlier, True
    return at, False


def next_digest_at(digest_time: time, zone: tzinfo, now: datetime) -> datetime:
    """The first local ``digest_time`` in ``zone`` strictly after ``now``, as an aware instant.

    On a day whose DST change skips ``digest_time`` the digest comes at the wall-clock time the
    zone maps it to (an hour later in spring); on a repeated hour it comes the first time.
    """
    now = as_utc(now, "now")
    day = now.astimezone(zone).date()
    while True:
        candidate = datetime.combine(day, digest_time, tzinfo=zone)
        if candidate > now:
            return candidate
        day += timedelta(days=1)


SNOOZE = timedelta(hours=1)
SNOOZE_CLOSE = timedelta(minutes=15)  # when an hour or less is left (the T-1h reminder)
SNOOZE_MARGIN = timedelta(minutes=5)  # a snoozed reminder comes at least this long before T


def snooze_until(deadline_at: datetime, now: datetime) -> datetime | None:
    """When a snoozed reminder comes back: 1 hour later (15 minutes when an hour or less is
    left), never later than ``SNOOZE_MARGIN`` before the deadline; None when too close."""
    left = deadline_at - now
    length = SNOOZE_CLOSE if left <= SNOOZE else SNOOZE
    until = min(now + length, deadline_at - SNOOZE_MARGIN)
    return until if until - now >= timedelta(minutes=1) else None
