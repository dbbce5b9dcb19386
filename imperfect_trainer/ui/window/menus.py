"""The menu bar in one place: File (Backups, Supervision report, Quit), Edit (Undo), Go (one
entry per page the window offers: Ctrl+1–7, and Ctrl+8 for a supervisor's My trainees), a
menu for the screen shown (its commands with their keys, named after it) and Help (the
keyboard shortcuts, About). The window connects each action."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.window.pages import Page

PRACTICE_FIRST = N_("Finish the practice first: Esc ends it, and every answer is already saved")
OWN_REPORT = N_("Supervision &report…")
TRAINEE_REPORT = N_("Supervision &report on this trainee…")


@dataclass(slots=True)
class WindowMenus:
    backups: QAction
    report: QAction
    quit: QAction
    undo: QAction
    pages: dict[Page, QAction]
    screen: QMenu
    shortcuts: QAction
    about: QAction
    # What the screen menu lists, asked for each time it opens (the state may have changed).
    screen_contents: Callable[[], tuple[Sequence[QAction], Sequence[QMenu]]] | None = field(
        default=None
    )

    def enable_pages(self, enabled: bool) -> None:
        for page, action in self.pages.items():
            action.setEnabled(enabled)
            action.setToolTip(f"{page.title} ({page.shortcut})" if enabled else _(PRACTICE_FIRST))

    def show_screen_menu(
        self,
        title: str | None,
        contents: Callable[[], tuple[Sequence[QAction], Sequence[QMenu]]] | None,
    ) -> None:
        """Name the screen menu after the screen shown, or hide it (a screen with no commands)."""
        self.screen_contents = contents
        self.screen.setTitle(title or "")
        self.screen.menuAction().setVisible(contents is not None)

    def fill_screen_menu(self) -> None:
        self.screen.clear()
        if self.screen_contents is None:
            return
        commands, submenus = self.screen_contents()
        for command in commands:
            self.screen.addAction(command)
        if submenus:
            self.screen.addSeparator()
        for submenu in submenus:
            self.screen.addMenu(submenu)


def build_menus(window: QMainWindow, offered: Iterable[Page]) -> WindowMenus:
    """The menu bar; Go lists the pages ``offered`` (those of this window, in order)."""
    bar = window.menuBar()
    file_menu = bar.addMenu(_("&File"))
    backups = QAction(_("&Backups…"), window)
    report = QAction(_(OWN_REPORT), window)
    quit_action = _everywhere(window, _("&Quit"), QKeySequence.StandardKey.Quit, "Ctrl+Q")
    file_menu.addAction(backups)
    file_menu.addAction(report)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)
    undo = _everywhere(window, _("&Undo"), QKeySequence.StandardKey.Undo)
    bar.addMenu(_("&Edit")).addAction(undo)
    go_menu = bar.addMenu(_("&Go"))
    go_menu.setToolTipsVisible(True)
    pages: dict[Page, QAction] = {}
    for page in offered:
        action = QAction(page.title, window)
        action.setShortcut(QKeySequence(page.shortcut))
        action.setToolTip(f"{page.title} ({page.shortcut})")
        go_menu.addAction(action)
        window.addAction(action)
        pages[page] = action
    screen = bar.addMenu("")
    screen.setToolTipsVisible(True)
    screen.menuAction().setVisible(False)
    help_menu = bar.addMenu(_("&Help"))
    shortcuts = _everywhere(
        window, _("&Keyboard shortcuts"), QKeySequence.StandardKey.HelpContents, "F1"
    )
    about = QAction(_("&About Imperfect Trainer"), window)
    help_menu.addAction(shortcuts)
    help_menu.addAction(about)
    menus = WindowMenus(backups, report, quit_action, undo, pages, screen, shortcuts, about)
    screen.aboutToShow.connect(lambda: menus.fill_screen_menu())
    return menus


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
