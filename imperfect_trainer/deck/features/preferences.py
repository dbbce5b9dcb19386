"""The person's preferences, read and saved in the words the Settings screen uses.

The keys, defaults and allowed values live in ``settings_registry``; the store already gives a
bad stored value's default, so these functions only add the screen's conveniences (a number
kept inside its range, a time as ``datetime.time``).
"""

from __future__ import annotations

import datetime as dt

from imperfect_trainer.deck.settings_registry import (
    BASE_FONT_SIZE,
    DEFAULT_REMINDER_TIME,
    LANGUAGE,
    LANGUAGES,
    NUMBERS,
    REMINDER_AT_LOGIN,
    REMINDER_ENABLED,
    REMINDER_TIME,
    THEME,
    THEMES,
    Range,
)
from imperfect_trainer.deck.store import Store

__all__ = ["BASE_FONT_SIZE", "DEFAULT_REMINDER_TIME", "LANGUAGES", "NUMBERS", "THEMES", "Range"]


def number(store: Store, key: str) -> int:
    return NUMBERS[key].clamp(store.setting(key))


def set_number(store: Store, key: str, value: int) -> int:
    """Save a number preference, kept inside its range; returns what was saved."""
    saved = NUMBERS[key].clamp(value)
    store.set_setting(key, saved)
    return saved


def theme(store: Store) -> str:
    return THEME.of(store)


def set_theme(store: Store, scheme: str) -> None:
    if scheme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}")
    store.set_setting(THEME.key, scheme)


def language(store: Store) -> str:
    return LANGUAGE.of(store)


def set_language(store: Store, choice: str) -> None:
    if choice not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    store.set_setting(LANGUAGE.key, choice)


def reminder_enabled(store: Store) -> bool:
    return REMINDER_ENABLED.of(store)


def reminder_time(store: Store) -> dt.time:
    return dt.time.fromisoformat(REMINDER_TIME.of(store))


def set_reminder(store: Store, enabled: bool, at: dt.time) -> None:
    store.set_setting(REMINDER_ENABLED.key, enabled)
    store.set_setting(REMINDER_TIME.key, at.strftime("%H:%M"))


def reminder_at_login(store: Store) -> bool:
    return REMINDER_AT_LOGIN.of(store)


def set_reminder_at_login(store: Store, at_login: bool) -> None:
    store.set_setting(REMINDER_AT_LOGIN.key, at_login)
