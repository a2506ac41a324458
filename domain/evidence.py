"""What evidence a claim needs (per reason and source) and how much of it the seller has.

Checklist items follow what Amazon asks for (Seller Central item 1781): delivery facts for
"not received", return facts for return claims, buyer correspondence and earlier concessions for
every claim. Item ids are short and stable: evidence rows and callback data refer to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.claims import Fulfilment, Reason
from domain.errors import ValidationError
from domain.instants import as_utc
from domain.lifecycle import ClaimEvent, EventKind
from domain.rules import ClaimSource
from domain.text import N_, Msg

__all__ = [
    "DETAIL_MAX_CHARS",
    "ITEM_LABELS",
    "KIND_LABELS",
    "OTHER_ITEM",
    "ChecklistItem",
    "EvidenceItem",
    "EvidenceProgress",
    "checklist_for",
    "evidence_details",
    "item_label",
    "kind_label",
    "new_evidence",
    "progress",
]

DETAIL_MAX_CHARS = 200

ITEM_LABELS: dict[str, Msg] = {
    "dispatch": Msg.of(N_("Dispatch date and shipping method")),
    "carrier": Msg.of(N_("Carrier")),
    "tracking": Msg.of(N_("Tracking number")),
    "pod": Msg.of(N_("Carrier proof of delivery")),
    "signature": Msg.of(N_("Signature confirmation")),
    "address": Msg.of(N_("Delivery address used")),
    "photos": Msg.of(N_("Photos of the item as shipped")),
    "listing": Msg.of(N_("The listing as it was when the order was placed")),
    "ret_elig": Msg.of(N_("Whether the return was eligible")),
    "ret_addr": Msg.of(N_("Domestic return address offered")),
    "ret_label": Msg.of(N_("Prepaid return label or return shipping details")),
    "ret_track": Msg.of(N_("Tracking of the returned parcel")),
    "ret_recv": Msg.of(N_("Condition of the returned item on arrival")),
    "ret_closed": Msg.of(N_("Why the return request was closed or rejected")),
    "refund": Msg.of(N_("Proof of the refund already issued")),
    "msgs": Msg.of(N_("Correspondence with the buyer")),
    "concess": Msg.of(N_("Earlier partial refunds or concessions")),
    "invoice": Msg.of(N_("Invoice or order confirmation")),
}

# Evidence that proves no checklist item; not in ITEM_LABELS, so it never counts as progress.
OTHER_ITEM = "other"
_OTHER = Msg.of(N_("Other"))

# What a seller sent, by the kind stored with the evidence row.
KIND_LABELS: dict[str, Msg] = {
    "photo": Msg.of(N_("Photo")),
    "document": Msg.of(N_("Document")),
    "text": Msg.of(N_("Note")),
    "forward": Msg.of(N_("Forwarded message")),
}


def item_label(item_id: str) -> Msg:
    """A checklist item's label; anything outside the checklist is "Other"."""
    return ITEM_LABELS.get(item_id, _OTHER)


def kind_label(kind: str) -> Msg:
    return KIND_LABELS.get(kind, KIND_LABELS["document"])


_R, _r = True, False  # required, recommended
_BY_REASON: dict[Reason, tuple[tuple[str, bool], ...]] = {
    Reason.NOT_RECEIVED: (
        ("dispatch", _r), ("carrier", _R), ("tracking", _R), ("pod", _R), ("address", _R),
        ("signature", _r),
    ),
    # Damaged and not-as-described claims need a return request first: show the return path.
    Reason.DAMAGED: (
        ("ret_elig", _R), ("ret_addr", _R), ("ret_label", _r), ("photos", _r), ("tracking", _r),
    ),
    Reason.NOT_AS_DESCRIBED: (
        ("listing", _R), ("ret_elig", _R), ("ret_addr", _R), ("ret_label", _r), ("photos", _r),
    ),
    Reason.RETURN_NO_REFUND: (
        ("ret_elig", _R), ("ret_track", _R), ("ret_recv", _r), ("refund", _r),
    ),
    Reason.RETURN_WRONG_AMOUNT: (
        ("ret_track", _R), ("ret_recv", _R), ("refund", _R),
    ),
    Reason.RETURN_REJECTED: (
        ("ret_elig", _R), ("ret_closed", _R), ("ret_addr", _r),
    ),
    Reason.RETURN_NO_LABEL: (
        ("ret_addr", _R), ("ret_label", _R),
    ),
    Reason.OTHER: (),
}
_EVERY_CLAIM = (("msgs", _R), ("concess", _r))
# Outside Amazon the case handler does not see the order itself.
_NOT_AMAZON = (("invoice", _r),)


@dataclass(frozen=True)
class ChecklistItem:
    item_id: str
    label: Msg
    required: bool


@dataclass(frozen=True)
class EvidenceItem:
    """Something the seller has, filed under a checklist item id; ``detail`` e.g. the number."""

    item_id: str
    added_at: datetime
    detail: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "added_at", as_utc(self.added_at, "added_at"))
        object.__setattr__(self, "detail", self.detail.strip())
        if self.item_id not in ITEM_LABELS:
            raise ValidationError(Msg.of(
                N_("Unknown evidence item {item_id}."), item_id=self.item_id
            ))
        if len(self.detail) > DETAIL_MAX_CHARS or not self.detail.isprintable():
            raise ValidationError(Msg.of(
                N_("An evidence detail is one line of at most {max} characters."),
                max=DETAIL_MAX_CHARS,
            ))


@dataclass(frozen=True)
class EvidenceProgress:
    required_done: int
    required_total: int
    recommended_done: int
    recommended_total: int
    missing_required: tuple[ChecklistItem, ...]

    @property
    def complete(self) -> bool:
        return not self.missing_required


# FBA: Amazon shipped, so no seller-shipping items (FACTS "fba.amazon_handles"); the listing
# and photos still matter when the buyer says the item differs or is damaged.
_FBA: dict[Reason, tuple[tuple[str, bool], ...]] = {
    Reason.DAMAGED: (("photos", _r),),
    Reason.NOT_AS_DESCRIBED: (("listing", _r), ("photos", _r)),
}


def checklist_for(
    source: ClaimSource, reason: Reason, fulfilment: Fulfilment | None = None
) -> tuple[ChecklistItem, ...]:
    """The evidence checklist for a claim's reason and source, reason-specific items first.

    FBA claims get only the listing, photos and buyer messages, all recommended. A "domestic
    return address" only exists on Amazon (cross-border sellers), never for PayPal or Trusted
    Shops.
    """
    if source.is_amazon and fulfilment is Fulfilment.FBA:
        return tuple(
            ChecklistItem(item_id, ITEM_LABELS[item_id], required)
            for item_id, required in (*_FBA.get(reason, ()), ("msgs", _r))
        )
    extra = () if source.is_amazon else _NOT_AMAZON
    return tuple(
        ChecklistItem(item_id, ITEM_LABELS[item_id], required)
        for item_id, required in (*_BY_REASON[reason], *_EVERY_CLAIM, *extra)
        if source.is_amazon or item_id != "ret_addr"
    )


def progress(
    checklist: Sequence[ChecklistItem], evidence: Iterable[EvidenceItem]
) -> EvidenceProgress:
    """How much of ``checklist`` the evidence covers; items outside the checklist do not count."""
    have = {item.item_id for item in evidence}
    required = [c for c in checklist if c.required]
    recommended = [c for c in checklist if not c.required]
    return EvidenceProgress(
        required_done=sum(c.item_id in have for c in required),
        required_total=len(required),
        recommended_done=sum(c.item_id in have for c in recommended),
        recommended_total=len(recommended),
        missing_required=tuple(c for c in required if c.item_id not in have),
    )


def evidence_details(evidence: Iterable[EvidenceItem], item_id: str) -> tuple[str, ...]:
    """The distinct non-empty details filed under ``item_id``, in the order they were added."""
    return tuple(dict.fromkeys(
        item.detail for item in evidence if item.item_id == item_id and item.detail
    ))


def new_evidence(
    evidence: Iterable[EvidenceItem], events: Iterable[ClaimEvent]
) -> tuple[EvidenceItem, ...]:
    """Evidence the claim handler has not seen: added after the seller's response, or all of it
    when the seller never responded. An appeal needs such new information."""
    responded = next((e.at for e in events if e.kind is EventKind.RESPOND), None)
    return tuple(item for item in evidence if responded is None or item.added_at > responded)
