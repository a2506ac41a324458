"""Runs after every update: hand PTB's conversation state and user_data to SQLite at once."""

from __future__ import annotations

from telegram import Update

from bot.context import ClaimwachtContext
from bot.persistence import SQLitePersistence


async def flush_persistence(update: Update, context: ClaimwachtContext) -> None:
    """Write conversation states now, not on PTB's 60-second timer, so a crash loses nothing;
    everything the update changed goes in one transaction."""
    application = context.application
    persistence = application.persistence
    if isinstance(persistence, SQLitePersistence):
        async with persistence.batch():
            await application.update_persistence()
    else:
        await application.update_persistence()
