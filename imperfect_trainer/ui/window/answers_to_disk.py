"""Answers reach the disk (or the server) after the next card is painted: if the disk or the
server refuses, the person is told once, and the practice stops so that no more answers are
built on ones that may not be saved. The timer keeps trying without a dialog every second."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _


class AnswersToDisk:
    def __init__(self, store: Store, window: QWidget, stop_practice: Callable[[], None]) -> None:
        self.store = store
        self.window = window
        self.stop_practice = stop_practice
        self.trouble_said = False

    def flush(self) -> None:
        try:
            self.store.flush_to_disk()
        except StoreError as error:
            if self.trouble_said:
                return
            self.trouble_said = True
            if self.store.on_server:
                title = _("The server has not confirmed your last answers")
                advice = _(
                    "The practice stops here, so that no more answers are built on ones the "
                    "server has not confirmed. Start again from Today once it can be reached."
                )
            else:
                title = _("Your last answers may not be on disk")
                advice = _(
                    "The practice stops here. Close Imperfect Trainer, make sure the disk is "
                    "working and has room, then open it again."
                )
            QMessageBox.warning(self.window, title, f"{error}.\n\n{advice}")
            self.stop_practice()
        else:
            self.trouble_said = False
