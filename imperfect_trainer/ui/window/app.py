"""Starting the window: one app per data folder, the store, backups while it runs, and a clear
dialog (with a way back through the newest good backup) if the collection cannot be opened."""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from imperfect_trainer import COMPONENT_ID, app_log, translation
from imperfect_trainer.deck.content.deck_file import DeckFileError
from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.storage.collection_file import secure_data_dir
from imperfect_trainer.deck.storage.instance_lock import AlreadyOpenError, InstanceLock
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DiskFullError,
    StoreError,
)
from imperfect_trainer.deck.store import Store
from imperfect_trainer.resource_files import resource_root
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common.clock import local_now
from imperfect_trainer.ui.common.error_boundary import ErrorBoundary
from imperfect_trainer.ui.common.language import apply_language, long_moment
from imperfect_trainer.ui.common.theme import apply_theme
from imperfect_trainer.ui.window.desktop_notifications import session_notifications
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.window_backups import WindowBackups

FLUSH_MS = 1_500


# Unix sockets' paths are short (108 bytes on Linux, 104 on macOS).
_LONGEST_SOCKET_PATH = 100


def server_name(data_dir: Path) -> str | None:
    """Where the local (never network) socket a second start talks to lives: a place only
    this user can create files in ($XDG_RUNTIME_DIR, else the private data folder), so no one
    else can plant a socket there first. None when neither has a short enough path."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    if sys.platform == "win32":
        return f"imperfect-trainer-{digest}"  # a named pipe, with the user's own access list
    places = [data_dir.resolve() / ".instance.socket"]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        places.insert(0, Path(runtime) / f"imperfect-trainer-{digest}")
    for place in places:
        if len(os.fsencode(place)) <= _LONGEST_SOCKET_PATH:
            return str(place)
    return None


def run_app(data_dir: Path, database: str | None = None, *, background: bool = False) -> int:
    """The window on the local collection in ``data_dir``, or with ``database`` on this person's
    collection in a programme's PostgreSQL database (its JSON backups kept under ``data_dir``).

    ``background`` (the start at login): no window, only the daily reminder waiting for its
    time; the window shows when the reminder is clicked or the app is started again. With the
    reminder off, the app ends at once."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    boundary = ErrorBoundary(app_log.start(), parent=app)
    boundary.install()
    app.setApplicationName("Imperfect Trainer")
    app.setOrganizationName("Imperfect Trainer")
    # Matches the installed .desktop file, so docks and Wayland pair the window with its entry.
    app.setDesktopFileName(COMPONENT_ID)
    icon = resource_root().joinpath("icons", "imperfect-trainer.svg")
    app.setWindowIcon(QIcon(str(icon)))
    apply_theme(app)
    # The system's language until the collection, which may hold another choice, is open.
    apply_language(app, translation.SYSTEM)
    login_arguments = ("--data-dir", os.path.abspath(data_dir)) + (
        ("--database", database) if database is not None else ()
    )
    try:
        opener = _opener(data_dir, database)
    except StoreError as error:
        QMessageBox.critical(None, _("Imperfect Trainer"), f"{error}.")
        return 2
    data_dir = opener.folder
    lock = InstanceLock(data_dir)
    try:
        secure_data_dir(data_dir)
        lock.acquire()
    except AlreadyOpenError:
        if background:
            return 0  # already running: the reminder is on its way
        if not _bring_running_window_forward(data_dir):
            QMessageBox.information(
                None,
                _("Imperfect Trainer"),
                _("Imperfect Trainer is already open for this collection."),
            )
        return 0
    except (OSError, StoreError) as error:
        QMessageBox.critical(
            None,
            _("Imperfect Trainer"),
            _("The data folder {data_dir} cannot be used.\n\n{error}").format(
                data_dir=data_dir, error=error
            ),
        )
        return 2
    try:
        while True:
            store = open_or_offer_restore(data_dir, opener.open)
            if store is None:
                return 2
            try:
                with store:
                    start = _Start(boundary, background, login_arguments)
                    return _run_window(app, store, data_dir, start)
            except StoreError as error:
                # Damage that opening could not see, met while building the first screen.
                if not _offer_a_way_on(data_dir, error):
                    return 2
    finally:
        lock.release()


@dataclass(frozen=True, slots=True)
class _Opener:
    """Where the window's collection is: the folder it keeps locally, and how to open it."""

    folder: Path
    open: Callable[[], Store]


def _opener(data_dir: Path, database: str | None) -> _Opener:
    if database is None:
        return _Opener(data_dir, lambda: Store.open(data_dir, now=local_now()))
    from imperfect_trainer.deck.move_over import server_folder

    # A URL that cannot be used is refused here.
    return _Opener(server_folder(data_dir, database), lambda: _open_own(data_dir, database))


def _open_own(data_dir: Path, database: str) -> Store:
    """The collection ``--database URL`` means (``move_over``): the person's on this computer,
    moved here on the first start (the window, holding the folder's lock, waits for it with a
    busy cursor), and told once why."""
    from imperfect_trainer.deck import move_over
    from imperfect_trainer.deck.sync.joined import hub_of

    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        opened = move_over.open_person(database, data_dir, local_now())
    finally:
        QApplication.restoreOverrideCursor()
    if opened.moved is not None:
        QMessageBox.information(
            None,
            _("Your collection is on this computer now"),
            _moved_words(opened.store.data_dir).format(hub=opened.moved.hub),
        )
        move_over.told(opened.store.data_dir)
    hub = hub_of(opened.store)
    if hub is not None:
        # Whether they supervise, asked afresh for the next start, never keeping this one waiting.
        threading.Thread(
            target=move_over.recheck_supervising,
            args=(opened.store.data_dir, hub),
            name="supervising",
            daemon=True,
        ).start()
    return opened.store


def _moved_words(folder: Path) -> str:
    from imperfect_trainer.deck.features.supervising_here import remembered

    if remembered(folder):
        return _(
            "Everything you practised and wrote on {hub} was copied to this computer, "
            "history included, and it syncs with {hub}: you can practise offline too. My "
            "trainees reads {hub} whenever it can, and shows the last look kept here, with "
            "its time, when it cannot.\n\n"
            "Starting with --database URL opens it here from now on. Nothing on the "
            "server was deleted."
        )
    return _(
        "Everything you practised and wrote on {hub} was copied to this computer, "
        "history included, and it syncs with {hub}: you can practise offline too, "
        "and your supervisor sees what you share once it has synced.\n\n"
        "Starting with --database URL opens it here from now on. Nothing on the "
        "server was deleted."
    )


def open_or_offer_restore(
    data_dir: Path, open_store: Callable[[], Store] | None = None
) -> Store | None:
    """Open the collection; if it cannot be, say what, where and what to do. Only a damaged
    collection is offered the newest good backup (a restore keeps the damaged file as it is);
    a locked one, or a server that does not answer, can be tried again."""
    while True:
        try:
            if open_store is not None:
                return open_store()
            return Store.open(data_dir, now=local_now())
        except DeckFileError as error:
            QMessageBox.critical(
                None, _("Imperfect Trainer: the built-in deck is damaged"), str(error)
            )
            return None
        except StoreError as error:
            if not _offer_a_way_on(data_dir, error):
                return None


def _offer_a_way_on(data_dir: Path, error: StoreError) -> bool:
    """The dialog for a collection that cannot be opened; True to try opening it again."""
    # Imported here: a collection that opens (nearly always) never needs them.
    from imperfect_trainer.deck.storage.backups import newest_good_backup
    from imperfect_trainer.deck.storage.restore import restore_collection

    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("Imperfect Trainer cannot open your collection"),
        f"{error.path}\n{error.problem}.\n\n{error.advice[:1].upper()}{error.advice[1:]}.",
    )
    backup = newest_good_backup(data_dir) if isinstance(error, DatabaseDamagedError) else None
    action = None
    if backup is not None:
        action = box.addButton(
            _("Restore the backup of {moment}").format(moment=long_moment(backup.taken_at)),
            QMessageBox.ButtonRole.AcceptRole,
        )
    elif isinstance(error, DatabaseLockedError | DiskFullError) or _server_may_answer(error):
        action = box.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if action is None or box.clickedButton() is not action:
        return False
    if backup is not None:
        try:
            restore_collection(data_dir, backup.path, local_now(), current_damaged=True)
        except StoreError as failure:
            QMessageBox.critical(
                None,
                _("The backup could not be restored"),
                _("Nothing was changed.\n\n{failure}").format(failure=failure),
            )
            return False
    return True


def _server_may_answer(error: StoreError) -> bool:
    """A server that is down or busy now may answer in a minute."""
    from imperfect_trainer.deck.storage.server_errors import ServerBusyError, ServerUnreachableError

    return isinstance(error, ServerUnreachableError | ServerBusyError)


@dataclass(frozen=True, slots=True)
class _Start:
    """How the window was asked for: where its errors go, and whether at login."""

    boundary: ErrorBoundary
    background: bool
    login_arguments: tuple[str, ...]


def _run_window(app: QApplication, store: Store, data_dir: Path, start: _Start) -> int:
    scheme = str(store.setting("theme") or "system")
    apply_theme(app, scheme)
    apply_language(app, preferences.language(store))
    window = MainWindow(
        store,
        scheme=scheme,
        notifications=session_notifications(),
        background=start.background,
        login_arguments=start.login_arguments,
    )
    if start.background and not window.tray.keeps_app_open:
        return 0  # started at login with no reminder to wait for
    start.boundary.tell_collection_errors_to(window.collection_trouble.tell)

    server = QLocalServer(window)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    name = server_name(data_dir)
    if name is not None:
        QLocalServer.removeServer(name)  # a crash may leave the old one behind
        server.listen(name)

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
    flusher.timeout.connect(window.flow.flush_to_disk)
    flusher.start()

    backups = WindowBackups(store, window)
    backups.start()

    if not start.background:
        window.show()
    code = app.exec()
    backups.last_one()
    return code


def _bring_running_window_forward(data_dir: Path) -> bool:
    name = server_name(data_dir)
    if name is None:
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(1000):
        return False
    socket.write(b"show")
    socket.waitForBytesWritten(1000)
    socket.disconnectFromServer()
    return True
