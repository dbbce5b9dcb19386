"""Backups off the GUI thread: the window answers a practice while one is taken, a failing one is
told once and changes nothing, and a restore replaces what every page shows."""

from __future__ import annotations

import datetime as dt
import errno
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.storage import backups as backups_module
from imperfect_trainer.deck.storage.backup_jobs import BackupJob
from imperfect_trainer.deck.storage.backups import backup_folder, backup_owed, list_backups
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.settings.backups_dialog import BackupsPanel
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from imperfect_trainer.ui.window.window_backups import WindowBackups
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, ShownWarning, open_window

pytestmark = pytest.mark.gui
# Long enough for any backup of a test collection; a test that waits this long has failed.
HOLD_SECONDS = 20


class HeldBackup:
    """A backup taken on the worker only when the test lets it go."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, job: BackupJob) -> Path:
        self.started.set()
        if not self.release.wait(HOLD_SECONDS):
            raise TimeoutError("the test never let the backup go")
        return job.take()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MORNING)


@pytest.fixture
def window(store: Store, clock: FakeClock, qtbot: QtBot) -> MainWindow:
    return open_window(store, clock, qtbot)


def _answers(store: Store) -> int:
    return store.stats(MORNING).reviews


def _key(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window.focusWidget() or window, key)


def test_a_practice_key_is_answered_while_the_window_takes_a_backup(
    window: MainWindow, store: Store, clock: FakeClock, qtbot: QtBot
) -> None:
    held = HeldBackup()
    backups = WindowBackups(store, window, clock=clock, take=held)
    _key(qtbot, window, Qt.Key.Key_Return)  # Start practice
    _key(qtbot, window, Qt.Key.Key_Space)
    _key(qtbot, window, Qt.Key.Key_5)
    assert _answers(store) == 1

    operation = backups.back_up_if_due()
    assert operation is not None
    assert held.started.wait(HOLD_SECONDS)
    first_front = window.practice_view.front.text()
    # The next card is a reflection: written and saved while the backup is still held.
    qtbot.keyClicks(window.practice_view.answer_box, "Written during a backup")
    qtbot.keyClick(
        window.practice_view.answer_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert _answers(store) == 2
    assert window.practice_view.front.text() != first_front
    assert backups.running
    assert list_backups(store.data_dir) == []
    assert window.isEnabled()  # no busy state over a practice

    with qtbot.waitSignal(backups.taken, timeout=HOLD_SECONDS * 1000):
        held.release.set()
    assert len(list_backups(store.data_dir)) == 1
    assert not backups.running
    # Nothing is lost: an answer given while the backup was taken is owed the next one.
    assert store.safety.backup_due(clock() + dt.timedelta(hours=1))
    # The backup on close takes it, and leaves no word of a backup owed.
    assert backups.last_one() is not None
    assert len(list_backups(store.data_dir)) == 2
    assert not backup_owed(store.data_dir)


def test_back_up_now_is_taken_on_a_worker_and_a_failure_is_told_once_changing_nothing(
    store: Store,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    warned: list[ShownWarning],
) -> None:
    store.answer(store.todays_practice(MORNING).cards[0].id, 5, now=MORNING)
    earlier = list_backups(store.data_dir)
    held = HeldBackup()
    panel = BackupsPanel(store, take=held)
    qtbot.addWidget(panel)
    panel.show()

    def no_room(_path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups_module, "flush_file", no_room)
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    assert held.started.wait(HOLD_SECONDS)
    # The calm busy state: the panel waits, its button says why.
    assert not panel.isEnabled()
    assert panel.backup_button.text() == "Backing up…"

    held.release.set()
    qtbot.waitUntil(panel.isEnabled, timeout=HOLD_SECONDS * 1000)
    assert len(warned) == 1
    assert warned[0].title == "Backup"
    assert "The backup could not be written." in warned[0].text
    assert "full" in warned[0].text
    assert panel.backup_button.text() == "Back up now"
    assert list_backups(store.data_dir) == earlier
    assert list(backup_folder(store.data_dir).iterdir()) == []  # no partial left behind
    # Still owed: the next check (or closing) takes it.
    assert store.safety.backup_due(MORNING)


def test_a_window_backup_that_fails_is_said_once_and_tried_again(
    window: MainWindow,
    store: Store,
    clock: FakeClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store.answer(store.todays_practice(MORNING).cards[0].id, 5, now=MORNING)
    backups = WindowBackups(store, window, clock=clock)

    def no_room(_path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups_module, "flush_file", no_room)
    for _attempt in range(2):
        operation = backups.back_up_if_due()
        assert operation is not None  # due again: the failed one changed nothing
        with qtbot.waitSignal(operation.failed, timeout=HOLD_SECONDS * 1000):
            pass
    said = capsys.readouterr().err
    assert said.count("imperfect-trainer:") == 1
    assert "full" in said
    assert list_backups(store.data_dir) == []

    # The disk is still full when the window closes: the next start takes the backup owed.
    assert backups.last_one() is None
    assert capsys.readouterr().err.count("imperfect-trainer:") == 0  # said once already
    assert backup_owed(store.data_dir)
    monkeypatch.undo()
    next_start = WindowBackups(store, window, clock=clock)
    with qtbot.waitSignal(next_start.taken, timeout=HOLD_SECONDS * 1000):
        next_start.start()
    assert len(list_backups(store.data_dir)) == 1
    assert not backup_owed(store.data_dir)


def test_a_restore_from_settings_runs_off_the_gui_thread_and_the_pages_show_it(
    window: MainWindow,
    store: Store,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.go(Page.SETTINGS)
    settings = window.stack.settings
    settings.new_cards.setValue(7)
    store.backup(MORNING)
    settings.new_cards.setValue(3)
    panel = settings.backups
    panel.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=HOLD_SECONDS * 1000)
    assert settings.new_cards.value() == 7
    assert panel.restore_button.text() == "Restore…"
    assert panel.isEnabled()
    kept = [p for p in store.data_dir.iterdir() if ".before-restore-" in p.name]
    assert kept  # the collection it replaced, byte for byte
