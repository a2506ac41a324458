"""Claim data is for the operator only: files 0600, directories 0700.

``main()`` sets the umask to 077 before anything is created, and every place that creates a
file or directory also passes the mode itself, so the data stays private when Claimwacht is
used as a library (tests, benchmarks) under a looser umask. ``tighten`` fixes a data directory
written by an older version.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["DIR_MODE", "FILE_MODE", "UMASK", "create_private", "private_dir", "tighten"]

FILE_MODE = 0o600
DIR_MODE = 0o700
UMASK = 0o077


def private_dir(path: Path) -> Path:
    """``mkdir -p`` with mode 0700 for every directory this call creates (``Path.mkdir``
    gives missing parents the umask's mode, not ``mode``)."""
    missing = []
    for directory in (path, *path.parents):
        if directory.exists():
            break
        missing.append(directory)
    for directory in reversed(missing):
        directory.mkdir(mode=DIR_MODE, exist_ok=True)
    if not path.is_dir():
        path.mkdir(mode=DIR_MODE)  # raises FileExistsError: a file stands in the way
    return path


def create_private(path: Path) -> None:
    """Create an empty file with mode 0600 if it does not exist (before SQLite opens it)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))


def tighten(root: Path, refused: list[Path] | None = None) -> int:
    """Take group and other permissions off everything under ``root``; how many were changed.

    What this user may not change (another user's file) is appended to ``refused``.
    """
    refused = [] if refused is None else refused
    changed = 0
    for directory, subdirectories, files in os.walk(root):
        changed += _chmod(Path(directory), DIR_MODE, refused)
        for name in files:
            changed += _chmod(Path(directory) / name, FILE_MODE, refused)
        subdirectories[:] = [
            name for name in subdirectories if not (Path(directory) / name).is_symlink()
        ]
    return changed


def _chmod(path: Path, most: int, refused: list[Path]) -> int:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return 0
    if stat.S_ISLNK(info.st_mode) or not stat.S_IMODE(info.st_mode) & 0o077:
        return 0
    try:
        path.chmod(stat.S_IMODE(info.st_mode) & most)
    except PermissionError:
        refused.append(path)
        return 0
    return 1
