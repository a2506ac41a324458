from pathlib import Path

import pytest

from bot.files import EvidenceFiles


def test_unfinished_downloads_are_swept_and_stored_files_kept(tmp_path: Path) -> None:
    files = EvidenceFiles(tmp_path)
    leftover = files.incoming_path()
    leftover.write_bytes(b"half a pdf")
    stored = files.path_for("ab" * 32)
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"complete")
    assert files.sweep_incoming() == 1
    assert not leftover.exists() and stored.read_bytes() == b"complete"
    assert files.sweep_incoming() == 0


@pytest.mark.parametrize("name", ["../../etc/passwd", "AB" * 32, "ab" * 31, ""])
def test_only_a_sha256_digest_becomes_a_path(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        EvidenceFiles(tmp_path).path_for(name)
