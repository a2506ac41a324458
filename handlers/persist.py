"""Runs after every update: hand PTB's conversation state and user_data to SQLite at once."""

from __future__ import annotations

from telegram import Update

from bot.context import ClaimwachtContext


async def flush_persistence(update: Update, context: ClaimwachtContext) -> None:
    """Write conversation states now, not on PTB's 60-second timer: a crash loses nothing."""
    await context.application.update_persistence()
