"""One Claimwacht per data directory: the lock ``main()`` takes before anything else."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.instance_lock import InstanceLock, InstanceLockError


def test_a_second_lock_on_the_same_data_dir_names_the_owner_pid_and_the_dir(
    tmp_path: Path,
) -> None:
    database = tmp_path / "claimwacht.sqlite3"
    first = InstanceLock(database, tmp_path)
    first.acquire()
    try:
        with pytest.raises(InstanceLockError) as refused:
            InstanceLock(database, tmp_path).acquire()
    finally:
        first.release()
    assert str(refused.value) == f"another Claimwacht (pid {os.getpid()}) is running on {tmp_path}"


def test_the_lock_is_free_again_after_release_and_its_file_is_private(tmp_path: Path) -> None:
    database = tmp_path / "claimwacht.sqlite3"
    first = InstanceLock(database, tmp_path)
    first.acquire()
    first.release()
    second = InstanceLock(database, tmp_path)
    second.acquire()
    assert second.held
    second.release()
    assert stat.S_IMODE(second.path.stat().st_mode) == 0o600


def test_locks_on_two_data_dirs_do_not_conflict(tmp_path: Path) -> None:
    locks = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        lock = InstanceLock(tmp_path / name / "claimwacht.sqlite3", tmp_path / name)
        lock.acquire()
        locks.append(lock)
    assert all(lock.held for lock in locks)
    for lock in locks:
        lock.release()
