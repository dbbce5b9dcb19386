"""The first-run welcome at the smallest window and the largest text, and in a wide one: every
word whole, the grade words by kind side by side or one kind under another, Enter continues."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.screen_style import apply_appearance
from imperfect_trainer.ui.common.theme import BASE_POINT_SIZE
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.moments import MORNING
from tests.support.text_fit import misfits
from tests.support.window_support import FakeClock

pytestmark = pytest.mark.gui

LARGEST_TEXT = preferences.NUMBERS["font_size"].highest


@pytest.fixture(autouse=True)
def _usual_text_afterwards(qapp: QApplication) -> Iterator[None]:
    yield
    apply_appearance(qapp, "system", BASE_POINT_SIZE)


def _welcome(store: Store, qtbot: QtBot, size: tuple[int, int], text: int) -> MainWindow:
    store.set_setting("font_size", text)
    window = MainWindow(store, clock=FakeClock(MORNING))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert window.stack.currentWidget() is window.welcome
    return window


def test_at_800_by_600_and_the_largest_text_the_kinds_stand_one_under_another(
    store: Store, qtbot: QtBot
) -> None:
    window = _welcome(store, qtbot, (800, 600), LARGEST_TEXT)
    grades = window.welcome.grades
    assert not grades.side_by_side()
    assert misfits(window) == []
    blocks = grades.blocks
    assert [block.x() for block in blocks] == [0, 0, 0]
    assert blocks[0].y() < blocks[1].y() < blocks[2].y()
    # The welcome is longer than the window: it scrolls, and Enter still continues.
    assert not window.welcome.continue_button.visibleRegion().boundingRect().height()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.home


def test_in_a_wide_window_the_kinds_stand_side_by_side(store: Store, qtbot: QtBot) -> None:
    window = _welcome(store, qtbot, (1200, 760), BASE_POINT_SIZE)
    grades = window.welcome.grades
    assert grades.side_by_side()
    assert misfits(window) == []
    blocks = grades.blocks
    assert blocks[0].y() == blocks[1].y() == blocks[2].y()
    assert blocks[0].x() < blocks[1].x() < blocks[2].x()
    assert window.welcome.continue_button.visibleRegion().boundingRect().height() > 0
