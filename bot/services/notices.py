"""Claims from pasted notices: register one with the notice as its first evidence note, or
update the claim the notice is about. No Telegram.

Each operation is one unit of work: the claim, its note, its event, its reminder rows and the
forgotten intake state commit together, so a crash leaves either all of it or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.claims_repo import StoredClaim
from bot.evidence_repo import NewEvidence
from bot.reminders_repo import plan_for_claim
from bot.sellers import Seller
from bot.storage import Database, UnitOfWork
from domain.claims import Claim, PayPalStage
from domain.errors import InvalidTransition
from domain.evidence import OTHER_ITEM
from domain.lifecycle import EventKind, apply
from domain.rules import ClaimSource

__all__ = ["NOTE_ITEM", "Update", "register_from_notice", "update_from_notice"]

NOTE_ITEM = OTHER_ITEM  # the notice proves no checklist item; it is the claim's record
DRAFT_KEYS = ("intake.draft", "intake.notice")


@dataclass(frozen=True)
class Update:
    """What a notice changed on an existing claim."""

    claim: StoredClaim
    event: EventKind | None  # recorded, or None (the claim's state did not allow it)
    refused: InvalidTransition | None = None
    escalated: bool = False  # a PayPal dispute became a claim (stage and respond-by stored)


async def _note(uow: UnitOfWork, claim_id: int, text: str, now: datetime) -> None:
    await uow.evidence.add(claim_id, NewEvidence(
        kind="text", item_id=NOTE_ITEM, received_at=now, detail=text.strip(),
    ))


async def _event(uow: UnitOfWork, seller_id: int, stored: StoredClaim, kind: EventKind,
                 at: datetime, now: datetime) -> None:
    at = max(at, stored.events[-1].at) if stored.events else at
    applied = apply(stored.state, kind, at)
    await uow.claims.record_event(seller_id, stored.id, applied.event, applied.state, now)


async def register_from_notice(
    database: Database,
    seller: Seller,
    claim: Claim,
    text: str,
    now: datetime,
    *,
    decision: EventKind | None = None,
) -> StoredClaim:
    """Store ``claim`` with the notice ``text`` as its first note and, for a decision notice,
    the decision; ``DuplicateClaimError`` if the order has a claim for that source already."""
    async with database.unit_of_work() as uow:
        claim_id = await uow.claims.add(seller.user_id, claim, now)
        await _note(uow, claim_id, text, now)
        stored = await uow.claims.get(seller.user_id, claim_id)
        assert stored is not None
        if decision is not None:
            await _event(uow, seller.user_id, stored, decision, claim.notice_at, now)
            stored = await uow.claims.get(seller.user_id, claim_id)
            assert stored is not None
        await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, now), now)
        for key in DRAFT_KEYS:
            await uow.ptb_state.forget_user_data_key(seller.user_id, key, now)
        uow.changed_claims.add(claim_id)
    return stored


async def update_from_notice(
    database: Database,
    seller: Seller,
    claim_id: int,
    text: str,
    at: datetime,
    now: datetime,
    *,
    event: EventKind | None = None,
    escalated: bool = False,
    respond_by: datetime | None = None,
) -> Update | None:
    """Add the notice to the seller's claim and record ``event`` at ``at`` if the claim's state
    allows it; a PayPal ``escalated`` notice makes the case a claim, with PayPal's
    ``respond_by`` date when it gives one. None when the seller has no such claim."""
    refused = None
    async with database.unit_of_work() as uow:
        stored = await uow.claims.get(seller.user_id, claim_id)
        if stored is None:
            return None
        await _note(uow, claim_id, text, now)
        escalated = escalated and stored.claim.source is ClaimSource.PAYPAL
        if escalated:
            if respond_by is not None and respond_by <= stored.claim.notice_at:
                respond_by = None  # a date before the case began is a misreading, not a deadline
            await uow.claims.set_paypal_stage(
                seller.user_id, claim_id, PayPalStage.CLAIM, respond_by, now
            )
            stored = await uow.claims.get(seller.user_id, claim_id)
            assert stored is not None
            await uow.reminders.replace_plan(claim_id, plan_for_claim(stored, seller, now), now)
            uow.changed_claims.add(claim_id)
        if event is not None:
            try:
                await _event(uow, seller.user_id, stored, event, at, now)
            except InvalidTransition as error:
                refused, event = error, None
            else:
                stored = await uow.claims.get(seller.user_id, claim_id)
                assert stored is not None
                await uow.reminders.replace_plan(
                    claim_id, plan_for_claim(stored, seller, now), now
                )
                uow.changed_claims.add(claim_id)
    return Update(stored, event, refused, escalated)
