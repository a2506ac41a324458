"""The evidence service without Telegram: storing, de-duplicating, refusing, removing, bundling.

A fake ``fetch`` stands in for the download: it writes bytes into the temporary file the
service hands it, or raises what a failed or refused download raises.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.evidence_repo import StoredEvidence
from bot.evidence_types import Incoming, Outcome, Refusal
from bot.files import EvidenceFiles
from bot.i18n import load_translators
from bot.services.evidence import (
    AlsoOutcome,
    BundleTooBig,
    DownloadFailed,
    DownloadRefused,
    also_proves,
    make_bundle,
    remove_evidence,
    store_incoming,
)
from bot.storage import Database
from domain.rules import ClaimSource
from handlers.claim_labels import source_label
from tests.evidence_support import add_claim, digest
from tests.reminder_support import add_seller

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SELLER, STRANGER = 41, 42
PDF = b"%PDF-1.4 proof of delivery %%EOF"
ZONE = ZoneInfo("Europe/Amsterdam")


class FakeFetch:
    """Writes ``content`` where the service asks; counts calls; may fail instead."""

    def __init__(self, content: bytes = PDF, error: Exception | None = None) -> None:
        self.content = content
        self.error = error
        self.targets: list[Path] = []

    async def __call__(self, target: Path) -> None:
        self.targets.append(target)
        if self.error is not None:
            raise self.error
        await asyncio.to_thread(target.write_bytes, self.content)


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "db.sqlite3")
    await add_seller(database, SELLER, NOW)
    await add_seller(database, STRANGER, NOW)
    yield database
    await database.close()


@pytest.fixture
def files(tmp_path: Path) -> EvidenceFiles:
    return EvidenceFiles(tmp_path)


def pdf(unique: str = "U1", name: str = "pod.pdf") -> Incoming:
    return Incoming(kind="document", file_id=f"F-{unique}", file_unique_id=unique,
                    file_name=name, mime_type="application/pdf", size=len(PDF))


async def rows(database: Database, claim_id: int) -> list[StoredEvidence]:
    async with database.unit_of_work(write=False) as uow:
        return list(await uow.evidence.list_for_claim(claim_id))


async def test_a_file_is_fetched_hashed_and_stored_once_by_content(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    fetch = FakeFetch()
    result = await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, fetch)
    assert result.outcome is Outcome.STORED and result.size == len(PDF)
    [row] = await rows(database, claim_id)
    assert (row.item_id, row.sha256, row.file_name) == ("pod", digest(PDF), "pod.pdf")
    assert files.read(digest(PDF)) == PDF
    assert not fetch.targets[0].exists(), "the temporary download is gone"


async def test_the_same_telegram_file_again_is_a_duplicate_without_a_download(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    again = FakeFetch()
    result = await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, again)
    assert result.outcome is Outcome.DUPLICATE
    assert again.targets == []


async def test_the_same_content_under_another_name_is_kept_once(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    copy = pdf(unique="U2", name="copy.pdf")
    result = await store_incoming(database, files, SELLER, claim_id, "pod", copy, NOW,
                                  FakeFetch())
    assert result.outcome is Outcome.DUPLICATE
    assert len(await rows(database, claim_id)) == 1


async def test_a_note_is_a_row_without_a_file(database: Database, files: EvidenceFiles) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    note = Incoming(kind="text", detail="3SABCD1234567")
    fetch = FakeFetch()
    result = await store_incoming(database, files, SELLER, claim_id, "tracking", note, NOW, fetch)
    assert result.outcome is Outcome.STORED and fetch.targets == []
    [row] = await rows(database, claim_id)
    assert (row.kind, row.detail, row.sha256) == ("text", "3SABCD1234567", None)


async def test_someone_elses_claim_is_not_found_and_nothing_is_fetched(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    fetch = FakeFetch()
    for incoming in (pdf(), Incoming(kind="text", detail="hi")):
        result = await store_incoming(database, files, STRANGER, claim_id, "pod", incoming, NOW,
                                      fetch)
        assert result.outcome is Outcome.NOT_FOUND
    assert fetch.targets == [] and await rows(database, claim_id) == []


@pytest.mark.parametrize(
    ("fetch", "outcome", "refusal"),
    [
        (FakeFetch(error=DownloadRefused(Refusal.TOO_BIG)), Outcome.REFUSED, Refusal.TOO_BIG),
        (FakeFetch(error=DownloadFailed()), Outcome.FAILED, None),
        (FakeFetch(content=b""), Outcome.REFUSED, Refusal.EMPTY),
    ],
    ids=["too big", "failed", "empty"],
)
async def test_a_refused_failed_or_empty_download_stores_nothing_and_leaves_no_file(
    database: Database, files: EvidenceFiles, fetch: FakeFetch, outcome: Outcome,
    refusal: Refusal | None,
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    result = await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, fetch)
    assert (result.outcome, result.refusal) == (outcome, refusal)
    assert await rows(database, claim_id) == []
    assert not any(files.root.rglob("*.part")) and not files.exists(digest(PDF))


async def test_a_message_refused_before_download_is_never_fetched(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    too_big = Incoming.from_data({**pdf().to_data(), "size": 20_000_001}).checked()
    fetch = FakeFetch()
    result = await store_incoming(database, files, SELLER, claim_id, "pod", too_big, NOW, fetch)
    assert (result.outcome, result.refusal) == (Outcome.REFUSED, Refusal.TOO_BIG)
    assert fetch.targets == []


async def test_removing_an_item_keeps_a_file_another_claim_still_uses(
    database: Database, files: EvidenceFiles
) -> None:
    first = await add_claim(database, SELLER, NOW)
    second = await add_claim(database, SELLER, NOW, "171-7654321-7654321")
    for claim_id in (first, second):
        await store_incoming(database, files, SELLER, claim_id, "pod", pdf(unique=f"U{claim_id}"),
                             NOW, FakeFetch())
    [row] = await rows(database, first)
    removed = await remove_evidence(database, files, SELLER, first, row.id)
    assert removed is not None and removed.id == row.id
    assert files.read(digest(PDF)) == PDF
    [other] = await rows(database, second)
    assert await remove_evidence(database, files, SELLER, second, other.id) is not None
    assert not files.exists(digest(PDF))


async def test_removing_needs_the_sellers_own_claim_and_its_own_item(
    database: Database, files: EvidenceFiles
) -> None:
    mine = await add_claim(database, SELLER, NOW)
    theirs = await add_claim(database, STRANGER, NOW, "171-7654321-7654321")
    await store_incoming(database, files, STRANGER, theirs, "pod", pdf(), NOW, FakeFetch())
    [row] = await rows(database, theirs)
    assert await remove_evidence(database, files, SELLER, theirs, row.id) is None
    assert await remove_evidence(database, files, SELLER, mine, row.id) is None
    assert await rows(database, theirs) == [row] and files.exists(digest(PDF))


async def test_the_bundle_names_the_source_as_the_claim_card_does(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    async with database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(SELLER, claim_id)
        evidence = await uow.evidence.list_for_claim(claim_id)
    assert stored is not None and stored.claim.source is ClaimSource.A_TO_Z
    translators = load_translators()
    assert source_label(translators["en"], ClaimSource.A_TO_Z) == "Amazon A-to-z claim"
    for code in ("en", "nl"):
        tr = translators[code]
        bundle = await make_bundle(files, tr, ZONE, "Europe/Amsterdam", stored, evidence,
                                   NOW + timedelta(hours=1))
        with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
            summary = archive.read("summary.txt").decode().splitlines()
            assert archive.read(archive.namelist()[0]) == PDF
        card_label = source_label(tr, ClaimSource.A_TO_Z)
        assert tr.gettext("Type: {source}").format(source=card_label) in summary, code
        assert bundle.files == 1 and bundle.missing == 0


async def test_a_bundle_too_big_for_one_upload_is_refused_before_it_is_built(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    async with database.unit_of_work() as uow:
        await uow.connection.execute("UPDATE evidence SET size = ?", (49_900_000,))
        stored = await uow.claims.get(SELLER, claim_id)
        evidence = await uow.evidence.list_for_claim(claim_id)
    assert stored is not None
    with pytest.raises(BundleTooBig) as refused:
        await make_bundle(files, load_translators()["en"], ZONE, "Europe/Amsterdam", stored,
                          evidence, NOW)
    assert refused.value.size == 49_900_000


async def test_a_stored_file_also_filed_under_a_second_item_is_one_file_in_two_rows(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    [first] = await rows(database, claim_id)
    outcome = await also_proves(database, SELLER, claim_id, first.id, "carrier")
    assert outcome is AlsoOutcome.ADDED
    pod, carrier = await rows(database, claim_id)
    assert (pod.item_id, carrier.item_id) == ("pod", "carrier")
    assert carrier.sha256 == pod.sha256 == digest(PDF)
    assert (carrier.file_name, carrier.size) == ("pod.pdf", len(PDF))
    assert [path.name for path in files.root.rglob(digest(PDF))] == [digest(PDF)]


async def test_filing_the_same_file_under_the_same_item_twice_adds_it_once(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    [first] = await rows(database, claim_id)
    assert await also_proves(database, SELLER, claim_id, first.id, "address") is AlsoOutcome.ADDED
    again = await also_proves(database, SELLER, claim_id, first.id, "address")
    assert again is AlsoOutcome.ALREADY
    same = await also_proves(database, SELLER, claim_id, first.id, "pod")
    assert same is AlsoOutcome.ALREADY
    assert sorted(row.item_id for row in await rows(database, claim_id)) == ["address", "pod"]


async def test_also_filing_needs_the_sellers_own_claim_a_stored_file_and_a_known_item(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    note = Incoming(kind="text", detail="3SABCD1234567")
    await store_incoming(database, files, SELLER, claim_id, "tracking", note, NOW, FakeFetch())
    file_row, note_row = await rows(database, claim_id)
    refused = [
        await also_proves(database, STRANGER, claim_id, file_row.id, "carrier"),
        await also_proves(database, SELLER, claim_id, note_row.id, "carrier"),
        await also_proves(database, SELLER, claim_id, file_row.id, "no_such_item"),
        await also_proves(database, SELLER, claim_id, 999_999, "carrier"),
    ]
    assert refused == [AlsoOutcome.NOT_FOUND] * 4
    assert len(await rows(database, claim_id)) == 2


async def test_removing_one_of_two_items_a_file_proves_keeps_the_file_for_the_other(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    [first] = await rows(database, claim_id)
    await also_proves(database, SELLER, claim_id, first.id, "tracking")
    assert await remove_evidence(database, files, SELLER, claim_id, first.id) is not None
    [left] = await rows(database, claim_id)
    assert left.item_id == "tracking" and files.read(digest(PDF)) == PDF
    assert await remove_evidence(database, files, SELLER, claim_id, left.id) is not None
    assert not files.exists(digest(PDF))


async def test_sending_a_stored_file_again_for_another_item_is_still_kept_once(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    copy = pdf(unique="U2", name="copy.pdf")
    result = await store_incoming(database, files, SELLER, claim_id, "carrier", copy, NOW,
                                  FakeFetch())
    assert result.outcome is Outcome.DUPLICATE
    assert len(await rows(database, claim_id)) == 1


async def test_the_bundle_holds_a_file_filed_under_two_items_once(
    database: Database, files: EvidenceFiles
) -> None:
    claim_id = await add_claim(database, SELLER, NOW)
    await store_incoming(database, files, SELLER, claim_id, "pod", pdf(), NOW, FakeFetch())
    [first] = await rows(database, claim_id)
    await also_proves(database, SELLER, claim_id, first.id, "carrier")
    async with database.unit_of_work(write=False) as uow:
        stored = await uow.claims.get(SELLER, claim_id)
        evidence = await uow.evidence.list_for_claim(claim_id)
    assert stored is not None and len(evidence) == 2
    bundle = await make_bundle(files, load_translators()["en"], ZONE, "Europe/Amsterdam", stored,
                               evidence, NOW)
    with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
        names = archive.namelist()
        summary = archive.read("summary.txt").decode()
    [entry] = [name for name in names if name != "summary.txt"]
    assert bundle.files == 1 and bundle.missing == 0
    assert summary.count(f"File in this ZIP: {entry}") == 2
