"""Starting the window: one app per data folder, the store, backups while it runs, and a clear
dialog (with a way back through the newest good backup) if the collection cannot be opened."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from imperfect_trainer import app_log
from imperfect_trainer.deck.deck_file import DeckFileError
from imperfect_trainer.deck.instance_lock import AlreadyOpenError, InstanceLock
from imperfect_trainer.deck.store import (
    Store,
    StoreError,
    newest_good_backup,
    restore_over_damaged,
)
from imperfect_trainer.resource_files import resource_root
from imperfect_trainer.ui.error_boundary import ErrorBoundary
from imperfect_trainer.ui.main_window import MainWindow, local_now
from imperfect_trainer.ui.theme import apply_theme

BACKUP_CHECK_MS = 60_000
FLUSH_MS = 1_500


def server_name(data_dir: Path) -> str:
    """A per-folder name for the local (not network) socket a second start talks to."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"imperfect-trainer-{digest}"


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    ErrorBoundary(app_log.start(), parent=app).install()
    app.setApplicationName("Imperfect Trainer")
    app.setOrganizationName("Imperfect Trainer")
    # Matches the installed .desktop file, so docks and Wayland pair the window with its entry.
    app.setDesktopFileName("imperfect-trainer")
    icon = resource_root().joinpath("icons", "imperfect-trainer.svg")
    app.setWindowIcon(QIcon(str(icon)))
    apply_theme(app)
    lock = InstanceLock(data_dir)
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock.acquire()
    except AlreadyOpenError:
        if not _bring_running_window_forward(data_dir):
            QMessageBox.information(
                None, "Imperfect Trainer", "Imperfect Trainer is already open for this collection."
            )
        return 0
    except OSError as error:
        QMessageBox.critical(
            None, "Imperfect Trainer", f"The data folder {data_dir} cannot be used.\n\n{error}"
        )
        return 2
    try:
        store = open_or_offer_restore(data_dir)
        if store is None:
            return 2
        with store:
            return _run_window(app, store, data_dir)
    finally:
        lock.release()


def open_or_offer_restore(data_dir: Path) -> Store | None:
    """Open the collection; if it is unusable, say what and where, and offer the newest good
    backup. The unusable file itself is never changed (a restore moves it aside)."""
    while True:
        try:
            return Store.open(data_dir, now=local_now())
        except DeckFileError as error:
            QMessageBox.critical(
                None, "Imperfect Trainer: the built-in deck is damaged", str(error)
            )
            return None
        except StoreError as error:
            backup = newest_good_backup(data_dir)
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                "Imperfect Trainer cannot open your collection",
                f"{error.path}\n{error.problem}.\n\nThe file has not been changed.",
            )
            restore = None
            if backup is not None:
                restore = box.addButton(
                    f"Restore the backup of {backup.taken_at:%d %B %Y, %H:%M}",
                    QMessageBox.ButtonRole.AcceptRole,
                )
            box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if backup is None or box.clickedButton() is not restore:
                return None
            restore_over_damaged(data_dir, backup.path, local_now())


def _run_window(app: QApplication, store: Store, data_dir: Path) -> int:
    scheme = str(store.setting("theme") or "system")
    apply_theme(app, scheme)
    window = MainWindow(store, scheme=scheme)

    server = QLocalServer(window)
    QLocalServer.removeServer(server_name(data_dir))  # a crash may leave the old one behind
    server.listen(server_name(data_dir))

    def show_window() -> None:
        while server.hasPendingConnections():
            server.nextPendingConnection().close()
        window.showNormal()
        window.raise_()
        window.activateWindow()

    server.newConnection.connect(show_window)

    # Everything else (notes, settings, undo) reaches the disk within a second or two.
    flusher = QTimer(window)
    flusher.setInterval(FLUSH_MS)
    flusher.timeout.connect(store.flush_to_disk)
    flusher.start()

    backups = QTimer(window)
    backups.setInterval(BACKUP_CHECK_MS)
    backups.timeout.connect(lambda: _back_up_quietly(store))
    backups.start()

    window.show()
    code = app.exec()
    _back_up_quietly(store, every=dt.timedelta(0))
    return code


def _back_up_quietly(store: Store, every: dt.timedelta | None = None) -> None:
    """Backups happen in the background; a failure must never interrupt a practice."""
    try:
        if every is None:
            store.backup_if_due(local_now())
        else:
            store.backup_if_due(local_now(), every=every)
    except StoreError as error:
        print(f"imperfect-trainer: {error}", file=sys.stderr)


def _bring_running_window_forward(data_dir: Path) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(1000):
        return False
    socket.write(b"show")
    socket.waitForBytesWritten(1000)
    socket.disconnectFromServer()
    return True
