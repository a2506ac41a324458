"""One Claimwacht per data directory: an exclusive lock file taken by ``main()`` first of all.

Two processes on one data directory would both poll (Telegram answers the second with 409
Conflict), both answer every command and overwrite each other's conversation state. The lock
is an ``flock`` on ``<database>.lock``: the OS drops it when the process ends, even on SIGKILL,
so a crash never leaves a stale lock behind. The file holds the owner's pid for the message
the second process prints.

flock locks belong to an open file description, so a second ``flock`` on the same file in the
same process would conflict too: this module is the only owner, and the rest of the bot reads
the fact from ``Services.owns_data_dir`` instead of locking again.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["InstanceLock", "InstanceLockError", "lock_path"]

_MODE = 0o600


class InstanceLockError(Exception):
    """Another process holds the lock; the message is the one line to print."""


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lock")


class InstanceLock:
    """Held from ``acquire`` until ``release`` or the end of the process."""

    def __init__(self, database_path: Path, data_dir: Path) -> None:
        self.path = lock_path(database_path)
        self._data_dir = data_dir
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise ``InstanceLockError`` naming the process that has it."""
        import fcntl  # POSIX only, like the deployment targets

        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, _MODE)
        except OSError as error:
            raise InstanceLockError(
                f"cannot open the lock file {self.path} ({error.strerror}): the data directory "
                "and its files must belong to the user running Claimwacht"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            owner = _read_pid(fd)
            os.close(fd)
            raise InstanceLockError(
                f"another Claimwacht (pid {owner}) is running on {self._data_dir}"
            ) from None
        os.fchmod(fd, _MODE)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def _read_pid(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return "?"
    return text if text.isdigit() else "?"
