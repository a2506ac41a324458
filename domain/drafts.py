"""Drafts of the seller's answer to a claim and of an appeal, facts first.

A draft is built as paragraphs of ``Msg`` lines (English source text marked with ``N_``), then
rendered by a ``render`` callable the shell binds to the draft language's catalog. The domain
never translates and never imports Babel.

What a claims consultant writes: the subject, then the recorded facts (ship date, carrier,
tracking, the delivery date against the latest estimated delivery date, the buyer contact, a
return offered), each failed eligibility condition, where the documents are, and a clear
request: deny the claim; in an appeal, reverse the debit and the ODR impact. A sentence whose
fact is missing is left out, never filled with a placeholder or guessed; a file name is never
presented as evidence of anything; an appeal lists as new only what was added after the
response. Where documents go depends on the channel: Amazon's A-to-z answer box takes no
attachments (they go to the buyer through Buyer-Seller Messages, FACTS
"az.attachments_via_buyer_seller_messages"; amazon.com appeals take uploads), a chargeback's
documents go with the reply to Amazon's chargeback e-mail and never to the buyer (FACTS
"cb.reply_to_email"). The rendered text fits one Telegram message; if it would not, the
seller's notes are shortened with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from enum import StrEnum

from domain.claims import Claim, Fulfilment, PayPalStage, Reason, TrackingStatus
from domain.eligibility import eligibility_issues
from domain.errors import InvalidTransition
from domain.evidence import ITEM_LABELS, EvidenceItem, evidence_details, new_evidence
from domain.lifecycle import ClaimEvent, EventKind, State, replay
from domain.outcomes import money_and_odr
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


def default_draft_language(
    marketplace: Marketplace, seller_language: str | None = None
) -> DraftLanguage:
    """The marketplace's language: Dutch for amazon.nl, English for the other Amazon stores,
    and the seller's own language for their web shop (Trusted Shops, PayPal: their buyers and
    the case handlers read it). The other language is always one tap away.

    amazon.com.be serves Dutch and French speakers and its claim handlers read English, so it
    gets English.
    """
    if marketplace is Marketplace.AMAZON_NL:
        return DraftLanguage.NL
    if marketplace is Marketplace.WEBSHOP and seller_language == DraftLanguage.NL.value:
        return DraftLanguage.NL
    return DraftLanguage.EN


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


_SUBJECT = {
    ClaimSource.A_TO_Z: N_("Re: A-to-z Guarantee claim for order {order_id} ({reason})."),
    ClaimSource.CHARGEBACK: N_("Re: chargeback for order {order_id}."),
    ClaimSource.TRUSTED_SHOPS: N_("Re: buyer protection case for order {order_id} ({reason})."),
    ClaimSource.PAYPAL: N_("Re: PayPal case for transaction {order_id} ({reason})."),
}

_REASON = {
    Reason.NOT_RECEIVED: N_("item not received"),
    Reason.DAMAGED: N_("item damaged or defective"),
    Reason.NOT_AS_DESCRIBED: N_("item not as described"),
    Reason.RETURN_NO_REFUND: N_("returned item not refunded"),
    Reason.RETURN_WRONG_AMOUNT: N_("refund amount for a return"),
    Reason.RETURN_REJECTED: N_("return request rejected or closed"),
    Reason.RETURN_NO_LABEL: N_("no return address or return label"),
    Reason.OTHER: N_("other reason"),
}

# Per evidence item: the line when the seller entered a detail, and the line when only the
# document exists. None: no sentence. Carrier, tracking and dispatch go into the shipping
# sentence instead.
_FACTS: dict[str, tuple[str | None, str | None]] = {
    "pod": (N_("Proof of delivery: {detail}"), N_("The carrier confirms the delivery.")),
    "signature": (N_("Signature: {detail}"),
                  N_("Delivery was confirmed with the recipient's signature.")),
    "photos": (None, N_("We photographed the item before dispatch.")),
    "ret_elig": (N_("Return eligibility: {detail}"), None),
    "ret_addr": (N_("Return address offered: {detail}"), N_("We offered a return address in "
                                                             "the buyer's country.")),
    "ret_label": (N_("Return shipping: {detail}"), N_("We provided a prepaid return label.")),
    "ret_track": (N_("Return tracking: {detail}"), None),
    "ret_recv": (N_("Condition of the returned item: {detail}"), None),
    "ret_closed": (N_("Why the return request was closed: {detail}"), None),
    "refund": (N_("Refunded: {detail}"), N_("We have already refunded the amount.")),
    "concess": (N_("Earlier concessions: {detail}"), None),
}
# Real files worth sending; names, numbers, addresses and messages are stated, never "sent".
_DOCUMENTS = ("pod", "signature", "photos", "listing", "ret_label", "ret_recv", "refund",
              "invoice")
# A detail that is only a file name says nothing about the claim.
_FILE_NAME = re.compile(
    r"\S+\.(?:pdf|jpe?g|png|heic|heif|gif|webp|tiff?|docx?|xlsx?|csv|txt|eml|msg|zip)",
    re.IGNORECASE,
)

_SHIPPED = {
    (True, True, True): N_("We shipped the order on {date} with {carrier}, tracking number "
                           "{tracking}."),
    (True, True, False): N_("We shipped the order on {date} with {carrier}."),
    (True, False, True): N_("We shipped the order on {date}, tracking number {tracking}."),
    (False, True, True): N_("We shipped the order with {carrier}, tracking number {tracking}."),
    (True, False, False): N_("We shipped the order on {date}."),
    (False, True, False): N_("We shipped the order with {carrier}."),
    (False, False, True): N_("We shipped the order with tracking number {tracking}."),
}


def _line(key: str, **params: object) -> DraftLine:
    return DraftLine(Msg.of(key, **params))


def _bullet(msg: Msg) -> DraftLine:
    return DraftLine(msg, bullet=True)


def _present(evidence: Iterable[EvidenceItem]) -> list[str]:
    # Table order, not upload order: the same evidence always gives the same draft.
    have = {item.item_id for item in evidence}
    return [item_id for item_id in ITEM_LABELS if item_id in have]


def _details(evidence: Sequence[EvidenceItem], item_id: str) -> tuple[str, ...]:
    return tuple(d for d in evidence_details(evidence, item_id) if not _FILE_NAME.fullmatch(d))


def _shipping(claim: Claim, evidence: Sequence[EvidenceItem]) -> list[DraftLine]:
    if claim.fulfilment is Fulfilment.FBA:
        return [_line(N_("Amazon fulfilled this order (FBA)."))]
    carrier = claim.carrier or ", ".join(_details(evidence, "carrier"))
    tracking = claim.tracking_number or ", ".join(_details(evidence, "tracking"))
    key = (claim.ship_date is not None, bool(carrier), bool(tracking))
    lines = []
    if key in _SHIPPED:
        lines.append(DraftLine(
            Msg.of(_SHIPPED[key], date=claim.ship_date, carrier=carrier, tracking=tracking)
        ))
    dispatch = _details(evidence, "dispatch")
    if dispatch:
        lines.append(DraftLine(Msg.of(N_("Shipped: {detail}"), detail=", ".join(dispatch)),
                               shorten="detail", cut_order=1))
    if claim.buy_shipping_protected:
        lines.append(_line(N_("The shipping label was bought through Amazon Buy Shipping with "
                              "claims protection.")))
        if claim.first_scan_on_time:
            lines.append(_line(N_("The carrier's first scan was on time, by the ship-by "
                                  "date.")))
    return lines


def _delivery(claim: Claim) -> list[DraftLine]:
    status, edd, day = claim.tracking_status, claim.latest_delivery, claim.delivered_on
    if status is TrackingStatus.DELIVERED:
        if day is not None and edd is not None and day <= edd:
            return [_line(N_("According to the carrier the parcel was delivered on {delivered}, "
                             "by the latest estimated delivery date of {edd}."),
                          delivered=day, edd=edd)]
        if day is not None:
            return [_line(N_("According to the carrier the parcel was delivered on "
                             "{delivered}."), delivered=day)]
        return [_line(N_("According to the carrier's tracking the parcel was delivered."))]
    if status is TrackingStatus.IN_TRANSIT:
        return [_line(N_("According to the tracking the parcel is still on its way."))]
    if status is TrackingStatus.RETURNED:
        return [_line(N_("According to the tracking the parcel was returned to us as "
                         "undeliverable."))]
    return []


def _facts(claim: Claim, evidence: Sequence[EvidenceItem]) -> list[DraftLine]:
    delivery = _delivery(claim)
    lines = [*_shipping(claim, evidence), *delivery]
    for item_id in _present(evidence):
        if item_id not in _FACTS:
            continue
        with_detail, without = _FACTS[item_id]
        if item_id == "pod" and claim.tracking_status is TrackingStatus.DELIVERED:
            without = None  # the delivery sentence already says it
        details = _details(evidence, item_id)
        if details and with_detail:
            lines.append(DraftLine(Msg.of(with_detail, detail=", ".join(details)),
                                   shorten="detail", cut_order=1))
        elif without:
            lines.append(_line(without))
    if claim.return_offered:
        lines.append(_line(N_("We offered the buyer a return.")))
    return lines


def _eligibility(claim: Claim, rules: RuleTable) -> list[DraftLine]:
    return [DraftLine(issue.draft) for issue in eligibility_issues(claim, rules)]


def _documents(claim: Claim, present: Sequence[str], *, appeal: bool) -> list[DraftLine]:
    lines: list[DraftLine] = []
    if "msgs" in present and claim.source is ClaimSource.A_TO_Z:
        lines.append(_line(N_("Our messages with the buyer are in Buyer-Seller Messages.")))
    item_ids = [item_id for item_id in _DOCUMENTS if item_id in present]
    if not item_ids:
        return lines
    if claim.source is ClaimSource.CHARGEBACK:
        heading = N_("We attach the following documents to our reply to your chargeback "
                     "e-mail:")
    elif claim.source is not ClaimSource.A_TO_Z:
        heading = N_("We attach the following documents:")
    elif appeal and claim.marketplace is Marketplace.AMAZON_US:
        heading = N_("We upload the following documents with this appeal:")
    else:
        heading = N_("As this form takes no attachments, we are sending the following "
                     "documents to the buyer through Buyer-Seller Messages:")
    return [*lines, _line(heading), *(_bullet(ITEM_LABELS[item_id]) for item_id in item_ids)]


def _notes(claim: Claim) -> list[DraftLine]:
    if not claim.notes:
        return []
    return [DraftLine(Msg.of(N_("Additional information: {notes}"), notes=claim.notes),
                      shorten="notes")]


def _request(claim: Claim, evidence: Sequence[EvidenceItem]) -> str:
    have = {item.item_id for item in evidence}
    if claim.source is ClaimSource.CHARGEBACK:
        return N_("We ask you to present these facts to the card issuer and to dispute the "
                  "chargeback.")
    if claim.source is ClaimSource.TRUSTED_SHOPS and claim.reason in (
        Reason.DAMAGED, Reason.NOT_AS_DESCRIBED
    ):
        return N_("This complaint is a warranty matter outside the buyer protection; we ask "
                  "you to close the case.")
    if claim.source is ClaimSource.PAYPAL and claim.paypal_stage is PayPalStage.DISPUTE:
        return N_("We would like to resolve this with you; please reply here.")
    if claim.source is not ClaimSource.A_TO_Z:
        return N_("We ask you to decide the case in our favour.")
    if claim.fulfilment is Fulfilment.FBA:
        return N_("As Amazon fulfilled this order, we ask you to handle the claim under "
                  "Amazon's fulfilment.")
    if "pod" in have or claim.tracking_status is TrackingStatus.DELIVERED:
        return N_("As the carrier confirms delivery, we ask you to deny this claim.")
    early = any(issue.code == "early" for issue in eligibility_issues(claim))
    if claim.tracking_status in (TrackingStatus.IN_TRANSIT, TrackingStatus.RETURNED) \
            and not early:
        return N_("Please let us know if you need any further information.")
    return N_("Based on these facts, we ask you to deny this claim.")


def _closing(request: DraftLine, shop_name: str) -> list[DraftLine]:
    lines = [request, _line(N_("Kind regards,"))]
    if shop_name.strip():
        lines.append(_line("{shop}", shop=shop_name.strip()))
    return lines


_GREETING = N_("Dear Sir or Madam,")


def _draft(*paragraphs: Sequence[DraftLine]) -> Draft:
    return Draft(tuple(tuple(p) for p in paragraphs if p))


def _subject(claim: Claim) -> DraftLine:
    return _line(_SUBJECT[claim.source], order_id=claim.order_id,
                 reason=Msg.of(_REASON[claim.reason]))


def build_response_draft(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    *,
    shop_name: str = "",
    rules: RuleTable = RULES,
) -> Draft:
    """The answer to the claim, as Msg paragraphs."""
    replay(events)  # refuse an impossible timeline rather than print it
    return _draft(
        [_line(_GREETING)],
        [_subject(claim)],
        _facts(claim, evidence),
        _eligibility(claim, rules),
        _documents(claim, _present(evidence), appeal=False),
        _notes(claim),
        _closing(_line(_request(claim, evidence)), shop_name),
    )


def build_appeal_draft(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    rules: RuleTable = RULES,
    *,
    shop_name: str = "",
    zone: tzinfo = UTC,
) -> Draft:
    """An appeal of a seller-funded grant: what is new since the response, the facts, and a
    request to reverse the debit and the ODR impact (whichever still applies)."""
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
        [_line(N_("With this appeal we provide information that was not in our first "
                  "response:")), *(_bullet(ITEM_LABELS[item_id]) for item_id in new)]
        if new else []
    )
    facts = money_and_odr(claim, events)
    debit = facts.debited is not False
    if debit and facts.odr.counts:
        request = _line(N_("Please reverse the debit of {amount} and remove the claim from our "
                           "Order Defect Rate."), amount=claim.amount)
    elif debit:
        request = _line(N_("Please reverse the debit of {amount}."), amount=claim.amount)
    elif facts.odr.counts:
        request = _line(N_("Please remove the claim from our Order Defect Rate."))
    else:
        request = _line(N_("Please review the claim again."))
    return _draft(
        [_line(_GREETING)],
        [_line(N_("We appeal the decision of {granted_on} on the A-to-z Guarantee claim for "
                  "order {order_id}, which was granted at our expense."),
               order_id=claim.order_id, granted_on=granted_at.astimezone(zone).date())],
        news,
        _facts(claim, evidence),
        _eligibility(claim, rules),
        _documents(claim, _present(evidence), appeal=True),
        _notes(claim),
        _closing(request, shop_name),
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
    *,
    shop_name: str = "",
) -> str:
    """The response draft, rendered and within Telegram's limit."""
    return render_draft(build_response_draft(claim, events, evidence, shop_name=shop_name),
                        render)


def appeal_draft(
    claim: Claim,
    events: Sequence[ClaimEvent],
    evidence: Sequence[EvidenceItem],
    render: Render,
    rules: RuleTable = RULES,
    *,
    shop_name: str = "",
    zone: tzinfo = UTC,
) -> str:
    """The appeal draft, rendered and within Telegram's limit; dates in the seller's ``zone``."""
    return render_draft(
        build_appeal_draft(claim, events, evidence, rules, shop_name=shop_name, zone=zone),
        render,
    )
