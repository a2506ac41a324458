"""The open /bewijs session: which claim, which checklist item, what waits for an item.

One typed value in ``user_data[SESSION_KEY]`` (persisted with the rest of user_data), with one
time-to-live: a session idle for a day has ended, so a note typed days later is not filed
under a claim the seller has long forgotten they were adding to. Sessions stored by earlier
versions as four loose keys (``evidence.claim``, ``.item``, ``.pending``, ``.seen``) are read
once and rewritten in the new form, so a session open during an upgrade carries on.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.dbtime import from_db_time, to_db_time
from bot.evidence_types import Incoming

__all__ = ["MAX_PENDING", "SESSION_KEY", "SESSION_TTL", "EvidenceSession"]

SESSION_KEY = "evidence.session"
SESSION_TTL = timedelta(hours=24)
MAX_PENDING = 20  # items kept while the seller has not chosen a claim or checklist item
# What earlier versions stored, each under its own key.
_LEGACY_KEYS = {
    "claim_id": "evidence.claim",
    "item_id": "evidence.item",
    "pending": "evidence.pending",
    "seen_at": "evidence.seen",
}

UserData = MutableMapping[str, Any]


@dataclass
class EvidenceSession:
    """Where the seller is in /bewijs; ``claim_id`` None while they still pick the claim."""

    seen_at: datetime
    claim_id: int | None = None
    item_id: str | None = None
    pending: list[Incoming] = field(default_factory=list)

    # -- life cycle -------------------------------------------------------------------------

    @classmethod
    def start(cls, now: datetime) -> EvidenceSession:
        return cls(seen_at=now)

    def expired(self, now: datetime) -> bool:
        return now - self.seen_at > SESSION_TTL

    def touch(self, now: datetime) -> None:
        self.seen_at = now

    def choose_claim(self, claim_id: int) -> None:
        """Work on ``claim_id``; items waiting for another claim's checklist item are dropped."""
        if self.claim_id is not None and self.claim_id != claim_id:
            self.pending.clear()
        if self.claim_id != claim_id:
            self.item_id = None
        self.claim_id = claim_id

    def take_pending(self) -> list[Incoming]:
        waiting, self.pending = self.pending, []
        return waiting

    def keep(self, incoming: Incoming) -> bool:
        """Keep ``incoming`` until an item is chosen; False when the waiting list is full."""
        if len(self.pending) >= MAX_PENDING:
            return False
        self.pending.append(incoming)
        return True

    def has_album(self, media_group_id: str | None) -> bool:
        return media_group_id is not None and any(
            item.media_group_id == media_group_id for item in self.pending
        )

    # -- persistence ------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"seen_at": to_db_time(self.seen_at)}
        if self.claim_id is not None:
            data["claim_id"] = self.claim_id
        if self.item_id is not None:
            data["item_id"] = self.item_id
        if self.pending:
            data["pending"] = [item.to_data() for item in self.pending]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], now: datetime) -> EvidenceSession:
        """Read a stored session; a missing or unreadable time counts as ``now``."""
        claim_id = data.get("claim_id")
        item_id = data.get("item_id")
        pending = data.get("pending")
        return cls(
            seen_at=_time(data.get("seen_at")) or now,
            claim_id=claim_id if isinstance(claim_id, int) else None,
            item_id=item_id if isinstance(item_id, str) else None,
            pending=[
                Incoming.from_data(item) for item in pending if isinstance(item, dict)
            ] if isinstance(pending, list) else [],
        )

    @classmethod
    def load(cls, user_data: UserData | None, now: datetime) -> EvidenceSession | None:
        """The seller's session (expired or not), or None when there is none."""
        if user_data is None:
            return None
        stored = user_data.get(SESSION_KEY)
        if isinstance(stored, dict):
            return cls.from_json(stored, now)
        legacy = {name: user_data[key] for name, key in _LEGACY_KEYS.items() if key in user_data}
        return cls.from_json(legacy, now) if legacy else None

    def save(self, user_data: UserData | None) -> None:
        if user_data is None:
            return
        _drop_legacy(user_data)
        user_data[SESSION_KEY] = self.to_json()

    @staticmethod
    def forget(user_data: UserData | None) -> None:
        if user_data is None:
            return
        _drop_legacy(user_data)
        user_data.pop(SESSION_KEY, None)


def _drop_legacy(user_data: UserData) -> None:
    for key in _LEGACY_KEYS.values():
        user_data.pop(key, None)


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return from_db_time(value) if moment.tzinfo else None
