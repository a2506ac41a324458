"""Claim operations: register a claim, record an event, snooze a reminder. No Telegram.

Each change to a claim, its reminder rows and its timeline happens in one unit of work; the
unit of work tells the scheduler after COMMIT (``uow.changed_claims``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.claims_repo import DuplicateClaimError, StoredClaim
from bot.reminders_repo import plan_for_claim
from bot.sellers import Seller
from bot.storage import Database
from domain.claims import Claim, NoticeKind
from domain.errors import ValidationError
from domain.lifecycle import EventKind, apply
from domain.reminders import snooze_until
from domain.text import N_, Msg

__all__ = [
    "DuplicateClaimError",
    "Snooze",
    "SnoozeOutcome",
    "record_event",
    "register_claim",
    "set_notice_kind",
    "snooze",
]


async def register_claim(
    database: Database,
    seller: Seller,
    claim: Claim,
    now: datetime,
    *,
    forget_draft: bool = True,
) -> StoredClaim:
    """Store ``claim`` for ``seller`` with its reminder plan; ``DuplicateClaimError`` if the
    seller registered that order for that source already.

    ``forget_draft`` drops the intake draft from the seller's persisted user data in the same
    transaction, so a crash right after the claim is stored cannot bring the finished intake
    back (the in-memory copy is the caller's to drop).
    """
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(seller.user_id, claim, now)
        stored = await uow.claims.get(seller.user_id, claim_id)
        assert stored is not None
        await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, now), now)
        if forget_draft:
            await uow.ptb_state.forget_user_data_key(seller.user_id, "intake.draft", now)
        uow.changed_claims.add(claim_id)
    return stored


async def record_event(
    database: Database,
    seller_id: int,
    claim_id: int,
    kind: EventKind,
    at: datetime,
    now: datetime,
    *,
    debited: bool | None = None,
    counts_odr: bool | None = None,
) -> StoredClaim | None:
    """Apply ``kind`` at ``at`` to the seller's claim and re-plan its reminders, atomically;
    ``debited`` and ``counts_odr`` are the outcome's money and ODR facts, when recorded.

    Returns the claim as stored afterwards, or None when the seller has no such claim (missing
    or someone else's: treat both as "not found"). Raises ``InvalidTransition`` when the
    claim's state does not allow ``kind``, and ``ValidationError`` when ``at`` lies before the
    claim's last recorded event; both carry a ``.msg`` to render.
    """
    async with database.unit_of_work() as uow:
        stored = await uow.claims.get(seller_id, claim_id)
        if stored is None:
            return None
        if stored.events and at < stored.events[-1].at:
            raise ValidationError(Msg.of(
                N_("That is before the last step recorded for this claim ({at})."),
                at=stored.events[-1].at,
            ))
        applied = apply(stored.state, kind, at, debited=debited, counts_odr=counts_odr)
        await uow.claims.record_event(seller_id, claim_id, applied.event, applied.state, now)
        stored = await uow.claims.get(seller_id, claim_id)
        seller = await uow.sellers.get(seller_id)
        assert stored is not None and seller is not None
        await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, now), now)
        uow.changed_claims.add(claim_id)
    return stored


async def set_notice_kind(
    database: Database, seller_id: int, claim_id: int, kind: NoticeKind, now: datetime
) -> StoredClaim | None:
    """The seller says which notice they have (say: only the claim, no request from Amazon);
    the response window and its reminders follow, atomically. None when not the seller's."""
    async with database.unit_of_work() as uow:
        if not await uow.claims.set_notice_kind(seller_id, claim_id, kind, now):
            return None
        stored = await uow.claims.get(seller_id, claim_id)
        seller = await uow.sellers.get(seller_id)
        assert stored is not None and seller is not None
        await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, now), now)
        uow.changed_claims.add(claim_id)
    return stored


class SnoozeOutcome(StrEnum):
    SNOOZED = "snoozed"
    ALREADY_PENDING = "already_pending"  # the row is already set to come again
    NOT_NEEDED = "not_needed"  # a re-plan cancelled it (responded, decided, ...)
    TOO_CLOSE = "too_close"  # the deadline is too near to remind again before it


@dataclass(frozen=True)
class Snooze:
    outcome: SnoozeOutcome
    stored: StoredClaim
    due_at: datetime  # when it comes again (SNOOZED) or is already due (ALREADY_PENDING)


async def snooze(
    database: Database, seller_id: int, reminder_id: int, now: datetime
) -> Snooze | None:
    """Remind again later, never past the deadline; None for a reminder of someone else's
    claim, or one that does not exist."""
    async with database.unit_of_work() as uow:
        row = await uow.reminders.get(reminder_id)
        stored = await uow.claims.get(seller_id, row.claim_id) if row is not None else None
        if row is None or stored is None:
            return None
        if row.pending:
            return Snooze(SnoozeOutcome.ALREADY_PENDING, stored, row.due_at)
        if row.cancelled_at is not None:
            return Snooze(SnoozeOutcome.NOT_NEEDED, stored, row.due_at)
        until = snooze_until(row.deadline_at, now)
        if until is None:
            return Snooze(SnoozeOutcome.TOO_CLOSE, stored, row.due_at)
        await uow.reminders.snooze(row.id, until)
        uow.changed_claims.add(row.claim_id)
    return Snooze(SnoozeOutcome.SNOOZED, stored, until)
