"""Restoring a backup never destroys: the current collection is copied aside and kept, the backup
is verified before it replaces anything, and a failure at any step leaves the original working."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.deck.storage import private_files
from imperfect_trainer.deck.storage import restore as restore_module
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.restore import PENDING_NAME, restore_collection
from imperfect_trainer.deck.storage.store_errors import DatabaseDamagedError, DiskFullError
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

LATER = MORNING + dt.timedelta(minutes=5)


def _answers(folder: Path) -> int:
    with Store.open(folder, now=LATER) as store:
        return store.stats(LATER).reviews


def _lived_in(data_dir: Path) -> Path:
    """A collection with one answer in a backup and a second one given since."""
    with Store.open(data_dir, now=MORNING) as store:
        cards = store.todays_practice(MORNING).cards
        store.answer(cards[0].id, 5, now=MORNING)
        saved = store.backup(MORNING)
        store.answer(cards[1].id, 4, now=MORNING)
    return saved


def test_a_restore_keeps_the_collection_it_replaces_byte_for_byte(data_dir: Path) -> None:
    saved = _lived_in(data_dir)
    before = (data_dir / DATABASE_NAME).read_bytes()
    kept = restore_collection(data_dir, saved, LATER)
    assert kept is not None
    assert kept.read_bytes() == before
    assert ".before-restore-" in kept.name
    assert _answers(data_dir) == 1
    assert not (data_dir / PENDING_NAME).exists()


def test_a_full_disk_while_copying_the_backup_changes_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _lived_in(data_dir)
    before = sorted(p.name for p in data_dir.iterdir())

    def no_room(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(restore_module, "flush_file", no_room)
    with pytest.raises(DiskFullError, match="disk is full"):
        restore_collection(data_dir, saved, LATER)
    monkeypatch.undo()
    assert sorted(p.name for p in data_dir.iterdir()) == before  # no partial left behind
    assert _answers(data_dir) == 2


def test_a_failure_while_keeping_the_current_copy_leaves_it_in_place(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _lived_in(data_dir)
    real_place_new = private_files.place_new

    def fail_on_the_copy_aside(partial: Path, final: Path) -> None:
        if ".before-restore-" in final.name:
            raise OSError(errno.EIO, "Input/output error")
        real_place_new(partial, final)

    monkeypatch.setattr(restore_module, "place_new", fail_on_the_copy_aside)
    with pytest.raises(Exception, match="keeping a copy"):
        restore_collection(data_dir, saved, LATER)
    monkeypatch.undo()
    assert _answers(data_dir) == 2
    assert not any(p.name.endswith(".partial") for p in data_dir.iterdir())


def test_a_restore_cut_short_after_it_was_decided_is_finished_at_the_next_start(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _lived_in(data_dir)

    class Killed(BaseException):
        pass

    def die(_data_dir: Path) -> bool:
        raise Killed

    monkeypatch.setattr(restore_module, "finish_pending_restore", die)
    with pytest.raises(Killed):
        restore_collection(data_dir, saved, LATER)
    monkeypatch.undo()
    assert (data_dir / PENDING_NAME).exists()
    assert _answers(data_dir) == 1  # the next start finished what was decided
    kept = [p for p in data_dir.iterdir() if ".before-restore-" in p.name and "-wal" not in p.name]
    assert len(kept) == 1


def test_a_damaged_backup_is_refused_before_anything_is_touched(
    data_dir: Path, tmp_path: Path
) -> None:
    saved = _lived_in(data_dir)
    broken = tmp_path / "broken.sqlite3"
    data = bytearray(saved.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2000] = b"\xa5" * 2000  # a table page overwritten
    broken.write_bytes(bytes(data))
    before = sorted(p.name for p in data_dir.iterdir())
    with pytest.raises(DatabaseDamagedError, match=r"broken\.sqlite3"):
        restore_collection(data_dir, broken, LATER)
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert _answers(data_dir) == 2


def test_a_fifo_given_as_the_backup_is_refused_at_once(data_dir: Path, tmp_path: Path) -> None:
    _lived_in(data_dir)
    fifo = tmp_path / "backup.sqlite3"
    os.mkfifo(fifo)
    with pytest.raises(Exception, match="not a regular file"):
        restore_collection(data_dir, fifo, LATER)
    assert _answers(data_dir) == 2


def test_the_cli_restores_over_a_damaged_collection_and_keeps_its_wal(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = _lived_in(data_dir)
    collection = data_dir / DATABASE_NAME
    collection.write_bytes(b"\0" * 8192)
    (data_dir / (DATABASE_NAME + "-wal")).write_bytes(b"what the crash left")
    assert main(["--data-dir", str(data_dir), "restore", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "kept, unchanged" in out
    kept = [p for p in data_dir.iterdir() if ".damaged-" in p.name]
    assert sorted(p.read_bytes() for p in kept) == [b"\0" * 8192, b"what the crash left"]
    assert _answers(data_dir) == 1


def test_the_cli_does_not_restore_over_a_locked_collection(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = _lived_in(data_dir)
    blocker = sqlite3.connect(data_dir / DATABASE_NAME, timeout=0)
    blocker.execute("PRAGMA locking_mode = EXCLUSIVE")
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["--data-dir", str(data_dir), "restore", str(saved)]) == 2
        err = capsys.readouterr().err
        assert "in use by another program" in err
        assert "restore" not in err.split("program", 1)[1]
    finally:
        blocker.rollback()
        blocker.close()
    assert _answers(data_dir) == 2
    assert not any(".damaged-" in p.name for p in data_dir.iterdir())
