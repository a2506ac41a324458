"""The evidence bundle: one ZIP with a claim's files and a ``summary.txt`` in the seller's language.

Files are named ``NN-<checklist item>-<original name>`` (NN as in the evidence list), reduced to
safe ASCII so every unzip tool on every system accepts them. Notes and forwarded texts have no
file; they are in the summary. Telegram lets a bot upload at most 50 MB: ``too_big`` says so
before anything is built.
"""

from __future__ import annotations

import io
import mimetypes
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from telegram.constants import FileSizeLimit

from bot.claims_repo import StoredClaim
from bot.evidence_repo import StoredEvidence
from bot.files import EvidenceFiles
from bot.i18n import Translator
from domain.evidence import checklist_for, item_label, kind_label

__all__ = [
    "MAX_UPLOAD_BYTES",
    "Bundle",
    "build_bundle",
    "bundle_file_name",
    "entry_names",
    "safe_name",
    "too_big",
]

MAX_UPLOAD_BYTES = int(FileSizeLimit.FILESIZE_UPLOAD)  # 50,000,000 bytes, not 50 MiB
_HEADROOM = 256 * 1024  # ZIP headers and the summary


@dataclass(frozen=True)
class Bundle:
    data: bytes
    file_name: str
    files: int  # how many evidence files are inside
    missing: int  # files not on disk (their rows are listed in the summary)


def safe_name(text: str, limit: int = 60) -> str:
    """ASCII letters, digits, dots, dashes and underscores only; never empty, never hidden."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-._")
    cleaned = re.sub(r"-{2,}", "-", cleaned)
    return (cleaned[:limit].rstrip("-._") or "file").lower()


def bundle_file_name(stored: StoredClaim) -> str:
    return f"claim-{safe_name(stored.claim.order_id)}.zip"


def entry_names(tr: Translator, rows: Sequence[StoredEvidence]) -> dict[int, str]:
    """Evidence id -> name inside the ZIP, for rows with a file.

    A file filed under several checklist items is one entry: its rows share the first's name.
    """
    names: dict[int, str] = {}
    by_hash: dict[str, str] = {}
    for number, row in enumerate(rows, start=1):
        if row.sha256 is None:
            continue
        if row.sha256 in by_hash:
            names[row.id] = by_hash[row.sha256]
            continue
        original = row.file_name or tr.render(kind_label(row.kind))
        stem, dot, extension = original.rpartition(".")
        if not dot:
            stem, extension = original, ""
        if not extension and row.mime_type:
            extension = (mimetypes.guess_extension(row.mime_type) or "").lstrip(".")
        name = f"{number:02d}-{safe_name(tr.render(item_label(row.item_id)), 40)}-{safe_name(stem)}"
        names[row.id] = f"{name}.{safe_name(extension, 8)}" if extension else name
        by_hash[row.sha256] = names[row.id]
    return names


def too_big(rows: Sequence[StoredEvidence]) -> int | None:
    """The total size when the files cannot fit in one upload; None when they can."""
    sizes = {row.sha256: row.size or 0 for row in rows if row.sha256}  # each file once
    total = sum(sizes.values())
    return total if total + _HEADROOM > MAX_UPLOAD_BYTES else None


def build_bundle(
    tr: Translator,
    zone: tzinfo,
    zone_name: str,
    stored: StoredClaim,
    rows: Sequence[StoredEvidence],
    files: EvidenceFiles,
    now: datetime,
) -> Bundle:
    """The ZIP in memory (call in a worker thread: it reads and compresses files)."""
    names = entry_names(tr, rows)
    missing: set[int] = set()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        written: set[str] = set()
        for row in rows:
            if row.sha256 is None or names[row.id] in written:
                continue
            written.add(names[row.id])
            content = files.read(row.sha256)
            if content is None:
                missing.update(r.id for r in rows if r.sha256 == row.sha256)
                continue
            info = zipfile.ZipInfo(names[row.id], _zip_time(row.received_at, zone))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
        summary = summary_text(tr, zone, zone_name, stored, rows, names, missing, now)
        info = zipfile.ZipInfo("summary.txt", _zip_time(now, zone))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, summary.encode("utf-8"))
    missing_files = {names[row_id] for row_id in missing}
    return Bundle(buffer.getvalue(), bundle_file_name(stored),
                  len(set(names.values())) - len(missing_files), len(missing_files))


def _zip_time(moment: datetime, zone: tzinfo) -> tuple[int, int, int, int, int, int]:
    local = moment.astimezone(zone)
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)


def summary_text(
    tr: Translator,
    zone: tzinfo,
    zone_name: str,
    stored: StoredClaim,
    rows: Sequence[StoredEvidence],
    names: dict[int, str],
    missing: set[int],
    now: datetime,
) -> str:
    """Claim facts, timeline and evidence list, as plain text in the seller's language."""
    _ = tr.gettext
    claim = stored.claim
    lines = [
        _("Claimwacht: evidence bundle"),
        _("Made on {moment}. Times are in {zone}.").format(
            moment=tr.datetime(now, zone), zone=zone_name),
        "",
        _("Claim"),
        _("Order number: {order_id}").format(order_id=claim.order_id),
        _("Type: {source}").format(source=tr.render(claim.source.label)),
        _("Marketplace: {marketplace}").format(
            marketplace=claim.marketplace.host or _("your own web shop")),
        _("Reason: {reason}").format(reason=tr.render(claim.reason.label)),
        _("Fulfilment: {fulfilment}").format(fulfilment=tr.render(claim.fulfilment.label)),
        _("Amount: {amount}").format(amount=tr.money(claim.amount)),
        _("Notice received: {moment}").format(moment=tr.datetime(claim.notice_at, zone)),
        _("Status: {state}").format(state=tr.render(stored.state.label)),
    ]
    if claim.order_date:
        lines.append(_("Order date: {date}").format(date=tr.date(claim.order_date)))
    if claim.latest_delivery:
        lines.append(_("Latest estimated delivery: {date}").format(
            date=tr.date(claim.latest_delivery)))
    if claim.notes:
        lines.append(_("Notes: {notes}").format(notes=claim.notes))
    lines += ["", _("Timeline")]
    lines.append(_("- {moment}: claim notice received").format(
        moment=tr.datetime(claim.notice_at, zone)))
    for event in stored.events:
        lines.append(f"- {tr.datetime(event.at, zone)}: {tr.render(event.kind.label)}")
    have = {row.item_id for row in rows}
    lines += ["", _("Checklist")]
    for item in checklist_for(claim.source, claim.reason, claim.fulfilment):
        status = _("present") if item.item_id in have else (
            _("missing (required)") if item.required else _("missing (recommended)"))
        lines.append(f"- {tr.render(item.label)}: {status}")
    lines += ["", tr.ngettext("Evidence ({count} item)", "Evidence ({count} items)",
                              len(rows)).format(count=tr.number(len(rows)))]
    if not rows:
        lines.append(_("No evidence yet."))
    for number, row in enumerate(rows, start=1):
        facts = [tr.render(kind_label(row.kind)), tr.render(item_label(row.item_id)),
                 _("received {moment}").format(moment=tr.datetime(row.received_at, zone))]
        lines.append(f"{number:02d}. " + " · ".join(facts))
        if row.file_name:
            lines.append("    " + _("Original name: {name}").format(name=row.file_name))
        if row.sha256:
            if row.id in missing:
                lines.append("    " + _("File missing from storage."))
            else:
                lines.append("    " + _("File in this ZIP: {name}").format(name=names[row.id]))
            lines.append("    " + _("Size: {size} bytes, SHA-256: {sha}").format(
                size=tr.number(row.size or 0), sha=row.sha256))
        if row.detail:
            lines.append("    " + _("Text: {text}").format(text=row.detail))
    return "\n".join(lines) + "\n"
