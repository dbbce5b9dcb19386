"""Settings: every change applies at once, persists across a restart, and the reminder follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime, QUrl
from PySide6.QtGui import QAccessible, QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QSpinBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.choices import WrappedChoice
from imperfect_trainer.ui.common.theme import BASE_POINT_SIZE, colours
from imperfect_trainer.ui.settings.settings_screen import NO_TRAY_TIP
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from imperfect_trainer.ui.window.reminder_tray import ReminderScheduler
from tests.support.moments import MORNING
from tests.support.text_fit import misfits
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _base_font() -> object:
    yield
    # Font size and theme are application-wide; later tests start from the defaults.
    from imperfect_trainer.ui.common.screen_style import apply_appearance

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_appearance(app, "system", BASE_POINT_SIZE)


def test_changes_apply_at_once_and_survive_a_restart(data_dir: Path, qtbot: QtBot) -> None:
    clock = FakeClock(MORNING)
    with Store.open(data_dir, now=MORNING) as store:
        window = open_window(store, clock, qtbot)
        window.go(Page.SETTINGS)
        screen = window.stack.settings
        screen.minutes.setValue(8)
        screen.new_cards.setValue(3)
        assert (screen.reflections.minimum(), screen.reflections.maximum()) == (1, 5)
        assert screen.reflections.value() == 1  # one reflection a practice, unless asked
        screen.reflections.setValue(2)
        screen.rollover.setValue(5)
        screen.theme.setCurrentIndex(screen.theme.findData("dark"))
        screen.font_size.setValue(14)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        assert app.font().pointSize() == 14
        assert app.palette().window().color().name() == colours("dark")["window"]
        assert window.context.scheme == "dark"
        window.close()

    with Store.open(data_dir, now=MORNING) as reopened:
        assert preferences.number(reopened, "session_seconds") == 480
        assert preferences.number(reopened, "new_cards_per_day") == 3
        assert preferences.number(reopened, "reflections_per_practice") == 2
        assert reopened.settings.rollover_hour == 5
        again = open_window(reopened, clock, qtbot)
        again.go(Page.SETTINGS)
        shown = again.stack.settings
        assert (shown.minutes.value(), shown.new_cards.value(), shown.rollover.value()) == (
            8,
            3,
            5,
        )
        assert shown.reflections.value() == 2
        assert shown.theme.currentData() == "dark"
        assert shown.font_size.value() == 14
        again.close()


def test_without_a_tray_settings_say_so_once_and_the_reminder_is_off(
    store: Store, qtbot: QtBot
) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot, tray=False)
    window.go(Page.SETTINGS)
    assert window.stack.settings.no_tray.isVisible()
    assert not window.stack.settings.reminder_on.isEnabled()
    assert window.tray.icon is None
    assert not window.tray.active


def test_the_reminder_setting_is_saved_and_switches_the_tray_on(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot, tray=True)
    window.go(Page.SETTINGS)
    screen = window.stack.settings
    assert not screen.no_tray.isVisible()
    screen.reminder_time.setTime(QTime(20, 30))
    screen.reminder_on.click()
    assert preferences.reminder_enabled(store)
    assert preferences.reminder_time(store) == dt.time(20, 30)
    assert window.tray.active
    screen.reminder_on.click()
    assert not window.tray.active


def test_a_click_on_the_reminder_opens_the_practice(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot, tray=True)
    window.go(Page.STATISTICS)
    window.tray.practice_requested.emit()
    assert window.stack.currentWidget() is window.practice_view


def test_the_scheduler_reminds_once_on_a_day_not_practised(store: Store, qtbot: QtBot) -> None:
    preferences.set_reminder(store, True, dt.time(19, 0))
    clock = FakeClock(MORNING)
    scheduler = ReminderScheduler(store, clock)
    with qtbot.assertNotEmitted(scheduler.due):
        assert not scheduler.check()
    clock.now = MORNING.replace(hour=19, minute=1)
    with qtbot.waitSignal(scheduler.due, timeout=1000):
        assert scheduler.check()
    clock.advance(60)
    with qtbot.assertNotEmitted(scheduler.due):
        assert not scheduler.check()


def test_open_folder_opens_the_data_folder(
    store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    window: MainWindow = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.SETTINGS)
    window.stack.settings.open_button.click()
    assert [url.toLocalFile() for url in opened] == [str(store.data_dir)]


def test_with_the_reminder_on_closing_keeps_it_in_the_tray_and_quit_ends(
    store: Store, qtbot: QtBot
) -> None:
    preferences.set_reminder(store, True, dt.time(19, 0))
    window = open_window(store, FakeClock(MORNING), qtbot, tray=True)
    assert window.tray.active
    window.close()
    assert not window.isVisible()
    assert window.tray.active  # still there for this evening's reminder
    window.tray.open_requested.emit()
    assert window.isVisible()
    assert window.stack.currentWidget() is window.home
    window.quit()
    assert not window.isVisible()


def _type_into(qtbot: QtBot, spin: QSpinBox, typed: str) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), typed)


def test_a_practice_of_60_minutes_becomes_the_longest_allowed_and_says_so(
    store: Store, qtbot: QtBot, announced: list[str]
) -> None:
    """Not 6, silently: the box takes both digits, then keeps the number inside its range."""
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.SETTINGS)
    screen = window.stack.settings
    assert screen.minutes.toolTip() == "A practice lasts 1 to 30 minutes"
    _type_into(qtbot, screen.minutes, "60")
    assert preferences.number(store, "session_seconds") == 300  # nothing saved mid-typing
    qtbot.keyClick(screen.minutes.lineEdit(), Qt.Key.Key_Return)
    said = "A practice lasts 1 to 30 minutes: 60 min became 30 min."
    assert screen.minutes.value() == 30
    assert preferences.number(store, "session_seconds") == 30 * 60
    assert screen.notes[screen.minutes].isVisible()
    assert screen.notes[screen.minutes].text() == said
    assert announced == [said]
    _type_into(qtbot, screen.minutes, "0")
    qtbot.keyClick(screen.minutes.lineEdit(), Qt.Key.Key_Tab)  # leaving the box ends the typing
    assert screen.minutes.value() == 1
    assert (
        screen.notes[screen.minutes].text()
        == "A practice lasts 1 to 30 minutes: 0 min became 1 min."
    )
    assert preferences.number(store, "session_seconds") == 60
    # Said just below the box it was typed in, above the next setting.
    note = screen.notes[screen.minutes]
    QApplication.processEvents()
    assert screen.minutes.geometry().bottom() < note.geometry().top()
    assert note.geometry().bottom() < screen.new_cards.geometry().top()
    _type_into(qtbot, screen.minutes, "12")
    qtbot.keyClick(screen.minutes.lineEdit(), Qt.Key.Key_Return)
    assert preferences.number(store, "session_seconds") == 12 * 60
    window.go(Page.HOME)
    window.go(Page.SETTINGS)
    assert not screen.notes[screen.minutes].isVisible()  # an old note is not shown again


def test_the_text_size_typed_past_its_range_is_said_beside_it(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.SETTINGS)
    screen = window.stack.settings
    _type_into(qtbot, screen.font_size, "48")
    qtbot.keyClick(screen.font_size.lineEdit(), Qt.Key.Key_Return)
    assert preferences.number(store, "font_size") == 20
    assert screen.notes[screen.font_size].text() == (
        "Text size can be 9 to 20 pt: 48 pt became 20 pt."
    )
    assert screen.notes[screen.font_size].isVisible()
    assert not screen.notes[screen.minutes].isVisible()


def test_without_a_tray_the_reminder_says_why_it_is_unavailable(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot, tray=False)
    window.go(Page.SETTINGS)
    screen = window.stack.settings
    for control in (screen.reminder_on, screen.reminder_time):
        assert not control.isEnabled()
        assert control.toolTip() == NO_TRAY_TIP
        reader = QAccessible.queryAccessibleInterface(control)
        assert reader is not None
        assert reader.text(QAccessible.Text.Description) == NO_TRAY_TIP
    # The tick's words wrap beside it, and the time has a row of its own below them.
    words = screen.reminder_on.parentWidget()
    assert isinstance(words, WrappedChoice)
    assert words.words.wordWrap()
    tick_bottom = words.mapTo(screen, words.rect().bottomLeft()).y()
    assert screen.reminder_time.mapTo(screen, screen.reminder_time.rect().topLeft()).y() > (
        tick_bottom
    )


def test_a_long_data_folder_wraps_at_its_folders_in_a_small_window(
    tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path.joinpath(*["a-folder-with-a-long-name"] * 6, "data")
    with Store.open(folder, now=MORNING) as store:
        store.set_setting("font_size", preferences.NUMBERS["font_size"].highest)
        window = open_window(store, FakeClock(MORNING), qtbot)
        window.resize(800, 600)
        qtbot.waitUntil(lambda: window.width() == 800)
        window.go(Page.SETTINGS)
        screen = window.stack.settings
        assert screen.folder.text() == str(folder).replace("/", "/\u200b")
        scroll = screen.findChild(QScrollArea)
        assert scroll is not None
        scroll.ensureWidgetVisible(screen.folder)
        QApplication.processEvents()
        assert misfits(window) == []
        metrics = screen.folder.fontMetrics()
        assert screen.folder.height() >= 2 * metrics.lineSpacing()  # it wrapped
        window.close()


def test_in_a_narrow_window_each_number_goes_under_its_words(store: Store, qtbot: QtBot) -> None:
    store.set_setting("font_size", preferences.NUMBERS["font_size"].highest)
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.SETTINGS)
    screen = window.stack.settings
    words = next(
        found for found in screen.findChildren(QLabel) if found.text() == "Length of a practice"
    )
    for size, under in (((1200, 760), False), ((640, 480), True)):
        window.resize(*size)
        QApplication.processEvents()
        assert (window.width(), window.height()) == size
        assert (screen.minutes.geometry().top() > words.geometry().bottom()) is under
        assert (screen.minutes.geometry().left() == words.geometry().left()) is under
