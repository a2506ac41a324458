"""Reading a pasted marketplace notice: Amazon A-to-z claims, Amazon's requests for information,
chargebacks and decisions, Trusted Shops buyer-protection cases, PayPal disputes and claims, in
Dutch, English, German, French, Italian and Spanish.

``read_notice`` returns ``None`` for text that is not a notice, else a ``Notice`` whose every
field is a ``Reading``: certain, unsure with a best reading (and alternatives), or missing. The
bot shows what is certain and asks for the rest. Pure: ``now`` and the seller's zone are
parameters; any text up to Telegram's size is read in bounded time and never raises.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import TypeVar

from domain.claims import ChargebackReason, Fulfilment, Reason
from domain.confidence import Reading, pick
from domain.money import Money
from domain.notice_fields import (
    DatedMention,
    amazon_order_ids,
    amounts,
    dates,
    language_of,
    marketplace_reading,
    paypal_ids,
    shop_order_numbers,
)
from domain.notice_text import Hit, Prepared, find_phrases, prepare
from domain.notice_words import (
    AMAZON_FUNDED,
    CHARGEBACK_MARKERS,
    FRAUD_PHRASES,
    FULFILMENT_PHRASES,
    KIND_PHRASES,
    NEUTRAL,
    NO_ACTION,
    NOTICE_DATE_LABELS,
    REASON_PHRASES,
    RESPOND_BY_LABELS,
    SOURCE_MARKERS,
    NoticeEvent,
)
from domain.rules import ClaimSource, Marketplace

__all__ = [
    "NOTICE_MAX_AGE",
    "Notice",
    "NoticeEvent",
    "is_notice",
    "mentions_a_source",
    "read_notice",
]

R = TypeVar("R", Reason, Fulfilment)

NOTICE_MAX_AGE = timedelta(days=120)  # older is a typo or an old e-mail, as in the intake
CLOCK_SKEW = timedelta(minutes=5)
RESPOND_BY_MAX_AHEAD = timedelta(days=60)
_NO_ACTION = "no-action"
_FRAUD = "fraud"
_FUNDED = "amazon-funded"


@dataclass(frozen=True)
class Notice:
    """What a notice says. ``info_requested`` only matters for A-to-z claims."""

    kind: Reading[NoticeEvent]
    source: Reading[ClaimSource]
    marketplace: Reading[Marketplace]
    language: str
    order_id: Reading[str]
    case_id: str | None  # PayPal's case id, kept apart from the transaction id
    amount: Reading[Money]
    reason: Reading[Reason]
    fulfilment: Reading[Fulfilment]  # Amazon notices rarely say; other sources: the seller
    notice_at: Reading[datetime]
    respond_by: Reading[datetime]
    info_requested: Reading[bool]
    chargeback_reason: Reading[ChargebackReason]  # chargebacks only: fraud or service
    amazon_funded: bool = False  # a grant Amazon paid for: not appealable, nothing debited

    @property
    def to_confirm(self) -> tuple[str, ...]:
        """The names of the fields that are unsure or missing, in the order the bot asks."""
        fields = ("source", "marketplace", "order_id", "reason", "fulfilment", "amount",
                  "notice_at", "info_requested")
        return tuple(name for name in fields if not getattr(self, name).is_certain)


def read_notice(text: str, now: datetime, zone: tzinfo) -> Notice | None:
    """The notice in ``text``, or ``None`` when it is not one (the bot then gives its hint)."""
    prepared = prepare(text)
    folded = prepared.folded
    phrase_hits = find_phrases(folded, [
        *KIND_PHRASES.items(), *REASON_PHRASES.items(), *FULFILMENT_PHRASES.items(),
        (_NO_ACTION, NO_ACTION), (_FRAUD, FRAUD_PHRASES), (_FUNDED, AMAZON_FUNDED),
        ("neutral", NEUTRAL),
    ])
    source = _source(folded)
    if source.value is None:
        return None
    kind_hits = [h for h in phrase_hits if isinstance(h.key, NoticeEvent)]
    no_action = [h for h in phrase_hits if h.key == _NO_ACTION]
    language = language_of(folded, phrase_hits)
    order_id, case_id = _order_id(prepared, source.value)
    if order_id.is_missing and not kind_hits and not no_action:
        return None
    amount = amounts(prepared)
    currency = amount.value.currency if amount.value else None
    if source.value.is_amazon:
        marketplace = marketplace_reading(folded, language, currency)
    else:
        marketplace = Reading.certain(Marketplace.WEBSHOP)
    kind = _kind(kind_hits, source.value)
    notice_at, respond_by = _dates(prepared, now, zone, language, marketplace.value, currency)
    return Notice(
        kind=kind,
        source=source,
        marketplace=marketplace,
        language=language,
        order_id=order_id,
        case_id=case_id,
        amount=amount,
        reason=_most_named([h.key for h in phrase_hits if isinstance(h.key, Reason)]),
        fulfilment=_most_named([h.key for h in phrase_hits if isinstance(h.key, Fulfilment)])
        if source.value.is_amazon else Reading.certain(Fulfilment.SELLER),
        notice_at=notice_at,
        respond_by=respond_by,
        info_requested=_info_requested(source.value, kind, bool(no_action)),
        chargeback_reason=_chargeback_reason(source.value, phrase_hits),
        amazon_funded=source.value.is_amazon and kind.value is NoticeEvent.GRANTED
        and any(hit.key == _FUNDED for hit in phrase_hits),
    )


_ANY_TIME = datetime(2000, 1, 1, tzinfo=UTC)
NOTICE_LIKE_MIN_CHARS = 100  # shorter text naming PayPal or Amazon is a question, not a notice


def is_notice(text: str) -> bool:
    """Whether ``read_notice`` reads ``text`` as a notice (its dates do not matter for that)."""
    return read_notice(text, _ANY_TIME, UTC) is not None


def mentions_a_source(text: str) -> bool:
    """Whether ``text`` is long and names a claim source, as a notice would (read or not)."""
    if len(text) < NOTICE_LIKE_MIN_CHARS:
        return False
    return _source(prepare(text).folded).value is not None


def _count(folded: str, phrases: tuple[str, ...]) -> int:
    return len(find_phrases(folded, [("x", {"any": phrases})]))


def _source(folded: str) -> Reading[ClaimSource]:
    scores: Counter[ClaimSource] = Counter()
    for source, markers in SOURCE_MARKERS.items():
        if markers:
            scores[source] = _count(folded, markers)
    chargebacks = _count(folded, CHARGEBACK_MARKERS)
    if chargebacks:
        # A card chargeback reported by PayPal is PayPal's case; Amazon's are Amazon's.
        if _count(folded, ("amazon",)):
            scores[ClaimSource.CHARGEBACK] += chargebacks
        elif scores[ClaimSource.PAYPAL]:
            scores[ClaimSource.PAYPAL] += chargebacks
    ranked = [(score, source) for source, score in scores.most_common() if score > 0]
    if not ranked:
        return Reading()
    best_score, best = ranked[0]
    if len(ranked) == 1 or best_score >= 2 * ranked[1][0]:
        return Reading.certain(best)
    return Reading.unsure(best, [source for _, source in ranked[1:]])


def _order_id(prepared: Prepared, source: ClaimSource) -> tuple[Reading[str], str | None]:
    if source.is_amazon:
        return amazon_order_ids(prepared), None
    if source is ClaimSource.PAYPAL:
        transaction, case = paypal_ids(prepared)
        case_id = case.value if case.is_certain else None
        if not transaction.is_missing:
            return transaction, case_id
        if not case.is_missing:
            return case, case_id
    return shop_order_numbers(prepared), None


def _kind(hits: list[Hit], source: ClaimSource) -> Reading[NoticeEvent]:
    if not hits:
        return Reading.certain(NoticeEvent.FILED)
    counts = Counter(h.key for h in hits)
    if source is not ClaimSource.A_TO_Z:
        counts.pop(NoticeEvent.INFO_REQUEST, None)  # "within 48 hours" etc. is Amazon's
    if source is not ClaimSource.PAYPAL:
        counts.pop(NoticeEvent.ESCALATED, None)
    if not counts:
        return Reading.certain(NoticeEvent.FILED)
    ranked = counts.most_common()
    best, best_count = ranked[0]
    if len(ranked) == 1 or best_count >= 2 * ranked[1][1]:
        return Reading.certain(best)  # type: ignore[arg-type]
    return Reading.unsure(best, [k for k, _ in ranked[1:]])  # type: ignore[arg-type]


def _most_named(keys: list[R]) -> Reading[R]:
    if not keys:
        return Reading()
    ranked = [key for key, _ in Counter(keys).most_common()]
    if len(ranked) == 1:
        return Reading.certain(ranked[0])
    return Reading.unsure(ranked[0], ranked[1:])


def _chargeback_reason(source: ClaimSource, hits: list[Hit]) -> Reading[ChargebackReason]:
    if source is not ClaimSource.CHARGEBACK:
        return Reading()
    if any(hit.key == _FRAUD for hit in hits):
        return Reading.certain(ChargebackReason.FRAUD)
    if any(isinstance(hit.key, Reason) for hit in hits):
        return Reading.certain(ChargebackReason.SERVICE)
    return Reading()


def _info_requested(source: ClaimSource, kind: Reading[NoticeEvent], no_action: bool) -> \
        Reading[bool]:
    if source is not ClaimSource.A_TO_Z:
        return Reading.certain(False)
    if kind.value is NoticeEvent.INFO_REQUEST:
        return Reading.certain(True) if kind.is_certain else Reading.unsure(True, (False,))
    if kind.value in (NoticeEvent.GRANTED, NoticeEvent.DENIED) or no_action:
        return Reading.certain(False)
    # Unknown: the strict reading (48 hours from the notice) is the safe one to offer.
    return Reading.unsure(True, (False,))


def _dates(
    prepared: Prepared, now: datetime, zone: tzinfo, language: str,
    marketplace: Marketplace | None, currency: str | None,
) -> tuple[Reading[datetime], Reading[datetime]]:
    labels = find_phrases(prepared.folded, [
        ("respond", RESPOND_BY_LABELS), ("notice", NOTICE_DATE_LABELS),
    ])
    month_first = language == "en" and (marketplace is Marketplace.AMAZON_US or currency == "USD")
    mentions = dates(prepared, now, zone, labels, month_first=month_first)
    past = [m for m in mentions if now - NOTICE_MAX_AGE <= m.at <= now + CLOCK_SKEW]
    labelled = [m for m in past if m.label == "notice"]
    candidates = labelled or [m for m in past if m.label is None]
    if candidates and candidates[0].has_time and labelled:
        notice_at = pick([m.at for m in candidates if m.has_time])
    elif candidates:
        notice_at = Reading.unsure(min(candidates[0].at, now), [m.at for m in candidates[1:]])
    else:
        notice_at = Reading()
    earliest = notice_at.value or now - NOTICE_MAX_AGE
    ahead = [_end_of_day(m, zone) for m in mentions if m.label == "respond"]
    return notice_at, pick(
        [at for at in ahead if earliest < at <= now + RESPOND_BY_MAX_AHEAD])


def _end_of_day(mention: DatedMention, zone: tzinfo) -> datetime:
    """A "respond by" day without a time: its end in the seller's zone, as the intake reads it
    (early rather than late against PayPal's own US day)."""
    if mention.has_time:
        return mention.at
    day = mention.at.astimezone(zone).date()
    return datetime.combine(day, time(23, 59), zone).astimezone(UTC)
