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
all the same).
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from imperfect_trainer.deck.storage.backup_jobs import BackupJob, TakeBackup
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
        self.timer.start()

    @property
    def running(self) -> bool:
        return self._running is not None

    def back_up_if_due(self) -> BackgroundOp[Path] | None:
        """Start a backup on a worker when one is due and none is running."""
        now = self.clock()
        if self._running is not None or not self.store.safety.backup_due(now):
            return None
        job = self.store.safety.begin_backup(now)
        self._worker_done.clear()

        def work() -> Path:
            try:
                return self.take(job)
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
        try:
            return self.store.safety.backup_if_due(self.clock(), every=dt.timedelta(0))
        except StoreError as error:
            self._say(error)
            return None

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
