from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.claims import Fulfilment, Reason, new_claim
from domain.deadlines import (
    DUE_SOON,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    appeal_deadline,
    deadlines,
    response_deadline,
)
from domain.errors import UnknownRule, ValidationError
from domain.lifecycle import EventKind
from domain.rules import RULES, ClaimRule, ClaimSource, Marketplace, RuleTable
from tests.domain.test_builders import AMS, NOTICE, at, eur, event, make_claim

E = EventKind


def test_an_amazon_nl_response_is_due_48_hours_after_the_notice() -> None:
    assert response_deadline(make_claim()).due_at == NOTICE + timedelta(hours=48)


def test_an_amazon_com_response_is_due_48_hours_after_the_notice() -> None:
    claim = make_claim(marketplace=Marketplace.AMAZON_US)
    assert response_deadline(claim).due_at == NOTICE + timedelta(hours=48)


def test_an_old_amazon_com_claim_keeps_its_72_hours() -> None:
    claim = replace(make_claim(marketplace=Marketplace.AMAZON_US), rule_version=1)
    assert response_deadline(claim).due_at == NOTICE + timedelta(hours=72)


def test_a_chargeback_response_is_due_7_days_after_the_notice() -> None:
    claim = make_claim(source=ClaimSource.CHARGEBACK)
    assert response_deadline(claim).due_at == NOTICE + timedelta(days=7)


def test_a_notice_before_the_spring_dst_change_is_due_48_real_hours_later() -> None:
    # Saturday 28 March 2026, 01:30 CET; clocks go forward on Sunday 29 March at 02:00.
    notice = datetime(2026, 3, 28, 1, 30, tzinfo=AMS)
    due = response_deadline(make_claim(notice_at=notice)).due_at
    assert due == datetime(2026, 3, 30, 0, 30, tzinfo=UTC)
    assert due.astimezone(AMS) == datetime(2026, 3, 30, 2, 30, tzinfo=AMS)  # Monday, CEST
    assert due.astimezone(AMS).utcoffset() == timedelta(hours=2)


def test_a_notice_before_the_autumn_dst_change_is_due_48_real_hours_later() -> None:
    # Saturday 24 October 2026, 01:30 CEST; clocks go back on Sunday 25 October at 03:00.
    notice = datetime(2026, 10, 24, 1, 30, tzinfo=AMS)
    due = response_deadline(make_claim(notice_at=notice)).due_at
    assert due - notice == timedelta(hours=48)
    assert due.astimezone(AMS) == datetime(2026, 10, 26, 0, 30, tzinfo=AMS)  # Monday, CET


def test_the_response_deadline_is_open_then_due_soon_then_overdue() -> None:
    deadline = response_deadline(make_claim())
    assert deadline.status(NOTICE) is DeadlineStatus.OPEN
    assert deadline.status(deadline.due_at - timedelta(hours=24)) is DeadlineStatus.DUE_SOON
    assert deadline.status(deadline.due_at - timedelta(hours=25)) is DeadlineStatus.OPEN
    assert deadline.status(deadline.due_at) is DeadlineStatus.OVERDUE
    assert deadline.time_left(deadline.due_at + timedelta(hours=1)) == -timedelta(hours=1)


def test_responding_closes_the_response_deadline() -> None:
    deadline = response_deadline(make_claim(), [event(E.RESPOND, at(21))])
    assert deadline.done_at == at(21)
    assert deadline.closed_by is E.RESPOND
    assert deadline.status(at(30)) is DeadlineStatus.DONE


def test_a_decision_without_a_response_also_closes_the_response_deadline() -> None:
    deadline = response_deadline(make_claim(), [event(E.GRANT_SELLER, at(23))])
    assert deadline.closed_by is E.GRANT_SELLER


def test_the_appeal_deadline_is_30_days_after_a_seller_funded_grant() -> None:
    events = [event(E.RESPOND, at(21)), event(E.GRANT_SELLER, at(23, 15))]
    deadline = appeal_deadline(make_claim(), events)
    assert deadline is not None
    assert deadline.kind is DeadlineKind.APPEAL
    assert deadline.due_at == at(23, 15) + timedelta(days=30)
    assert deadline.status(at(24)) is DeadlineStatus.OPEN
    assert deadline.status(deadline.due_at - DUE_SOON[DeadlineKind.APPEAL]) is \
        DeadlineStatus.DUE_SOON


def test_an_amazon_funded_grant_has_no_appeal_deadline() -> None:
    assert appeal_deadline(make_claim(), [event(E.GRANT_AMAZON, at(23))]) is None


def test_an_open_claim_has_no_appeal_deadline() -> None:
    assert appeal_deadline(make_claim(), []) is None


def test_appealing_closes_the_appeal_deadline() -> None:
    events = [event(E.GRANT_SELLER, at(23)), event(E.APPEAL, at(25))]
    deadline = appeal_deadline(make_claim(), events)
    assert deadline is not None and deadline.closed_by is E.APPEAL
    assert deadline.status(at(26)) is DeadlineStatus.DONE


def test_sources_without_an_appeal_have_no_appeal_deadline() -> None:
    claim = make_claim(source=ClaimSource.PAYPAL, marketplace=Marketplace.WEBSHOP,
                       order_id="TX-1")
    assert appeal_deadline(claim, [event(E.GRANT_SELLER, at(23))]) is None


def test_deadlines_lists_the_response_and_then_the_appeal() -> None:
    claim = make_claim()
    assert [d.kind for d in deadlines(claim)] == [DeadlineKind.RESPONSE]
    events = [event(E.GRANT_SELLER, at(23))]
    assert [d.kind for d in deadlines(claim, events)] == [
        DeadlineKind.RESPONSE, DeadlineKind.APPEAL,
    ]


def test_a_rule_change_does_not_move_the_deadline_of_an_existing_claim() -> None:
    old = RULES.get("az.nl", 2)
    newer = ClaimRule(**{**old.__dict__, "version": 3, "response_window": timedelta(hours=24)})
    table = RuleTable([*RULES, newer])
    before = make_claim()  # created under version 2
    after = new_claim(ClaimSource.A_TO_Z, Marketplace.AMAZON_NL, "171-1234567-1234567",
                      Reason.NOT_RECEIVED, Fulfilment.SELLER, eur("10"), NOTICE, rules=table)
    assert after.rule_version == 3
    assert response_deadline(before, rules=table).due_at == NOTICE + timedelta(hours=48)
    assert response_deadline(after, rules=table).due_at == NOTICE + timedelta(hours=24)


def test_a_claim_under_a_rule_missing_from_the_table_raises_unknown_rule() -> None:
    claim = make_claim()
    with pytest.raises(UnknownRule):
        response_deadline(claim, rules=RuleTable([]))


def test_status_needs_an_aware_now() -> None:
    with pytest.raises(ValidationError):
        response_deadline(make_claim()).status(datetime(2026, 11, 21))  # noqa: DTZ001


def test_a_deadline_without_an_event_is_not_done() -> None:
    deadline = Deadline(DeadlineKind.RESPONSE, NOTICE, timedelta(hours=48))
    assert (deadline.done_at, deadline.closed_by) == (None, None)
    # The same instant reads differently per zone; the deadline itself is one instant.
    assert deadline.due_at.astimezone(ZoneInfo("Asia/Kolkata")).hour == 14
    assert deadline.due_at.date() == date(2026, 11, 22)
