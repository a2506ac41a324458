"""The message filters the flows share, named for what a seller sends."""

from __future__ import annotations

from telegram.ext import filters

__all__ = ["MEDIA", "TEXT"]

TEXT = filters.TEXT & ~filters.COMMAND
# Anything else a seller can send: photos, documents, stickers, voice; not service messages.
MEDIA = ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL
