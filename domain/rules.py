"""The claim rules of each marketplace, as one table of sourced, dated, versioned rows.

Facts come from ``shared/domain-rules.md``; every row names its source and the day it was checked.
A claim stores the id and version of the row it was created under, and the deadline engine looks
that exact row up again (``rule_for``). Changing a rule therefore means adding a row with a higher
version, never editing an old one: existing claims keep their deadlines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.errors import UnknownRule
from domain.text import N_, Msg

__all__ = [
    "RULES",
    "ClaimRule",
    "ClaimSource",
    "FilingAnchor",
    "Marketplace",
    "RuleTable",
    "current_rule",
    "rule_for",
]


class ClaimSource(StrEnum):
    """Who runs the claim. Values are stored and used in callback data: keep them short."""

    A_TO_Z = "az"
    CHARGEBACK = "cb"
    TRUSTED_SHOPS = "ts"
    PAYPAL = "pp"

    @property
    def is_amazon(self) -> bool:
        return self in (ClaimSource.A_TO_Z, ClaimSource.CHARGEBACK)

    @property
    def label(self) -> Msg:
        """The one name sellers see for this source: on the card, in the intake, in the ZIP."""
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    ClaimSource.A_TO_Z: Msg.of(N_("Amazon A-to-z claim")),
    ClaimSource.CHARGEBACK: Msg.of(N_("Amazon chargeback")),
    ClaimSource.TRUSTED_SHOPS: Msg.of(N_("Trusted Shops case")),
    ClaimSource.PAYPAL: Msg.of(N_("PayPal dispute")),
}


class Marketplace(StrEnum):
    """Where the order was placed; ``WEBSHOP`` is the seller's own shop (Trusted Shops, PayPal)."""

    AMAZON_NL = "nl"
    AMAZON_DE = "de"
    AMAZON_FR = "fr"
    AMAZON_IT = "it"
    AMAZON_ES = "es"
    AMAZON_BE = "be"
    AMAZON_PL = "pl"
    AMAZON_SE = "se"
    AMAZON_UK = "uk"
    AMAZON_US = "us"
    WEBSHOP = "shop"

    @property
    def is_amazon(self) -> bool:
        return self is not Marketplace.WEBSHOP

    @property
    def host(self) -> str:
        """The storefront's host name, e.g. ``amazon.com.be``; empty for the own web shop."""
        return _HOSTS[self]


_HOSTS = {
    Marketplace.AMAZON_NL: "amazon.nl",
    Marketplace.AMAZON_DE: "amazon.de",
    Marketplace.AMAZON_FR: "amazon.fr",
    Marketplace.AMAZON_IT: "amazon.it",
    Marketplace.AMAZON_ES: "amazon.es",
    Marketplace.AMAZON_BE: "amazon.com.be",
    Marketplace.AMAZON_PL: "amazon.pl",
    Marketplace.AMAZON_SE: "amazon.se",
    Marketplace.AMAZON_UK: "amazon.co.uk",
    Marketplace.AMAZON_US: "amazon.com",
    Marketplace.WEBSHOP: "",
}


class FilingAnchor(StrEnum):
    """What the buyer's filing window counts from."""

    LATEST_DELIVERY = "edd"  # the latest estimated delivery date
    PAYMENT = "pay"
    PROTECTION_START = "prot"  # Trusted Shops: the day buyer protection was activated


@dataclass(frozen=True)
class ClaimRule:
    """One row of the table. ``marketplace=None`` means every marketplace the source allows."""

    rule_id: str
    version: int
    source: ClaimSource
    marketplace: Marketplace | None
    response_window: timedelta
    missed_response: Msg  # what happens when the seller misses the response window
    source_url: str
    checked_on: date
    appeal_window: timedelta | None = None  # None: the source has no seller appeal
    appeal_source_url: str | None = None
    appeal_response_window: timedelta | None = None  # answering an information request in appeal
    buyer_filing_window: timedelta | None = None
    buyer_filing_from: FilingAnchor | None = None
    note: Msg | None = None  # conflicts between sources, assumptions
    # PayPal: the buyer-seller conversation before either side escalates it to a claim.
    dispute_window: timedelta | None = None


class RuleTable:
    """All rule rows, old versions included, looked up by key or by (id, version)."""

    def __init__(self, rows: Iterable[ClaimRule]) -> None:
        self._rows = tuple(rows)
        self._by_id: dict[tuple[str, int], ClaimRule] = {}
        keys: dict[str, tuple[ClaimSource, Marketplace | None]] = {}
        for row in self._rows:
            key = (row.source, row.marketplace)
            # Table mistakes are programming errors: fail at import, not in a conversation.
            if (row.rule_id, row.version) in self._by_id:
                raise ValueError(f"duplicate rule {row.rule_id} v{row.version}")
            if keys.setdefault(row.rule_id, key) != key:
                raise ValueError(f"rule {row.rule_id} used for two keys")
            if row.version < 1:
                raise ValueError(f"rule {row.rule_id} needs a version >= 1")
            self._by_id[row.rule_id, row.version] = row

    def __iter__(self) -> Iterator[ClaimRule]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, rule_id: str, version: int) -> ClaimRule:
        """The row with exactly this id and version (old versions stay available)."""
        try:
            return self._by_id[rule_id, version]
        except KeyError:
            raise UnknownRule(
                Msg.of(N_("There is no claim rule {rule_id} version {version}."),
                       rule_id=rule_id, version=version)
            ) from None

    def current(self, source: ClaimSource, marketplace: Marketplace) -> ClaimRule:
        """The newest row for a new claim: the marketplace's own, else the source's general one."""
        for key in (marketplace, None):
            rows = [r for r in self._rows if r.source is source and r.marketplace is key]
            if rows:
                return max(rows, key=lambda r: r.version)
        raise UnknownRule(
            Msg.of(N_("There is no claim rule for {source} on {marketplace}."),
                   source=str(source), marketplace=str(marketplace))
        )


_CHECKED = date(2026, 11, 23)
_AZ_MISSED = Msg.of(N_(
    "If you do not answer in time, Amazon grants the claim to the buyer, debits your account "
    "and the claim counts toward your Order Defect Rate."
))


_TS_MISSED = Msg.of(N_(
    "If you do not respond in time, Trusted Shops handles the case without your side of the "
    "story and may reimburse the buyer."
))
_PP_MISSED = Msg.of(N_(
    "If you do not respond in time, PayPal usually closes the case in the buyer's favour."
))


def _seller_central(marketplace: Marketplace, item: str) -> str:
    # Version 1 rows built their URLs from this pattern; kept so their claims render unchanged.
    return f"https://sellercentral.{marketplace.host}/help/hub/reference/external/{item}"


def _a_to_z(
    marketplace: Marketplace,
    *,
    response_hours: int = 48,
    appeal_response_hours: int = 48,
    help_item: str = "1781",
    note: Msg | None = None,
) -> ClaimRule:
    # Rows differ only in these few values; the helper keeps the shared facts in one place.
    return ClaimRule(
        rule_id=f"az.{marketplace.value}",
        version=1,
        source=ClaimSource.A_TO_Z,
        marketplace=marketplace,
        response_window=timedelta(hours=response_hours),
        missed_response=_AZ_MISSED,
        source_url=_seller_central(marketplace, help_item),
        checked_on=_CHECKED,
        appeal_window=timedelta(days=30),
        appeal_source_url=_seller_central(marketplace, "G202041210"),
        appeal_response_window=timedelta(hours=appeal_response_hours),
        buyer_filing_window=timedelta(days=90),
        buyer_filing_from=FilingAnchor.LATEST_DELIVERY,
        note=note,
    )


# Version 2 (checked 2 December 2026): the pages that were actually read, the 48 hours counted
# from Amazon's request for information, and 48 hours on amazon.com too (the strictest reading).
_CHECKED_V2 = date(2026, 12, 2)
_AZ_1781_NL = (
    "https://sellercentral.amazon.nl/gp/help/external/help.html?itemID=1781&language=nl_NL"
)
_AZ_1781_US = "https://sellercentral.amazon.com/gp/help/external/1781?language=en_US"
_AZ_APPEAL_US = "https://sellercentral.amazon.com/help/hub/reference/external/G202041210"
_AZ_APPEAL_DE = (
    "https://sellercentral.amazon.de/gp/help/external/help.html?itemID=202041210&language=de_DE"
)
_AZ_MISSED_V2 = Msg.of(N_(
    "If you do not answer Amazon's request for information within the window, Amazon grants "
    "the claim to the buyer, debits your account and counts the claim toward your ODR."
))
_AZ_NOTE_EU = Msg.of(N_(
    "The 48 hours run from Amazon's request for information (e-mail and the \"Action "
    "required\" tab), not from the claim itself: since July 2020 a claim under review needs no "
    "answer. Checked on Amazon's NL and US pages of item 1781; the same model applies on this "
    "marketplace."
))
_AZ_NOTE_NL = Msg.of(N_(
    "The 48 hours run from Amazon's request for information (e-mail and the \"Action "
    "required\" tab), not from the claim itself: since July 2020 a claim under review needs no "
    "answer."
))
_AZ_NOTE_UK = Msg.of(N_(
    "Amazon's UK page about A-to-z claims says three calendar days; the stricter 48 hours of "
    "the claim notification page (item 1781) is counted, from Amazon's request for "
    "information."
))
_AZ_NOTE_US = Msg.of(N_(
    "Amazon's US pages disagree: the claim notification page (item 1781) says 48 hours, the "
    "page about A-to-z claims (item 27951) says 72 hours. Both are current; the bot counts the "
    "stricter 48 hours from Amazon's request for information. Appeals on amazon.com take "
    "uploads."
))


def _a_to_z_v2(
    marketplace: Marketplace,
    *,
    source_url: str = _AZ_1781_US,
    appeal_source_url: str = _AZ_APPEAL_US,
    appeal_response_hours: int = 48,
    note: Msg = _AZ_NOTE_EU,
) -> ClaimRule:
    return ClaimRule(
        rule_id=f"az.{marketplace.value}",
        version=2,
        source=ClaimSource.A_TO_Z,
        marketplace=marketplace,
        response_window=timedelta(hours=48),
        missed_response=_AZ_MISSED_V2,
        source_url=source_url,
        checked_on=_CHECKED_V2,
        appeal_window=timedelta(days=30),
        appeal_source_url=appeal_source_url,
        appeal_response_window=timedelta(hours=appeal_response_hours),
        buyer_filing_window=timedelta(days=90),
        buyer_filing_from=FilingAnchor.LATEST_DELIVERY,
        note=note,
    )


_V1_ROWS = [
    _a_to_z(Marketplace.AMAZON_NL),
    _a_to_z(Marketplace.AMAZON_DE),
    _a_to_z(Marketplace.AMAZON_FR),
    _a_to_z(Marketplace.AMAZON_IT),
    _a_to_z(Marketplace.AMAZON_ES),
    _a_to_z(Marketplace.AMAZON_BE),
    _a_to_z(Marketplace.AMAZON_PL),
    _a_to_z(Marketplace.AMAZON_SE),
    _a_to_z(
        Marketplace.AMAZON_UK,
        note=Msg.of(N_(
            "Amazon's UK page about A-to-z claims says three calendar days; the stricter "
            "48 hours of the claim notification page (item 1781) applies."
        )),
    ),
    _a_to_z(
        Marketplace.AMAZON_US,
        response_hours=72,
        appeal_response_hours=72,
        help_item="27951",
        note=Msg.of(N_(
            "Amazon's pages disagree: the claim notification page (item 1781) says 48 hours, "
            "the newer US page about A-to-z claims (item 27951) says 72 hours. The newer page "
            "applies; answering within 48 hours is safest."
        )),
    ),
    ClaimRule(
        rule_id="cb",
        version=1,
        source=ClaimSource.CHARGEBACK,
        marketplace=None,
        response_window=timedelta(days=7),
        missed_response=Msg.of(N_(
            "If you do not respond in time, Amazon cannot defend the chargeback for you and the "
            "card issuer decides without your information."
        )),
        source_url=_seller_central(Marketplace.AMAZON_NL, "G202145040"),
        checked_on=_CHECKED,
        note=Msg.of(N_(
            "Checked on the US and NL pages and applied to every Amazon marketplace. "
            "Keep shipping and tracking records for at least 6 months."
        )),
    ),
    ClaimRule(
        rule_id="ts",
        version=1,
        source=ClaimSource.TRUSTED_SHOPS,
        marketplace=None,
        response_window=timedelta(days=5),
        missed_response=_TS_MISSED,
        source_url="https://help.trustedshops.com/hc/en-gb/articles/115001455890",
        checked_on=_CHECKED,
        buyer_filing_window=timedelta(days=30),
        buyer_filing_from=FilingAnchor.PROTECTION_START,
        note=Msg.of(N_(
            "From Trusted Shops' consumer help; no merchant-side confirmation found. Opening a "
            "case extends the buyer's protection by 30 days."
        )),
    ),
    ClaimRule(
        rule_id="pp",
        version=1,
        source=ClaimSource.PAYPAL,
        marketplace=None,
        response_window=timedelta(days=10),
        missed_response=_PP_MISSED,
        source_url="https://www.paypal.com/nl/cshelp/business",
        checked_on=_CHECKED,
        buyer_filing_window=timedelta(days=180),
        buyer_filing_from=FilingAnchor.PAYMENT,
        note=Msg.of(N_(
            "PayPal's help gives about 10 days to answer; either side can escalate a dispute to a "
            "claim within 20 days."
        )),
    ),
]

_V2_ROWS = [
    _a_to_z_v2(Marketplace.AMAZON_NL, source_url=_AZ_1781_NL, note=_AZ_NOTE_NL),
    _a_to_z_v2(Marketplace.AMAZON_DE, appeal_source_url=_AZ_APPEAL_DE),
    _a_to_z_v2(Marketplace.AMAZON_FR),
    _a_to_z_v2(Marketplace.AMAZON_IT),
    _a_to_z_v2(Marketplace.AMAZON_ES),
    _a_to_z_v2(Marketplace.AMAZON_BE),
    _a_to_z_v2(Marketplace.AMAZON_PL),
    _a_to_z_v2(Marketplace.AMAZON_SE),
    _a_to_z_v2(Marketplace.AMAZON_UK, note=_AZ_NOTE_UK),
    # Information requests during a US appeal: 72 hours (G202041210, current US page).
    _a_to_z_v2(Marketplace.AMAZON_US, appeal_response_hours=72, note=_AZ_NOTE_US),
    ClaimRule(
        rule_id="cb",
        version=2,
        source=ClaimSource.CHARGEBACK,
        marketplace=None,
        response_window=timedelta(days=7),
        missed_response=Msg.of(N_(
            "If you do not respond within 7 calendar days of Amazon's e-mail, Amazon may debit "
            "the amount from your account."
        )),
        source_url="https://sellercentral.amazon.com/gp/help/external/G202145040",
        checked_on=_CHECKED_V2,
        note=Msg.of(N_(
            "The buyer never sees your comments: they are for Amazon's investigators. Answer on "
            "the chargeback page (\"Represent your case\") or reply to Amazon's chargeback "
            "e-mail with the documents attached, never through Buyer-Seller Messages. Checked "
            "on the US and NL pages. Keep shipping and tracking records for at least 6 months."
        )),
    ),
    ClaimRule(
        rule_id="ts",
        version=2,
        source=ClaimSource.TRUSTED_SHOPS,
        marketplace=None,
        response_window=timedelta(days=5),
        missed_response=_TS_MISSED,
        source_url="https://help.trustedshops.com/hc/en-gb/articles/115001455890",
        checked_on=_CHECKED_V2,
        buyer_filing_window=timedelta(days=30),
        buyer_filing_from=FilingAnchor.PROTECTION_START,
        note=Msg.of(N_(
            "The 5 days come from Trusted Shops' consumer help; no merchant-side confirmation "
            "was found. Buyer protection covers non-delivery, no refund after a return, and "
            "insolvency; a damaged or not-as-described item is a warranty matter outside it. "
            "Opening a case extends the buyer's protection by 30 days."
        )),
    ),
    ClaimRule(
        rule_id="pp",
        version=2,
        source=ClaimSource.PAYPAL,
        marketplace=None,
        response_window=timedelta(days=10),
        missed_response=_PP_MISSED,
        source_url=(
            "https://www.paypal.com/ug/smarthelp/article/"
            "regarding-a-recent-transaction-escalated-to-a-claim-faq3962"
        ),
        checked_on=_CHECKED_V2,
        buyer_filing_window=timedelta(days=180),
        buyer_filing_from=FilingAnchor.PAYMENT,
        dispute_window=timedelta(days=20),
        note=Msg.of(N_(
            "A PayPal dispute is 20 days of conversation between buyer and seller; either side "
            "can escalate it to a claim. For a claim, PayPal's Resolution Center shows your "
            "\"respond by\" date: that date counts. About 10 days is only the fallback when "
            "you do not have it."
        )),
    ),
]

RULES = RuleTable([*_V1_ROWS, *_V2_ROWS])


def rule_for(rule_id: str, version: int, rules: RuleTable = RULES) -> ClaimRule:
    """The exact row a claim was created under."""
    return rules.get(rule_id, version)


def current_rule(
    source: ClaimSource, marketplace: Marketplace, rules: RuleTable = RULES
) -> ClaimRule:
    """The row a new claim for ``source`` on ``marketplace`` is created under."""
    return rules.current(source, marketplace)
