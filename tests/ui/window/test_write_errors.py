"""The window when the disk fails a flush: it says plainly that the last answers may not be on
disk, stops the practice, and keeps trying without a dialog every second."""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window


def _failing_fsync(descriptor: int) -> None:
    raise OSError(errno.EIO, "Input/output error")


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
