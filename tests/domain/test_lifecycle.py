from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.errors import InvalidTransition, ValidationError
from domain.lifecycle import (
    DECIDED_STATES,
    TRANSITIONS,
    ClaimEvent,
    EventKind,
    State,
    allowed_events,
    apply,
    replay,
)
from domain.text import Msg
from tests.domain.test_builders import at, event

E, S = EventKind, State
NOW = at(21)


@pytest.mark.parametrize(
    ("state", "kind", "target"),
    [(s, k, t) for (s, k), t in TRANSITIONS.items()],
    ids=[f"{s}-{k}-{t}" for (s, k), t in TRANSITIONS.items()],
)
def test_every_transition_moves_to_its_target_and_records_the_event(
    state: State, kind: EventKind, target: State
) -> None:
    applied = apply(state, kind, NOW)
    assert applied.state is target
    assert applied.event == ClaimEvent(kind, NOW)


def test_an_open_claim_is_responded_to() -> None:
    assert apply(S.OPEN, E.RESPOND, NOW).state is S.RESPONDED


def test_amazon_can_decide_an_open_claim_when_the_seller_never_responded() -> None:
    assert apply(S.OPEN, E.GRANT_SELLER, NOW).state is S.GRANTED_SELLER


def test_a_seller_refund_closes_an_open_claim() -> None:
    assert apply(S.OPEN, E.REFUND, NOW).state is S.REFUNDED


def test_a_responded_claim_can_be_denied() -> None:
    assert apply(S.RESPONDED, E.DENY, NOW).state is S.DENIED


def test_a_seller_funded_grant_can_be_appealed() -> None:
    assert apply(S.GRANTED_SELLER, E.APPEAL, NOW).state is S.APPEALING


def test_an_appeal_is_won_or_lost() -> None:
    assert apply(S.APPEALING, E.WIN_APPEAL, NOW).state is S.APPEAL_WON
    assert apply(S.APPEALING, E.LOSE_APPEAL, NOW).state is S.APPEAL_LOST


def test_appeal_outcomes_are_closed() -> None:
    assert apply(S.APPEAL_WON, E.CLOSE, NOW).state is S.CLOSED
    assert apply(S.APPEAL_LOST, E.CLOSE, NOW).state is S.CLOSED


def test_a_buyer_can_withdraw_after_a_grant() -> None:
    assert apply(S.GRANTED_AMAZON, E.WITHDRAW, NOW).state is S.WITHDRAWN


def test_an_amazon_funded_grant_cannot_be_appealed() -> None:
    with pytest.raises(InvalidTransition) as raised:
        apply(S.GRANTED_AMAZON, E.APPEAL, NOW)
    assert raised.value.msg.key == "Only a claim granted at your expense can be appealed."
    assert raised.value.msg.params == {"state": "granted_a", "event": "appeal"}


def test_a_closed_claim_takes_no_more_events() -> None:
    assert allowed_events(S.CLOSED) == ()
    with pytest.raises(InvalidTransition, match="closed"):
        apply(S.CLOSED, E.RESPOND, NOW)


def test_an_open_claim_cannot_be_closed_without_an_outcome() -> None:
    with pytest.raises(InvalidTransition, match="current status"):
        apply(S.OPEN, E.CLOSE, NOW)


@pytest.mark.parametrize(
    ("state", "kind"),
    [(s, k) for s in State for k in EventKind if (s, k) not in TRANSITIONS],
)
def test_every_other_pair_is_an_invalid_transition(state: State, kind: EventKind) -> None:
    with pytest.raises(InvalidTransition) as raised:
        apply(state, kind, NOW)
    assert raised.value.msg.params == {"state": state.value, "event": kind.value}


def test_the_buttons_for_an_open_claim_follow_the_declaration_order() -> None:
    assert allowed_events(S.OPEN) == (
        E.RESPOND, E.INFO_REQUEST, E.GRANT_SELLER, E.GRANT_AMAZON, E.DENY, E.WITHDRAW,
        E.REFUND,
    )


def test_every_state_can_reach_closed() -> None:
    reachable = {S.CLOSED}
    changed = True
    while changed:
        changed = False
        for (source, _), target in TRANSITIONS.items():
            if target in reachable and source not in reachable:
                reachable.add(source)
                changed = True
    assert reachable == set(State)


def test_decided_states_are_the_five_outcomes_amazon_shows() -> None:
    assert {
        S.GRANTED_SELLER, S.GRANTED_AMAZON, S.DENIED, S.WITHDRAWN, S.REFUNDED,
    } == DECIDED_STATES


def test_replaying_the_timeline_gives_the_current_state() -> None:
    events = [event(E.RESPOND, at(20, 12)), event(E.GRANT_SELLER, at(22)),
              event(E.APPEAL, at(25)), event(E.WIN_APPEAL, at(28)), event(E.CLOSE, at(28))]
    assert replay(events) is S.CLOSED
    assert replay([]) is S.OPEN


def test_replay_refuses_an_impossible_timeline() -> None:
    with pytest.raises(InvalidTransition):
        replay([event(E.APPEAL, at(20))])


def test_replay_refuses_events_out_of_time_order() -> None:
    with pytest.raises(ValidationError, match="time order"):
        replay([event(E.RESPOND, at(21)), event(E.DENY, at(20))])


def test_an_event_time_is_kept_in_utc_and_must_be_aware() -> None:
    local = datetime(2026, 11, 21, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert ClaimEvent(E.RESPOND, local).at == datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    with pytest.raises(ValidationError):
        ClaimEvent(E.RESPOND, datetime(2026, 11, 21, 10, 0))  # noqa: DTZ001 - the point


def test_every_state_and_event_has_a_label() -> None:
    assert all(isinstance(s.label, Msg) for s in State)
    assert all(isinstance(k.label, Msg) for k in EventKind)


def test_state_and_event_values_fit_callback_data() -> None:
    assert all(len(s.value) <= 12 for s in State)
    assert all(len(k.value) <= 12 for k in EventKind)


def test_an_event_today_is_now_and_an_earlier_day_its_start_but_never_too_early() -> None:
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    from domain.lifecycle import ClaimEvent, EventKind, event_instant

    zone = ZoneInfo("Europe/Amsterdam")
    now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    notice = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert event_instant(date(2026, 11, 23), notice, [], now, zone) == now
    start = event_instant(date(2026, 11, 22), notice, [], now, zone)
    assert start == datetime(2026, 11, 22, 0, 0, tzinfo=zone)
    assert event_instant(date(2026, 11, 19), notice, [], now, zone) == notice
    responded = ClaimEvent(EventKind.RESPOND, datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
    assert event_instant(date(2026, 11, 20), notice, [responded], now, zone) == responded.at
