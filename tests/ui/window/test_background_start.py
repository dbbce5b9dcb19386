"""``--background``, the start at login: no window, only the reminder waiting for its time; the
window shows when the app is started again; and nothing at all when there is nothing to wait
for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from imperfect_trainer.cli import main
from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.storage.instance_lock import InstanceLock
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.window import app as app_module
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.moments import MORNING

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _a_desktop_with_a_tray_and_no_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    # Never the session's own notifications, and no message from the tray while testing.
    monkeypatch.setattr(app_module, "session_notifications", lambda: None)
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", lambda: True)
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda *_args: None)


def _collection(data_dir: Path, *, reminder: bool) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        store.set_setting("welcome_seen", True)
        preferences.set_reminder(store, reminder, dt.time(19, 0))


def _main_window(data_dir: Path) -> MainWindow:
    """The window the app made on ``data_dir`` (earlier tests may leave others behind)."""
    windows = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.store.data_dir == data_dir.resolve()
    ]
    assert len(windows) == 1
    return windows[0]


def _or_quit(step: Callable[[], None]) -> Callable[[], None]:
    """A step inside the app's own loop: a failing check ends the loop (the app's error
    boundary would otherwise only log it and wait on)."""

    def run() -> None:
        try:
            step()
        except BaseException:
            QApplication.quit()
            raise

    return run


def test_with_the_reminder_off_the_start_at_login_ends_at_once_without_a_window(
    data_dir: Path, qtbot: QtBot
) -> None:
    _collection(data_dir, reminder=False)

    assert app_module.run_app(data_dir, background=True) == 0

    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_the_start_at_login_shows_no_window_until_the_app_is_started_again(
    data_dir: Path, qtbot: QtBot
) -> None:
    _collection(data_dir, reminder=True)
    seen: dict[str, bool] = {}

    def started() -> None:
        window = _main_window(data_dir)
        seen["window at login"] = window.isVisible()
        seen["reminder waiting"] = window.tray.scheduler.timer.isActive()
        server = window.findChild(QLocalServer)
        assert server is not None
        # After the window's own answer to the second start (slots run in connection order).
        server.newConnection.connect(_or_quit(shown_again))
        seen["second start told the first"] = app_module._bring_running_window_forward(data_dir)

    def shown_again() -> None:
        window = _main_window(data_dir)
        seen["window when started again"] = window.isVisible()
        window.quit()

    QTimer.singleShot(0, _or_quit(started))
    assert app_module.run_app(data_dir, background=True) == 0

    assert seen == {
        "window at login": False,
        "reminder waiting": True,
        "second start told the first": True,
        "window when started again": True,
    }


def test_a_start_at_login_while_the_app_runs_does_nothing_at_all(
    data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    running = QLocalServer()
    name = app_module.server_name(data_dir)
    assert name is not None
    QLocalServer.removeServer(name)
    assert running.listen(name)
    with InstanceLock(data_dir):
        assert app_module.run_app(data_dir, background=True) == 0
    assert not running.hasPendingConnections()  # the running window was left alone
    running.close()
    assert told == []


def test_the_command_line_passes_background_to_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[Path, bool]] = []

    def run_app(data_dir: Path, _database: str | None, *, background: bool) -> int:
        started.append((data_dir, background))
        return 0

    monkeypatch.setattr(app_module, "run_app", run_app)

    assert main(["--background", "--data-dir", str(tmp_path)]) == 0
    assert main(["--data-dir", str(tmp_path)]) == 0
    assert started == [(tmp_path, True), (tmp_path, False)]


def test_started_at_login_the_reminder_waits_even_before_the_desktop_can_show_it(
    store: Store, qtbot: QtBot
) -> None:
    """At login the notification service and the tray may come up after the app."""
    preferences.set_reminder(store, True, dt.time(19, 0))
    store.set_setting("welcome_seen", True)
    window = MainWindow(store, clock=lambda: MORNING, tray_available=False, background=True)
    qtbot.addWidget(window)

    assert not window.tray.available
    assert window.tray.keeps_app_open
    assert window.tray.scheduler.timer.isActive()
