"""Settings: "remind me even when the app is closed" writes the entry that starts the app at
login, unticking it (or the reminder) takes the entry away, and a failure changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.autostart import autostart_path
from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.settings.settings_screen import SettingsScreen
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, ShownWarning, open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return autostart_path()


def _settings(store: Store, qtbot: QtBot) -> SettingsScreen:
    window = open_window(store, FakeClock(MORNING), qtbot, tray=True)
    window.go(Page.SETTINGS)
    return window.stack.settings


def test_the_start_at_login_is_off_by_default_and_waits_for_the_reminder(
    store: Store, qtbot: QtBot, entry: Path
) -> None:
    screen = _settings(store, qtbot)

    assert not screen.at_login.isChecked()
    assert not screen.at_login.isEnabled()  # nothing to wait for until the reminder is on
    screen.reminder_on.click()
    assert screen.at_login.isEnabled()
    assert not entry.exists()


def test_ticking_it_writes_the_entry_and_unticking_takes_it_away(
    store: Store, qtbot: QtBot, entry: Path
) -> None:
    preferences.set_reminder(store, True, dt.time(19, 0))
    screen = _settings(store, qtbot)

    screen.at_login.click()
    assert "--background" in entry.read_text("utf-8")
    assert preferences.reminder_at_login(store)
    screen.at_login.click()
    assert not entry.exists()
    assert not preferences.reminder_at_login(store)


def test_switching_the_reminder_off_takes_the_start_at_login_away_too(
    store: Store, qtbot: QtBot, entry: Path
) -> None:
    preferences.set_reminder(store, True, dt.time(19, 0))
    screen = _settings(store, qtbot)
    screen.at_login.click()
    assert entry.exists()

    screen.reminder_on.click()

    assert not entry.exists()
    assert not screen.at_login.isChecked()
    assert not preferences.reminder_at_login(store)


def test_an_entry_that_cannot_be_written_is_said_and_nothing_changes(
    store: Store,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warned: list[ShownWarning],
) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be", "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    preferences.set_reminder(store, True, dt.time(19, 0))
    screen = _settings(store, qtbot)

    screen.at_login.click()

    assert [warning.title for warning in warned] == ["The reminder at login was not changed"]
    assert "autostart" in warned[0].text
    assert not screen.at_login.isChecked()
    assert not preferences.reminder_at_login(store)
