"""The /bewijs session as one typed value with one TTL, and sessions stored by earlier versions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.evidence_types import Incoming
from handlers.evidence.session import MAX_PENDING, SESSION_KEY, SESSION_TTL, EvidenceSession
from tests import updates
from tests.harness import ORDER, Harness

EN = updates.user(7103, "en-GB", "Sam")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
NOTE = Incoming(kind="text", detail="3SABCD1234567")
LEGACY = {
    "evidence.claim": 7,
    "evidence.item": "tracking",
    "evidence.pending": [NOTE.to_data()],
    "evidence.seen": "2026-11-23T08:30:00+00:00",  # as datetime.isoformat wrote it
}

def test_a_session_reads_back_what_it_wrote() -> None:
    session = EvidenceSession(seen_at=NOW, claim_id=3, item_id="pod", pending=[NOTE])
    assert EvidenceSession.from_json(session.to_json(), NOW) == session


def test_a_session_stored_as_four_keys_is_read_and_rewritten_as_one() -> None:
    user_data: dict[str, object] = dict(LEGACY, other="kept")
    session = EvidenceSession.load(user_data, NOW)
    assert session == EvidenceSession(
        seen_at=datetime(2026, 11, 23, 8, 30, tzinfo=UTC), claim_id=7, item_id="tracking",
        pending=[NOTE],
    )
    session.save(user_data)
    assert set(user_data) == {SESSION_KEY, "other"}
    assert EvidenceSession.load(user_data, NOW) == session


def test_a_session_expires_after_one_ttl_of_silence_and_touching_keeps_it() -> None:
    session = EvidenceSession.start(NOW)
    assert not session.expired(NOW + SESSION_TTL)
    assert session.expired(NOW + SESSION_TTL + timedelta(seconds=1))
    session.touch(NOW + SESSION_TTL)
    assert not session.expired(NOW + 2 * SESSION_TTL)


def test_switching_claims_drops_what_waited_for_the_other_claims_item() -> None:
    session = EvidenceSession(seen_at=NOW, claim_id=1, pending=[NOTE])
    session.choose_claim(1)
    assert session.pending == [NOTE]
    session.choose_claim(2)
    assert session.pending == [] and session.claim_id == 2


def test_what_waits_before_a_claim_is_chosen_stays_for_the_claim_chosen_next() -> None:
    session = EvidenceSession.start(NOW)
    assert session.keep(NOTE)
    session.choose_claim(5)
    assert session.take_pending() == [NOTE] and session.pending == []


def test_no_more_than_the_limit_waits() -> None:
    session = EvidenceSession.start(NOW)
    assert all(session.keep(NOTE) for _ in range(MAX_PENDING))
    assert not session.keep(NOTE)
    assert len(session.pending) == MAX_PENDING


def test_unreadable_stored_values_are_dropped_not_crashed_on() -> None:
    session = EvidenceSession.from_json(
        {"seen_at": "yesterday", "claim_id": "7", "item_id": 3, "pending": "x"}, NOW)
    assert session == EvidenceSession(seen_at=NOW)


async def test_a_session_open_during_the_upgrade_carries_on(bot: Harness) -> None:
    claim_id = await bot.claim_for(EN)
    await bot.send(updates.message(EN, f"/evidence {ORDER}"))
    await bot.send(updates.callback(EN, f"ev:item:{claim_id}:tracking"))
    assert bot.app is not None
    user_data = bot.app.user_data[EN["id"]]
    # Rewrite the open session as the previous version stored it.
    user_data.pop(SESSION_KEY)
    user_data.update({
        "evidence.claim": claim_id,
        "evidence.item": "tracking",
        "evidence.seen": bot.clock.now.isoformat(),
    })
    reply = await bot.send(updates.message(EN, "TRACK-AFTER-UPGRADE"))
    assert reply.startswith("Saved your note for “Tracking number”")
    [row] = await bot.evidence(claim_id)
    assert (row.item_id, row.detail) == ("tracking", "TRACK-AFTER-UPGRADE")
    assert "evidence.claim" not in user_data and SESSION_KEY in user_data
