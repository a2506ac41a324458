"""Where each fact the advice rests on comes from, and the day it was checked.

Rule rows (rules.py) carry their own URL and date; the facts the triage, ODR verdicts,
eligibility checks and drafts use (FBA, Buy Shipping, chargeback reasons, ...) name one of
these sources, so every piece of advice can be traced to the page it repeats. The URLs are the
pages that were read (``shared/reviews/domain-audit.md``), not constructed ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["CHECKED", "FACTS", "Source"]

CHECKED = date(2026, 12, 2)


@dataclass(frozen=True)
class Source:
    url: str
    checked_on: date


_AZ_1781_NL = Source(
    "https://sellercentral.amazon.nl/gp/help/external/help.html?itemID=1781&language=nl_NL", CHECKED
)
_AZ_2020 = Source("https://www.sellerbee.com/forum/52", CHECKED)
_AZ_27951_US = Source(
    "https://sellercentral.amazon.com/gp/help/external/help.html?itemID=27951&language=en_US",
    CHECKED,
)
_AZ_APPEAL = Source("https://sellercentral.amazon.com/help/hub/reference/external/G202041210",
                    CHECKED)
_AZ_PREVENT_NL = Source(
    "https://sellercentral.amazon.nl/gp/help/external/help.html?itemID=CRVNRBZBVGBK543"
    "&language=nl_NL", CHECKED,
)
_BUY_SHIPPING = Source(
    "https://sellercentral.amazon.ca/seller-forums/discussions/t/"
    "fb56bd17-90c4-46cd-9fdb-0a25de1ee208", CHECKED,
)
_FBA = Source("https://sellercentral.amazon.com.br/gp/help/external/help.html?itemID=200298130",
              CHECKED)
_CHARGEBACK = Source("https://sellercentral.amazon.com/gp/help/external/G202145040", CHECKED)
_ODR = Source("https://sellercentral.amazon.it/gp/help/external/help.html?itemID=200285170",
              CHECKED)
_BUYER_HELP = Source("https://www.amazon.co.uk/gp/help/customer/display.html?nodeId=201889410",
                     CHECKED)
_TS_CASES = Source(
    "https://help.etrusted.com/hc/nl/articles/360051192551-Hoe-beheer-ik-kopersbeschermingscases",
    CHECKED,
)
_TS_DEFECT = Source("https://help.trustedshops.com/hc/de/articles/115001539084", CHECKED)
_TS_FRAME = Source("https://help.etrusted.com/hc/nl/articles/360044319072", CHECKED)
_PP_DISPUTE = Source("https://www.paypal.com/c2/webapps/mpp/seller-dispute-resolution", CHECKED)
_PP_CLAIM = Source(
    "https://www.paypal.com/ug/smarthelp/article/"
    "regarding-a-recent-transaction-escalated-to-a-claim-faq3962", CHECKED,
)

# fact id -> source. The ids are named in the code that applies the fact.
FACTS: dict[str, Source] = {
    "az.info_request_48h": _AZ_1781_NL,
    "az.no_response_required_since_2020": _AZ_2020,
    "az.buyer_contact_unanswered_grants": _AZ_2020,
    "az.under_review_no_action": _AZ_27951_US,
    "az.no_tracking_grants": _AZ_PREVENT_NL,
    "az.attachments_via_buyer_seller_messages": _AZ_1781_NL,
    "az.appeal_reverses_debit_or_odr": _AZ_APPEAL,
    "az.appeal_uploads_us": _AZ_APPEAL,
    "az.eligibility_edd_plus_3": _BUYER_HELP,
    "az.eligibility_90_days": _BUYER_HELP,
    "az.eligibility_contact_first": _AZ_2020,
    "az.eligibility_chargeback": _BUYER_HELP,
    "fba.amazon_handles": _FBA,
    "buy_shipping.protection": _BUY_SHIPPING,
    "buy_shipping.own_refund_not_reimbursed": _BUY_SHIPPING,
    "buy_shipping.undeliverable_debited_no_odr": _BUY_SHIPPING,
    "cb.buyer_never_sees_comments": _CHARGEBACK,
    "cb.reply_to_email": _CHARGEBACK,
    "cb.fraud_not_odr": _ODR,
    "odr.defects": _ODR,
    "ts.coverage": _TS_CASES,
    "ts.defects_are_warranty": _TS_DEFECT,
    "ts.frame_rule_of_thumb": _TS_FRAME,
    "ts.frame_seasonal_raise": _TS_FRAME,
    "ts.frame_exceeded_still_protected": _TS_FRAME,
    "ts.frame_review_atradius": _TS_FRAME,
    "pp.dispute_20_days": _PP_DISPUTE,
    "pp.claim_respond_by": _PP_CLAIM,
}
