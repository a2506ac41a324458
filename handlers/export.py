"""/export: the seller's own claims, timelines and evidence metadata as CSV and JSON documents.

See ``bot.export_data`` for the files and their columns. They go out as one album of documents.
"""

from __future__ import annotations

import asyncio

from telegram import InputMediaDocument, Update
from telegram.ext import CommandHandler

from bot.context import ClaimwachtContext
from bot.export_data import build_export_from_rows
from handlers.private_chat import private_only

__all__ = ["COMMANDS", "build_export_handler", "export_data"]

COMMANDS = ("export", "exporteer")


async def export_data(update: Update, context: ClaimwachtContext) -> None:
    """Send claims.csv, events.csv, evidence.csv and claimwacht-export.json."""
    if not await private_only(update, context, "export"):
        return
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or context.seller is None:
        return
    tr = context.i18n
    async with context.services.database.unit_of_work(write=False) as uow:
        seller = await uow.sellers.get(user.id) or context.seller
        claims = await uow.claims.raw_for_seller(user.id)
        evidence = await uow.evidence.raw_for_seller(user.id)
    # Three queries whatever the number of claims; parsing and writing the files happen in a
    # worker thread, so other sellers are not kept waiting by a big export.
    export = await asyncio.to_thread(build_export_from_rows, seller, claims, evidence,
                                     context.now())
    count = export.evidence
    claims_text = tr.ngettext("{count} claim", "{count} claims", export.claims).format(
        count=tr.number(export.claims)
    )
    evidence_text = tr.ngettext(
        "{count} evidence item", "{count} evidence items", count
    ).format(count=tr.number(count))
    caption = tr.gettext(
        "Your data: {claims}, {evidence}. Times are UTC (ISO 8601); your timezone is {zone}."
        " The evidence files themselves are in each claim's ZIP."
    ).format(claims=claims_text, evidence=evidence_text, zone=seller.timezone)
    names = list(export.files)
    media = [
        InputMediaDocument(
            export.files[name], filename=name, caption=caption if name == names[-1] else None
        )
        for name in names
    ]
    await context.bot.send_media_group(chat.id, media)


def build_export_handler() -> CommandHandler[ClaimwachtContext, None]:
    return CommandHandler(COMMANDS, export_data)
