"""Starting the window: the Qt application, the store, and a clear message if it cannot open."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from imperfect_trainer.deck.deck_file import DeckFileError
from imperfect_trainer.deck.store import Store, StoreError


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Imperfect Trainer")
    now = dt.datetime.now().astimezone()
    try:
        store = Store.open(data_dir, now=now)
    except (StoreError, DeckFileError) as error:
        QMessageBox.critical(None, "Imperfect Trainer cannot open your collection", str(error))
        return 2
    with store:
        window = QMainWindow()
        window.setWindowTitle("Imperfect Trainer")
        stats = store.stats(now)
        window.setCentralWidget(QLabel(f"{stats.cards} cards ready. Five minutes is plenty."))
        window.resize(720, 520)
        window.show()
        return app.exec()
