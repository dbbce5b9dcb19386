"""Starting the window: the Qt application, the store, and a clear message if it cannot open."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from imperfect_trainer.deck.deck_file import DeckFileError
from imperfect_trainer.deck.store import Store, StoreError
from imperfect_trainer.ui.main_window import MainWindow, local_now
from imperfect_trainer.ui.theme import apply_theme


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Imperfect Trainer")
    app.setOrganizationName("Imperfect Trainer")
    try:
        store = Store.open(data_dir, now=local_now())
    except (StoreError, DeckFileError) as error:
        apply_theme(app)
        QMessageBox.critical(None, "Imperfect Trainer cannot open your collection", str(error))
        return 2
    with store:
        scheme = str(store.setting("theme") or "system")
        apply_theme(app, scheme)
        window = MainWindow(store, scheme=scheme)
        window.show()
        return app.exec()
