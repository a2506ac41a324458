"""Evidence end to end: real downloads from the fake Bot API, hashing, storage, albums, listing,
removal, the ZIP bundle and forged buttons, in Dutch and English."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.context import SERVICES_KEY
from bot.storage import Database
from tests.e2e.conftest import RunningBot, text_of
from tests.evidence_support import add_claim
from tests.fakebotapi import FakeBotApi, FakeUser
from tests.fakeclock import FakeClock

SANNE = FakeUser(6101, "Sanne", "nl")
SAM = FakeUser(6102, "Sam", "en")
ORDER = "171-1234567-1234567"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def database(running: RunningBot) -> Database:
    return running.application.bot_data[SERVICES_KEY].database


async def claim_for(server: FakeBotApi, running: RunningBot, clock: FakeClock,
                    user: FakeUser, order_id: str = ORDER) -> int:
    server.inject_command(user, "start")
    await server.wait_for_message(user.id)
    return await add_claim(database(running), user.id, clock.now, order_id)


async def next_text(server: FakeBotApi, user: FakeUser, start: str) -> dict[str, Any]:
    """The next bot message to the user whose text starts with ``start``."""
    return await server.wait_for_message(
        user.id, lambda m: str(m.get("text", m.get("caption", ""))).startswith(start))


async def start_evidence(server: FakeBotApi, user: FakeUser, button: str,
                         order_id: str = ORDER) -> None:
    command = "bewijs" if user.language_code == "nl" else "evidence"
    server.inject_command(user, command, order_id)
    question = await next_text(server, user, "Claim")
    server.inject_button_press(user, question, button)
    await next_text(server, user, "Stuur het bewijs" if user.language_code == "nl" else "Send")


async def rows(running: RunningBot, claim_id: int) -> list[Any]:
    async with database(running).unit_of_work(write=False) as uow:
        return await uow.evidence.list_for_claim(claim_id)


def stored_file(config: Config, content: bytes) -> Path:
    sha = hashlib.sha256(content).hexdigest()
    return config.data_dir / "evidence" / sha[:2] / sha


async def test_a_photo_is_downloaded_hashed_and_stored_in_dutch(
    server: FakeBotApi, running: RunningBot, clock: FakeClock, config: Config
) -> None:
    claim_id = await claim_for(server, running, clock, SANNE)
    await start_evidence(server, SANNE, "Trackingnummer")
    content = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 64
    server.inject_photo(SANNE, content)
    reply = await next_text(server, SANNE, "Opgeslagen: de foto")
    assert "bij “Trackingnummer”" in text_of(reply)
    [row] = await rows(running, claim_id)
    assert (row.kind, row.item_id, row.size) == ("photo", "tracking", len(content))
    assert row.sha256 == hashlib.sha256(content).hexdigest()
    assert stored_file(config, content).read_bytes() == content


async def test_an_album_of_three_photos_gets_one_summary(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    claim_id = await claim_for(server, running, clock, SAM)
    await start_evidence(server, SAM, "Carrier proof of delivery")
    for number in range(3):
        server.inject_photo(SAM, b"album photo %d" % number, media_group_id="g-42")
    summary = await server.wait_for_message(SAM.id)
    assert text_of(summary) == (
        "Stored 3 items for “Carrier proof of delivery”.\nSend more, or press Done.")
    assert len(await rows(running, claim_id)) == 3
    server.inject_button_press(SAM, summary, "Done")
    card = await server.wait_for_message(SAM.id, lambda m: not m.get("_edited"))
    assert ORDER in text_of(card)


async def test_a_pdf_a_note_and_a_forward_are_stored_in_english(
    server: FakeBotApi, running: RunningBot, clock: FakeClock, config: Config
) -> None:
    claim_id = await claim_for(server, running, clock, SAM)
    await start_evidence(server, SAM, "Correspondence with the buyer")
    server.inject_document(SAM, file_name="chat.pdf", content=PDF)
    await next_text(server, SAM, "Stored “chat.pdf” (")
    server.inject_message(SAM, "Buyer confirmed receipt by phone")
    await next_text(server, SAM, "Saved your note")
    server.inject_forwarded_message(SAM, "I got it, thanks!", origin="Buyer B.",
                                    origin_date=1795510800)
    await next_text(server, SAM, "Saved the forwarded message")
    stored = await rows(running, claim_id)
    assert [(r.kind, r.detail) for r in stored] == [
        ("document", ""),
        ("text", "Buyer confirmed receipt by phone"),
        ("forward", "Buyer B., 2026-11-24 09:00 UTC | I got it, thanks!"),
    ]
    assert stored_file(config, PDF).read_bytes() == PDF


async def test_oversize_empty_disallowed_and_duplicate_files_store_nothing_new(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    claim_id = await claim_for(server, running, clock, SANNE)
    await start_evidence(server, SANNE, "Bezorgbewijs van de vervoerder")
    server.inject_document(SANNE, file_name="scan.pdf", file_size=21 * 1024 * 1024)
    await next_text(server, SANNE, "“scan.pdf” is groter dan 20 MB")
    server.inject_document(SANNE, file_name="leeg.pdf", content=b"")
    await next_text(server, SANNE, "“leeg.pdf” is leeg.")
    server.inject_document(SANNE, file_name="factuur.exe", mime_type="application/x-msdownload",
                           content=b"MZ\x90\x00")
    await next_text(server, SANNE, "Ik kan “factuur.exe” niet opslaan")
    assert not [name for name, _ in server.requests if name == "getFile"]
    server.inject_document(SANNE, file_name="pod.pdf", content=PDF)
    await next_text(server, SANNE, "Opgeslagen: “pod.pdf”")
    server.inject_document(SANNE, file_name="pod (1).pdf", content=PDF)
    await next_text(server, SANNE, "“pod (1).pdf” heb ik al bij deze claim")
    assert [r.file_name for r in await rows(running, claim_id)] == ["pod.pdf"]


async def test_evidence_is_listed_removed_and_bundled(
    server: FakeBotApi, running: RunningBot, clock: FakeClock, config: Config
) -> None:
    claim_id = await claim_for(server, running, clock, SAM)
    await start_evidence(server, SAM, "Tracking number")
    server.inject_message(SAM, "3SABCD1234567")
    await next_text(server, SAM, "Saved your note")
    server.inject_document(SAM, file_name="label.pdf", content=PDF)
    stored = await next_text(server, SAM, "Stored “label.pdf”")
    server.inject_photo(SAM, b"extra photo")
    await next_text(server, SAM, "Stored the photo")
    server.inject_button_press(SAM, stored, "List evidence")
    listing = await next_text(server, SAM, f"Evidence for claim {ORDER} (3 items):")
    assert "2. Document · Tracking number · label.pdf" in text_of(listing)
    server.inject_button_press(SAM, listing, "🗑 3")
    confirm = await next_text(server, SAM, "Remove this evidence")
    server.inject_button_press(SAM, confirm, "Yes, remove")
    await next_text(server, SAM, "Removed: Photo.")
    after = await next_text(server, SAM, f"Evidence for claim {ORDER} (2 items):")
    assert not stored_file(config, b"extra photo").exists()
    server.inject_button_press(SAM, after, "Evidence bundle (ZIP)")
    sent = await server.wait_for_message(SAM.id, lambda m: "document" in m)
    assert sent["document"]["file_name"] == f"claim-{ORDER}.zip"
    content = server.file(sent["document"]["file_id"]).content  # type: ignore[union-attr]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.namelist() == ["02-tracking-number-label.pdf", "summary.txt"]
        assert archive.read("02-tracking-number-label.pdf") == PDF
        summary = archive.read("summary.txt").decode()
    assert f"Order number: {ORDER}" in summary
    assert "01. Note · Tracking number" in summary and "Text: 3SABCD1234567" in summary
    assert len(await rows(running, claim_id)) == 2


async def test_forged_buttons_with_another_sellers_ids_get_not_found(
    server: FakeBotApi, running: RunningBot, clock: FakeClock
) -> None:
    theirs = await claim_for(server, running, clock, SANNE)
    await start_evidence(server, SANNE, "Trackingnummer")
    server.inject_message(SANNE, "TRACK-OF-SANNE")
    await next_text(server, SANNE, "Je notitie is bewaard")
    [their_row] = await rows(running, theirs)
    await claim_for(server, running, clock, SAM, "171-7654321-7654321")
    server.inject_command(SAM, "help")
    own_message = await server.wait_for_message(SAM.id)
    for data in (f"ev:list:{theirs}", f"ev:zip:{theirs}", f"ev:add:{theirs}",
                 f"ev:rm:{theirs}:{their_row.id}", f"ev:list:{theirs + 1000}"):
        server.inject_callback_query(SAM, own_message, data)
        answer = await server.wait_for_request("answerCallbackQuery", lambda p: "text" in p)
        assert answer["text"] == "I can't find that claim. Send /claims to see your claims."
    server.inject_command(SAM, "evidence", ORDER)
    refusal = await server.wait_for_message(SAM.id)
    assert text_of(refusal).startswith("I have no claim with order number 171-1234567-1234567")
    assert await rows(running, theirs) == [their_row]


@pytest.mark.parametrize("user", [SANNE, SAM])
async def test_commands_in_a_group_point_to_a_private_chat(
    server: FakeBotApi, running: RunningBot, user: FakeUser
) -> None:
    command = "bewijs" if user.language_code == "nl" else "evidence"
    server.inject_command(user, command, chat_id=-100777)
    reply = await server.wait_for_message(-100777)
    assert text_of(reply).startswith("Claims zijn privé" if user is SANNE else "Claims are private")
    [[button]] = reply["reply_markup"]["inline_keyboard"]
    assert button["url"] == "https://t.me/claimwacht_test_bot?start=evidence"


async def test_a_document_announced_small_that_streams_30_mb_is_refused_and_leaves_nothing(
    server: FakeBotApi, running: RunningBot, clock: FakeClock, config: Config
) -> None:
    claim_id = await claim_for(server, running, clock, SAM)
    await start_evidence(server, SAM, "Carrier proof of delivery")
    server.inject_document(SAM, file_name="huge.pdf", content=b"%PDF" + b"\0" * 30_000_000,
                           file_size=1024, chunked=True)
    reply = await next_text(server, SAM, "“huge.pdf” is larger than 20")
    assert "Nothing was stored" in text_of(reply)
    assert await rows(running, claim_id) == []
    assert list((config.data_dir / "evidence").rglob("*.part")) == []
