"""Settings: every change applies at once, persists across a restart, and the reminder follows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.main_window import MainWindow
from imperfect_trainer.ui.pages import Page
from imperfect_trainer.ui.reminder_tray import ReminderScheduler
from imperfect_trainer.ui.theme import BASE_POINT_SIZE, colours
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _base_font() -> object:
    yield
    # Font size and theme are application-wide; later tests start from the defaults.
    from imperfect_trainer.ui.screen_style import apply_appearance

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
        assert reopened.rollover_hour == 5
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
