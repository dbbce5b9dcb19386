"""The person's preferences: their keys in the settings table, defaults and allowed ranges.

``Store.setting`` returns None for a key never saved; ``preference`` fills in the default and
keeps a hand-edited or outdated value inside its range, so the window never has to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from imperfect_trainer.deck import scheduling
from imperfect_trainer.deck.store import Store

THEMES = ("system", "light", "dark")
BASE_FONT_SIZE = 11  # matches ui/theme.BASE_POINT_SIZE; deck/ cannot import Qt code


@dataclass(frozen=True, slots=True)
class Range:
    default: int
    lowest: int
    highest: int

    def clamp(self, value: Any) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            return self.default
        return min(self.highest, max(self.lowest, number))


NUMBERS = {
    "session_seconds": Range(scheduling.DEFAULT_SESSION_SECONDS, 60, 30 * 60),
    "new_cards_per_day": Range(scheduling.DEFAULT_NEW_CARDS_PER_DAY, 0, 50),
    "rollover_hour": Range(scheduling.DEFAULT_ROLLOVER_HOUR, 0, 12),
    "font_size": Range(BASE_FONT_SIZE, 9, 20),
}
DEFAULT_REMINDER_TIME = dt.time(19, 0)


def number(store: Store, key: str) -> int:
    return NUMBERS[key].clamp(store.setting(key))


def set_number(store: Store, key: str, value: int) -> int:
    """Save a number preference, kept inside its range; returns what was saved."""
    saved = NUMBERS[key].clamp(value)
    store.set_setting(key, saved)
    return saved


def theme(store: Store) -> str:
    value = store.setting("theme")
    return value if value in THEMES else "system"


def set_theme(store: Store, scheme: str) -> None:
    if scheme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}")
    store.set_setting("theme", scheme)


def reminder_enabled(store: Store) -> bool:
    return store.setting("reminder_enabled") is True


def reminder_time(store: Store) -> dt.time:
    value = store.setting("reminder_time")
    try:
        return dt.time.fromisoformat(value) if isinstance(value, str) else DEFAULT_REMINDER_TIME
    except ValueError:
        return DEFAULT_REMINDER_TIME


def set_reminder(store: Store, enabled: bool, at: dt.time) -> None:
    store.set_setting("reminder_enabled", enabled)
    store.set_setting("reminder_time", at.strftime("%H:%M"))
