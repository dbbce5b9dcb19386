"""One error boundary for the window: an unexpected exception anywhere (a slot, a timer, a
thread) is written to the log and told calmly, and the app keeps running.

Qt hands exceptions raised in slots to ``sys.excepthook``, after the slot has unwound, so the
action that failed was one store transaction that either committed or rolled back: nothing is
half-written, and the person can carry on.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from imperfect_trainer import app_log
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.translation import N_, _

TITLE = N_("Something went wrong")
CALM = N_(
    "An unexpected problem stopped that action. Nothing was half-written: each change is saved "
    "whole or not at all, and what you had saved is safe. You can carry on."
)
# The same fault repeating (a timer, a redraw) is told once a minute; the log holds every one.
QUIET_SECONDS = 60.0
INFORMATIVE_WIDTH = 540


def explanation(where: str, log_file: Path | None) -> str:
    """What the dialog says below the calm first line: what, where, and where the log is."""
    if log_file is None:
        logged = _("No log could be written (the log folder cannot be used).")
    else:
        logged = _("The details are in the log (it holds no card or journal text):") + (
            f"\n{log_file}"
        )
    return _(CALM) + "\n\n" + _("What happened: {where}.").format(where=where) + f"\n{logged}"


class ErrorBoundary(QObject):
    # Carries the description to the main thread, after the failing slot has unwound.
    failed = Signal(str)
    # A failing collection (damaged, locked, a full disk) is no fault of the code: whoever
    # knows the collection (the main window's CollectionTrouble) says what to do about it.
    collection_failed = Signal(object)

    def __init__(
        self,
        log_file: Path | None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.monotonic = monotonic
        self.dialog: QMessageBox | None = None
        self._last_told: dict[str, float] = {}
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.failed.connect(self._tell, Qt.ConnectionType.QueuedConnection)
        self._collection_listened = False

    def tell_collection_errors_to(self, tell: Callable[[StoreError], None]) -> None:
        """Hand a failing collection's errors to ``tell`` (after the failing slot unwound)."""
        self.collection_failed.connect(tell, Qt.ConnectionType.QueuedConnection)
        self._collection_listened = True

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, trace)
            return
        app_log.record_error(kind, error, trace)
        if isinstance(error, StoreError) and self._collection_listened:
            print(f"imperfect-trainer: {error}", file=sys.stderr)
            self.collection_failed.emit(error)
            return
        summary = f"{app_log.describe_briefly(error, kind)} in {app_log.where(trace)}"
        print(f"imperfect-trainer: unexpected {summary}", file=sys.stderr)
        self.failed.emit(summary)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        error = args.exc_value if args.exc_value is not None else args.exc_type()
        self.handle(args.exc_type, error, args.exc_traceback)

    def _tell(self, summary: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        now = self.monotonic()
        last = self._last_told.get(summary)
        if last is not None and now - last < QUIET_SECONDS:
            return
        self._last_told[summary] = now
        parent = QApplication.activeWindow()
        dialog = QMessageBox(parent)
        dialog.setIcon(QMessageBox.Icon.Information)
        dialog.setWindowTitle(_("Imperfect Trainer: something went wrong"))
        dialog.setText(_(TITLE))
        dialog.setInformativeText(explanation(summary, self.log_file))
        # Wide enough for the log's path on one line, as far as the screen allows.
        informative = dialog.findChild(QLabel, "qt_msgbox_informativelabel")
        if informative is not None:
            informative.setMinimumWidth(INFORMATIVE_WIDTH)
        dialog.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dialog.addButton(_("Carry on"), QMessageBox.ButtonRole.AcceptRole)
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        # Not exec(): a nested event loop inside an error is how one failure becomes two.
        dialog.open()
