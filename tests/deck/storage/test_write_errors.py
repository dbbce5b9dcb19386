"""Every write checked: a disk that fails a flush is reported and stops what would build on it;
a file the person has is never replaced by a broken or unwanted one."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.deck.interchange.csv_cards import export_own_cards_csv
from imperfect_trainer.deck.storage.private_files import ExportError
from imperfect_trainer.deck.storage.store_errors import DiskWriteError
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

_real_fsync = os.fsync


def _failing_fsync(descriptor: int) -> None:
    raise OSError(errno.EIO, "Input/output error")


def test_a_failed_flush_is_reported_and_tried_again_later(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.answer(store.todays_practice(MORNING).cards[0].id, 4, now=MORNING)
    monkeypatch.setattr(os, "fsync", _failing_fsync)
    with pytest.raises(DiskWriteError, match="may not be on disk") as caught:
        store.flush_to_disk()
    assert str(store.path) in str(caught.value)
    flushed: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda descriptor: flushed.append(descriptor))
    store.flush_to_disk()
    assert flushed  # the failure was not forgotten as if the data were safe


def test_an_import_whose_flush_fails_does_not_say_imported(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cards = tmp_path / "cards.csv"
    cards.write_text("front,back,kind\nA front,A back,fact\n", encoding="utf-8")
    Store.open(data_dir, now=MORNING).close()
    monkeypatch.setattr(os, "fsync", _failing_fsync)
    assert main(["--data-dir", str(data_dir), "import", str(cards)]) == 2
    captured = capsys.readouterr()
    assert "imported" not in captured.out
    assert "may not be on disk" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("kind", ["read-only", "link", "fifo"])
def test_an_export_never_replaces_what_it_should_not(
    store: Store, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "cards.csv"
    original = tmp_path / "original.csv"
    original.write_text("mine\n")
    if kind == "read-only":
        target.write_text("mine\n")
        target.chmod(0o444)
    elif kind == "link":
        target.symlink_to(original)
    else:
        os.mkfifo(target)
    with pytest.raises(ExportError, match="left as it is"):
        export_own_cards_csv(store, target)
    if kind == "read-only":
        assert target.read_text() == "mine\n"
        assert stat.S_IMODE(target.stat().st_mode) == 0o444
    elif kind == "link":
        assert target.is_symlink()
    else:
        assert stat.S_ISFIFO(target.stat().st_mode)
    assert original.read_text() == "mine\n"
