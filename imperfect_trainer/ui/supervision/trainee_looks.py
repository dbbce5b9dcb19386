"""My trainees' reads of the programme's server, off the GUI thread: a slow or lost server
never freezes the window, and the page stays usable while it waits ("Looking…").

Each read runs on a daemon thread with a connection of its own (``supervision.OwnConnection``),
made and let go there: the store's kept connection is the GUI thread's and is never touched.
Only the newest look's answer is shown; an older one coming back late is dropped. What is
shown is kept in the supervisor's folder (``supervision_cache``) for when the server cannot be
reached; a trainee the server no longer lists is forgotten there at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QObject, Qt, Signal

from imperfect_trainer.deck.features import supervision_cache
from imperfect_trainer.deck.features.supervision import OwnConnection, TraineeOverview
from imperfect_trainer.deck.features.supervision_cache import LastLook
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store


@dataclass(frozen=True, slots=True)
class Look:
    """What one read of the server found: the list of trainees (when asked for it) and the
    overview of the trainee to show (None when there is none to show)."""

    names: list[str] | None
    overview: TraineeOverview | None


@dataclass(frozen=True, slots=True)
class Days:
    first: dt.date
    last: dt.date


class _Back(QObject):
    """The worker's way back to the GUI thread, kept until it has come back (not by the page:
    a closed page must not take it with it while the thread still runs)."""

    done = Signal(int, object)
    waiting: ClassVar[set[_Back]] = set()


class TraineeLooks(QObject):
    found = Signal(object)  # a Look, read from the server now
    unreachable = Signal(object)  # the StoreError that said why

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = store.data_dir
        self.server = OwnConnection.of(store)
        self._asked = 0
        self.looking = False

    def look(self, chosen: str | None, period: Days) -> None:
        """The list of trainees, and the overview of ``chosen`` (or the first) on it."""
        server = self.server

        def read() -> Look:
            names = server.trainees()
            shown = chosen if chosen in names else (names[0] if names else None)
            if shown is None:
                return Look(names, None)
            return Look(names, server.overview(shown, period.first, period.last))

        self._start(read)

    def look_at(self, trainee: str, period: Days) -> None:
        """The overview of ``trainee`` alone."""
        server = self.server
        self._start(lambda: Look(None, server.overview(trainee, period.first, period.last)))

    def remember(self, look: Look, at: dt.datetime) -> None:
        """``look`` is on screen now: kept for reading when the server is away."""
        if look.names is not None:
            supervision_cache.remember_trainees(self.folder, look.names)
        if look.overview is not None:
            supervision_cache.remember_view(self.folder, look.overview, at)

    def last_look(self) -> LastLook:
        return supervision_cache.last_look(self.folder)

    def _start(self, read: Callable[[], Look]) -> None:
        self._asked += 1
        asked = self._asked
        self.looking = True
        back = _Back()
        _Back.waiting.add(back)
        back.done.connect(self._came_back, Qt.ConnectionType.QueuedConnection)

        def work() -> None:
            outcome: object
            try:
                outcome = read()
            except BaseException as error:  # told on the GUI thread, whatever it is
                outcome = error
            back.done.emit(asked, outcome)

        threading.Thread(target=work, name="my-trainees", daemon=True).start()

    def _came_back(self, asked: int, outcome: object) -> None:
        _Back.waiting.discard(self.sender())
        if asked != self._asked:
            return  # a later look was asked for: its answer is the one to show
        self.looking = False
        if isinstance(outcome, Look):
            self.found.emit(outcome)
        elif isinstance(outcome, StoreError):
            self.unreachable.emit(outcome)
        else:
            assert isinstance(outcome, BaseException)
            raise outcome  # a fault of the app's, for the error boundary to tell
