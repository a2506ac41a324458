"""Uploaded and known files: what the bot uploaded and what tests let users send."""

from __future__ import annotations

import itertools
import json
import mimetypes
from dataclasses import dataclass, field

__all__ = ["MAX_DOWNLOAD_SIZE", "FileRegistry", "StoredFile", "UploadedFile", "dumps"]

# getFile refuses bigger files on the public Bot API server.
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """One multipart file part of a request, kept so tests can inspect the bytes."""

    field_name: str
    filename: str | None
    content_type: str
    content: bytes = field(repr=False)

    def to_json(self) -> dict[str, object]:
        return {
            "field_name": self.field_name,
            "filename": self.filename,
            "content_type": self.content_type,
            "size": len(self.content),
        }


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file the fake server knows by file_id (uploaded by the bot or injected by a test)."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes = field(repr=False)
    file_size: int
    file_name: str | None = None
    mime_type: str | None = None
    # Served without Content-Length (chunked), so only counting the body tells its size.
    chunked: bool = False

    def as_document(self) -> dict[str, object]:
        document: dict[str, object] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
        }
        if self.file_name is not None:
            document["file_name"] = self.file_name
        if self.mime_type is not None:
            document["mime_type"] = self.mime_type
        return document

    def as_photo_sizes(self) -> list[dict[str, object]]:
        # Real Telegram sends several sizes; one is enough for bots that take photo[-1].
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "file_size": self.file_size,
                "width": 1280,
                "height": 960,
            }
        ]

    def as_file(self) -> dict[str, object]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "file_path": self.file_path,
        }


class FileRegistry:
    """file_id -> StoredFile, plus file_path -> StoredFile for downloads."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def register(
        self,
        content: bytes,
        *,
        kind: str = "documents",
        file_name: str | None = None,
        mime_type: str | None = None,
        file_size: int | None = None,
        chunked: bool = False,
    ) -> StoredFile:
        """Store content under a fresh file_id; file_size may lie to test size limits cheaply."""
        number = next(self._counter)
        extension = _extension(file_name, mime_type)
        stored = StoredFile(
            file_id=f"FAKE-{kind[:3].upper()}-{number:06d}-AgADBAAD",
            file_unique_id=f"AQAD{number:06d}",
            file_path=f"{kind}/file_{number}{extension}",
            content=content,
            file_size=len(content) if file_size is None else file_size,
            file_name=file_name,
            mime_type=mime_type,
            chunked=chunked,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)


def _extension(file_name: str | None, mime_type: str | None) -> str:
    if file_name and "." in file_name:
        return "." + file_name.rsplit(".", 1)[1].lower()
    guessed = mimetypes.guess_extension(mime_type) if mime_type else None
    return guessed or ""


def dumps(value: object) -> str:
    """json.dumps that shows uploads by name and size (recorded params may contain them)."""
    return json.dumps(value, default=_upload_as_json)


def _upload_as_json(value: object) -> object:
    if isinstance(value, UploadedFile):
        return value.to_json()
    raise TypeError(f"cannot serialise {type(value).__name__}")
