"""The person's settings: kept across reopening, read again when another hand saved them, and
the practice day turning at the hour they chose."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def test_settings_persist_across_reopening(data_dir: Path) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        store.set_setting("new_cards_per_day", 3)
    with Store.open(data_dir, now=MORNING) as store:
        assert store.setting("new_cards_per_day") == 3
        assert store.todays_practice(MORNING).new_count == 3


def test_settings_saved_meanwhile_are_seen_once_read_again(data_dir: Path) -> None:
    with Store.open(data_dir, now=MORNING) as store, Store.open(data_dir, now=MORNING) as other:
        other.set_setting("session_seconds", 420)
        assert store.setting("session_seconds") != 420
        store.settings.reload()
        assert store.setting("session_seconds") == 420


def test_the_practice_day_turns_at_the_hour_the_person_chose(store: Store) -> None:
    small_hours = dt.datetime.combine(MORNING.date(), dt.time(3, 30), MORNING.tzinfo)
    store.set_setting("rollover_hour", 0)
    assert store.settings.practice_day(small_hours) == small_hours.date()
    store.set_setting("rollover_hour", 4)
    assert store.settings.practice_day(small_hours) == small_hours.date() - dt.timedelta(days=1)
