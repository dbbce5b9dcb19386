"""The window on the Cards screen, an hour after the texts written apart were merged."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.window_support import FakeClock, open_window
from tests.support.written_apart import LATER


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    main = open_window(store, FakeClock(LATER + dt.timedelta(hours=1)), qtbot)
    qtbot.keyClick(main.focusWidget() or main, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    return main
