"""The window by keyboard alone: Tab through every screen and out of tables, Enter on a focused
button, every command on a key written in its tooltip, its screen's menu and the Help list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import browser, journal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.cards import card_table
from imperfect_trainer.ui.cards.history_dialog import HistoryDialog
from imperfect_trainer.ui.common.commands import Command, HasCommands, words_of
from imperfect_trainer.ui.window.help_dialogs import SHORTCUTS, AboutDialog, ShortcutsDialog
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window, with_next_dialog

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    return open_window(store, FakeClock(MORNING), qtbot)


def _focus(window: MainWindow) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    return focused


def _tab(qtbot: QtBot, window: MainWindow, backwards: bool = False) -> QWidget:
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    qtbot.keyClick(_focus(window), key, Qt.KeyboardModifier.ShiftModifier if backwards else NONE)
    return _focus(window)


def test_tab_leaves_the_cards_table_and_shift_tab_comes_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.go(Page.BROWSER)
    table = window.stack.browser.table
    table.setFocus()
    table.selectRow(0)
    after = _tab(qtbot, window)
    assert after is not table
    assert after.isVisible()
    assert _tab(qtbot, window, backwards=True) is table


def test_every_action_on_cards_is_reachable_by_tab(window: MainWindow, qtbot: QtBot) -> None:
    window.go(Page.BROWSER)
    screen = window.stack.browser
    screen.table.setFocus()
    screen.select_card(screen.cards.card_id(0))
    assert screen.selected_rows()
    reached = {_tab(qtbot, window).accessibleName() for _ in range(30)}
    for control in (
        screen.note_button,
        screen.suspend_button,
        screen.reset_button,
        screen.history_button,
        screen.add_button,
        screen.search,
    ):
        assert control.accessibleName() in reached


def test_enter_presses_the_focused_button(window: MainWindow, qtbot: QtBot) -> None:
    window.go(Page.BROWSER)
    opened: list[str] = []
    with_next_dialog(lambda dialog: opened.append(dialog.windowTitle()))
    window.stack.browser.add_button.setFocus()
    qtbot.keyClick(window.stack.browser.add_button, Qt.Key.Key_Return)
    assert opened == ["Add your own card"]


def _screens_with_commands(window: MainWindow) -> list[tuple[Page, HasCommands]]:
    found = []
    for page in window.pages:
        screen: object = window.stack.page(page)
        if isinstance(screen, HasCommands):
            found.append((page, screen))
    return found


def test_every_command_has_keys_in_its_tooltip_its_menu_and_the_help_list(
    window: MainWindow,
) -> None:
    listed = {where: {keys for _, keys in entries} for where, entries in SHORTCUTS}
    pages = _screens_with_commands(window)
    assert {page for page, _ in pages} == {
        Page.BROWSER,
        Page.STATISTICS,
        Page.JOURNAL,
        Page.DEBRIEF,
        Page.GOALS,
    }
    for page, screen in pages:
        window.go(page)
        window.menus.fill_screen_menu()
        in_menu = window.menus.screen.actions()
        assert words_of(window.menus.screen.title()) == page.title
        for command in screen.commands:
            assert isinstance(command, Command)
            keys = command.keys
            assert keys, command.text()
            assert command in in_menu
            assert command.toolTip() == (command.why_not or f"{command.about} ({keys})")
            assert keys in listed[page.title], (page.title, command.text())


def test_the_home_and_settings_screens_have_no_menu_of_their_own(window: MainWindow) -> None:
    assert not window.menus.screen.menuAction().isVisible()
    window.go(Page.SETTINGS)
    assert not window.menus.screen.menuAction().isVisible()
    window.go(Page.JOURNAL)
    assert window.menus.screen.menuAction().isVisible()


def test_card_commands_work_from_their_keys(window: MainWindow, store: Store, qtbot: QtBot) -> None:
    window.go(Page.BROWSER)
    screen = window.stack.browser
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, CTRL)
    assert screen.search.hasFocus()
    screen.table.setFocus()
    screen.select_card(screen.cards.card_id(0))
    card_id = screen.selected_rows()[0].id
    qtbot.keyClick(screen.table, Qt.Key.Key_J, CTRL)
    assert browser.reload_rows(store, [card_id])[card_id].suspended == 1
    assert screen.suspend_button.text() == "Unsuspend"
    seen: list[object] = []
    with_next_dialog(seen.append)
    qtbot.keyClick(screen.table, Qt.Key.Key_H, CTRL)
    assert len(seen) == 1
    assert isinstance(seen[0], HistoryDialog)


def test_the_columns_and_the_sort_are_in_the_cards_menu(window: MainWindow) -> None:
    window.go(Page.BROWSER)
    window.menus.fill_screen_menu()
    submenus = [
        menu for action in window.menus.screen.actions() if isinstance(menu := action.menu(), QMenu)
    ]
    assert [words_of(menu.title()) for menu in submenus] == ["Columns", "Sort by"]
    sort = submenus[1]
    by_ease = next(action for action in sort.actions() if action.text() == "Ease")
    by_ease.trigger()
    screen = window.stack.browser
    eases = [screen.cards.row(r).easiness for r in range(screen.cards.rowCount())]
    assert eases == sorted(eases)
    assert screen.table.horizontalHeader().sortIndicatorSection() == card_table.EASINESS


def test_f1_lists_every_key_and_help_offers_about(window: MainWindow, qtbot: QtBot) -> None:
    seen: list[QDialog] = []
    with_next_dialog(seen.append)
    qtbot.keyClick(_focus(window), Qt.Key.Key_F1)
    assert isinstance(seen[0], ShortcutsDialog)
    with_next_dialog(seen.append)
    window.menus.about.trigger()
    assert isinstance(seen[1], AboutDialog)
    texts = [label.text() for label in seen[1].findChildren(QLabel)]
    assert any("GNU General Public License, version 3 or later" in text for text in texts)


def test_the_sidebar_marks_only_the_screen_shown_and_its_arrows_move_between_screens(
    window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.keyClick(_focus(window), Qt.Key.Key_6, CTRL)
    assert window.sidebar.current == Page.GOALS
    selected = window.sidebar.list.selectedItems()
    assert [item.text() for item in selected] == ["Goals"]
    window.sidebar.list.setFocus()
    qtbot.keyClick(window.sidebar.list, Qt.Key.Key_Down)
    assert window.stack.currentWidget() is window.stack.settings
    assert window.sidebar.current == Page.SETTINGS
    assert window.sidebar.list.hasFocus()  # the focus stays where the person is


def test_tab_on_statistics_reaches_each_chart_with_the_focus_shown(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    window.go(Page.STATISTICS)
    screen = window.stack.statistics
    screen.periods.setFocus()
    reached = [_tab(qtbot, window) for _ in range(5)]
    assert reached[:5] == screen.all_charts
    chart = screen.forecast_chart
    assert chart.hasFocus() is False
    chart.setFocus()
    assert chart.visibleRegion().isEmpty() is False  # scrolled into view


def test_alt_3_and_alt_9_choose_the_period(window: MainWindow, qtbot: QtBot) -> None:
    window.go(Page.STATISTICS)
    screen = window.stack.statistics
    qtbot.keyClick(screen.periods, Qt.Key.Key_9, Qt.KeyboardModifier.AltModifier)
    assert screen.period_days == 90
    assert screen.periods.currentIndex() == 1
    qtbot.keyClick(screen.periods, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert screen.period_days == 30


def test_a_new_journal_entry_by_keyboard_keeps_the_cursor_in_the_text(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    window.go(Page.JOURNAL)
    screen = window.stack.journal
    qtbot.keyClick(_focus(window), Qt.Key.Key_N, CTRL)
    assert screen.editor.hasFocus()
    qtbot.keyClicks(screen.editor, "Supervision helped today")
    qtbot.keyClick(screen.editor, Qt.Key.Key_S, CTRL)
    assert [item.text for item in journal.entries(store)] == ["Supervision helped today"]
    assert screen.editor.hasFocus()
    assert screen.editor.textCursor().position() == len("Supervision helped today")
    assert screen.list.currentRow() == 0


def test_shortcut_keys_read_the_same_in_the_help_as_in_the_menus() -> None:
    """The help's words for a key are Qt's own (what a menu shows beside an entry)."""
    listed = {keys for _, entries in SHORTCUTS for _, keys in entries}
    for key in ("Ctrl+Shift+R", "Ctrl+J", "Ctrl+Return", "Del"):
        assert QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) in listed
