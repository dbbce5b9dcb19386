"""Preferences: defaults, ranges, and persistence across a restart."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.settings_registry import SettingValueError
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def test_defaults_apply_until_something_is_saved(store: Store) -> None:
    assert preferences.number(store, "session_seconds") == 300
    assert preferences.number(store, "font_size") == preferences.BASE_FONT_SIZE
    assert preferences.theme(store) == "system"
    assert not preferences.reminder_enabled(store)
    assert preferences.reminder_time(store) == preferences.DEFAULT_REMINDER_TIME


def test_numbers_are_kept_inside_their_range(store: Store) -> None:
    assert preferences.set_number(store, "new_cards_per_day", 500) == 50
    assert preferences.set_number(store, "rollover_hour", -3) == 0


def test_a_value_no_setting_may_take_is_refused(store: Store) -> None:
    with pytest.raises(SettingValueError, match="font_size must be a whole number"):
        store.set_setting("font_size", "huge")
    assert preferences.number(store, "font_size") == preferences.BASE_FONT_SIZE


def test_a_hand_edited_value_gives_way_to_the_default(data_dir: Path) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        preferences.set_number(store, "rollover_hour", 6)
    with sqlite3.connect(data_dir / "collection.sqlite3") as raw:
        raw.execute("UPDATE settings SET value = '\"abc\"' WHERE key = 'rollover_hour'")
        raw.execute("INSERT INTO settings VALUES ('session_seconds', '1e999')")
    raw.close()
    with Store.open(data_dir, now=MORNING) as reopened:
        assert reopened.settings.rollover_hour == 4
        assert preferences.number(reopened, "session_seconds") == 300
        assert not reopened.check().healthy


def test_preferences_persist_across_a_restart(data_dir: Path) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        preferences.set_number(store, "session_seconds", 600)
        preferences.set_theme(store, "dark")
        preferences.set_reminder(store, True, dt.time(20, 15))
    with Store.open(data_dir, now=MORNING) as reopened:
        assert preferences.number(reopened, "session_seconds") == 600
        assert preferences.theme(reopened) == "dark"
        assert preferences.reminder_enabled(reopened)
        assert preferences.reminder_time(reopened) == dt.time(20, 15)
