"""Evidence files on disk, named by their sha256 under ``<data_dir>/evidence/<sha[:2]>/<sha>``.

A seller never chooses a path: the only name that reaches the file system is a hex digest we
computed. Downloads land in ``evidence/.incoming`` under a random name, are hashed and synced,
and only then renamed into place with ``os.replace`` (atomic on one file system), so a file is
either completely stored or not at all. The same content is stored once, however many claims or
sellers use it; the evidence rows say who uses it (``EvidenceRepository.hash_in_use``).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import uuid
from pathlib import Path

from bot.private_files import private_dir

__all__ = ["EvidenceFiles"]

_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20


class EvidenceFiles:
    """The content-addressed store of evidence files."""

    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / "evidence"

    def path_for(self, sha256: str) -> Path:
        """Where the file with this digest lives; ``ValueError`` for anything but a digest."""
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def incoming_path(self) -> Path:
        """A fresh temporary name to download into (same file system as the store)."""
        incoming = private_dir(self.root / ".incoming")
        return incoming / f"{uuid.uuid4().hex}.part"

    async def digest(self, path: Path) -> tuple[str, int]:
        """The sha256 and size of a downloaded file, synced to disk (in a worker thread)."""
        return await asyncio.to_thread(_digest_and_sync, path)

    def place(self, temporary: Path, sha256: str) -> Path:
        """Move a hashed download into place; if the content is already stored, drop the copy."""
        target = self.path_for(sha256)
        if target.is_file():
            discard(temporary)
            return target
        private_dir(target.parent)
        os.replace(temporary, target)
        return target

    def sweep_incoming(self) -> int:
        """Delete downloads a crash left half-way (call at start-up, before any download)."""
        leftovers = list((self.root / ".incoming").glob("*.part"))
        for leftover in leftovers:
            discard(leftover)
        return len(leftovers)

    def remove(self, sha256: str) -> None:
        """Delete the stored file (call only when no evidence row points at it any more)."""
        self.path_for(sha256).unlink(missing_ok=True)

    def read(self, sha256: str) -> bytes | None:
        path = self.path_for(sha256)
        return path.read_bytes() if path.is_file() else None


def discard(path: Path) -> None:
    """Remove a temporary download, if it is still there."""
    path.unlink(missing_ok=True)


def _digest_and_sync(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
        os.fsync(handle.fileno())
    return digest.hexdigest(), size
