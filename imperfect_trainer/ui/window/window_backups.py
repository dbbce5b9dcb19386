"""The backups the window takes by itself: every half hour of use while something changed, and
one when it closes after anything was written.

Those taken while the window is open run on a worker (``deck/storage/backup_jobs``): the
collection writes them on a connection of their own, so a practice goes on meanwhile, and
quietly (no busy cursor over a practice, no dialog in the middle of one). One at a time; an
answer given while one is taken marks the collection as owing the next. A failure changes
nothing (the collection still owes its backup, tried again at the next check) and is said once,
on the error stream, until a backup succeeds again.

The backup on close runs on the closing thread once the window is gone, when nothing is left to
keep responsive; a backup still running on the worker is waited for first (within
``LAST_WAIT_SECONDS``: its snapshot may be older than the last answer, so the last one is taken
all the same). While it is taken, word that it is owed waits in the data folder: a close cut
short (a kill, a power cut, a full disk) leaves it there, and the next start takes the backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from imperfect_trainer.deck.storage.backup_jobs import BackupJob, TakeBackup
from imperfect_trainer.deck.storage.backups import backup_owed, backup_paid, owe_backup
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.clock import Clock, local_now
from imperfect_trainer.ui.common.operations import BackgroundOp, run_in_background

CHECK_MS = 60_000
LAST_WAIT_SECONDS = 30.0


class WindowBackups(QObject):
    """The window's own backups; ``taken`` carries each new backup's path."""

    taken = Signal(object)

    def __init__(
        self,
        store: Store,
        window: QWidget,
        *,
        clock: Clock = local_now,
        take: TakeBackup = BackupJob.take,
    ) -> None:
        super().__init__(window)
        self.store = store
        self.window = window
        self.clock = clock
        self.take = take
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.back_up_if_due)
        self._running: BackgroundOp[Path] | None = None
        self._worker_done = threading.Event()
        self._worker_done.set()
        self._failing = False

    def start(self) -> None:
        """Check each minute; at once when the last close could not finish its backup."""
        self.timer.start()
        if backup_owed(self.store.data_dir):
            self.back_up_if_due(owed=True)

    @property
    def running(self) -> bool:
        return self._running is not None

    def back_up_if_due(self, *, owed: bool = False) -> BackgroundOp[Path] | None:
        """Start a backup on a worker when one is due (or ``owed`` by the last close) and none
        is running."""
        now = self.clock()
        if self._running is not None or not (owed or self.store.safety.backup_due(now)):
            return None
        job = self.store.safety.begin_backup(now)
        self._worker_done.clear()

        def work() -> Path:
            try:
                path = self.take(job)
                if owed:
                    backup_paid(self.store.data_dir)
                return path
            finally:
                self._worker_done.set()

        operation = run_in_background(self.window, work, quiet=True)
        operation.finished.connect(self._taken)
        operation.failed.connect(self._failed)
        self._running = operation
        return operation

    def last_one(self) -> Path | None:
        """The backup on close, when anything was written since the last one (see above)."""
        self.timer.stop()
        self._worker_done.wait(LAST_WAIT_SECONDS)
        now, data_dir = self.clock(), self.store.data_dir
        if not self.store.safety.backup_due(now, every=dt.timedelta(0)):
            return None
        # Without room for the word to the next start, the backup is still tried.
        with contextlib.suppress(OSError):
            owe_backup(data_dir)
        try:
            path = self.store.safety.backup(now)
        except StoreError as error:
            self._say(error)
            return None
        backup_paid(data_dir)
        return path

    def _taken(self, path: object) -> None:
        self._running = None
        self._failing = False
        self.taken.emit(path)

    def _failed(self, error: object) -> None:
        self._running = None
        if isinstance(error, StoreError):
            self._say(error)

    def _say(self, error: StoreError) -> None:
        # The next check tries again each minute; the person hears of it once, not each time.
        if not self._failing:
            print(f"imperfect-trainer: {error}", file=sys.stderr)
        self._failing = True
