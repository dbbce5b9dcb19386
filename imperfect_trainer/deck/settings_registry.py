"""Every setting the app keeps, in one place: its key, kind, allowed values and default.

The store reads settings through this registry (a hand-edited or outdated value falls back to
its default, so the window can never be stuck on a bad one), the Settings screen takes its
ranges from it, and every import checks the values it brings against it before anything is
written. Values are stored as JSON text in the ``settings`` table.

Each setting is a typed key: ``SESSION_SECONDS.of(store)`` is an ``int``, read as the store
keeps it (already checked here, or the default), with no ``int(...)`` at the caller.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from imperfect_trainer.deck.srs import scheduling

THEMES = ("system", "light", "dark")
# The window's language: the system's (its locale), or one the app has a catalogue for.
LANGUAGES = ("system", "en", "de")
BASE_FONT_SIZE = 11  # matches ui/theme.BASE_POINT_SIZE; deck/ cannot import Qt code
DECK_FINGERPRINT = "_builtin_deck_fingerprint"
_HOUR_MINUTE = re.compile(r"^\d{2}:\d{2}$")
_LONGEST_TEXT = 10_000
T = TypeVar("T")


class SettingValueError(ValueError):
    """A value a setting cannot take; the message says what it must be."""


class SettingsSource(Protocol):
    """What keeps the settings' values (the store), each one read through this registry."""

    def setting(self, key: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    key: str
    default: T
    # Returns the value as it is kept, or raises SettingValueError saying what it must be.
    check: Callable[[Any], T]

    def of(self, settings: SettingsSource) -> T:
        """This setting's value in ``settings``: one ``check`` allowed, or the default."""
        value: T = settings.setting(self.key)
        return value


@dataclass(frozen=True, slots=True)
class Range:
    """A whole number between ``lowest`` and ``highest``."""

    default: int
    lowest: int
    highest: int

    def check(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingValueError(f"must be a whole number, not {value!r}")
        if not self.lowest <= value <= self.highest:
            raise SettingValueError(f"must be from {self.lowest} to {self.highest}, not {value}")
        return value

    def clamp(self, value: Any) -> int:
        """The nearest allowed number (the default for something that is not a number)."""
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            return self.default
        return min(self.highest, max(self.lowest, number))


NUMBERS = {
    "session_seconds": Range(scheduling.DEFAULT_SESSION_SECONDS, 60, 30 * 60),
    "new_cards_per_day": Range(scheduling.DEFAULT_NEW_CARDS_PER_DAY, 0, 50),
    "rollover_hour": Range(scheduling.DEFAULT_ROLLOVER_HOUR, 0, 12),
    "reflections_per_practice": Range(scheduling.DEFAULT_REFLECTIONS_PER_PRACTICE, 1, 5),
    "font_size": Range(BASE_FONT_SIZE, 9, 20),
}
DEFAULT_REMINDER_TIME = dt.time(19, 0)
DEFAULT_REPORT_FOOTER = "Confidential — for supervision"


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise SettingValueError(f"must be true or false, not {value!r}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or len(value) > _LONGEST_TEXT:
        raise SettingValueError("must be text")
    return value


def _theme(value: Any) -> str:
    if value not in THEMES:
        raise SettingValueError(f"must be one of {', '.join(THEMES)}, not {value!r}")
    return str(value)


def _language(value: Any) -> str:
    if value not in LANGUAGES:
        raise SettingValueError(f"must be one of {', '.join(LANGUAGES)}, not {value!r}")
    return str(value)


def _time_of_day(value: Any) -> str:
    if not isinstance(value, str) or not _HOUR_MINUTE.match(value):
        raise SettingValueError(f"must be a time like 19:00, not {value!r}")
    try:
        dt.time.fromisoformat(value)
    except ValueError:
        raise SettingValueError(f"must be a time like 19:00, not {value!r}") from None
    return value


def _day(value: Any) -> str:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise SettingValueError(f"must be a date like 2026-11-23, not {value!r}") from None
    return str(value)


def _names(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SettingValueError("must be a list of names")
    return value


def _number(key: str) -> Setting[int]:
    rule = NUMBERS[key]
    return Setting(key, rule.default, rule.check)


SESSION_SECONDS = _number("session_seconds")
NEW_CARDS_PER_DAY = _number("new_cards_per_day")
ROLLOVER_HOUR = _number("rollover_hour")
REFLECTIONS_PER_PRACTICE = _number("reflections_per_practice")
FONT_SIZE = _number("font_size")
THEME = Setting("theme", "system", _theme)
LANGUAGE = Setting("language", "system", _language)
REMINDER_ENABLED = Setting("reminder_enabled", False, _boolean)
REMINDER_TIME = Setting("reminder_time", f"{DEFAULT_REMINDER_TIME:%H:%M}", _time_of_day)
REMINDER_LAST_DAY: Setting[str | None] = Setting("reminder_last_day", None, _day)
# Started quietly at login (an XDG autostart entry), so the reminder comes with the app closed.
REMINDER_AT_LOGIN = Setting("reminder_at_login", False, _boolean)
WELCOME_SEEN = Setting("welcome_seen", False, _boolean)
WINDOW_GEOMETRY: Setting[str | None] = Setting("window_geometry", None, _text)
BROWSER_HIDDEN_COLUMNS: Setting[list[str]] = Setting("browser_hidden_columns", [], _names)
# The supervision report: the name on each page's header (none until the person gives it)
# and the line at each page's foot.
REPORT_NAME = Setting("report_name", "", _text)
REPORT_FOOTER = Setting("report_footer", DEFAULT_REPORT_FOOTER, _text)
BUILTIN_DECK_FINGERPRINT: Setting[str | None] = Setting(DECK_FINGERPRINT, None, _text)

SETTINGS: dict[str, Setting[Any]] = {
    setting.key: setting
    for setting in (
        SESSION_SECONDS,
        NEW_CARDS_PER_DAY,
        ROLLOVER_HOUR,
        REFLECTIONS_PER_PRACTICE,
        FONT_SIZE,
        THEME,
        LANGUAGE,
        REMINDER_ENABLED,
        REMINDER_TIME,
        REMINDER_LAST_DAY,
        REMINDER_AT_LOGIN,
        WELCOME_SEEN,
        WINDOW_GEOMETRY,
        BROWSER_HIDDEN_COLUMNS,
        REPORT_NAME,
        REPORT_FOOTER,
        BUILTIN_DECK_FINGERPRINT,
    )
}


def defaults() -> dict[str, Any]:
    return {key: setting.default for key, setting in SETTINGS.items()}


def checked(key: str, value: Any) -> Any:
    """``value`` as ``key`` keeps it, or ``SettingValueError`` naming the key."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise SettingValueError(f"{key}: is not a setting Imperfect Trainer knows")
    if value is None and setting.default is None:
        return None
    try:
        return setting.check(value)
    except SettingValueError as error:
        raise SettingValueError(f"{key} {error}") from None


def read(key: str, value: Any) -> Any:
    """A stored value as the app uses it: a bad or outdated one gives way to the default."""
    try:
        return checked(key, value)
    except SettingValueError:
        return SETTINGS[key].default if key in SETTINGS else value
