"""Every write checked: a disk that fails a flush is reported and stops what would build on it;
a file the person has is never replaced by a broken or unwanted one."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.cli import main
from imperfect_trainer.deck.interchange.csv_cards import export_own_cards_csv
from imperfect_trainer.deck.storage import private_files
from imperfect_trainer.deck.storage.private_files import ExportError
from imperfect_trainer.deck.storage.store_errors import DiskWriteError
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

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


@pytest.mark.gui
def test_the_window_says_when_answers_may_not_be_on_disk_and_stops_the_practice(
    store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[1]))
    qtbot.keyClick(window.home.start_button, Qt.Key.Key_Return)
    monkeypatch.setattr(os, "fsync", _failing_fsync)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Space)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings == ["Your last answers may not be on disk"]
    assert window.stack.currentWidget() is window.summary
    window.flow.flush_to_disk()  # the timer keeps trying, without a dialog every second
    assert len(warnings) == 1
    monkeypatch.undo()


@pytest.mark.gui
def test_a_report_on_a_full_disk_leaves_the_old_report_as_it_was(
    data_dir: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "report.pdf"
    assert main(["--data-dir", str(data_dir), "report", str(target)]) == 0
    capsys.readouterr()
    before = target.read_bytes()

    def disk_full(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(private_files, "flush_file", disk_full)
    assert main(["--data-dir", str(data_dir), "report", str(target)]) == 1
    captured = capsys.readouterr()
    assert "No space left on device" in captured.err
    assert "report written" not in captured.out
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.pdf"]


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
