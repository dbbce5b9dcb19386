"""The menu bar in one place: File (Backups, Supervision report, Quit), Edit (Undo) and Go (one
entry per page, Ctrl+1–7). The window connects each action to what it does."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from imperfect_trainer.ui.pages import Page


@dataclass(frozen=True, slots=True)
class WindowMenus:
    backups: QAction
    report: QAction
    quit: QAction
    undo: QAction
    pages: dict[Page, QAction]

    def enable_pages(self, enabled: bool) -> None:
        for action in self.pages.values():
            action.setEnabled(enabled)


def build_menus(window: QMainWindow) -> WindowMenus:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    backups = QAction("&Backups…", window)
    report = QAction("Supervision &report…", window)
    quit_action = _everywhere(window, "&Quit", QKeySequence.StandardKey.Quit, "Ctrl+Q")
    file_menu.addAction(backups)
    file_menu.addAction(report)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)
    undo = _everywhere(window, "&Undo", QKeySequence.StandardKey.Undo)
    bar.addMenu("&Edit").addAction(undo)
    go_menu = bar.addMenu("&Go")
    pages: dict[Page, QAction] = {}
    for page in Page:
        action = QAction(page.title, window)
        action.setShortcut(QKeySequence(page.shortcut))
        go_menu.addAction(action)
        window.addAction(action)
        pages[page] = action
    return WindowMenus(backups, report, quit_action, undo, pages)


def _everywhere(
    window: QMainWindow, text: str, standard: QKeySequence.StandardKey, extra: str | None = None
) -> QAction:
    """An action whose keys work in every window of the app (dialogs included)."""
    action = QAction(text, window)
    keys = QKeySequence.keyBindings(standard)
    if extra and QKeySequence(extra) not in keys:
        keys.append(QKeySequence(extra))
    action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.addAction(action)
    return action
