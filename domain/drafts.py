"""Drafts of the seller's answer to an information request and of an appeal.

A draft is built as paragraphs of ``Msg`` lines (English source text marked with ``N_``), then
rendered by a ``render`` callable the shell binds to the draft language's catalog. The domain
never translates and never imports Babel.

Drafts state only what the seller entered: a sentence whose fact is missing is left out, never
filled with a placeholder. Amazon's response box takes no attachments, so Amazon drafts say the
documents went to the buyer through Buyer-Seller Messages. The rendered text fits one Telegram
message; if it would not, the seller's notes are shortened with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from domain.claims import Claim, Fulfilment, Reason
from domain.errors import InvalidTransition
from domain.evidence import ITEM_LABELS, EvidenceItem, evidence_details, new_evidence
from domain.lifecycle import ClaimEvent, EventKind, State, replay
from domain.rules import RULES, ClaimSource, Marketplace, RuleTable
from domain.text import N_, Msg

__all__ = [
    "ELLIPSIS",
    "TELEGRAM_TEXT_LIMIT",
    "Draft",
    "DraftLanguage",
    "DraftLine",
    "Render",
    "appeal_draft",
    "build_appeal_draft",
    "build_response_draft",
    "default_draft_language",
    "render_draft",
    "response_draft",
]

TELEGRAM_TEXT_LIMIT = 4096
ELLIPSIS = "…"
BULLET = "- "  # plain ASCII: the text is pasted into web forms

Render = Callable[[Msg], str]


class DraftLanguage(StrEnum):
    NL = "nl"
    EN = "en"


def default_draft_language(marketplace: Marketplace) -> DraftLanguage:
    """Dutch for amazon.nl, English elsewhere.

    amazon.com.be serves Dutch and French speakers and its claim handlers read English, so it
    gets English too; the seller can always pick the other language.
    """
    return DraftLanguage.NL if marketplace is Marketplace.AMAZON_NL else DraftLanguage.EN


@dataclass(frozen=True)
class DraftLine:
    """One line; ``shorten`` names a parameter that may be cut to make the draft fit.

    Lines with the lowest ``cut_order`` are cut first: the seller's notes (0) before the
    evidence details (1), which carry the facts Amazon asked for.
    """

    msg: Msg
    bullet: bool = False
    shorten: str | None = None
    cut_order: int = 0


@dataclass(frozen=True)
class Draft:
    paragraphs: tuple[tuple[DraftLine, ...], ...]


_DEAR_AMAZON = N_("Dear Amazon team,")
_GREETING = {
    ClaimSource.A_TO_Z: _DEAR_AMAZON,
    ClaimSource.CHARGEBACK: _DEAR_AMAZON,
    ClaimSource.TRUSTED_SHOPS: N_("Dear Trusted Shops team,"),
    ClaimSource.PAYPAL: N_("Dear PayPal team,"),
}

_RESPONSE_INTRO = {
    ClaimSource.A_TO_Z: N_("Thank you for your request for information about the A-to-z "
                           "Guarantee claim for order {order_id}."),
    ClaimSource.CHARGEBACK: N_("Please find our response to the chargeback for order "
                               "{order_id}."),
    ClaimSource.TRUSTED_SHOPS: N_("Please find our response to the buyer protection case for "
                                  "order {order_id}."),
    ClaimSource.PAYPAL: N_("Please find our response to the PayPal dispute for transaction "
                           "{order_id}."),
}

_REASON = {
    Reason.NOT_RECEIVED: N_("The buyer reports that the item was not received."),
    Reason.DAMAGED: N_("The buyer reports that the item arrived damaged or defective."),
    Reason.NOT_AS_DESCRIBED: N_("The buyer reports that the item differs from its description."),
    Reason.RETURN_NO_REFUND: N_("The buyer reports that a returned item was not refunded."),
    Reason.RETURN_WRONG_AMOUNT: N_("The buyer reports that the refund for a returned item was "
                                   "too low."),
    Reason.RETURN_REJECTED: N_("The buyer reports that a return request was rejected or "
                               "closed."),
    Reason.RETURN_NO_LABEL: N_("The buyer reports that no return address or prepaid return "
                               "label was provided."),
    Reason.OTHER: N_("The buyer has filed a claim about this order."),
}

_FULFILMENT = {
    Fulfilment.FBA: N_("The order was fulfilled by Amazon (FBA)."),
    Fulfilment.SELLER: N_("We shipped the order ourselves."),
    Fulfilment.SELLER_PRIME: N_("We shipped the order ourselves as Seller Fulfilled Prime."),
}

# Per evidence item: the line when the seller entered a detail, and the line when only the
# document exists. None: no sentence (the item shows up in the document list only).
_FACTS: dict[str, tuple[str | None, str | None]] = {
    "dispatch": (N_("Dispatch: {detail}"), None),
    "carrier": (N_("Carrier: {detail}"), None),
    "tracking": (N_("Tracking number: {detail}"), None),
    "pod": (N_("Proof of delivery: {detail}"),
            N_("The carrier confirms delivery to the buyer's address.")),
    "signature": (N_("Signature: {detail}"),
                  N_("Delivery was confirmed with the recipient's signature.")),
    "address": (None, N_("The parcel went to the delivery address given in the order.")),
    "photos": (None, N_("We photographed the item before dispatch.")),
    "listing": (None, None),
    "ret_elig": (N_("Return eligibility: {detail}"), None),
    "ret_addr": (N_("Return address offered: {detail}"), N_("We offered a domestic return "
                                                             "address.")),
    "ret_label": (N_("Return shipping: {detail}"), N_("We provided a prepaid return label.")),
    "ret_track": (N_("Return tracking: {detail}"), None),
    "ret_recv": (N_("Condition of the returned item: {detail}"), None),
    "ret_closed": (N_("Why the return request was closed: {detail}"), None),
    "refund": (N_("Refund issued: {detail}"), N_("We have already issued a refund.")),
    "msgs": (None, None),
    "concess": (N_("Earlier concessions: {detail}"), None),
    "invoice": (None, None),
}
# Names and numbers, not documents: they are stated in the text and never "sent".
_DATA_ONLY = frozenset({"carrier", "tracking"})

_TIMELINE = {
    EventKind.RESPOND: N_("{at}: we responded to the request for information"),
    EventKind.GRANT_SELLER: N_("{at}: the claim was granted to the buyer and debited from our "
                               "account"),
    EventKind.GRANT_AMAZON: N_("{at}: the claim was granted to the buyer, funded by Amazon"),
    EventKind.DENY: N_("{at}: the claim was denied"),
    EventKind.WITHDRAW: N_("{at}: the buyer withdrew the claim"),
    EventKind.REFUND: N_("{at}: we refunded the buyer"),
    EventKind.APPEAL: N_("{at}: we appealed the decision"),
    EventKind.WIN_APPEAL: N_("{at}: the appeal was decided in our favour"),
    EventKind.LOSE_APPEAL: N_("{at}: the appeal was rejected"),
    EventKind.CLOSE: N_("{at}: the claim was closed"),
}


def _line(key: str, **params: object) -> DraftLine:
    return DraftLine(Msg.of(key, **params))


def _bullet(msg: Msg) -> DraftLine:
    return DraftLine(msg, bullet=True)


def _present(evidence: Iterable[EvidenceItem]) -> list[str]:
    # Table order, not upload order: the same evidence always gives the same draft.
    have = {item.item_id for item in evidence}
    return [item_id for item_id in ITEM_LABELS if item_id in have]


def _facts(claim: Claim, evidence: Sequence[EvidenceItem]) -> list[DraftLine]:
    lines = [_line(_FULFILMENT[claim.fulfilment])]
    if claim.latest_delivery is not None:
        lines.append(_line(N_("The latest estimated delivery date was {date}."),
                           date=claim.latest_delivery))
    if claim.buy_shipping_protected:
        lines.append(_line(N_("The shipping label was bought through Amazon Buy Shipping with "
                              "claims protection.")))
    for item_id in _present(evidence):
        with_detail, without = _FACTS[item_id]
        details = evidence_details(evidence, item_id)
        if details and with_detail:
            lines.append(DraftLine(Msg.of(with_detail, detail=", ".join(details)),
                                   shorten="detail", cut_order=1))
        elif without:
            lines.append(_line(without))
    return lines


def _documents(claim: Claim, present: Sequence[str]) -> list[DraftLine]:
    item_ids = [item_id for item_id in present if item_id not in _DATA_ONLY]
    if not item_ids:
        return []
    heading = (
        N_("We have sent the following documents to the buyer through Buyer-Seller Messages, "
           "because this form does not accept attachments:")
        if claim.source.is_amazon
        else N_("We can provide the following documents on request:")
    )
    return [_line(heading), *(_bullet(ITEM_LABELS[item_id]) for item_id in item_ids)]


def _timeline(claim: Claim, events: Sequence[ClaimEvent]) -> list[DraftLine]:
    lines = [_line(N_("Timeline:"))]
    if claim.order_date is not None:
        lines.append(_bullet(Msg.of(N_("{at}: order placed"), at=claim.order_date)))
    lines.append(_bullet(Msg.of(N_("{at}: claim received"), at=claim.notice_at)))
    lines += [_bullet(Msg.of(_TIMELINE[event.kind], at=event.at)) for event in events]
    return lines


def _notes(claim: Claim) -> list[DraftLine]:
    if not claim.notes:
        return []
    return [DraftLine(Msg.of(N_("Additional information: {notes}"), notes=claim.notes),
                      shorten="notes")]


def _intro(claim: Claim, opening: DraftLine) -> list[DraftLine]:
    return [
        opening,
        _line(_REASON[claim.reason]),
        _line(N_("The order amount is {amount}."), amount=claim.amount),
    ]


def _closing(request: str) -> list[DraftLine]:
    return [_line(request), _line(N_("Kind regards,"))]


def _draft(*paragraphs: Sequence[DraftLine]) -> Draft:
    return Draft(tuple(tuple(p) for p in paragraphs if p))


def build_response_draft(
    claim: Claim, events: Sequence[ClaimEvent], evidence: Sequence[EvidenceItem]
) -> Draft:
    """The answer to the claim handler's request for information, as Msg paragraphs."""
    replay(events)  # refuse an impossible timeline rather than print it
    return _draft(
        [_line(_GREETING[claim.source])],
        _intro(claim, _line(_RESPONSE_INTRO[claim.source], order_id=claim.order_id)),
        _facts(claim, evidence),
        _documents(claim, _present(evidence)),
        _timeline(claim, events),
        _notes(claim),
        _closing(N_("We kindly ask you to take this information into account in your "
                    "decision.")),
    )


def build_appeal_draft(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    rules: RuleTable = RULES,
) -> Draft:
    """An appeal of a seller-funded grant, leading with what is new since the response."""
    state = replay(events)
    rule = rules.get(claim.rule_id, claim.rule_version)
    if state not in (State.GRANTED_SELLER, State.APPEALING) or rule.appeal_window is None:
        raise InvalidTransition(Msg.of(
            N_("An appeal draft needs a claim that was granted at your expense."),
            state=state.value,
        ))
    granted_at = next(e.at for e in events if e.kind is EventKind.GRANT_SELLER)
    new = _present(new_evidence(evidence, events))
    news = (
        [_line(N_("We have new information that was not available when the claim was "
                  "decided:")), *(_bullet(ITEM_LABELS[item_id]) for item_id in new)]
        if new else []
    )
    return _draft(
        [_line(_GREETING[claim.source])],
        _intro(claim, _line(N_("We appeal the decision on the A-to-z Guarantee claim for "
                               "order {order_id}, which was granted at our expense on "
                               "{granted_at}."),
                            order_id=claim.order_id, granted_at=granted_at)),
        news,
        _facts(claim, evidence),
        _documents(claim, _present(evidence)),
        _timeline(claim, events),
        _notes(claim),
        _closing(N_("We kindly ask you to review the claim again and to reverse the debit.")),
    )


def render_draft(draft: Draft, render: Render, limit: int = TELEGRAM_TEXT_LIMIT) -> str:
    """The draft as text of at most ``limit`` characters.

    Too long: shortenable values are capped at the longest length that still fits, each cut
    value ending in an ellipsis; the notes go first, then evidence details. A group that cannot
    fit even at one character is left out and the next group is cut. Still too long (not
    reachable with the current input limits): the text itself is cut.
    """
    text = _join(draft, render)
    orders = sorted({line.cut_order for paragraph in draft.paragraphs for line in paragraph
                     if line.shorten is not None})
    for order in orders:
        if len(text) <= limit:
            break
        draft, text = _cut(draft, render, limit, order)
    if len(text) > limit:
        text = text[: limit - len(ELLIPSIS)] + ELLIPSIS
    return text


def _cut(draft: Draft, render: Render, limit: int, order: int) -> tuple[Draft, str]:
    # Binary search for the largest cap that fits: rendered length grows with the cap.
    longest = max(len(str(line.msg.params[line.shorten])) for paragraph in draft.paragraphs
                  for line in paragraph if line.shorten is not None and line.cut_order == order)
    best = _capped(draft, order, 0)
    best_text = _join(best, render)
    low, high = 1, longest - 1
    while low <= high:
        cap = (low + high) // 2
        candidate = _capped(draft, order, cap)
        text = _join(candidate, render)
        if len(text) <= limit:
            best, best_text, low = candidate, text, cap + 1
        else:
            high = cap - 1
    return best, best_text


def _capped(draft: Draft, order: int, cap: int) -> Draft:
    """``draft`` with the values of cut group ``order`` capped at ``cap``; 0 drops their lines."""
    paragraphs = []
    for paragraph in draft.paragraphs:
        lines = []
        for line in paragraph:
            if line.shorten is None or line.cut_order != order:
                lines.append(line)
                continue
            if cap == 0:
                continue
            value = str(line.msg.params[line.shorten])
            if len(value) > cap:
                params = {**line.msg.params, line.shorten: value[:cap] + ELLIPSIS}
                line = replace(line, msg=Msg.of(line.msg.key, **params))
            lines.append(line)
        paragraphs.append(tuple(lines))
    return Draft(tuple(paragraphs))


def _join(draft: Draft, render: Render) -> str:
    return "\n\n".join(
        "\n".join((BULLET if line.bullet else "") + render(line.msg) for line in paragraph)
        for paragraph in draft.paragraphs
        if paragraph
    )


def response_draft(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    render: Render,
) -> str:
    """The response draft, rendered and within Telegram's limit."""
    return render_draft(build_response_draft(claim, events, evidence), render)


def appeal_draft(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    render: Render,
    rules: RuleTable = RULES,
) -> str:
    """The appeal draft, rendered and within Telegram's limit."""
    return render_draft(build_appeal_draft(claim, events, evidence, rules), render)
