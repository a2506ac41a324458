"""Claim data is private: files 0600 and directories 0700, whatever the umask says."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.files import EvidenceFiles
from bot.private_files import private_dir, tighten
from bot.storage import Database

ROOT = Path(__file__).resolve().parents[1]
NOBODY = 65534


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The umask most systems start with: without explicit modes files come out 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("loose_umask")
async def test_the_database_and_its_wal_and_shm_files_are_0600(tmp_path: Path) -> None:
    database = Database(tmp_path / "claimwacht.sqlite3")
    await database.open()
    try:
        async with database.unit_of_work() as uow:
            await uow.connection.execute("CREATE TABLE probe (x)")
        paths = [tmp_path / f"claimwacht.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
        assert [mode(path) for path in paths] == [0o600, 0o600, 0o600]
    finally:
        await database.close()


@pytest.mark.usefixtures("loose_umask")
async def test_evidence_directories_are_0700_and_stored_files_0600(tmp_path: Path) -> None:
    files = EvidenceFiles(tmp_path / "data")
    temporary = files.incoming_path()
    # What bot.download does: the file is created with its mode, not the umask's.
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT, 0o600))
    temporary.write_bytes(b"%PDF-1.4 evidence")
    sha256, _ = await files.digest(temporary)
    stored = files.place(temporary, sha256)
    directories = [tmp_path / "data", files.root, files.root / ".incoming", stored.parent]
    assert [mode(path) for path in directories] == [0o700] * 4
    assert mode(stored) == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_private_dir_makes_every_missing_parent_0700(tmp_path: Path) -> None:
    private_dir(tmp_path / "a" / "b" / "c")
    assert [mode(tmp_path / "a"), mode(tmp_path / "a/b"), mode(tmp_path / "a/b/c")] == [0o700] * 3


def test_an_existing_world_readable_data_dir_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "evidence" / "ab").mkdir(parents=True)
    (data / "claimwacht.sqlite3").write_bytes(b"")
    (data / "evidence" / "ab" / "ab12").write_bytes(b"x")
    for path in (data, data / "evidence", data / "evidence" / "ab"):
        path.chmod(0o755)
    for path in (data / "claimwacht.sqlite3", data / "evidence" / "ab" / "ab12"):
        path.chmod(0o644)
    changed = tighten(data)
    assert changed == 5
    assert [mode(data), mode(data / "evidence"), mode(data / "evidence" / "ab")] == [0o700] * 3
    assert mode(data / "claimwacht.sqlite3") == 0o600
    assert mode(data / "evidence" / "ab" / "ab12") == 0o600
    assert tighten(data) == 0


def test_tightening_leaves_what_a_symlink_points_at_alone(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    outside.chmod(0o644)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "link").symlink_to(outside)
    tighten(data)
    assert mode(outside) == 0o644


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to own a file the bot's user cannot")
def test_a_file_of_another_user_is_reported_not_a_crash(tmp_path: Path) -> None:
    data = Path(tempfile.mkdtemp(prefix="claimwacht-tighten-"))
    try:
        os.chown(data, NOBODY, NOBODY)
        (data / "root-owned").write_bytes(b"x")
        (data / "root-owned").chmod(0o644)
        script = (
            "import sys; from pathlib import Path; from bot.private_files import tighten; "
            "refused = []; tighten(Path(sys.argv[1]), refused); print([p.name for p in refused])"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(data)], cwd=ROOT, user=NOBODY,
            capture_output=True, text=True, timeout=60, check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "['root-owned']"
    finally:
        shutil.rmtree(data, ignore_errors=True)
