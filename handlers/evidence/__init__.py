"""Evidence: collecting it in /bewijs, albums, the session, listing, removing and the ZIP.

``collect`` (the conversation), ``receive`` (what is sent during it), ``session`` (its typed
state), ``albums``, ``incoming`` (a message read as evidence, its file fetched) and ``manage``
(list, remove, bundle). The operations are ``bot.services.evidence``; the screens are
``handlers.views.evidence``.
"""

from __future__ import annotations

from handlers.evidence.albums import forget_albums
from handlers.evidence.collect import build_evidence_conversation
from handlers.evidence.manage import build_evidence_list_handlers

__all__ = ["build_evidence_conversation", "build_evidence_list_handlers", "forget_albums"]
