"""Evidence in process: choosing claim and checklist item, storing files for real (download,
hash, content-addressed file), refusals, albums, listing, removing and the ZIP bundle."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from tests import updates
from tests.evidence_support import (
    add_claim,
    digest,
    document,
    forwarded,
    photo,
    sticker,
)
from tests.harness import ORDER, Harness

NL = updates.user(7101, "nl", "Sanne")
EN = updates.user(7102, "en-GB", "Sam")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


# Older tests and helpers import EvidenceHarness from here; the one Harness now does it all.
EvidenceHarness = Harness


def stored_path(config: Config, content: bytes) -> Path:
    sha = digest(content)
    return config.data_dir / "evidence" / sha[:2] / sha


async def choose(bot: EvidenceHarness, user: dict[str, Any], claim_id: int, item: str) -> str:
    await bot.send(updates.message(user, f"/bewijs {ORDER}"))
    return await bot.send(updates.callback(user, f"ev:item:{claim_id}:{item}"))


async def test_a_photo_for_the_tracking_item_is_downloaded_hashed_and_stored_by_content(
    bot: EvidenceHarness, config: Config
) -> None:
    claim_id = await bot.claim_for(NL)
    question = await bot.send(updates.message(NL, f"/bewijs {ORDER}"))
    assert question == f"Claim {ORDER}: bij welk punt van de checklist hoort wat je nu stuurt?"
    assert bot.api.buttons()["Trackingnummer"] == f"ev:item:{claim_id}:tracking"
    assert bot.api.buttons()["Overig"] == f"ev:item:{claim_id}:other"
    prompt = await bot.send(updates.callback(NL, f"ev:item:{claim_id}:tracking"))
    assert prompt.startswith("Stuur het bewijs voor “Trackingnummer”")
    content = b"\xff\xd8\xff\xe0 a real enough jpeg" * 40
    reply = await bot.send(photo(NL, bot.api, content))
    assert reply.startswith("Opgeslagen: de foto (")
    assert "“Trackingnummer”" in reply
    [row] = await bot.evidence(claim_id)
    assert (row.kind, row.item_id, row.mime_type, row.size) == (
        "photo", "tracking", "image/jpeg", len(content))
    assert row.sha256 == digest(content)
    assert row.tg_file_id.startswith("PHOTO-") and row.tg_file_unique.startswith("Uphoto")
    assert row.received_at == bot.clock.now
    assert stored_path(config, content).read_bytes() == content
    assert not list((config.data_dir / "evidence" / ".incoming").iterdir())


async def test_a_pdf_is_stored_with_its_name_type_and_size_in_english(
    bot: EvidenceHarness, config: Config
) -> None:
    claim_id = await bot.claim_for(EN)
    await choose(bot, EN, claim_id, "pod")
    reply = await bot.send(document(EN, bot.api, PDF, file_name="POD DHL.pdf",
                                    mime_type="application/pdf"))
    assert reply.startswith("Stored “POD DHL.pdf” (")
    assert "for “Carrier proof of delivery”" in reply
    [row] = await bot.evidence(claim_id)
    assert (row.kind, row.file_name, row.mime_type, row.size) == (
        "document", "POD DHL.pdf", "application/pdf", len(PDF))
    assert stored_path(config, PDF).read_bytes() == PDF


@pytest.mark.parametrize(
    ("file_name", "mime_type"),
    [
        ("buyer.eml", "message/rfc822"),
        ("outlook.msg", "application/octet-stream"),
        ("orders.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("orders.csv", "text/csv"),
        ("orders.ods", None),
        ("notes.txt", "text/plain"),
        ("scan.png", "image/png"),
    ],
)
async def test_email_spreadsheet_text_and_image_files_are_accepted(
    bot: EvidenceHarness, file_name: str, mime_type: str | None
) -> None:
    claim_id = await bot.claim_for(EN)
    await choose(bot, EN, claim_id, "msgs")
    reply = await bot.send(document(EN, bot.api, b"content of " + file_name.encode(),
                                    file_name=file_name, mime_type=mime_type))
    assert reply.startswith(f"Stored “{file_name}”")


async def test_a_file_over_20_mb_is_refused_before_any_download(bot: EvidenceHarness) -> None:
    claim_id = await bot.claim_for(NL)
    await choose(bot, NL, claim_id, "pod")
    reply = await bot.send(document(NL, bot.api, b"small really", file_name="groot.pdf",
                                    mime_type="application/pdf", file_size=25 * 1024 * 1024))
    assert reply.startswith("“groot.pdf” is groter dan 20 MB")
    assert "Er is niets opgeslagen" in reply
    assert bot.api.of("getFile") == []
    assert await bot.evidence(claim_id) == []


async def test_an_empty_file_is_refused_and_nothing_is_stored(
    bot: EvidenceHarness, config: Config
) -> None:
    claim_id = await bot.claim_for(EN)
    await choose(bot, EN, claim_id, "pod")
    reply = await bot.send(document(EN, bot.api, b"", file_name="empty.pdf",
                                    mime_type="application/pdf"))
    assert reply == "“empty.pdf” is empty. Nothing was stored; please send the file again."
    assert await bot.evidence(claim_id) == []


@pytest.mark.parametrize(
    ("file_name", "mime_type"),
    [
        ("setup.exe", "application/x-msdownload"),
        ("invoice.pdf", "application/x-msdownload"),
        ("script", "application/octet-stream"),
        ("invoice.pdf.exe", "application/pdf"),
    ],
)
async def test_a_type_outside_the_allow_list_is_refused_without_download(
    bot: EvidenceHarness, file_name: str, mime_type: str
) -> None:
    claim_id = await bot.claim_for(EN)
    await choose(bot, EN, claim_id, "pod")
    reply = await bot.send(document(EN, bot.api, b"MZ\x90\x00", file_name=file_name,
                                    mime_type=mime_type))
    assert reply.startswith(f"I can't store “{file_name}”: I accept photos and PDF, JPG")
    assert bot.api.of("getFile") == []
    assert await bot.evidence(claim_id) == []


async def test_the_same_file_twice_is_recognised_and_kept_once(
    bot: EvidenceHarness, config: Config
) -> None:
    claim_id = await bot.claim_for(NL)
    await choose(bot, NL, claim_id, "pod")
    await bot.send(document(NL, bot.api, PDF, file_name="pod.pdf", mime_type="application/pdf"))
    reply = await bot.send(document(NL, bot.api, PDF, file_name="pod-kopie.pdf",
                                    mime_type="application/pdf"))
    assert reply == "“pod-kopie.pdf” heb ik al bij deze claim; ik heb één exemplaar bewaard."
    assert len(await bot.evidence(claim_id)) == 1
    assert len(list((config.data_dir / "evidence").rglob("*"))) == 3  # .incoming, xx/, file


async def test_a_forwarded_message_keeps_its_origin_and_date(bot: EvidenceHarness) -> None:
    claim_id = await bot.claim_for(EN)
    await choose(bot, EN, claim_id, "msgs")
    reply = await bot.send(forwarded(EN, "I will return it tomorrow", "Buyer B.", 1795510800))
    assert reply.startswith("Saved the forwarded message for “Correspondence with the buyer”")
    [row] = await bot.evidence(claim_id)
    assert row.kind == "forward"
    assert row.detail == "Buyer B., 2026-11-24 09:00 UTC | I will return it tomorrow"


async def test_a_typed_tracking_number_is_stored_as_a_text_note(bot: EvidenceHarness) -> None:
    claim_id = await bot.claim_for(NL)
    await choose(bot, NL, claim_id, "tracking")
    reply = await bot.send(updates.message(NL, "  3SABCD1234567  "))
    assert reply.startswith("Je notitie is bewaard bij “Trackingnummer”")
    [row] = await bot.evidence(claim_id)
    assert (row.kind, row.detail, row.sha256, row.file_name) == (
        "text", "3SABCD1234567", None, None)


async def test_an_album_of_three_photos_is_stored_and_answered_once(
    bot: EvidenceHarness,
) -> None:
    claim_id = await bot.claim_for(EN)
    await choose(bot, EN, claim_id, "pod")
    before = len(bot.api.texts())
    for number in range(3):
        await bot.process(photo(EN, bot.api, b"photo %d" % number, media_group_id="alb-1"))
    assert len(bot.api.texts()) == before, "album items are answered by one summary"
    assert len(await bot.evidence(claim_id)) == 3
    await bot.run_album_jobs()
    texts = bot.api.texts()[before:]
    assert texts == ["Stored 3 items for “Carrier proof of delivery”.\n"
                     "Send more, or press Done."]


async def test_evidence_sent_before_choosing_the_item_waits_and_is_then_stored(
    bot: EvidenceHarness,
) -> None:
    claim_id = await bot.claim_for(EN)
    await bot.send(updates.message(EN, f"/evidence {ORDER}"))
    reply = await bot.send(document(EN, bot.api, PDF, file_name="label.pdf",
                                    mime_type="application/pdf"))
    assert reply.startswith("Got it, I'll keep it until then. First choose the checklist item")
    assert await bot.evidence(claim_id) == []
    reply = await bot.send(updates.callback(EN, f"ev:item:{claim_id}:dispatch"))
    assert reply.startswith("Stored 1 item for “Dispatch date and shipping method”.")
    [row] = await bot.evidence(claim_id)
    assert row.item_id == "dispatch"


async def test_with_one_open_claim_the_evidence_command_goes_straight_to_it(
    bot: EvidenceHarness,
) -> None:
    claim_id = await bot.claim_for(EN)
    reply = await bot.send(updates.message(EN, "/evidence"))
    assert "Which claim is the evidence for?" not in reply
    assert f"ev:item:{claim_id}:dispatch" in bot.api.buttons().values()


async def test_the_picker_lists_open_claims_and_done_ends_with_the_claim(
    bot: EvidenceHarness,
) -> None:
    first = await bot.claim_for(NL)
    second = await add_claim(bot.database, NL["id"], bot.clock.now, "171-7654321-7654321")
    assert await bot.send(updates.message(NL, "/bewijs")) == "Voor welke claim is het bewijs?"
    assert set(bot.api.buttons().values()) == {f"ev:pick:{first}", f"ev:pick:{second}"}
    await bot.send(updates.callback(NL, f"ev:pick:{second}"))
    await bot.send(updates.callback(NL, f"ev:item:{second}:other"))
    await bot.send(updates.message(NL, "pakket lag bij de buren"))
    card = await bot.send(updates.message(NL, "/klaar"))
    assert "171-7654321-7654321" in card
    [row] = await bot.evidence(second)
    assert row.item_id == "other"
    # The conversation is over: a photo now is not evidence for anything.
    assert "/help" in await bot.send(photo(NL, bot.api, b"late"))


async def test_an_unknown_order_number_and_an_unsupported_message_are_explained(
    bot: EvidenceHarness,
) -> None:
    claim_id = await bot.claim_for(EN)
    reply = await bot.send(updates.message(EN, "/evidence 999-0000000-0000000"))
    assert reply.startswith("Which claim is the evidence for?")
    assert "I have no claim with order number 999-0000000-0000000" in bot.api.texts()[-2]
    await bot.send(updates.message(EN, ORDER))  # typed instead of tapped
    await bot.send(updates.callback(EN, f"ev:item:{claim_id}:pod"))
    reply = await bot.send(sticker(EN))
    assert reply.startswith("I can't store this kind of message as evidence.")
    assert (await bot.send(updates.message(EN, "TRACK123"))).startswith("Saved your note")


async def test_evidence_is_listed_and_removed_after_confirmation_file_and_all(
    bot: EvidenceHarness, config: Config
) -> None:
    claim_id = await bot.claim_for(EN)
    await choose(bot, EN, claim_id, "pod")
    await bot.send(document(EN, bot.api, PDF, file_name="pod.pdf", mime_type="application/pdf"))
    await bot.send(updates.message(EN, "TRACK123"))
    listing = await bot.send(updates.callback(EN, f"ev:list:{claim_id}"))
    assert listing.splitlines()[0] == f"Evidence for claim {ORDER} (2 items):"
    assert "1. Document · Carrier proof of delivery · pod.pdf · 48 bytes · Mon, Nov 23, 2026" \
        in listing
    assert "2. Note · Carrier proof of delivery · Mon, Nov 23, 2026" in listing
    rows = await bot.evidence(claim_id)
    assert bot.api.buttons()["🗑 1"] == f"ev:del:{claim_id}:{rows[0].id}"
    confirm = await bot.send(updates.callback(EN, f"ev:del:{claim_id}:{rows[0].id}"))
    assert confirm.startswith(f"Remove this evidence from claim {ORDER}?")
    assert bot.api.buttons()["Yes, remove"] == f"ev:rm:{claim_id}:{rows[0].id}"
    after = await bot.send(updates.callback(EN, f"ev:rm:{claim_id}:{rows[0].id}"))
    assert after.splitlines()[0] == f"Evidence for claim {ORDER} (1 item):"
    assert "Removed: pod.pdf." in bot.api.texts()
    assert [row.kind for row in await bot.evidence(claim_id)] == ["text"]
    assert not stored_path(config, PDF).exists()


async def test_a_file_another_claim_still_uses_stays_on_disk(
    bot: EvidenceHarness, config: Config
) -> None:
    first = await bot.claim_for(EN)
    second = await add_claim(bot.database, EN["id"], bot.clock.now, "171-7654321-7654321")
    for claim_id, order in ((first, ORDER), (second, "171-7654321-7654321")):
        await bot.send(updates.message(EN, f"/evidence {order}"))
        await bot.send(updates.callback(EN, f"ev:item:{claim_id}:pod"))
        await bot.send(document(EN, bot.api, PDF, file_name="pod.pdf",
                                mime_type="application/pdf"))
    [row] = await bot.evidence(first)
    await bot.send(updates.callback(EN, f"ev:rm:{first}:{row.id}"))
    assert stored_path(config, PDF).read_bytes() == PDF


async def test_another_sellers_claim_or_evidence_gets_the_same_not_found_as_a_missing_one(
    bot: EvidenceHarness,
) -> None:
    theirs = await bot.claim_for(NL)
    await choose(bot, NL, theirs, "tracking")
    await bot.send(updates.message(NL, "TRACK-OF-SANNE"))
    [their_row] = await bot.evidence(theirs)
    mine = await bot.claim_for(EN, "171-7654321-7654321")
    missing = theirs + mine + 100
    answers = {}
    for forged in (theirs, missing):
        for data in (f"ev:add:{forged}", f"ev:pick:{forged}", f"ev:item:{forged}:tracking",
                     f"ev:list:{forged}", f"ev:zip:{forged}", f"ev:del:{forged}:{their_row.id}",
                     f"ev:rm:{forged}:{their_row.id}", f"ev:done:{forged}"):
            await bot.process(updates.callback(EN, data))
            answers[forged, data.split(":")[1]] = bot.api.answers()[-1]
    for action in ("add", "pick", "item", "list", "zip", "del", "rm", "done"):
        assert answers[theirs, action] == answers[missing, action], action
        assert answers[theirs, action] == (
            "I can't find that claim. Send /claims to see your claims."), action
    # Their evidence id with my own claim id: "not found", and nothing removed.
    await bot.process(updates.callback(EN, f"ev:rm:{mine}:{their_row.id}"))
    assert bot.api.answers()[-1].startswith("I can't find that evidence item")
    assert await bot.evidence(theirs) == [their_row]
    await bot.process(updates.message(EN, "/evidence 171-1234567-1234567"))
    assert bot.api.texts()[-2].startswith("I have no claim with order number 171-1234567")


async def test_the_zip_bundle_holds_the_files_and_a_dutch_summary(
    bot: EvidenceHarness,
) -> None:
    claim_id = await bot.claim_for(NL)
    await choose(bot, NL, claim_id, "pod")
    await bot.send(document(NL, bot.api, PDF, file_name="Bewijs van aflevering (DHL).pdf",
                            mime_type="application/pdf"))
    await bot.send(photo(NL, bot.api, b"jpeg bytes"))
    await bot.send(updates.message(NL, "3SABCD1234567"))
    await bot.process(updates.callback(NL, f"ev:zip:{claim_id}"))
    [upload] = [u for u in bot.api.uploads if u["method"] == "sendDocument"]
    file_name, data = upload["files"]["document"]
    assert file_name == f"claim-{ORDER}.zip"
    assert upload["params"]["caption"] == (
        f"Bewijsbundel voor claim {ORDER}: 2 bestanden en summary.txt.")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names == [
            "01-bezorgbewijs-van-de-vervoerder-bewijs-van-aflevering-dhl.pdf",
            "02-bezorgbewijs-van-de-vervoerder-foto.jpg",
            "summary.txt",
        ]
        assert archive.read(names[0]) == PDF
        assert archive.read(names[1]) == b"jpeg bytes"
        summary = archive.read("summary.txt").decode()
    assert f"Bestelnummer: {ORDER}" in summary
    assert "Tijden in Europe/Amsterdam" in summary
    assert "03. Notitie · Bezorgbewijs van de vervoerder" in summary
    assert "Tekst: 3SABCD1234567" in summary
    assert f"SHA-256: {digest(PDF)}" in summary


async def test_a_bundle_over_50_mb_is_refused_politely(bot: EvidenceHarness) -> None:
    claim_id = await bot.claim_for(EN)
    await choose(bot, EN, claim_id, "pod")
    await bot.send(document(EN, bot.api, PDF, file_name="pod.pdf", mime_type="application/pdf"))
    async with bot.database.unit_of_work() as uow:  # as if it were a 60 MB file
        await uow.connection.execute("UPDATE evidence SET size = ?", (60_000_000,))
    reply = await bot.send(updates.callback(EN, f"ev:zip:{claim_id}"))
    assert reply.startswith("The files of this claim add up to 60 MB, more than the 50 MB")
    assert bot.api.uploads == []


async def test_in_a_group_the_bot_points_to_a_private_chat(bot: EvidenceHarness) -> None:
    update = updates.message(EN, "/evidence")
    update["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "Shop team"}
    assert (await bot.send(update)).startswith("Claims are private")
    [button] = bot.api.last_markup()["inline_keyboard"][0]
    assert button["url"] == "https://t.me/claimwacht_test_bot?start=evidence"


async def test_a_session_idle_for_more_than_a_day_is_closed_not_fed(bot: EvidenceHarness) -> None:
    claim_id = await bot.claim_for(NL)
    await choose(bot, NL, claim_id, "tracking")
    await bot.send(updates.message(NL, "TRACK1"))
    bot.clock.advance(hours=25)
    reply = await bot.send(updates.message(NL, "hallo, nog iets?"))
    assert reply.startswith("Je was meer dan een dag geleden bewijs aan het toevoegen")
    assert [row.detail for row in await bot.evidence(claim_id)] == ["TRACK1"]
    assert "/help" in await bot.send(updates.message(NL, "TRACK2"))


async def test_a_malformed_or_unknown_evidence_button_is_answered_not_crashed_on(
    bot: EvidenceHarness,
) -> None:
    await bot.claim_for(EN)
    for data in ("ev:bogus:1", "ev:add:x", "ev:del:1"):
        await bot.process(updates.callback(EN, data))
        assert bot.api.answers()[-1] == "That button is no longer valid."
