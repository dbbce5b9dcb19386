"""The person's actions on the collection, run in one place (as Anki's ``CollectionOp``): a
failure is told once and changes nothing, and what did change is said to the whole window as a
``Changes`` record, so each page decides for itself whether what it shows is still true.

What runs where:

- On the GUI thread (``run_op``, ``op_done``): every action on the store's own connections.
  The store keeps one driver connection per collection for the answer's fast path: SQLite's is
  bound to the thread that made it, and the server's, like the store's own flags (``changed``,
  what is unflushed, when the last backup was taken), is not guarded against two threads at
  once. An answer on SQLite takes a third of a millisecond, so the key-to-paint time would only
  grow by handing it to a worker.
- On a worker (``run_in_background``): work that holds no store connection and may wait on a
  disk or a server. A report's file; a backup, which the collection writes on a connection of
  its own (``deck/storage/backup_jobs``: begun on the GUI thread, taken on the worker); the
  slow half of a restore (copying and checking the chosen backup, and the backup of how the
  collection is now), whose other half, the swap of the file, holds the store and so runs on
  the GUI thread when the worker is done. While a worker runs, the window repaints and answers
  keys: a practice goes on during a backup.
- Busy and failures: an action the person asked for shows a calm busy state (the cursor, its
  panel disabled) and a failure is told once, by ``tell_failure``. The window's own backups
  (``window/window_backups``) run ``quiet``: no busy state over a practice, and their failures
  go to their owner, which says each once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Generic, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import isValid

from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common.collection_trouble import NOT_SAVED, CollectionTrouble

T = TypeVar("T")
Q = TypeVar("Q", bound=QObject)


@dataclass(frozen=True, slots=True)
class Changes:
    """What an action changed. ``card_ids`` names the cards when only those changed (an edit,
    a suspension), so a page can redraw them alone; empty with ``cards``: any card may have."""

    cards: bool = False  # a card written, edited, deleted, suspended, or its note
    schedules: bool = False  # answers given or taken back, progress reset or restored
    journal: bool = False
    goals: bool = False
    settings: bool = False
    collection: bool = False  # replaced whole by a backup: everything shown may be different
    card_ids: frozenset[str] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        merged = {
            field.name: getattr(self, field.name) or getattr(other, field.name)
            for field in fields(self)
            if field.name != "card_ids"
        }
        # Named cards stay named only while every change to cards named its cards.
        named = (not self.cards or self.card_ids) and (not other.cards or other.card_ids)
        ids = self.card_ids | other.card_ids if named else frozenset()
        return Changes(**merged, card_ids=ids)

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))

    @property
    def any_card(self) -> bool:
        """Something a card list shows may differ: its cards, their schedules, or all."""
        return self.cards or self.schedules or self.collection

    @staticmethod
    def of_cards(ids: Iterable[str], *, schedules: bool = False) -> Changes:
        return Changes(cards=True, schedules=schedules, card_ids=frozenset(ids))


NOTHING = Changes()
ANSWERED = Changes(schedules=True)
WRITTEN = Changes(schedules=True, journal=True)  # a reflection: an answer and a journal entry
JOURNAL = Changes(journal=True)
GOALS = Changes(goals=True)
SETTINGS = Changes(settings=True)
EVERYTHING = Changes(
    cards=True, schedules=True, journal=True, goals=True, settings=True, collection=True
)


@runtime_checkable
class ShowsChanges(Protocol):
    """A page that keeps what it shows true when an operation changes it."""

    def show_changes(self, changes: Changes) -> None: ...


class ChangeBroadcast(QObject):
    """One per window, its child: each operation's ``Changes``, to the pages that listen."""

    changed = Signal(object)


def broadcast_of(widget: QWidget) -> ChangeBroadcast | None:
    """The broadcast of the window ``widget`` is in, through any dialogs opened over it."""
    return _found_up(widget, ChangeBroadcast, Qt.FindChildOption.FindDirectChildrenOnly)


def _found_up(
    widget: QWidget,
    kind: type[Q],
    options: Qt.FindChildOption = Qt.FindChildOption.FindChildrenRecursively,
) -> Q | None:
    """The first ``kind`` in ``widget``'s window or, for a dialog, in the windows below it."""
    window: QWidget | None = widget.window()
    while window is not None:
        found = window.findChild(kind, options=options)
        if found is not None:
            return found
        above = window.parentWidget()
        window = above.window() if above is not None else None
    return None


@dataclass(frozen=True, slots=True)
class Failure:
    """How a failure that is not the collection's own trouble is told: a warning titled
    ``title`` that says ``not_done`` and then the error."""

    title: str
    not_done: str
    kinds: tuple[type[BaseException], ...] = (StoreError,)


def tell_failure(parent: QWidget, error: BaseException, failure: Failure | None = None) -> None:
    """The one place a failed operation is told. A failing collection goes to the window's
    ``CollectionTrouble``, which says what to do and can offer a backup."""
    if failure is None and isinstance(error, StoreError):
        trouble = _found_up(parent, CollectionTrouble)
        if trouble is not None:
            trouble.tell(error)
            return
    if failure is None:
        QMessageBox.warning(parent, _("Imperfect Trainer"), f"{_(NOT_SAVED)}\n\n{error}")
    else:
        # A failure's words are marked with N_ where it is made, at import, before the language.
        QMessageBox.warning(parent, _(failure.title), f"{_(failure.not_done)}\n\n{error}")


def _told(failure: Failure | None) -> tuple[type[BaseException], ...]:
    return failure.kinds if failure is not None else (StoreError,)


def run_op(
    parent: QWidget,
    action: Callable[[], T],
    changes: Changes | Callable[[T], Changes] = NOTHING,
    *,
    failure: Failure | None = None,
) -> T | None:
    """Run a store action on the GUI thread. On success the window hears ``changes`` (or what
    ``changes`` makes of the result: a new card's id) and the result is returned; on failure it
    is told (its transaction rolled back) and None returned."""
    kinds = _told(failure)
    try:
        result = action()
    except kinds as error:
        tell_failure(parent, error, failure)
        return None
    announce_changes(parent, changes if isinstance(changes, Changes) else changes(result))
    return result


def op_done(
    parent: QWidget,
    action: Callable[[], object],
    changes: Changes = NOTHING,
    *,
    failure: Failure | None = None,
) -> bool:
    """Run a store action for its effect (as ``run_op``); True when it was saved."""
    done = False

    def act() -> None:
        nonlocal done
        action()
        done = True

    run_op(parent, act, changes, failure=failure)
    return done


def announce_changes(widget: QWidget, changes: Changes) -> None:
    if changes:
        broadcast = broadcast_of(widget)
        if broadcast is not None:
            broadcast.changed.emit(changes)


class BackgroundOp(QObject, Generic[T]):
    """An action on a worker thread. While it runs the cursor is busy and ``parent`` disabled
    (no second Save while the first is being written); the window repaints and answers keys.
    ``finished`` carries the result, on the GUI thread; a failure is told and ``failed``
    emitted. A ``quiet`` one shows no busy state and tells nothing: its owner hears ``failed``.

    Owned by the application, not by ``parent`` (a closed dialog must not take the worker's way
    back with it) and not by Python: the worker's frame holds it, and that frame may be freed on
    the worker's thread, where deleting a Qt object would crash. It deletes itself on the GUI
    thread once it has come back."""

    finished = Signal(object)
    failed = Signal(object)
    _came_back = Signal(bool, object)

    def __init__(
        self,
        parent: QWidget,
        action: Callable[[], T],
        changes: Changes = NOTHING,
        failure: Failure | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        super().__init__(QCoreApplication.instance())
        self.parent_widget = parent
        self.action = action
        self.changes = changes
        self.failure = failure
        self.quiet = quiet
        self._came_back.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    def start(self) -> BackgroundOp[T]:
        if not self.quiet:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self.parent_widget.setEnabled(False)
        QThreadPool.globalInstance().start(self._work)
        return self

    def _work(self) -> None:
        try:
            result: object = self.action()
        except BaseException as error:
            # Any failure goes back to the GUI thread: an expected one is told as the
            # operation's, anything else is raised there for the error boundary to tell.
            self._came_back.emit(False, error)
        else:
            self._came_back.emit(True, result)

    def _finish(self, ok: bool, outcome: object) -> None:
        try:
            self._tell(ok, outcome)
        finally:
            self.deleteLater()

    def _tell(self, ok: bool, outcome: object) -> None:
        parent = self.parent_widget
        # Its window may have gone while the worker ran: then there is no one left to tell.
        here = isValid(parent)
        if not self.quiet:
            QApplication.restoreOverrideCursor()
            if here:
                parent.setEnabled(True)
        if ok:
            if here:
                announce_changes(parent, self.changes)
            self.finished.emit(outcome)
            return
        assert isinstance(outcome, BaseException)
        expected = isinstance(outcome, _told(self.failure))
        if expected and here and not self.quiet:
            tell_failure(parent, outcome, self.failure)
        self.failed.emit(outcome)
        if not expected:
            raise outcome


def run_in_background(
    parent: QWidget,
    action: Callable[[], T],
    changes: Changes = NOTHING,
    *,
    failure: Failure | None = None,
    quiet: bool = False,
) -> BackgroundOp[T]:
    """Run ``action`` (which must touch no store connection) on a worker; see ``BackgroundOp``."""
    return BackgroundOp(parent, action, changes, failure, quiet=quiet).start()
