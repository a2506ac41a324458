from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.deadlines import Deadline, DeadlineKind, appeal_deadline, response_deadline
from domain.errors import ValidationError
from domain.lifecycle import ClaimEvent, EventKind
from domain.reminders import (
    QUIET_MARGIN,
    QuietHours,
    Reminder,
    ReminderKind,
    next_digest_at,
    plan_reminders,
)
from domain.rules import RULES, ClaimRule, Marketplace
from tests.domain.test_builders import AMS, make_claim

K = ReminderKind
H = timedelta(hours=1)
ZONES = [ZoneInfo(name) for name in (
    "Europe/Amsterdam", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata",
    "UTC",
)]


def response(due: datetime, window: timedelta = 48 * H) -> Deadline:
    return Deadline(DeadlineKind.RESPONSE, due - window, window)


def appeal(due: datetime) -> Deadline:
    return Deadline(DeadlineKind.APPEAL, due - timedelta(days=30), timedelta(days=30))


def plan(reminders: tuple[Reminder, ...]) -> list[tuple[ReminderKind, datetime, bool]]:
    return [(r.kind, r.due_at, r.moved) for r in reminders]


DUE = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # 15:00 in Amsterdam: no quiet-hour clashes


def test_a_response_gets_reminders_24_6_and_1_hours_before_and_at_the_deadline() -> None:
    assert plan(plan_reminders(response(DUE), DUE - 48 * H)) == [
        (K.RESPONSE_T24H, DUE - 24 * H, False),
        (K.RESPONSE_T6H, DUE - 6 * H, False),
        (K.RESPONSE_T1H, DUE - 1 * H, False),
        (K.RESPONSE_OVERDUE, DUE, False),
    ]


def test_an_appeal_gets_reminders_7_2_and_1_days_before_and_none_after() -> None:
    days = timedelta(days=1)
    assert plan(plan_reminders(appeal(DUE), DUE - 30 * days)) == [
        (K.APPEAL_T7D, DUE - 7 * days, False),
        (K.APPEAL_T2D, DUE - 2 * days, False),
        (K.APPEAL_T1D, DUE - 1 * days, False),
    ]


def test_every_reminder_names_its_deadline_in_utc() -> None:
    for reminder in plan_reminders(response(DUE), DUE - 48 * H):
        assert reminder.deadline == DUE
        assert reminder.due_at.tzinfo is UTC


def test_past_reminders_are_replaced_by_one_immediate_reminder() -> None:
    now = DUE - 10 * H
    assert plan(plan_reminders(response(DUE), now)) == [
        (K.RESPONSE_NOW, now, False),
        (K.RESPONSE_T6H, DUE - 6 * H, False),
        (K.RESPONSE_T1H, DUE - 1 * H, False),
        (K.RESPONSE_OVERDUE, DUE, False),
    ]


def test_no_immediate_reminder_when_one_is_due_right_now() -> None:
    now = DUE - 6 * H
    assert [r.kind for r in plan_reminders(response(DUE), now)] == [
        K.RESPONSE_T6H, K.RESPONSE_T1H, K.RESPONSE_OVERDUE,
    ]


def test_an_appeal_planned_late_gets_an_immediate_reminder() -> None:
    now = DUE - timedelta(days=3)
    assert [r.kind for r in plan_reminders(appeal(DUE), now)] == [
        K.APPEAL_NOW, K.APPEAL_T2D, K.APPEAL_T1D,
    ]


def test_a_passed_deadline_gets_no_reminders() -> None:
    assert plan_reminders(response(DUE), DUE + H) == ()


def test_at_the_deadline_only_the_overdue_reminder_is_left() -> None:
    assert plan(plan_reminders(response(DUE), DUE)) == [(K.RESPONSE_OVERDUE, DUE, False)]


def test_a_closed_deadline_gets_no_reminders() -> None:
    done = Deadline(DeadlineKind.RESPONSE, DUE - 48 * H, 48 * H, done_at=DUE - 40 * H)
    assert plan_reminders(done, DUE - 47 * H) == ()


def test_planning_needs_an_aware_now() -> None:
    with pytest.raises(ValidationError):
        plan_reminders(response(DUE), datetime(2026, 11, 24))  # noqa: DTZ001 - the point


# Quiet hours: Amsterdam, 22:00-07:00 by default. 2026-11-25 is in winter time (UTC+1).
def ams(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS).astimezone(UTC)


QUIET = QuietHours(AMS)


def test_a_reminder_in_quiet_hours_moves_to_just_before_they_start() -> None:
    due = ams(25, 8)  # T-6h is 02:00 local
    reminders = plan_reminders(response(due), due - 48 * H, QUIET)
    t6h = next(r for r in reminders if r.kind is K.RESPONSE_T6H)
    assert t6h.due_at == ams(24, 22) - QUIET_MARGIN == ams(24, 21, 59)
    assert t6h.moved


def test_the_overdue_reminder_is_never_moved() -> None:
    due = ams(25, 3)
    overdue = plan_reminders(response(due), due - 48 * H, QUIET)[-1]
    assert (overdue.kind, overdue.due_at, overdue.moved) == (K.RESPONSE_OVERDUE, due, False)


def test_a_reminder_that_cannot_move_into_the_past_stays_in_quiet_hours() -> None:
    due = ams(25, 3)  # T-1h is 02:00 local; quiet hours began 22:00 yesterday
    now = ams(24, 23)
    assert plan(plan_reminders(response(due), now, QUIET)) == [
        (K.RESPONSE_NOW, now, False),
        (K.RESPONSE_T1H, ams(25, 2), False),
        (K.RESPONSE_OVERDUE, due, False),
    ]


def test_reminders_moved_to_the_same_instant_collapse_into_the_more_urgent_one() -> None:
    due = ams(25, 5)  # T-6h 23:00 and T-1h 04:00 both fall in the night of the 24th
    assert plan(plan_reminders(response(due), due - 48 * H, QUIET)) == [
        (K.RESPONSE_T24H, ams(23, 21, 59), True),
        (K.RESPONSE_T1H, ams(24, 21, 59), True),
        (K.RESPONSE_OVERDUE, due, False),
    ]


def test_quiet_hours_can_lie_within_one_day() -> None:
    siesta = QuietHours(AMS, time(13, 0), time(15, 0))
    assert siesta.period_start(ams(25, 14)) == ams(25, 13)
    assert siesta.period_start(ams(25, 15)) is None
    assert siesta.period_start(ams(25, 12, 59)) is None


def test_quiet_hours_are_half_open() -> None:
    assert QUIET.contains(ams(25, 22))
    assert QUIET.contains(ams(26, 6, 59))
    assert not QUIET.contains(ams(26, 7))
    assert not QUIET.contains(ams(25, 21, 59))


def test_quiet_hours_after_midnight_belong_to_the_evening_before() -> None:
    assert QUIET.period_start(ams(26, 3)) == ams(25, 22)


def test_quiet_hours_need_two_different_naive_times() -> None:
    with pytest.raises(ValidationError):
        QuietHours(AMS, time(22), time(22))
    with pytest.raises(ValidationError):
        QuietHours(AMS, time(22, tzinfo=UTC), time(7))


def test_a_quiet_start_inside_a_dst_gap_never_moves_a_reminder_later() -> None:
    # 02:30 does not exist on 29 March 2026 in Amsterdam; it resolves to 03:30 CEST, after a
    # reminder at 03:10 CEST that still counts as "in quiet hours" by the clock.
    quiet = QuietHours(AMS, time(2, 30), time(7, 0))
    reminder_at = datetime(2026, 3, 29, 1, 10, tzinfo=UTC)  # 03:10 CEST
    deadline = response(reminder_at + H)
    t1h = next(r for r in plan_reminders(deadline, reminder_at - 24 * H, quiet)
               if r.kind is K.RESPONSE_T1H)
    assert (t1h.due_at, t1h.moved) == (reminder_at, False)


# Property tests over instants and zones, with extra weight around DST transitions.
def _transitions(zone: ZoneInfo) -> list[datetime]:
    found = []
    hour = datetime(2026, 1, 1, tzinfo=UTC)
    offset = hour.astimezone(zone).utcoffset()
    while hour.year == 2026:
        hour += H
        new = hour.astimezone(zone).utcoffset()
        if new != offset:
            found.append(hour)
            offset = new
    return found


TRANSITIONS = sorted({t for zone in ZONES for t in _transitions(zone)})
WINDOWS = [48 * H, 72 * H, timedelta(days=5), timedelta(days=7), timedelta(days=30)]

instants = st.one_of(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31),  # noqa: DTZ001
                 timezones=st.sampled_from(ZONES)),
    st.builds(
        lambda t, minutes, zone: (t + timedelta(minutes=minutes)).astimezone(zone),
        st.sampled_from(TRANSITIONS), st.integers(-60 * 24 * 31, 60 * 24 * 31),
        st.sampled_from(ZONES),
    ),
)


def test_the_zones_under_test_have_dst_transitions() -> None:
    assert len(TRANSITIONS) >= 6


@settings(max_examples=300, deadline=None)
@given(notice=instants, rule=st.sampled_from(list(RULES)),
       decided_after=st.timedeltas(timedelta(0), timedelta(days=20)))
def test_deadline_minus_notice_is_exactly_the_window(
    notice: datetime, rule: ClaimRule, decided_after: timedelta
) -> None:
    marketplace = rule.marketplace or (
        Marketplace.AMAZON_DE if rule.source.is_amazon else Marketplace.WEBSHOP
    )
    claim = replace(make_claim(source=rule.source, marketplace=marketplace, notice_at=notice,
                               order_id="171-1234567-1234567"),
                    rule_id=rule.rule_id, rule_version=rule.version)
    response = response_deadline(claim)
    assert response is not None
    assert response.due_at - notice == rule.response_window
    assert response.due_at.tzinfo is UTC
    granted_at = notice + decided_after
    appeal = appeal_deadline(claim, [ClaimEvent(EventKind.GRANT_SELLER, granted_at)])
    if rule.appeal_window is None:
        assert appeal is None
    else:
        assert appeal is not None and appeal.due_at - granted_at == rule.appeal_window


@settings(max_examples=400, deadline=None)
@given(
    notice=instants,
    window=st.sampled_from(WINDOWS),
    kind=st.sampled_from(DeadlineKind),
    zone=st.sampled_from(ZONES),
    progress=st.floats(min_value=-0.1, max_value=1.1),
    quiet=st.sampled_from([(time(22), time(7)), (time(23, 30), time(6)), (time(13), time(15))]),
)
def test_reminder_plans_are_ordered_timely_and_respect_quiet_hours(
    notice: datetime,
    window: timedelta,
    kind: DeadlineKind,
    zone: ZoneInfo,
    progress: float,
    quiet: tuple[time, time],
) -> None:
    deadline = Deadline(kind, notice.astimezone(UTC), window)
    now = deadline.starts_at + window * progress
    hours = QuietHours(zone, *quiet)
    reminders = plan_reminders(deadline, now, hours)

    instants_ = [r.due_at for r in reminders]
    assert instants_ == sorted(set(instants_))  # ordered, no two at once
    assert len({r.kind for r in reminders}) == len(reminders)
    for r in reminders:
        assert now <= r.due_at <= deadline.due_at
        assert r.deadline == deadline.due_at
        assert r.due_at.tzinfo is UTC
        if r.kind in (K.RESPONSE_OVERDUE, K.RESPONSE_NOW, K.APPEAL_NOW):
            assert not r.moved
            continue
        start = hours.period_start(r.due_at)
        if start is not None:
            # Only allowed when moving before the quiet period would have been in the past.
            assert not r.moved
            assert start - QUIET_MARGIN < now
    if now < deadline.due_at and deadline.starts_at <= now:
        assert reminders, "a running deadline always has a reminder ahead"


def test_the_next_digest_is_the_next_local_digest_time_strictly_after_now() -> None:
    morning = time(8, 0)
    at_eight = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 08:00 in Amsterdam
    assert next_digest_at(morning, AMS, at_eight - timedelta(minutes=1)) == at_eight
    assert next_digest_at(morning, AMS, at_eight) == at_eight + timedelta(days=1)


def test_the_next_digest_keeps_its_local_time_across_a_dst_change() -> None:
    # Amsterdam moves from CET to CEST on 29 March 2026: 08:00 local is 07:00 UTC, then 06:00.
    before = datetime(2026, 3, 28, 7, 30, tzinfo=UTC)
    assert next_digest_at(time(8, 0), AMS, before) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)


def test_a_naive_now_is_refused_for_the_digest_time() -> None:
    with pytest.raises(ValidationError):
        next_digest_at(time(8, 0), AMS, datetime(2026, 3, 28, 7, 30))  # noqa: DTZ001


@settings(max_examples=200)
@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),  # noqa: DTZ001
                 timezones=st.just(UTC)),
    st.times(),
    st.sampled_from(ZONES),
)
def test_the_next_digest_comes_within_a_day_and_an_hour_and_never_now_or_before(
    now: datetime, at: time, zone: ZoneInfo
) -> None:
    nxt = next_digest_at(at, zone, now)
    assert now < nxt <= now + timedelta(days=1, hours=1)
