"""What a seller may send as evidence, and what became of it (``Incoming``, ``Result``).

Files go through an allow-list by extension *and* MIME type, and both must agree:
``bewijs.pdf`` sent as ``application/x-msdownload`` is refused, and so is
``setup.exe`` whatever Telegram calls it. A generic MIME type (``application/octet-stream``,
which Telegram reports for many e-mail and Outlook files) is accepted when the extension is
on the list; a file without an extension needs a specific MIME type that is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from telegram.constants import FileSizeLimit

__all__ = [
    "ALLOWED",
    "MAX_DOWNLOAD_BYTES",
    "FileType",
    "Incoming",
    "Outcome",
    "Refusal",
    "Result",
    "allowed_type",
    "extension_list",
]

# Telegram lets bots download files up to 20 MB (getFile).
MAX_DOWNLOAD_BYTES = int(FileSizeLimit.FILESIZE_DOWNLOAD)  # 20,000,000 bytes, not 20 MiB

_CSV = ("text/csv", "text/comma-separated-values", "application/csv", "text/plain",
        "application/vnd.ms-excel")
# extension -> accepted MIME types; the first is the one stored when Telegram gives none.
ALLOWED: dict[str, tuple[str, ...]] = {
    ".pdf": ("application/pdf", "application/x-pdf"),
    ".jpg": ("image/jpeg", "image/pjpeg"),
    ".jpeg": ("image/jpeg", "image/pjpeg"),
    ".png": ("image/png",),
    ".webp": ("image/webp",),
    ".heic": ("image/heic", "image/heif"),
    ".heif": ("image/heif", "image/heic"),
    ".gif": ("image/gif",),
    ".eml": ("message/rfc822",),
    ".msg": ("application/vnd.ms-outlook", "application/x-msg"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    ".xls": ("application/vnd.ms-excel",),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet",),
    ".csv": _CSV,
    ".txt": ("text/plain",),
}
_GENERIC = frozenset({"", "application/octet-stream", "binary/octet-stream"})


@dataclass(frozen=True)
class FileType:
    extension: str
    mime_type: str


def _extension(file_name: str | None) -> str:
    if not file_name:
        return ""
    return PurePosixPath(file_name.replace("\\", "/")).suffix.lower()


def allowed_type(file_name: str | None, mime_type: str | None) -> FileType | None:
    """The file's type if it is on the allow-list; None if it must be refused."""
    mime = (mime_type or "").strip().lower()
    extension = _extension(file_name)
    if extension:
        accepted = ALLOWED.get(extension)
        if accepted is None:
            return None
        if mime in _GENERIC:
            return FileType(extension, accepted[0])
        return FileType(extension, mime) if mime in accepted else None
    if mime in _GENERIC:
        return None
    for known, accepted in ALLOWED.items():
        if mime == accepted[0]:
            return FileType(known, mime)
    return None


def extension_list() -> str:
    """The allowed extensions for messages, e.g. ``PDF, JPG, …``."""
    names = dict.fromkeys(ext.removeprefix(".").upper() for ext in ALLOWED)
    names.pop("JPEG", None)
    names.pop("HEIF", None)
    return ", ".join(names)


class Refusal(StrEnum):
    TOO_BIG = "too_big"
    EMPTY = "empty"
    TYPE = "type"
    UNSUPPORTED = "unsupported"


class Outcome(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    NOT_FOUND = "not_found"  # the claim went away (deleted) between choosing and sending
    FAILED = "failed"  # the file could not be fetched; the seller can send it again


@dataclass(frozen=True)
class Incoming:
    """What a message brings, before anything is stored; plain data so it can wait in a session."""

    kind: str  # photo, document, text or forward
    detail: str = ""
    file_id: str | None = None
    file_unique_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None  # as Telegram reported it
    refusal: str | None = None  # a Refusal value: nothing will be downloaded or stored
    media_group_id: str | None = None

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Incoming:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)

    def refused(self, refusal: Refusal) -> Incoming:
        return replace(self, refusal=refusal.value)

    def checked(self) -> Incoming:
        """Refused when its announced size is over the download limit or zero."""
        if self.size is not None and self.size > MAX_DOWNLOAD_BYTES:
            return self.refused(Refusal.TOO_BIG)
        if self.size == 0:
            return self.refused(Refusal.EMPTY)
        return self


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    incoming: Incoming
    evidence_id: int | None = None
    size: int | None = None
    refusal: Refusal | None = None
