"""``claimwacht backup`` and ``claimwacht check``: a consistent copy while the bot writes, and a
report of evidence rows without files and files without rows that changes nothing."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.backup import BackupError, backup, check
from bot.evidence_repo import NewEvidence
from bot.files import EvidenceFiles
from bot.sellers import Seller
from bot.storage import Database
from tests.evidence_support import add_claim

ROOT = Path(__file__).resolve().parents[1]
SELLER = 7001
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def _database(data_dir: Path) -> Database:
    database = Database(data_dir / "claimwacht.sqlite3")
    async with database.unit_of_work() as uow:
        await uow.sellers.add(Seller(SELLER, "nl", "Europe/Amsterdam", True, NOW))
    return database


async def _add_evidence(database: Database, data_dir: Path, claim_id: int, content: bytes) -> str:
    files = EvidenceFiles(data_dir)
    temporary = files.incoming_path()
    temporary.write_bytes(content)
    sha256, size = await files.digest(temporary)
    async with database.unit_of_work() as uow:
        await uow.evidence.add(claim_id, NewEvidence(
            kind="document", item_id="tracking", received_at=NOW, file_name="pod.pdf",
            mime_type="application/pdf", size=size, sha256=sha256,
        ))
        files.place(temporary, sha256)
    return sha256


def _claim_ids(path: Path) -> set[int]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM claims")}


async def test_a_backup_taken_during_writes_opens_passes_integrity_and_holds_every_claim(
    tmp_path: Path,
) -> None:
    data_dir, dest = tmp_path / "data", tmp_path / "backup"
    data_dir.mkdir()
    database = await _database(data_dir)
    confirmed = {await add_claim(database, SELLER, NOW, f"171-0000000-{n:07d}") for n in range(50)}
    sha256 = await _add_evidence(database, data_dir, min(confirmed), b"%PDF-1.4 proof")
    writing = True

    async def keep_writing() -> int:
        written = 0
        while writing:
            order = f"171-{written:07d}-7654321"
            await add_claim(database, SELLER, NOW + timedelta(minutes=written), order)
            written += 1
            await asyncio.sleep(0)
        return written

    writer = asyncio.create_task(keep_writing())
    await asyncio.sleep(0.05)
    before_backup = _claim_ids(data_dir / "claimwacht.sqlite3")
    lines: list[str] = []
    await asyncio.to_thread(backup, data_dir, dest, lines.append)
    writing = False
    assert await writer > 0
    await database.close()

    copy = dest / "claimwacht.sqlite3"
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert confirmed | before_backup <= _claim_ids(copy)
    assert (dest / "evidence" / sha256[:2] / sha256).read_bytes() == b"%PDF-1.4 proof"
    assert lines[0].startswith(f"wrote {copy} (")
    size = len(b"%PDF-1.4 proof")
    assert lines[1] == f"wrote 1 evidence files ({size} bytes) to {dest / 'evidence'}"
    modes = {stat.S_IMODE(path.stat().st_mode) for path in [dest, *dest.rglob("*")]}
    assert modes <= {0o600, 0o700}


async def test_a_backup_refuses_a_destination_that_already_holds_files(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    await (await _database(data_dir)).close()
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "claimwacht.sqlite3").write_bytes(b"yesterday")
    with pytest.raises(BackupError, match="not an empty directory"):
        backup(data_dir, tmp_path / "old", print)
    assert (tmp_path / "old" / "claimwacht.sqlite3").read_bytes() == b"yesterday"


async def test_check_reports_rows_without_files_and_files_without_rows_and_deletes_nothing(
    tmp_path: Path,
) -> None:
    database = await _database(tmp_path)
    claim_id = await add_claim(database, SELLER, NOW)
    kept = await _add_evidence(database, tmp_path, claim_id, b"kept")
    lost = await _add_evidence(database, tmp_path, claim_id, b"lost")
    await database.close()
    files = EvidenceFiles(tmp_path)
    files.path_for(lost).unlink()
    stray = hashlib.sha256(b"stray").hexdigest()
    files.path_for(stray).parent.mkdir(parents=True, exist_ok=True)
    files.path_for(stray).write_bytes(b"stray")
    lines: list[str] = []
    report = check(tmp_path, lines.append)
    assert not report.ok
    assert report.integrity == ["ok"]
    assert report.rows_without_file == [lost]
    assert report.files_without_row == [files.path_for(stray)]
    assert f"missing file for evidence rows: {files.path_for(lost)}" in lines
    assert f"orphan file (no evidence row): {files.path_for(stray)}" in lines
    assert files.path_for(stray).exists() and files.path_for(kept).exists()


async def test_check_of_a_sound_data_dir_says_ok(tmp_path: Path) -> None:
    database = await _database(tmp_path)
    await _add_evidence(database, tmp_path, await add_claim(database, SELLER, NOW), b"fine")
    await database.close()
    lines: list[str] = []
    assert check(tmp_path, lines.append).ok
    assert lines[0] == "integrity_check: ok" and lines[-1] == "check: ok"


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"CLAIMWACHT_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )


async def test_the_backup_and_check_commands_run_from_the_command_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = await _database(data_dir)
    await add_claim(database, SELLER, NOW)
    await database.close()
    done = await asyncio.to_thread(_cli, data_dir, "backup", str(tmp_path / "copy"))
    assert done.returncode == 0, done.stderr
    assert f"wrote {tmp_path / 'copy' / 'claimwacht.sqlite3'} (" in done.stdout
    assert "1 claims" in done.stdout
    checked = await asyncio.to_thread(_cli, data_dir, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[-1] == "check: ok"
    again = await asyncio.to_thread(_cli, data_dir, "backup", str(tmp_path / "copy"))
    assert again.returncode == 2 and again.stderr.count("\n") == 1
    wrong = await asyncio.to_thread(_cli, data_dir, "restore")
    assert wrong.returncode == 2 and "usage: claimwacht" in wrong.stderr
