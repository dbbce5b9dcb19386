"""The window as a screen reader meets it, through Qt's accessibility interfaces (what AT-SPI
hands to Orca): roles, names, states, descriptions and announcements."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAccessible, QAccessibleInterface, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui

Role = QAccessible.Role


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    return open_window(store, FakeClock(MORNING), qtbot)


def _reader(widget: QWidget) -> QAccessibleInterface:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface


def _children(interface: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    for n in range(interface.childCount()):
        child = interface.child(n)
        if child is not None:
            yield child


def _everything(interface: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    for child in _children(interface):
        yield child
        yield from _everything(child)


def _name(interface: QAccessibleInterface) -> str:
    return interface.text(QAccessible.Text.Name)


def test_the_sidebar_reads_as_a_list_of_screens_with_the_one_shown_selected(
    window: MainWindow,
) -> None:
    screens = _reader(window.sidebar.list)
    assert (screens.role(), _name(screens)) == (Role.List, "Screens")
    items = list(_children(screens))
    assert [(item.role(), _name(item)) for item in items] == [
        (Role.ListItem, page.title) for page in window.pages
    ]
    assert [item.state().selected for item in items] == [page is Page.HOME for page in window.pages]
    window.go(Page.JOURNAL)
    items = list(_children(_reader(window.sidebar.list)))
    assert [item.state().selected for item in items] == [
        page is Page.JOURNAL for page in window.pages
    ]
    assert items[Page.JOURNAL].text(QAccessible.Text.Description) == "Shortcut Ctrl+4"
    # Never announced as check boxes ("Today, check box, not checked").
    roles = {part.role() for part in _everything(_reader(window.sidebar))}
    assert Role.CheckBox not in roles


def test_the_statistics_periods_read_as_tabs_and_the_charts_by_name_and_numbers(
    window: MainWindow, store: Store
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 4, now=MORNING, duration_ms=30_000)
    window.go(Page.STATISTICS)
    screen = window.stack.statistics
    periods = _reader(screen.periods)
    assert periods.role() == Role.PageTabList
    tabs = [tab for tab in _children(periods) if tab.role() == Role.PageTab]
    assert [(_name(tab), tab.state().selected) for tab in tabs] == [
        ("30 days", True),
        ("90 days", False),
    ]
    chart = _reader(screen.answers_chart)
    assert _name(chart) == "Answers per day"
    assert chart.text(QAccessible.Text.Description) == "1 answer in the last 30 days"
    assert chart.state().focusable


def test_no_control_is_a_check_box_unless_it_is_one(window: MainWindow) -> None:
    """Checkable push buttons read as check boxes: none is left on any screen."""
    for page in window.pages:
        window.go(page)
    from PySide6.QtWidgets import QPushButton

    checkable = [
        button.text() for button in window.findChildren(QPushButton) if button.isCheckable()
    ]
    assert checkable == []


def test_a_reset_in_cards_is_announced_with_its_undo(
    window: MainWindow, announced: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    window.go(Page.BROWSER)
    window.stack.browser.select_card(window.stack.browser.cards.card_id(0))
    window.stack.browser.screen_commands.reset.trigger()
    assert announced == ["One card starts fresh. Ctrl+Z undoes it."]


def test_an_unavailable_button_looks_unavailable(qtbot: QtBot) -> None:
    palette = QApplication.palette()
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        assert palette.color(QPalette.ColorGroup.Disabled, role) != palette.color(
            QPalette.ColorGroup.Active, role
        )
    shown = [widgets.button("Edit…"), widgets.button("Edit…")]
    shown[1].setEnabled(False)
    for button in shown:
        qtbot.addWidget(button)
        button.resize(120, 40)
    enabled, disabled = (button.grab().toImage() for button in shown)
    assert enabled != disabled


def test_an_unavailable_command_says_why_to_the_eye_and_to_a_screen_reader(
    window: MainWindow,
) -> None:
    window.go(Page.BROWSER)
    screen = window.stack.browser
    screen.select_card(screen.cards.card_id(0))  # a card that comes with the app
    edit = screen.edit_button
    assert not edit.isEnabled()
    assert "add a note instead (Ctrl+Shift+N)" in edit.toolTip()
    assert _reader(edit).text(QAccessible.Text.Description) == edit.toolTip()
    assert screen.note_button.isEnabled()
    assert screen.note_button.toolTip().endswith("(Ctrl+Shift+N)")


def test_the_go_menu_says_why_it_is_unavailable_during_a_practice(window: MainWindow) -> None:
    window.flow.start_practice()
    actions = list(window.menus.pages.values())
    assert not any(action.isEnabled() for action in actions)
    assert all("Esc ends it" in action.toolTip() for action in actions)
    window.flow.end_practice()
    assert all(action.isEnabled() for action in actions)


def test_the_practice_announces_the_front_and_then_the_back(
    window: MainWindow, announced: list[str]
) -> None:
    window.flow.start_practice()
    practice = window.flow.practice
    assert practice is not None
    assert practice.current is not None
    card = practice.current
    window.flow.reveal()
    assert announced[:2] == [card.front, card.back]


def test_the_grade_buttons_describe_when_the_card_comes_back(window: MainWindow) -> None:
    window.flow.start_practice()
    window.flow.reveal()
    descriptions = [
        _reader(button).text(QAccessible.Text.Description)
        for button in window.practice_view.grade_buttons
    ]
    assert all("day" in description for description in descriptions[3:])
