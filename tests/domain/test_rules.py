from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.errors import UnknownRule
from domain.rules import (
    RULES,
    ClaimRule,
    ClaimSource,
    FilingAnchor,
    Marketplace,
    RuleTable,
    current_rule,
    rule_for,
)
from domain.text import Msg

EU_48_HOURS = [
    Marketplace.AMAZON_NL, Marketplace.AMAZON_DE, Marketplace.AMAZON_FR, Marketplace.AMAZON_IT,
    Marketplace.AMAZON_ES, Marketplace.AMAZON_BE, Marketplace.AMAZON_PL, Marketplace.AMAZON_SE,
    Marketplace.AMAZON_UK,
]
AMAZON = [m for m in Marketplace if m.is_amazon]


def az(marketplace: Marketplace) -> ClaimRule:
    return current_rule(ClaimSource.A_TO_Z, marketplace)


def test_amazon_nl_response_window_is_48_hours() -> None:
    assert az(Marketplace.AMAZON_NL).response_window == timedelta(hours=48)


@pytest.mark.parametrize("marketplace", EU_48_HOURS, ids=lambda m: m.host)
def test_european_a_to_z_response_window_is_48_hours(marketplace: Marketplace) -> None:
    assert az(marketplace).response_window == timedelta(hours=48)


def test_amazon_com_counts_the_strictest_48_hours_and_notes_the_48_72_conflict() -> None:
    rule = az(Marketplace.AMAZON_US)
    assert rule.response_window == timedelta(hours=48)
    assert rule.note is not None and "27951" in rule.note.key and "72 hours" in rule.note.key
    assert rule.source_url == "https://sellercentral.amazon.com/gp/help/external/1781?language=en_US"


def test_the_old_amazon_com_row_with_72_hours_stays_for_claims_created_under_it() -> None:
    assert rule_for("az.us", 1).response_window == timedelta(hours=72)


@pytest.mark.parametrize("marketplace", AMAZON, ids=lambda m: m.host)
def test_every_current_a_to_z_row_says_the_48_hours_run_from_the_request(
    marketplace: Marketplace,
) -> None:
    note = az(marketplace).note
    assert note is not None and "request for information" in note.key


def test_amazon_co_uk_keeps_48_hours_and_notes_the_three_day_page() -> None:
    rule = az(Marketplace.AMAZON_UK)
    assert rule.note is not None and "three calendar days" in rule.note.key


@pytest.mark.parametrize("marketplace", AMAZON, ids=lambda m: m.host)
def test_a_to_z_appeal_window_is_30_calendar_days(marketplace: Marketplace) -> None:
    rule = az(marketplace)
    assert rule.appeal_window == timedelta(days=30)
    assert rule.appeal_source_url is not None and "202041210" in rule.appeal_source_url


@pytest.mark.parametrize("marketplace", AMAZON, ids=lambda m: m.host)
def test_a_to_z_buyer_files_within_90_days_of_the_latest_delivery_date(
    marketplace: Marketplace,
) -> None:
    rule = az(marketplace)
    assert rule.buyer_filing_window == timedelta(days=90)
    assert rule.buyer_filing_from is FilingAnchor.LATEST_DELIVERY


@pytest.mark.parametrize("marketplace", AMAZON, ids=lambda m: m.host)
def test_a_to_z_sources_are_the_seller_central_pages_that_were_read(
    marketplace: Marketplace,
) -> None:
    url = az(marketplace).source_url
    assert url.startswith(("https://sellercentral.amazon.nl/", "https://sellercentral.amazon.com/"))
    assert "1781" in url


def test_amazon_nl_cites_the_dutch_page() -> None:
    assert "language=nl_NL" in az(Marketplace.AMAZON_NL).source_url


def test_information_requests_during_an_appeal_follow_the_marketplace() -> None:
    assert az(Marketplace.AMAZON_DE).appeal_response_window == timedelta(hours=48)
    assert az(Marketplace.AMAZON_US).appeal_response_window == timedelta(hours=72)


def test_missing_the_a_to_z_window_grants_the_claim_and_counts_toward_odr() -> None:
    key = az(Marketplace.AMAZON_FR).missed_response.key
    assert "request for information" in key and "ODR" in key


def test_amazon_chargeback_response_window_is_7_days_on_every_marketplace() -> None:
    rules = [current_rule(ClaimSource.CHARGEBACK, m) for m in AMAZON]
    assert {r.rule_id for r in rules} == {"cb"}
    rule = rules[0]
    assert rule.response_window == timedelta(days=7)
    assert rule.appeal_window is None
    assert "G202145040" in rule.source_url


def test_trusted_shops_case_response_window_is_5_days() -> None:
    rule = current_rule(ClaimSource.TRUSTED_SHOPS, Marketplace.WEBSHOP)
    assert rule.response_window == timedelta(days=5)
    assert rule.buyer_filing_window == timedelta(days=30)
    assert rule.buyer_filing_from is FilingAnchor.PROTECTION_START
    assert "115001455890" in rule.source_url


def test_paypal_dispute_response_window_is_10_days() -> None:
    rule = current_rule(ClaimSource.PAYPAL, Marketplace.WEBSHOP)
    assert rule.response_window == timedelta(days=10)
    assert rule.buyer_filing_window == timedelta(days=180)
    assert rule.buyer_filing_from is FilingAnchor.PAYMENT


def test_every_row_has_a_source_a_check_date_and_a_consequence() -> None:
    for rule in RULES:
        assert rule.checked_on in (date(2026, 11, 23), date(2026, 12, 2))
        assert rule.source_url.startswith("https://")
        assert isinstance(rule.missed_response, Msg)


def test_every_current_row_was_checked_in_december_2026_and_carries_a_note() -> None:
    for source in ClaimSource:
        for marketplace in Marketplace:
            if source.is_amazon != marketplace.is_amazon:
                continue
            rule = current_rule(source, marketplace)
            assert (rule.version, rule.checked_on) == (2, date(2026, 12, 2))
            assert rule.note is not None


def test_the_table_keeps_version_1_and_adds_version_2_of_every_row() -> None:
    assert len(RULES) == 2 * (len(AMAZON) + 3)
    assert {r.version for r in RULES} == {1, 2}


def test_a_paypal_dispute_runs_20_days_and_the_note_says_the_respond_by_date_counts() -> None:
    rule = current_rule(ClaimSource.PAYPAL, Marketplace.WEBSHOP)
    assert rule.dispute_window == timedelta(days=20)
    assert rule.note is not None and "respond by" in rule.note.key


def test_the_chargeback_row_says_the_buyer_never_sees_the_answer() -> None:
    rule = current_rule(ClaimSource.CHARGEBACK, Marketplace.AMAZON_DE)
    assert rule.note is not None and "never sees" in rule.note.key
    assert "may debit" in rule.missed_response.key


def test_the_trusted_shops_row_notes_its_consumer_side_source_and_coverage() -> None:
    rule = current_rule(ClaimSource.TRUSTED_SHOPS, Marketplace.WEBSHOP)
    assert rule.note is not None and "consumer help" in rule.note.key
    assert "warranty matter" in rule.note.key


def test_marketplace_hosts_are_the_storefronts() -> None:
    assert Marketplace.AMAZON_BE.host == "amazon.com.be"
    assert Marketplace.AMAZON_UK.host == "amazon.co.uk"
    assert Marketplace.WEBSHOP.host == ""
    assert not Marketplace.WEBSHOP.is_amazon


def test_enum_values_stay_short_for_callback_data() -> None:
    for enum in (ClaimSource, Marketplace, FilingAnchor):
        assert all(len(member.value.encode()) <= 12 for member in enum)


def test_a_rule_is_found_again_by_id_and_version() -> None:
    assert rule_for("az.nl", 2) is az(Marketplace.AMAZON_NL)
    assert rule_for("az.nl", 1).version == 1


def test_an_unknown_rule_version_raises_unknown_rule() -> None:
    with pytest.raises(UnknownRule) as raised:
        rule_for("az.nl", 99)
    assert raised.value.msg.params == {"rule_id": "az.nl", "version": 99}


def test_a_to_z_on_the_own_webshop_has_no_rule() -> None:
    with pytest.raises(UnknownRule):
        current_rule(ClaimSource.A_TO_Z, Marketplace.WEBSHOP)


def _row(version: int, hours: int, rule_id: str = "az.nl",
         marketplace: Marketplace | None = Marketplace.AMAZON_NL) -> ClaimRule:
    return ClaimRule(
        rule_id=rule_id, version=version, source=ClaimSource.A_TO_Z, marketplace=marketplace,
        response_window=timedelta(hours=hours), missed_response=Msg.of("x"),
        source_url="https://example.invalid", checked_on=date(2026, 11, 23),
    )


def test_a_newer_version_becomes_current_and_the_old_one_stays_available() -> None:
    table = RuleTable([_row(1, 48), _row(2, 24)])
    assert table.current(ClaimSource.A_TO_Z, Marketplace.AMAZON_NL).version == 2
    assert table.get("az.nl", 1).response_window == timedelta(hours=48)


def test_a_marketplace_row_wins_over_the_general_row() -> None:
    table = RuleTable([_row(1, 24, "az", None), _row(1, 48)])
    assert table.current(ClaimSource.A_TO_Z, Marketplace.AMAZON_NL).rule_id == "az.nl"
    assert table.current(ClaimSource.A_TO_Z, Marketplace.AMAZON_DE).rule_id == "az"


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([_row(1, 48), _row(1, 24)], "duplicate"),
        ([_row(1, 48), _row(2, 48, marketplace=Marketplace.AMAZON_DE)], "two keys"),
        ([_row(0, 48)], "version"),
    ],
)
def test_a_broken_table_fails_when_it_is_built(rows: list[ClaimRule], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        RuleTable(rows)
