"""The message filters the flows share, named for what a seller sends."""

from __future__ import annotations

from telegram.ext import filters

from handlers.private_chat import deep_link_filter

__all__ = ["MEDIA", "TEXT", "deep_link"]

TEXT = filters.TEXT & ~filters.COMMAND
# Anything else a seller can send: photos, documents, stickers, voice; not service messages.
MEDIA = ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL


def deep_link(payload: str) -> filters.MessageFilter:
    """``/start <payload>``, as Telegram sends it when a deep link is opened."""
    return deep_link_filter(payload)
