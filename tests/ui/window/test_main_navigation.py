"""Moving around the main window: sidebar, Ctrl+1–7, focus during practice, names, backups."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import (
    FakeClock,
    click_sidebar,
    open_window,
    unnamed_controls,
    with_next_dialog,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    return open_window(store, FakeClock(MORNING), qtbot)


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key, ctrl: bool = True) -> None:
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window.focusWidget() or window, key, modifier)


def test_each_screen_opens_with_its_shortcut_and_is_marked_in_the_sidebar(
    window: MainWindow, qtbot: QtBot
) -> None:
    keys = [getattr(Qt.Key, f"Key_{n}") for n in range(1, 8)]
    for page, key in reversed(list(zip(window.pages, keys, strict=True))):
        _press(qtbot, window, key)
        assert window.stack.currentWidget() is window.stack.page(page)
        assert window.sidebar.current == page
    # My trainees is a supervisor's (on a programme's server): Ctrl+8 does nothing here.
    _press(qtbot, window, Qt.Key.Key_8)
    assert window.stack.currentWidget() is window.stack.page(Page.HOME)
    assert Page.TRAINEES not in window.stack.built


def test_the_sidebar_and_the_go_menu_offer_the_same_pages_in_the_same_order(
    window: MainWindow,
) -> None:
    titles = [
        "Today",
        "Cards",
        "Statistics",
        "Journal",
        "After a hard session",
        "Goals",
        "Settings",
    ]
    screens = window.sidebar.list
    assert [screens.item(row).text() for row in range(screens.count())] == titles
    assert [action.text() for action in window.menus.pages.values()] == titles
    assert [action.shortcut().toString() for action in window.menus.pages.values()] == [
        f"Ctrl+{n}" for n in range(1, 8)
    ]


def test_a_page_is_built_when_first_opened_and_kept_after(window: MainWindow) -> None:
    assert set(window.stack.built) == {Page.HOME}
    window.go(Page.STATISTICS)
    statistics = window.stack.currentWidget()
    assert set(window.stack.built) == {Page.HOME, Page.STATISTICS}
    window.go(Page.HOME)
    window.go(Page.STATISTICS)
    assert window.stack.currentWidget() is statistics


def test_a_sidebar_click_opens_its_screen(window: MainWindow, qtbot: QtBot) -> None:
    click_sidebar(qtbot, window, Page.JOURNAL)
    assert window.stack.currentWidget() is window.stack.journal


def test_a_screen_chosen_in_the_sidebar_takes_its_keys_and_what_is_typed(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    click_sidebar(qtbot, window, Page.JOURNAL)
    journal_screen = window.stack.journal
    focused = window.focusWidget()
    assert focused is not None
    assert journal_screen.isAncestorOf(focused)  # the focus moved into the screen
    window.sidebar.list.setFocus()  # and even with the sidebar focused,
    _press(qtbot, window, Qt.Key.Key_N)  # the screen's own Ctrl+N
    assert journal_screen.editor.hasFocus()
    qtbot.keyClicks(journal_screen.editor, "Set a limit")
    assert journal_screen.editor.toPlainText() == "Set a limit"
    assert window.stack.currentWidget() is journal_screen


def test_letters_typed_in_the_sidebar_never_switch_screens(
    window: MainWindow, qtbot: QtBot
) -> None:
    click_sidebar(qtbot, window, Page.JOURNAL)
    window.sidebar.list.setFocus()
    qtbot.keyClicks(window.sidebar.list, "settings")
    assert window.stack.currentWidget() is window.stack.journal


def test_the_practice_hides_the_sidebar_and_ignores_screen_shortcuts(
    window: MainWindow, qtbot: QtBot
) -> None:
    _press(qtbot, window, Qt.Key.Key_Return, ctrl=False)
    assert window.stack.currentWidget() is window.practice_view
    assert not window.sidebar.isVisible()
    _press(qtbot, window, Qt.Key.Key_2)
    assert window.stack.currentWidget() is window.practice_view
    _press(qtbot, window, Qt.Key.Key_Escape, ctrl=False)
    assert window.stack.currentWidget() is window.summary
    assert window.sidebar.isVisible()
    _press(qtbot, window, Qt.Key.Key_3)
    assert window.stack.currentWidget() is window.stack.statistics


def test_every_control_on_every_screen_has_a_name(window: MainWindow) -> None:
    for page in window.pages:
        window.go(page)
    assert unnamed_controls(window) == []


def test_backups_open_from_the_file_menu(window: MainWindow) -> None:
    assert window.menus.backups.isVisible()
    seen: list[str] = []
    with_next_dialog(lambda dialog: seen.append(dialog.windowTitle()))
    window.menus.backups.trigger()
    assert seen == ["Backups"]


def test_the_supervision_report_opens_from_the_file_menu(window: MainWindow) -> None:
    from imperfect_trainer.ui.supervision.report_dialog import ReportDialog

    seen: list[object] = []
    with_next_dialog(seen.append)
    window.menus.report.trigger()
    assert len(seen) == 1
    assert isinstance(seen[0], ReportDialog)


def test_settings_hold_the_backups_panel(window: MainWindow) -> None:
    from imperfect_trainer.ui.settings.backups_dialog import BackupsPanel

    window.go(Page.SETTINGS)
    assert isinstance(window.stack.settings.backups, BackupsPanel)
    assert not isinstance(window.stack.settings.backups, QDialog)
