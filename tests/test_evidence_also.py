"""One file proving several checklist items: after a file is stored the seller may file it under
the claim's other items as well ("Also proves: …"), without sending it again."""

from __future__ import annotations

from tests import updates
from tests.evidence_support import digest, document
from tests.harness import ORDER, Harness

EN = updates.user(7201, "en-GB", "Sam")
NL = updates.user(7202, "nl", "Sanne")
POD = b"%PDF-1.4 DHL proof of delivery, 3SABCD1234567, Kerkstraat 1 %%EOF"


async def send_proof_of_delivery(bot: Harness, user: dict[str, object]) -> int:
    claim_id = await bot.claim_for(user)
    await bot.send(updates.message(user, f"/evidence {ORDER}"))
    await bot.press(user, "Carrier proof of delivery")
    reply = await bot.send(document(user, bot.api, POD, file_name="pod.pdf",
                                    mime_type="application/pdf"))
    assert "“pod.pdf”" in reply
    return claim_id


async def test_a_stored_file_offers_the_claims_other_checklist_items_and_keeps_done(
    bot: Harness,
) -> None:
    await send_proof_of_delivery(bot, EN)
    labels = bot.keyboard(EN["id"]).labels
    assert "Also proves: Carrier" in labels and "Also proves: Tracking number" in labels
    assert "Also proves: Delivery address used" in labels
    assert "Also proves: Carrier proof of delivery" not in labels
    assert "Done" in labels
    for data in bot.api.buttons().values():
        assert len(data.encode()) <= 64


async def test_pressing_also_proves_files_the_same_file_under_that_item_once(
    bot: Harness,
) -> None:
    claim_id = await send_proof_of_delivery(bot, EN)
    downloads = len(bot.api.of("getFile"))
    await bot.press(EN, "Also proves: Carrier")
    assert bot.api.answers()[-1] == "Also filed under “Carrier”."
    await bot.press(EN, "Also proves: Carrier")
    assert bot.api.answers()[-1] == "That file is already filed under “Carrier”."
    await bot.press(EN, "Also proves: Delivery address used")
    rows = await bot.evidence(claim_id)
    assert sorted(row.item_id for row in rows) == ["address", "carrier", "pod"]
    assert {row.sha256 for row in rows} == {digest(POD)}
    assert len(bot.api.of("getFile")) == downloads, "the file is not fetched again"
    card = await bot.press(EN, "Done")
    assert "✓ Carrier (required)" in card
    assert "✓ Carrier proof of delivery (required)" in card
    assert "✓ Delivery address used (required)" in card
    assert "✗ Tracking number (required)" in card


async def test_also_proves_answers_in_dutch(bot: Harness) -> None:
    claim_id = await send_proof_of_delivery(bot, NL)
    await bot.press(NL, "Bewijst ook: Trackingnummer")
    assert bot.api.answers()[-1] == "Ook opgeslagen bij “Trackingnummer”."
    assert sorted(row.item_id for row in await bot.evidence(claim_id)) == ["pod", "tracking"]


async def test_another_seller_cannot_file_someone_elses_evidence(bot: Harness) -> None:
    theirs = await send_proof_of_delivery(bot, NL)
    [row] = await bot.evidence(theirs)
    mine = await bot.claim_for(EN, "171-7654321-7654321")
    await bot.process(updates.callback(EN, f"ev:also:{theirs}:{row.id}_carrier"))
    assert bot.api.answers()[-1] == "I can't find that claim. Send /claims to see your claims."
    await bot.process(updates.callback(EN, f"ev:also:{mine}:{row.id}_carrier"))
    assert bot.api.answers()[-1].startswith("I can't find that evidence item")
    assert await bot.evidence(theirs) == [row] and await bot.evidence(mine) == []
