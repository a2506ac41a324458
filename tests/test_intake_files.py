"""Photos and documents sent during the claim intake are kept and filed with the claim."""

from __future__ import annotations

from tests import updates
from tests.evidence_support import document, photo, sticker
from tests.harness import EN, NL, Harness
from tests.intake_helpers import ENGLISH_AMAZON_STEPS, claims_of, run

PDF = b"%PDF-1.4 proof of delivery"


async def test_a_photo_sent_mid_intake_is_kept_and_filed_with_the_claim_on_confirm(
    bot: Harness,
) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[:3])
    reply = await bot.send(photo(EN, bot.api, b"label photo"))
    assert reply.startswith("Kept: I'll add it to the claim's evidence when you confirm.")
    assert reply.endswith("What does the buyer claim?")
    await bot.send(document(EN, bot.api, PDF, file_name="pod.pdf", mime_type="application/pdf"))
    await run(bot, EN, *ENGLISH_AMAZON_STEPS[3:])
    card = await bot.send(updates.callback(EN, "in:ok"))
    assert card.startswith("📦")
    (claim,) = await claims_of(bot, EN["id"])
    rows = await bot.evidence(claim.id)
    assert sorted(row.kind for row in rows) == ["document", "photo"]
    assert {row.item_id for row in rows} == {"other"}


async def test_an_album_sent_mid_intake_is_announced_once(bot: Harness) -> None:
    await bot.send(updates.message(NL, "/nieuweclaim"))
    before = len(bot.api.texts())
    for content in (b"one", b"two", b"three"):
        await bot.process(photo(NL, bot.api, content, media_group_id="album-1"))
    said = bot.api.texts()[before:]
    assert len(said) == 1
    assert said[0].startswith("Bewaard: ik voeg het toe aan het bewijs van de claim")


async def test_cancel_drops_the_kept_files_and_a_sticker_is_explained(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    await bot.send(photo(EN, bot.api, b"label"))
    assert "intake.files" in bot.app.user_data[EN["id"]]  # type: ignore[union-attr]
    reply = await bot.send(sticker(EN))
    assert reply.startswith("Please type your answer as text.")
    await bot.send(updates.message(EN, "/cancel"))
    assert "intake.files" not in bot.app.user_data[EN["id"]]  # type: ignore[union-attr]


async def test_a_file_of_a_refused_type_is_not_kept(bot: Harness) -> None:
    await bot.send(updates.message(EN, "/newclaim"))
    reply = await bot.send(document(EN, bot.api, b"MZ", file_name="x.exe",
                                    mime_type="application/x-msdownload"))
    assert reply.startswith("I can't keep that file as evidence (type or size).")
    assert "intake.files" not in bot.app.user_data[EN["id"]]  # type: ignore[union-attr]
