"""/export and /deletemydata end to end: the documents parse back to what is stored, and
deleting leaves no row, file or conversation state behind."""

from __future__ import annotations

import csv
import io
import json

import pytest

from bot.config import Config
from tests.e2e.conftest import RunningBot, text_of
from tests.e2e.test_evidence import PDF, claim_for, database, next_text, rows, start_evidence
from tests.evidence_support import rows_mentioning
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.fakeclock import FakeClock

SANNE = FakeUser(6201, "Sanne", "nl")
SAM = FakeUser(6202, "Sam", "en")


async def test_export_round_trips_in_dutch(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    claim_id = await claim_for(server, running, clock, SANNE)
    await start_evidence(server, SANNE, "Trackingnummer")
    server.inject_message(SANNE, "3SABCD1234567")
    await next_text(server, SANNE, "Je notitie is bewaard")
    server.inject_document(SANNE, file_name="pod.pdf", content=PDF)
    await next_text(server, SANNE, "Opgeslagen: “pod.pdf”")
    server.inject_command(SANNE, "export")
    sent = [await server.wait_for_message(SANNE.id, lambda m: "document" in m) for _ in range(4)]
    files = {m["document"]["file_name"]: server.file(m["document"]["file_id"]).content  # type: ignore[union-attr]
             for m in sent}
    assert sent[-1]["caption"].startswith("Je gegevens: 1 claim, 2 bewijsstukken.")
    claims = list(csv.DictReader(io.StringIO(files["claims.csv"].decode())))
    evidence = list(csv.DictReader(io.StringIO(files["evidence.csv"].decode())))
    exported = json.loads(files["claimwacht-export.json"])
    stored = await rows(running, claim_id)
    assert [(c["claim_id"], c["order_id"]) for c in claims] == [
        (str(claim_id), "171-1234567-1234567")]
    assert [(e["evidence_id"], e["kind"], e["detail"], e["sha256"]) for e in evidence] == [
        (str(r.id), r.kind, r.detail, r.sha256 or "") for r in stored]
    assert [e["evidence_id"] for e in exported["claims"][0]["evidence"]] == [r.id for r in stored]
    assert exported["seller"]["timezone"] == "Europe/Amsterdam"


async def test_delete_my_data_leaves_nothing_behind_in_english(
    server: FakeBotApi, running: RunningBot, clock: FakeClock, config: Config
) -> None:
    claim_id = await claim_for(server, running, clock, SAM)
    await start_evidence(server, SAM, "Tracking number")
    server.inject_document(SAM, file_name="pod.pdf", content=PDF)
    await next_text(server, SAM, "Stored “pod.pdf”")
    server.inject_command(SAM, "deletemydata")
    question = await next_text(server, SAM, "This deletes everything")
    server.inject_button_press(SAM, question, "Yes, delete everything")
    done = await server.wait_for_message(SAM.id, lambda m: bool(m.get("_edited")))
    assert text_of(done).startswith("Done: I deleted everything I held about you (1 claim with")
    left = await rows_mentioning(database(running), SAM.id, [claim_id])
    assert left == dict.fromkeys(left, 0)
    assert [p for p in (config.data_dir / "evidence").rglob("*") if p.is_file()] == []
    server.inject_message(SAM, "TRACK123")  # no evidence conversation any more
    assert "/help" in text_of(await server.wait_for_message(SAM.id))


@pytest.mark.parametrize(
    ("payload", "starts"),
    [
        ("deadlines", "You have no upcoming deadlines."),
        ("export", None),
        ("deletemydata", "This deletes everything I hold about you"),
        ("evidence", "You have no open claims"),
    ],
)
async def test_a_deep_link_from_a_group_opens_the_feature_in_private(
    server: FakeBotApi, running: RunningBot, payload: str, starts: str | None
) -> None:
    user = FakeUser(7301, "Sam", "en")
    server.inject_command(user, "start", payload)
    reply = await server.wait_for_message(user.id)
    assert not str(reply.get("text", "")).startswith("Hello Sam!"), reply
    if starts:
        assert str(reply.get("text", "")).startswith(starts), reply
