"""Helpers for driving the main window: a movable clock, a window fixture, modal dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.statistics.charts import Chart
from imperfect_trainer.ui.supervision.trainees_screen import TraineesScreen
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page


class ShownWarning(NamedTuple):
    """A warning the window showed (the ``warned`` fixture)."""

    title: str
    text: str


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def open_window(store: Store, clock: FakeClock, qtbot: QtBot, *, tray: bool = False) -> MainWindow:
    """The main window on the home screen, shown and active; ``tray``: the desktop has one."""
    store.set_setting("welcome_seen", True)
    window = MainWindow(store, clock=clock, tray_available=tray)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # Screen shortcuts belong to the active window, as on a desktop.
    with qtbot.waitActive(window):
        window.activateWindow()
    if Page.TRAINEES in window.pages:
        wait_for_trainees(qtbot, window.stack.trainees)
    return window


def wait_for_trainees(qtbot: QtBot, screen: TraineesScreen) -> None:
    """My trainees reads the server on a worker: until its look is shown."""
    qtbot.waitUntil(lambda: not screen.looks.looking, timeout=20_000)


def click_sidebar(qtbot: QtBot, window: MainWindow, page: Page) -> None:
    """Click a screen's name in the sidebar, as a person would."""
    screens = window.sidebar.list
    place = screens.visualItemRect(screens.item(int(page))).center()
    qtbot.mouseClick(screens.viewport(), Qt.MouseButton.LeftButton, pos=place)


def with_next_dialog(act: Callable[[QDialog], object]) -> None:
    """Act on the next modal dialog as soon as it opens (it runs its own event loop)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), f"expected a dialog, found {dialog!r}"
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)


Opened = TypeVar("Opened", bound=QDialog)


def in_a_dialog_from_the_cards_screen(
    window: MainWindow,
    card_id: str,
    button: str,
    kind: type[Opened],
    act: Callable[[Opened], object],
) -> None:
    """Select the card on the Cards screen, press ``button`` (``edit_button``, ``note_button``)
    as a person would, and act in the dialog it opens (closed after, if still open)."""
    browser = window.stack.browser
    browser.refresh(force=True)
    browser.select_card(card_id)

    def in_dialog(dialog: QDialog) -> None:
        assert isinstance(dialog, kind)
        act(dialog)

    with_next_dialog(in_dialog)
    getattr(browser, button).click()


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls a screen reader could not name: no accessible name and no text of their own."""
    kinds = (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        Chart,
    )
    # A combo box's pop-up list is named by its combo box; Qt's own parts carry "qt_" names.
    popups = {id(combo.view()) for combo in root.findChildren(QComboBox)}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or id(widget) in popups:
            continue
        if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing
