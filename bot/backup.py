"""``claimwacht backup DEST`` and ``claimwacht check``: safe while the bot runs.

A backup is a consistent snapshot of the database made with SQLite's online backup API (the
bot may keep writing meanwhile), followed by the evidence files its rows name. Files are
content-addressed and never change once stored, so copying them after the snapshot is safe; a
file deleted in between (the seller deleted their data) is reported, not an error.

``check`` reads only: ``PRAGMA integrity_check``, then every evidence row against the files
under ``evidence/`` and every file against the rows. It reports orphans and deletes nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.files import EvidenceFiles
from bot.private_files import create_private, private_dir

__all__ = ["BackupError", "CheckReport", "backup", "check"]

DATABASE_NAME = "claimwacht.sqlite3"
# One step: in WAL mode the copy reads one snapshot while the bot keeps writing. In several
# steps, every write by the bot between two steps would restart the copy from the beginning.
_ALL_PAGES = -1
_HASHES = "SELECT DISTINCT sha256 FROM evidence WHERE sha256 IS NOT NULL"


class BackupError(Exception):
    """The backup cannot be made; the message says why, in one line."""


def backup(data_dir: Path, dest: Path, say: Callable[[str], None] = print) -> None:
    """Copy the database and its evidence files from ``data_dir`` into ``dest``."""
    source_path = data_dir / DATABASE_NAME
    if not source_path.is_file():
        raise BackupError(f"no database at {source_path}: is CLAIMWACHT_DATA_DIR right?")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} exists and is not an empty directory: choose a new one")
    private_dir(dest)
    target_path = dest / DATABASE_NAME
    create_private(target_path)
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        source.execute("PRAGMA busy_timeout = 5000")
        source.backup(target, pages=_ALL_PAGES)
        # One self-contained file: no -wal beside it to forget when the backup is moved.
        target.execute("PRAGMA journal_mode = DELETE")
        claims = target.execute("SELECT count(*) FROM claims").fetchone()[0]
        hashes = [row[0] for row in target.execute(_HASHES)]
    finally:
        source.close()
        target.close()
    say(f"wrote {target_path} ({target_path.stat().st_size} bytes, {claims} claims)")
    copied, size, missing = _copy_files(data_dir, dest, hashes)
    say(f"wrote {copied} evidence files ({size} bytes) to {dest / 'evidence'}")
    if missing:
        say(f"skipped {missing} evidence files deleted since the snapshot")


def _copy_files(data_dir: Path, dest: Path, hashes: list[str]) -> tuple[int, int, int]:
    source, target = EvidenceFiles(data_dir), EvidenceFiles(dest)
    copied = size = missing = 0
    for sha256 in hashes:
        origin, copy = source.path_for(sha256), target.path_for(sha256)
        private_dir(copy.parent)
        create_private(copy)
        try:
            shutil.copyfile(origin, copy)
        except FileNotFoundError:
            copy.unlink(missing_ok=True)
            missing += 1
            continue
        copied += 1
        size += copy.stat().st_size
    return copied, size, missing


@dataclass
class CheckReport:
    integrity: list[str]
    rows_without_file: list[str] = field(default_factory=list)
    files_without_row: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        orphans = self.rows_without_file or self.files_without_row
        return self.integrity == ["ok"] and not orphans


def check(data_dir: Path, say: Callable[[str], None] = print) -> CheckReport:
    """Check the database and the evidence store against each other; report, change nothing."""
    database = data_dir / DATABASE_NAME
    if not database.is_file():
        raise BackupError(f"no database at {database}: is CLAIMWACHT_DATA_DIR right?")
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        hashes = {row[0] for row in connection.execute(_HASHES)}
    finally:
        connection.close()
    files = EvidenceFiles(data_dir)
    stored = {
        path.name: path
        for path in files.root.glob("??/*")
        if path.is_file() and path.parent.name == path.name[:2]
    }
    report = CheckReport(
        integrity=integrity,
        rows_without_file=sorted(hashes - stored.keys()),
        files_without_row=sorted(stored[name] for name in stored.keys() - hashes),
    )
    say(f"integrity_check: {', '.join(integrity)}")
    say(f"evidence: {len(hashes)} files named by rows, {len(stored)} files on disk")
    for sha256 in report.rows_without_file:
        say(f"missing file for evidence rows: {files.path_for(sha256)}")
    for path in report.files_without_row:
        say(f"orphan file (no evidence row): {path}")
    say("check: ok" if report.ok else "check: problems found (nothing was changed)")
    return report
