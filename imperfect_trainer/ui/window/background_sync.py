"""The window's syncs with the programme's hub: on open, every few minutes, after a practice
and, for a few seconds at most, on close. The window never waits for one.

Each sync runs on a daemon thread with a ``Store`` of its own on the same file, made, used and
closed on that thread: the window's store, whose kept driver connection belongs to the GUI
thread, is never touched by it. SQLite's WAL lets the two connections read side by side, and a
write waits for the other's (the busy timeout). The instance lock the command line takes is
already the window's, so one sync at a time is this object's own rule. A practice in progress
is not merged under: a sync that falls due during one waits for its end (see ``sync_now``), and
one already running when a practice starts keeps what it downloads for the next sync to merge.
A practice asked for while a sync merges starts when the merge is over (``start_practice``),
never in the middle of it: the merge holds the collection's write lock and rewrites schedules.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.ui.common.operations import NOTHING, Changes

if TYPE_CHECKING:
    from imperfect_trainer.deck.sync.run import Merging, SyncReport

SYNC_EVERY_MS = 5 * 60 * 1000
# The sync on open starts once the window has settled: a practice started at once (Enter on
# home) has its first card without the sync's imports beside it, and the sync waits for its end.
OPEN_DELAY_MS = 1500
# A close never hangs on a slow or absent network: what is not sent by then goes next start.
CLOSE_WAIT_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    at: dt.datetime
    report: SyncReport | None = None
    error: StoreError | None = None
    # Not a failure of the hub or the collection: a fault of the app's, told by the error
    # boundary once; the window stops syncing until it is started again.
    unexpected: BaseException | None = None

    @property
    def synced(self) -> bool:
        return self.error is None and self.unexpected is None

    @property
    def changes(self) -> Changes:
        """What the window shows that this sync may have changed."""
        report = self.report
        if report is None:
            return NOTHING
        return Changes(
            schedules=bool(report.answers_added or report.answers_taken_back),
            journal=bool(report.entries_changed or report.texts_kept),
        )


def sync_once(data_dir: Path, now: dt.datetime, merging: Merging | None = None) -> SyncOutcome:
    """One sync on a store of the calling thread's own; a failure is the outcome's, to tell."""
    from imperfect_trainer.deck.store import Store
    from imperfect_trainer.deck.sync import run

    try:
        with Store(data_dir) as store:
            return SyncOutcome(now, report=run.sync(store, now, merging=merging))
    except StoreError as error:
        return SyncOutcome(now, error=error)


class _Back(QObject):
    """The worker's way back to the GUI thread. Kept by ``_waiting`` until it has come back,
    not by the window: a closed window must not take it with it while the thread still runs."""

    done = Signal(object)
    merged = Signal()
    _waiting: ClassVar[set[_Back]] = set()


class BackgroundSync(QObject):
    started = Signal()
    finished = Signal(object)  # a SyncOutcome, on the GUI thread

    def __init__(
        self,
        data_dir: Path,
        clock: Callable[[], dt.datetime],
        practising: Callable[[], bool],
        parent: QObject,
        work: Callable[[Path, dt.datetime], SyncOutcome] | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.clock = clock
        self.practising = practising
        self.work = work
        self.worker: threading.Thread | None = None
        self.close_wait = CLOSE_WAIT_SECONDS
        # No more syncs: the window closed, or a fault of the app's was told (once).
        self.stopped = False
        self._in_flight = False
        self._again = False
        # Held by a sync's merge, and by a practice being set up (on the GUI thread).
        self._merge_lock = threading.Lock()
        self._waiting_start: Callable[[], None] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_EVERY_MS)
        self.timer.timeout.connect(self.sync_now)

    @property
    def running(self) -> bool:
        """A sync has started and its outcome has not come back yet."""
        return self._in_flight

    def begin(self) -> None:
        """The window is open: sync in a moment and every few minutes."""
        self.timer.start()
        QTimer.singleShot(OPEN_DELAY_MS, self, self.sync_now)

    def sync_now(self) -> None:
        """Start a sync; asked while one runs, another follows it (what changed meanwhile
        goes too). During a practice it waits for the practice's end: a merge under it could
        change the card on screen (its answer would then be refused, to be chosen again), and
        the practice's answers are kept here meanwhile anyway."""
        if self.stopped:
            return
        if self._in_flight:
            self._again = True
            return
        if self.practising():
            return
        back = _Back()
        _Back._waiting.add(back)
        back.done.connect(self._came_back, Qt.ConnectionType.QueuedConnection)
        back.merged.connect(self._merge_over, Qt.ConnectionType.QueuedConnection)
        now = self.clock()

        def work() -> None:
            try:
                if self.work is None:
                    outcome = sync_once(self.data_dir, now, lambda: self._merging(back))
                else:
                    outcome = self.work(self.data_dir, now)
            except BaseException as error:
                outcome = SyncOutcome(now, unexpected=error)
            back.done.emit(outcome)

        self._in_flight = True
        self.worker = threading.Thread(target=work, name="sync", daemon=True)
        self.started.emit()
        self.worker.start()

    @contextmanager
    def _merging(self, back: _Back) -> Iterator[bool]:
        """On the sync's thread: whether it may merge now (no practice open), the practice's
        start held back while it does."""
        try:
            with self._merge_lock:
                yield not self.practising()
        finally:
            back.merged.emit()  # a practice waiting for it starts, whatever became of the sync

    def start_practice(self, start: Callable[[], None]) -> None:
        """Start a practice now, or, while a sync merges, as soon as that merge is over (a
        moment for a day's sync): no merge begins while the practice is set up, and none
        while it is open."""
        if not self._merge_lock.acquire(blocking=False):
            self._waiting_start = start
            return
        try:
            self._waiting_start = None
            start()
        finally:
            self._merge_lock.release()

    def _merge_over(self) -> None:
        start, self._waiting_start = self._waiting_start, None
        if start is not None:
            self.start_practice(start)

    def practice_over(self) -> None:
        """A practice ended: its answers go now (and so does a sync that fell due during it)."""
        self.sync_now()

    def last_one(self) -> bool:
        """The window closes: one last sync (or the one running), waited for ``close_wait``
        seconds at most; True when it is done. A sync still running then is left to end with
        the process: each of its steps is one transaction, and the next start syncs."""
        self.timer.stop()
        if not self._in_flight:
            self.sync_now()
        self.stopped = True
        thread = self.worker
        if thread is None:
            return True
        thread.join(self.close_wait)
        return not thread.is_alive()

    def _came_back(self, outcome: SyncOutcome) -> None:
        _Back._waiting.discard(self.sender())
        self._in_flight = False
        if outcome.unexpected is not None:
            self.stopped = True
            self.timer.stop()
        self.finished.emit(outcome)
        if outcome.unexpected is not None:
            raise outcome.unexpected
        if self._again:
            self._again = False
            self.sync_now()
