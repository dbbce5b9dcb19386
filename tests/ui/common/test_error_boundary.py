"""One error boundary for the window: an unexpected error is logged, told calmly with where the
log is, and the window carries on with nothing lost."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer import app_log
from imperfect_trainer.deck.features import goals, journal
from imperfect_trainer.deck.storage.instance_lock import InstanceLock
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.error_boundary import ErrorBoundary
from imperfect_trainer.ui.window import app as app_module
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

# The boundary is the thing under test, so pytest-qt's own capture of slot errors stays out.
pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]

JOURNAL_TEXT = "Mrs Example cried about her son and I froze"


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    path = app_log.start(tmp_path / "log")
    assert path is not None
    return path


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def boundary(log_file: Path, monotonic: FakeMonotonic) -> Iterator[ErrorBoundary]:
    guard = ErrorBoundary(log_file, monotonic=monotonic)
    guard.install()
    yield guard
    guard.uninstall()


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    card = next(c for c in store.todays_practice(MORNING).cards if c.kind.value == "reflection")
    store.answer(card.id, 4, now=MORNING, reflection="A first note")
    main = open_window(store, FakeClock(MORNING), qtbot)
    qtbot.keyClick(main, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    return main


def _told(qtbot: QtBot, boundary: ErrorBoundary) -> QMessageBox:
    qtbot.waitUntil(lambda: boundary.dialog is not None and boundary.dialog.isVisible())
    assert boundary.dialog is not None
    return boundary.dialog


def _carry_on(dialog: QMessageBox) -> None:
    next(b for b in dialog.buttons() if b.text() == "Carry on").click()
    assert not dialog.isVisible()


def test_an_unexpected_error_in_a_click_is_told_calmly_and_the_window_carries_on(
    window: MainWindow,
    store: Store,
    qtbot: QtBot,
    boundary: ErrorBoundary,
    log_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = True
    update_text = journal.update_text

    def update_with_a_bug(*args: Any) -> None:
        if broken:
            raise RuntimeError(f"cannot handle {args[2]!r}")
        update_text(*args)

    monkeypatch.setattr(journal, "update_text", update_with_a_bug)
    screen = window.stack.journal
    screen.editor.selectAll()
    qtbot.keyClicks(screen.editor, JOURNAL_TEXT)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)

    dialog = _told(qtbot, boundary)
    assert dialog.text() == "Something went wrong"
    told = dialog.informativeText()
    assert "Nothing was half-written" in told
    assert "RuntimeError in journal_screen.py, line" in told
    assert str(log_file) in told
    assert JOURNAL_TEXT not in told
    logged = log_file.read_text()
    assert "unexpected RuntimeError" in logged
    assert "in update_with_a_bug" in logged
    assert "Mrs Example" not in logged

    _carry_on(dialog)
    assert window.isVisible()
    assert screen.editor.toPlainText() == JOURNAL_TEXT  # nothing typed was lost
    assert [item.text for item in journal.entries(store)] == ["A first note"]
    broken = False
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert [item.text for item in journal.entries(store)] == [JOURNAL_TEXT]


def test_the_same_fault_repeating_is_told_once_a_minute_and_logged_each_time(
    window: MainWindow,
    qtbot: QtBot,
    boundary: ErrorBoundary,
    log_file: Path,
    monotonic: FakeMonotonic,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def bug(*_args: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr(journal, "entries", bug)
    search = window.stack.journal.search
    qtbot.keyClicks(search, "a")
    _carry_on(_told(qtbot, boundary))
    qtbot.keyClicks(search, "b")
    qtbot.waitUntil(lambda: log_file.read_text().count("unexpected KeyError") == 2)
    assert boundary.dialog is not None
    assert not boundary.dialog.isVisible()
    monotonic.now += 61
    qtbot.keyClicks(search, "c")
    _carry_on(_told(qtbot, boundary))


def test_an_error_in_another_thread_is_told_in_the_window(
    qtbot: QtBot, boundary: ErrorBoundary, log_file: Path
) -> None:
    def work() -> None:
        raise ValueError(JOURNAL_TEXT)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    dialog = _told(qtbot, boundary)
    assert "ValueError in test_error_boundary.py" in dialog.informativeText()
    assert "Mrs Example" not in log_file.read_text()
    _carry_on(dialog)


def test_the_app_sets_up_the_log_and_the_boundary_as_it_starts(
    data_dir: Path, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir()
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    with InstanceLock(data_dir):
        app_module.run_app(data_dir)  # already open: returns at once, after the set-up
    hook: Any = sys.excepthook
    assert isinstance(hook.__self__, ErrorBoundary)
    assert hook.__self__.log_file == tmp_path / "log" / app_log.FILE_NAME


def test_a_fault_while_saving_on_close_is_told_and_asks_before_losing_the_text(
    store: Store, qtbot: QtBot, boundary: ErrorBoundary, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = True
    add_goal = goals.add_goal

    def add_with_a_bug(*args: Any, **kwargs: Any) -> int:
        if broken:
            raise RuntimeError("a bug")
        return add_goal(*args, **kwargs)

    monkeypatch.setattr(goals, "add_goal", add_with_a_bug)
    window = open_window(store, FakeClock(MORNING), qtbot)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    editor = window.stack.goals.editors[0]
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, "Rest on Sundays")
    asked: list[str] = []

    def stay() -> None:
        (question,) = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, QMessageBox)
            and widget.isVisible()
            and widget.text() == "Some of what you typed is not saved yet."
        ]
        asked.append(question.informativeText())
        next(b for b in question.buttons() if b.text() == "Stay").click()

    QTimer.singleShot(0, stay)
    window.close()
    assert "An unexpected problem stopped saving on Goals." in asked[0]
    assert window.isVisible()
    assert editor.text.toPlainText() == "Rest on Sundays"
    dialog = _told(qtbot, boundary)
    assert "RuntimeError in goals_screen.py" in dialog.informativeText()
    _carry_on(dialog)
    broken = False
    window.close()
    assert [goal.text for goal in goals.list_goals(store)] == ["Rest on Sundays"]
