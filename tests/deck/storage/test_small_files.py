"""The app's own small files (the move's marker, the supervisor's last look, the word that a
backup is owed): something planted in their place never hangs a start, and is never followed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from imperfect_trainer.deck import move_over
from imperfect_trainer.deck.features import supervising_here
from imperfect_trainer.deck.features.supervision_cache import LastLook, last_look
from imperfect_trainer.deck.storage.backups import OWED_NAME, backup_owed, owe_backup
from imperfect_trainer.deck.storage.private_files import read_small_file, write_private_bytes

NAMES = (move_over.MARKER, supervising_here.FILE_NAME, supervising_here.LAST_LOOK)


def _read_each(folder: Path) -> tuple[object, ...]:
    return (
        move_over.moved(folder),
        supervising_here.remembered(folder),
        last_look(folder),
    )


def test_a_fifo_in_place_of_each_small_file_reads_as_none_without_waiting(
    tmp_path: Path,
) -> None:
    for name in NAMES:
        os.mkfifo(tmp_path / name)
    # Each would block forever on a FIFO no one writes to; read as none, they return at once.
    assert _read_each(tmp_path) == (None, False, LastLook())


def test_a_link_in_place_of_a_small_file_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    write_private_bytes(elsewhere, b'{"supervises": true}')
    (tmp_path / supervising_here.FILE_NAME).symlink_to(elsewhere)
    assert supervising_here.remembered(tmp_path) is False
    with pytest.raises(OSError, match="symbolic links"):
        read_small_file(tmp_path / supervising_here.FILE_NAME)


def test_a_file_far_larger_than_a_marker_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    assert read_small_file(big, limit=4096) == b" " * 2048
    with pytest.raises(OSError, match="not a small regular file"):
        read_small_file(big, limit=1024)


def test_a_fifo_in_place_of_the_word_that_a_backup_is_owed_does_not_hang_the_close(
    tmp_path: Path,
) -> None:
    os.mkfifo(tmp_path / OWED_NAME)
    with pytest.raises(OSError, match="No such device or address"):
        owe_backup(tmp_path)
    assert not backup_owed(tmp_path)
