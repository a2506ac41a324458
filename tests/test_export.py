"""/export in process: the documents sent parse back to exactly what is stored."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from bot.export_data import CLAIM_FIELDS, EVENT_FIELDS, EVIDENCE_FIELDS, utc_iso
from domain.lifecycle import ClaimEvent, EventKind, State
from tests import updates
from tests.evidence_support import add_claim, document
from tests.test_evidence import PDF, EvidenceHarness

NL = updates.user(7201, "nl", "Sanne")
EN = updates.user(7202, "en", "Sam")



def sent_files(bot: EvidenceHarness) -> tuple[dict[str, bytes], list[dict[str, object]]]:
    [upload] = [u for u in bot.api.uploads if u["method"] == "sendMediaGroup"]
    media = upload["params"]["media"]
    files = {}
    for entry in media:
        name, content = upload["files"][entry["media"].removeprefix("attach://")]
        files[name] = content
    return files, media


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


@pytest.mark.parametrize(("user", "caption_start"), [
    (NL, "Je gegevens: 2 claims, 2 bewijsstukken. Tijden staan in UTC (ISO 8601); je tijdzone"
         " is Europe/Amsterdam."),
    (EN, "Your data: 2 claims, 2 evidence items. Times are UTC (ISO 8601); your timezone is"
         " Europe/Amsterdam."),
])
async def test_the_export_round_trips_claims_events_and_evidence(
    bot: EvidenceHarness, user: dict[str, object], caption_start: str
) -> None:
    first = await bot.claim_for(user)
    second = await add_claim(bot.database, int(user["id"]), bot.clock.now, "171-7654321-7654321")
    responded = datetime(2026, 11, 23, 12, 30, tzinfo=UTC)
    async with bot.database.unit_of_work() as uow:
        await uow.claims.record_event(int(user["id"]), first,
                                      ClaimEvent(EventKind.RESPOND, responded),
                                      State.RESPONDED, bot.clock.now)
    await bot.send(updates.message(user, "/bewijs 171-1234567-1234567"))
    await bot.send(updates.callback(user, f"ev:item:{first}:tracking"))
    await bot.send(updates.message(user, 'Track "3S" 123, with comma'))
    await bot.send(document(user, bot.api, PDF, file_name="pod; ë.pdf",
                            mime_type="application/pdf"))
    await bot.send(updates.message(user, "/klaar"))
    await bot.process(updates.message(user, "/export"))

    files, media = sent_files(bot)
    assert list(files) == ["claims.csv", "events.csv", "evidence.csv", "claimwacht-export.json"]
    assert str(media[-1]["caption"]).startswith(caption_start)
    claims = read_csv(files["claims.csv"])
    events = read_csv(files["events.csv"])
    evidence = read_csv(files["evidence.csv"])
    document_json = json.loads(files["claimwacht-export.json"])
    assert tuple(claims[0]) == CLAIM_FIELDS
    assert tuple(events[0]) == EVENT_FIELDS
    assert tuple(evidence[0]) == EVIDENCE_FIELDS

    async with bot.database.unit_of_work(write=False) as uow:
        stored = await uow.claims.list_for_seller(int(user["id"]))
        rows = {c.id: await uow.evidence.list_for_claim(c.id) for c in stored}
    assert [int(row["claim_id"]) for row in claims] == [first, second]
    for row, claim in zip(claims, stored, strict=True):
        assert row["order_id"] == claim.claim.order_id
        assert row["amount"] == "49.95" and row["currency"] == "EUR"
        assert row["notice_at"] == utc_iso(claim.claim.notice_at) == "2026-11-23T09:00:00Z"
        assert row["state"] == claim.state.value
        assert row["seller_timezone"] == "Europe/Amsterdam"
    assert events == [{"claim_id": str(first), "order_id": "171-1234567-1234567",
                       "kind": "respond", "at": "2026-11-23T12:30:00Z", "debited": "",
                       "counts_odr": ""}]
    assert [(r["kind"], r["detail"], r["file_name"], r["sha256"]) for r in evidence] == [
        (row.kind, row.detail, row.file_name or "", row.sha256 or "") for row in rows[first]
    ]
    assert evidence[0]["detail"] == 'Track "3S" 123, with comma'
    assert evidence[1]["size"] == str(len(PDF))

    assert document_json["format"] == "claimwacht-export"
    assert document_json["seller"]["timezone"] == "Europe/Amsterdam"
    assert document_json["exported_at"] == "2026-11-23T09:00:00Z"
    [one, two] = document_json["claims"]
    assert one["events"] == [{"kind": "respond", "at": "2026-11-23T12:30:00Z", "debited": None,
                              "counts_odr": None}]
    assert one["notice_kind"] in ("req", "filed", "unk")
    assert [e["evidence_id"] for e in one["evidence"]] == [r.id for r in rows[first]]
    assert one["evidence"][1]["file_name"] == "pod; ë.pdf"
    assert two["evidence"] == [] and two["order_id"] == "171-7654321-7654321"
    for key in ("source", "marketplace", "reason", "fulfilment", "rule_id", "rule_version"):
        assert one[key] == claims[0][key] or str(one[key]) == claims[0][key]
    # Readable and diffable: the seller part indented, then one line per claim.
    lines = files["claimwacht-export.json"].decode("utf-8").splitlines()
    assert lines[1] == '  "format": "claimwacht-export",'
    assert [json.loads(line.rstrip(",")) for line in lines if line.startswith('    {"claim_id"')
            ] == [one, two]


async def test_a_seller_without_claims_gets_a_valid_empty_export(bot: EvidenceHarness) -> None:
    await bot.process(updates.message(EN, "/start"))
    await bot.process(updates.message(EN, "/export"))
    files, media = sent_files(bot)
    assert json.loads(files["claimwacht-export.json"])["claims"] == []
    assert read_csv(files["claims.csv"]) == []
    assert str(media[-1]["caption"]).startswith("Your data: 0 claims, 0 evidence items.")


async def test_another_sellers_claims_are_not_in_my_export(bot: EvidenceHarness) -> None:
    await bot.claim_for(NL)
    await bot.claim_for(EN, "171-0000000-0000001")
    await bot.process(updates.message(EN, "/export"))
    files, _media = sent_files(bot)
    assert [row["order_id"] for row in read_csv(files["claims.csv"])] == ["171-0000000-0000001"]
    assert "171-1234567-1234567" not in files["claimwacht-export.json"].decode()
