"""My trainees' reads of the programme's server, off the GUI thread: a slow or lost server
never freezes the window, and the page stays usable while it waits ("Looking…").

Each read runs on a worker with a connection of its own (``server_reads``, made and let go
there: the store's kept connection is the GUI thread's and is never touched).
Only the newest look's answer is shown; an older one coming back late is dropped. What is
shown is kept in the supervisor's folder (``supervision_cache``) for when the server cannot be
reached; a trainee the server no longer lists is forgotten there at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal

from imperfect_trainer.deck.features import supervision_cache
from imperfect_trainer.deck.features.supervision import OwnConnection, TraineeOverview
from imperfect_trainer.deck.features.supervision_cache import LastLook
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.supervision.server_reads import read_off_thread


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
        read_off_thread(read, partial(self._came_back, asked), "my-trainees")

    def _came_back(self, asked: int, outcome: object) -> None:
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
